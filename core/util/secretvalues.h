#pragma once

#include <QString>
#include <QStringList>

namespace arbor::core {

// Every password Arbor has read (credentials files, the environment, plaintext keys of an
// orchestrator config), known process-wide so that text that leaves the process from outside code
// (a hook's output, stored in the recovery's steps) can be redacted: each known value becomes
// <redacted>. Values shorter than kMinLength are not redacted (they would mangle ordinary words);
// Arbor's docs ask for real passwords anyway. Thread-safe.
class SecretValues
{
public:
    static constexpr qsizetype kMinLength = 3;

    static void remember(const QString &secret);
    static QString redact(QString text);
    static QStringList all();
    static void forgetAllForTests();
};

} // namespace arbor::core
