#pragma once

#include "core/recovery/hookcontext.h"

#include <QString>
#include <QStringList>

namespace arbor::core {

// The outcome of one hook run, as recorded in the recovery's steps.
struct HookResult
{
    QString hookName; // "PreFailoverProcesses"
    QString line;     // as configured
    QStringList argv; // as run, placeholders substituted (shell form: shell, -c, script)
    bool started = false;
    bool detached = false;
    bool timedOut = false;
    int exitCode = -1;
    QString output; // stdout and stderr merged, capped, every known password replaced by <redacted>
    QString error;  // why it did not start or failed, one sentence
    qint64 durationMs = 0;
    int leftoversKilled = 0;  // processes still in the hook's process group after it exited
    QStringList escaped;      // "pid (name)" of descendants that left the group with setsid

    bool ok() const { return started && (detached || (!timedOut && exitCode == 0)); }
};

// Runs hooks (see HookCommand for the two forms, argv and shell) with a scrubbed environment
// (HookContext::scrubbed: none of Arbor's credentials) plus ORC_* and ARBOR_*, in a process group of
// their own. The timeout covers the whole group and detached hooks too: at the timeout the group is
// killed; when the hook exits and members of its group remain, they are killed as well (a hook's
// leftovers never outlive it, unless it is detached, which has the whole timeout). Descendants that
// escaped the group with setsid are found by a marker in their environment and named in the result
// and the log. Output is capped and redacted. Blocking: call it from the recovery's worker thread.
class HookRunner
{
public:
    static constexpr qsizetype kMaxOutput = 64 * 1024;

    static HookResult run(const QString &hookName, const QString &line, const HookContext &context, int timeoutSeconds,
                          const QString &shell = QStringLiteral("/bin/sh"));
    // Runs @p lines in order; with @p stopOnFailure the first failing synchronous hook stops the list
    // (PreFailover, PreGracefulTakeover). Detached hooks never fail the list.
    static QList<HookResult> runAll(const QString &hookName, const QStringList &lines, const HookContext &context,
                                    int timeoutSeconds, bool stopOnFailure, const QString &shell = QStringLiteral("/bin/sh"));
};

} // namespace arbor::core
