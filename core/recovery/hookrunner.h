#pragma once

#include "recovery/hookcontext.h"

#include <QString>
#include <QStringList>

namespace arbor::core {

// The outcome of one hook run, as recorded in the recovery's steps.
struct HookResult
{
    QString hookName; // "PreFailoverProcesses"
    QString line;     // as configured
    QStringList argv; // as run, placeholders substituted
    bool started = false;
    bool detached = false;
    bool timedOut = false;
    int exitCode = -1;
    QString output; // stdout and stderr merged, capped
    QString error;  // why it did not start or failed, one sentence
    qint64 durationMs = 0;

    bool ok() const { return started && (detached || (!timedOut && exitCode == 0)); }
};

// Runs hooks: argv without a shell, ORC_* and ARBOR_* in the environment, a timeout after which the
// hook's whole process group is killed, exit code and output captured. Blocking: call it from the
// recovery's worker thread, never from a GUI thread.
class HookRunner
{
public:
    static constexpr qsizetype kMaxOutput = 64 * 1024;

    static HookResult run(const QString &hookName, const QString &line, const HookContext &context, int timeoutSeconds);
    // Runs @p lines in order; with @p stopOnFailure the first failing synchronous hook stops the list
    // (PreFailover, PreGracefulTakeover). Detached hooks never fail the list.
    static QList<HookResult> runAll(const QString &hookName, const QStringList &lines, const HookContext &context,
                                    int timeoutSeconds, bool stopOnFailure);
};

} // namespace arbor::core
