#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

namespace arbor::chaos {

struct ChaosOptions;

// A pre-failover hook that tells the test a recovery is under way: it touches a marker file, then runs
// @p then (shell, e.g. "sleep 6") so that the test can act while the recovery waits for it. With
// @p onlyFirst, a later recovery finds the marker and passes at once.
class MarkerHook
{
public:
    explicit MarkerHook(const QByteArray &then, bool onlyFirst = true);

    // Empty when the script is in place; else why not.
    QString error() const { return m_error; }
    // Sets PreFailoverProcesses of every node to this hook.
    void install(ChaosOptions &options) const;
    // The recovery reached the hook.
    bool reached() const;

private:
    QTemporaryDir m_dir;
    QString m_marker;
    QString m_script;
    QString m_error;
};

} // namespace arbor::chaos

#define VERIFY_HOOK(hook) QVERIFY2((hook).error().isEmpty(), qPrintable((hook).error()))
