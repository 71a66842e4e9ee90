#include "recovery/hookrunner.h"

#include "recovery/hookcommand.h"

#include <QElapsedTimer>
#include <QProcess>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

HookResult HookRunner::run(const QString &hookName, const QString &line, const HookContext &context, int timeoutSeconds)
{
    HookResult r;
    r.hookName = hookName;
    r.line = line;
    QElapsedTimer clock;
    clock.start();
    const Result<HookCommand> parsed = HookCommand::parse(line);
    if (!parsed.ok()) {
        r.error = parsed.error();
        return r;
    }
    r.argv = parsed->expand(context.placeholders());
    r.detached = parsed->detached();

    QProcess process;
    process.setProgram(r.argv.first());
    process.setArguments(r.argv.mid(1));
    process.setProcessEnvironment(context.environment());
    process.setStandardInputFile(QProcess::nullDevice());
    // Its own process group, so a timeout kills whatever the hook started too.
    process.setChildProcessModifier([] { ::setsid(); });

    if (r.detached) {
        process.setStandardOutputFile(QProcess::nullDevice());
        process.setStandardErrorFile(QProcess::nullDevice());
        qint64 pid = 0;
        r.started = process.startDetached(&pid);
        if (!r.started)
            r.error = u"%1: could not start \"%2\": %3."_s.arg(hookName, r.argv.first(), process.errorString());
        r.durationMs = clock.elapsed();
        return r;
    }

    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start();
    if (!process.waitForStarted(5000)) {
        r.error = u"%1: could not start \"%2\": %3; check the path and that it is executable."_s.arg(
            hookName, r.argv.first(), process.errorString());
        r.durationMs = clock.elapsed();
        return r;
    }
    r.started = true;
    QByteArray output;
    const qint64 deadline = qint64(timeoutSeconds) * 1000;
    while (process.state() != QProcess::NotRunning) {
        const qint64 left = deadline - clock.elapsed();
        if (left <= 0) {
            r.timedOut = true;
            ::kill(-pid_t(process.processId()), SIGKILL);
            process.kill();
            process.waitForFinished(2000);
            break;
        }
        process.waitForFinished(int(qMin<qint64>(left, 100)));
        output += process.readAll();
        if (output.size() > kMaxOutput)
            output = output.right(kMaxOutput);
    }
    output += process.readAll();
    r.output = QString::fromUtf8(output.right(kMaxOutput));
    r.exitCode = r.timedOut ? -1 : (process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1);
    r.durationMs = clock.elapsed();
    if (r.timedOut)
        r.error = u"%1: \"%2\" did not finish within %3 s and was killed."_s.arg(hookName, line).arg(timeoutSeconds);
    else if (process.exitStatus() != QProcess::NormalExit)
        r.error = u"%1: \"%2\" crashed."_s.arg(hookName, line);
    else if (r.exitCode != 0)
        r.error = u"%1: \"%2\" exited with code %3."_s.arg(hookName, line).arg(r.exitCode);
    return r;
}

QList<HookResult> HookRunner::runAll(const QString &hookName, const QStringList &lines, const HookContext &context,
                                     int timeoutSeconds, bool stopOnFailure)
{
    QList<HookResult> out;
    for (const QString &line : lines) {
        out.append(run(hookName, line, context, timeoutSeconds));
        if (stopOnFailure && !out.constLast().ok())
            break;
    }
    return out;
}

} // namespace arbor::core
