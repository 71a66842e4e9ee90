#include "core/recovery/hookrunner.h"

#include "core/recovery/hookcommand.h"
#include "util/secretvalues.h"

#include <QDebug>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QUuid>

#include <csignal>
#include <sys/types.h>
#include <thread>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

// Set in every hook's environment; descendants inherit it, also those that leave the process group.
const QString kMarker = u"ARBOR_HOOK_RUN"_s;

bool groupAlive(pid_t group)
{
    return ::kill(-group, 0) == 0;
}

// Kills what is left of the hook's process group; returns how many processes it held.
int killGroup(pid_t group)
{
    if (group <= 0 || !groupAlive(group))
        return 0;
    int members = 0;
    const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        if (::getpgid(pid_t(pid.toInt())) == group)
            ++members;
    }
    ::kill(-group, SIGKILL);
    return members;
}

// Processes carrying this run's marker that are no longer in its group: they called setsid (or
// setpgid) to escape the timeout. Named, not killed: a hook may start a daemon on purpose.
QStringList escapedProcesses(const QString &runId, pid_t group)
{
    QStringList out;
    const QByteArray needle = (kMarker + u'=' + runId).toUtf8();
    const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool number = false;
        const pid_t p = pid_t(pid.toInt(&number));
        if (!number || p == ::getpid())
            continue;
        QFile environ(u"/proc/%1/environ"_s.arg(pid));
        if (!environ.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> vars = environ.readAll().split('\0');
        if (!vars.contains(needle) || ::getpgid(p) == group)
            continue;
        QFile comm(u"/proc/%1/comm"_s.arg(pid));
        const QString name = comm.open(QIODevice::ReadOnly) ? QString::fromUtf8(comm.readAll()).trimmed() : QString();
        out << u"%1 (%2)"_s.arg(pid, name);
    }
    return out;
}

void noteLeftovers(HookResult &r, pid_t group, const QString &runId)
{
    r.leftoversKilled = killGroup(group);
    r.escaped = escapedProcesses(runId, group);
    if (r.leftoversKilled > 0)
        r.output += u"\n[arbor] the hook exited and left %1 process(es) in its process group; they were killed"_s.arg(
            r.leftoversKilled);
    if (!r.escaped.isEmpty()) {
        r.output += u"\n[arbor] processes started by the hook left its process group (setsid) and keep running: %1"_s.arg(
            r.escaped.join(u", "_s));
        qWarning().noquote() << u"%1: \"%2\" left processes that escaped its process group with setsid: %3"_s.arg(
            r.hookName, r.line, r.escaped.join(u", "_s));
    }
}

struct Prepared
{
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    QString runId;
};

// Waits for @p process up to @p deadlineMs from @p clock's start, collecting output; false on timeout.
bool waitWithin(QProcess &process, const QElapsedTimer &clock, qint64 deadlineMs, QByteArray *output)
{
    while (process.state() != QProcess::NotRunning) {
        const qint64 left = deadlineMs - clock.elapsed();
        if (left <= 0)
            return false;
        process.waitForFinished(int(qMin<qint64>(left, 100)));
        if (output) {
            *output += process.readAll();
            if (output->size() > HookRunner::kMaxOutput)
                *output = output->right(HookRunner::kMaxOutput);
        }
    }
    return true;
}

void configure(QProcess &process, const Prepared &p)
{
    process.setProgram(p.program);
    process.setArguments(p.arguments);
    process.setProcessEnvironment(p.environment);
    process.setStandardInputFile(QProcess::nullDevice());
    // Its own process group (and session), so a timeout kills whatever the hook started too.
    process.setChildProcessModifier([] { ::setsid(); });
}

// A detached hook (trailing &) still has the timeout: a thread of its own waits for it, kills its
// group at the deadline or its leftovers when it exits, and logs what escaped.
void watchDetached(HookResult r, Prepared p, int timeoutSeconds)
{
    std::thread([r = std::move(r), p = std::move(p), timeoutSeconds]() mutable {
        QProcess process;
        configure(process, p);
        process.setStandardOutputFile(QProcess::nullDevice());
        process.setStandardErrorFile(QProcess::nullDevice());
        QElapsedTimer clock;
        clock.start();
        process.start();
        if (!process.waitForStarted(5000)) {
            qWarning().noquote() << u"%1: could not start the detached hook \"%2\": %3"_s.arg(r.hookName, r.line,
                                                                                              process.errorString());
            return;
        }
        const pid_t group = pid_t(process.processId());
        if (!waitWithin(process, clock, qint64(timeoutSeconds) * 1000, nullptr)) {
            ::kill(-group, SIGKILL);
            process.waitForFinished(2000);
            qWarning().noquote() << u"%1: the detached hook \"%2\" did not finish within %3 s; its process group was "
                                    "killed"_s.arg(r.hookName, r.line).arg(timeoutSeconds);
        }
        noteLeftovers(r, group, p.runId);
    }).detach();
}

} // namespace

HookResult HookRunner::run(const QString &hookName, const QString &line, const HookContext &context, int timeoutSeconds,
                           const QString &shell)
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
    r.argv = parsed->expand(context.placeholders(), shell);
    r.detached = parsed->detached();

    Prepared p;
    p.program = r.argv.first();
    p.arguments = r.argv.mid(1);
    p.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.environment = context.environment();
    p.environment.insert(kMarker, p.runId);

    if (r.detached) {
        r.started = true;
        r.durationMs = clock.elapsed();
        watchDetached(r, p, timeoutSeconds);
        return r;
    }

    QProcess process;
    configure(process, p);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start();
    if (!process.waitForStarted(5000)) {
        r.error = u"%1: could not start \"%2\": %3; check the path and that it is executable."_s.arg(
            hookName, r.argv.first(), process.errorString());
        r.durationMs = clock.elapsed();
        return r;
    }
    r.started = true;
    const pid_t group = pid_t(process.processId());
    QByteArray output;
    if (!waitWithin(process, clock, qint64(timeoutSeconds) * 1000, &output)) {
        r.timedOut = true;
        ::kill(-group, SIGKILL);
        process.kill();
        process.waitForFinished(2000);
    }
    output += process.readAll();
    r.output = QString::fromUtf8(output.right(kMaxOutput));
    r.exitCode = r.timedOut ? -1 : (process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1);
    noteLeftovers(r, group, p.runId);
    r.output = SecretValues::redact(r.output);
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
                                     int timeoutSeconds, bool stopOnFailure, const QString &shell)
{
    QList<HookResult> out;
    for (const QString &line : lines) {
        out.append(run(hookName, line, context, timeoutSeconds, shell));
        if (stopOnFailure && !out.constLast().ok())
            break;
    }
    return out;
}

} // namespace arbor::core
