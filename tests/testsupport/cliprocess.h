#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace arbor::testsupport {

// One run of a command-line program as a user runs it: exit code and both outputs.
struct CliRun
{
    int code = -1;
    QString out;
    QString err;
};

// Runs @p program with @p arguments and @p environment; killed after a minute (code -1 then).
CliRun runCli(const QString &program, const QStringList &arguments,
              const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace arbor::testsupport
