#include "sandbox.h"

#include "sandboxtemplate.h"
#include "sandboxutil.h"
#include "waitfor.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>

#include <csignal>
#include <set>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport {

namespace {

constexpr int kStartDeadlineMs = 30000;
constexpr int kStopGraceMs = 20000;
constexpr int kBindRetries = 5;
// Below the kernel's ephemeral range (32768-60999): replication and client connections take their
// local ports from there, and a server port picked in it could be grabbed by one of them.
constexpr int kPortLow = 20000;
constexpr int kPortHigh = 32000;

QString processState(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray text = stat.readAll();
    // "pid (comm) S ...": comm may hold spaces, so look after the last ')'.
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || close + 2 >= text.size() ? QString() : QString(QLatin1Char(text.at(close + 2)));
}

// ARBOR_SANDBOX_TRACE=1 prints how long each phase of start() and stop() takes, for tuning.
class PhaseTrace
{
public:
    PhaseTrace() : m_enabled(qEnvironmentVariableIsSet("ARBOR_SANDBOX_TRACE")) { m_timer.start(); }
    void mark(const char *phase)
    {
        if (m_enabled)
            qInfo("arbor sandbox: %s after %lld ms", phase, m_timer.elapsed());
    }

private:
    bool m_enabled;
    QElapsedTimer m_timer;
};

} // namespace

struct Sandbox::Server
{
    int port = 0;
    int source = -1;
    QString dir;
    QString dataDir;
    QString socket;
    QString log;
    qint64 logOffset = 0; // where the current run's lines start in the log
    int launches = 0;
    QStringList extraArguments; // appended at launch: later options win (a lying --report-host)
    std::unique_ptr<QProcess> process;

    bool running() const { return process && process->state() != QProcess::NotRunning; }
};

Sandbox::Sandbox(SandboxOptions options) : m_options(std::move(options))
{
}

Sandbox::~Sandbox()
{
    stop();
}

bool Sandbox::available()
{
    return !detail::mariadbdPath().isEmpty() && !detail::installDbPath().isEmpty();
}

std::vector<int> Sandbox::sourcesFor(SandboxShape shape, int servers)
{
    const int n = shape == SandboxShape::Single ? 1 : qMax(1, servers);
    std::vector<int> sources(size_t(n), -1);
    const int half = n / 2;
    for (int i = 1; i < n; ++i) {
        switch (shape) {
        case SandboxShape::Single:
            break;
        case SandboxShape::Chain:
            sources[size_t(i)] = i - 1;
            break;
        case SandboxShape::Star:
            sources[size_t(i)] = 0;
            break;
        case SandboxShape::Tree:
            sources[size_t(i)] = (i - 1) / 2; // breadth-first, fan-out 2
            break;
        case SandboxShape::TwoClusters:
            sources[size_t(i)] = i < half ? 0 : (i == half ? -1 : half);
            break;
        }
    }
    return sources;
}

core::Result<void> Sandbox::start()
{
    if (m_started)
        return core::Result<void>::failure(
            u"the sandbox in %1 is already started; stop it first"_s.arg(m_directory));
    if (m_options.shape != SandboxShape::Single && (m_options.servers < 1 || m_options.servers > 64))
        return core::Result<void>::failure(
            u"a sandbox holds 1 to 64 servers, %1 were asked for"_s.arg(m_options.servers));
    if (m_options.shape == SandboxShape::TwoClusters && m_options.servers < 2)
        return core::Result<void>::failure(u"a two-cluster sandbox needs at least 2 servers"_s);

    PhaseTrace trace;
    const core::Result<QString> templateDir = SandboxTemplate::ensure();
    trace.mark("template ready");
    if (!templateDir.ok())
        return core::Result<void>::failure(templateDir.error());

    m_started = true; // from here on stop() cleans up whatever exists
    const std::vector<int> sources = sourcesFor(m_options.shape, m_options.servers);
    m_servers.clear();
    for (const int source : sources) {
        auto server = std::make_unique<Server>();
        server->source = source;
        server->extraArguments = m_options.extraArguments.value(int(m_servers.size()));
        m_servers.push_back(std::move(server));
    }

    const QDeadlineTimer deadline(kStartDeadlineMs);
    core::Result<void> step = prepareDirectories(*templateDir);
    trace.mark("datadirs copied");
    if (step.ok())
        step = launchAll();
    if (step.ok()) {
        std::vector<int> all;
        all.reserve(size_t(size()));
        for (int i = 0; i < size(); ++i)
            all.push_back(i);
        step = waitReady(all, int(deadline.remainingTime()), true);
        trace.mark("servers accept connections");
    }
    if (step.ok())
        step = configureReplication();
    if (step.ok())
        step = waitReplicating(int(qMax<qint64>(1000, deadline.remainingTime())));
    trace.mark(step.ok() ? "replicas replicating" : "start failed");
    if (!step.ok()) {
        stop();
        return step;
    }
    return core::Result<void>::success();
}

core::Result<void> Sandbox::prepareDirectories(const QString &templateDir)
{
    if (m_options.directory.isEmpty()) {
        QTemporaryDir temp(detail::scratchRoot() + u"/arbor-sandbox-XXXXXX"_s);
        if (!temp.isValid())
            return core::Result<void>::failure(
                u"cannot create a sandbox directory under %1: %2; set ARBOR_SANDBOX_TMPDIR"_s.arg(
                    detail::scratchRoot(), temp.errorString()));
        temp.setAutoRemove(false); // stop() removes it, after the servers are gone
        m_directory = temp.path();
        m_ownsDirectory = true;
    } else {
        m_directory = QDir(m_options.directory).absolutePath();
        m_ownsDirectory = false;
        if (!QDir().mkpath(m_directory))
            return core::Result<void>::failure(u"cannot create the sandbox directory %1"_s.arg(m_directory));
        if (QFileInfo::exists(m_directory + u"/s0"_s))
            return core::Result<void>::failure(
                u"%1 already holds a sandbox; remove it or choose an empty directory"_s.arg(m_directory));
    }

    m_socketDirectory = m_directory;
    if (!detail::socketPathFits(m_directory + u"/s%1/mysqld.sock"_s.arg(size()))) {
        QTemporaryDir temp(detail::scratchRoot() + u"/arbor-sock-XXXXXX"_s);
        if (!temp.isValid())
            return core::Result<void>::failure(u"cannot create a directory for the sandbox's sockets"_s);
        temp.setAutoRemove(false);
        m_socketDirectory = temp.path();
    }

    // One cp per server, all at once: sparse copies of the template take a few tens of ms each.
    std::vector<std::unique_ptr<QProcess>> copies;
    for (int i = 0; i < size(); ++i) {
        Server &server = *m_servers[size_t(i)];
        server.dir = m_directory + u"/s%1"_s.arg(i);
        server.dataDir = server.dir + u"/data"_s;
        server.log = server.dir + u"/error.log"_s;
        server.socket = m_socketDirectory + u"/s%1/mysqld.sock"_s.arg(i);
        if (!QDir().mkpath(server.dir) || !QDir().mkpath(QFileInfo(server.socket).path()))
            return core::Result<void>::failure(u"cannot create the server directory %1"_s.arg(server.dir));
        auto copy = std::make_unique<QProcess>();
        copy->setProcessChannelMode(QProcess::MergedChannels);
        copy->start(u"cp"_s, {u"-a"_s, u"--sparse=always"_s, templateDir, server.dataDir});
        copies.push_back(std::move(copy));
    }
    for (int i = 0; i < size(); ++i) {
        QProcess &copy = *copies[size_t(i)];
        if (!copy.waitForFinished(60000) || copy.exitStatus() != QProcess::NormalExit || copy.exitCode() != 0)
            return core::Result<void>::failure(u"copying the template datadir into %1 failed: %2"_s.arg(
                m_servers[size_t(i)]->dataDir, QString::fromLocal8Bit(copy.readAll()).trimmed()));
    }

    QFile credentials(credentialsFile());
    if (!credentials.open(QIODevice::WriteOnly | QIODevice::Truncate,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        !credentials.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return core::Result<void>::failure(u"cannot write the credentials file %1"_s.arg(credentialsFile()));
    credentials.write(u"[client]\nuser=%1\npassword=%2\n"_s.arg(user(), password()).toUtf8());
    credentials.close();
    return core::Result<void>::success();
}

int Sandbox::pickPort() const
{
    std::set<int> taken;
    for (const auto &server : m_servers)
        taken.insert(server->port);
    for (int attempt = 0; attempt < 500; ++attempt) {
        const int candidate = kPortLow + int(QRandomGenerator::system()->bounded(kPortHigh - kPortLow));
        if (taken.count(candidate))
            continue;
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, quint16(candidate))) {
            probe.close();
            return candidate;
        }
    }
    return 0;
}

core::Result<void> Sandbox::setExtraArguments(int i, const QStringList &arguments)
{
    if (auto c = checkIndex(i, "setExtraArguments"); !c.ok())
        return c;
    m_servers[size_t(i)]->extraArguments = arguments;
    return core::Result<void>::success();
}

core::Result<void> Sandbox::launchAll()
{
    for (int i = 0; i < size(); ++i) {
        core::Result<void> launched = launch(i);
        if (!launched.ok())
            return launched;
    }
    return core::Result<void>::success();
}

core::Result<void> Sandbox::launch(int i)
{
    Server &server = *m_servers[size_t(i)];
    if (server.port == 0) {
        server.port = pickPort();
        if (server.port == 0)
            return core::Result<void>::failure(
                u"no free TCP port found on 127.0.0.1 for sandbox server %1"_s.arg(i));
    }
    QFile::remove(server.socket); // a killed server leaves its socket file behind
    server.logOffset = QFileInfo(server.log).size();
    ++server.launches;

    QStringList args{u"--no-defaults"_s};
    if (::geteuid() == 0)
        args << u"--user=root"_s;
    const QString port = QString::number(server.port);
    args << u"--datadir=%1"_s.arg(server.dataDir) << u"--socket=%1"_s.arg(server.socket)
         << u"--pid-file=%1"_s.arg(server.dir + u"/mysqld.pid"_s) << u"--port=%1"_s.arg(port)
         << u"--bind-address=127.0.0.1"_s << u"--server-id=%1"_s.arg(i + 1) << u"--log-bin=mysql-bin"_s
         << u"--relay-log=relay-bin"_s << u"--log-slave-updates"_s << u"--binlog-format=ROW"_s
         << u"--gtid-strict-mode=ON"_s << u"--report-host=127.0.0.1"_s << u"--report-port=%1"_s.arg(port)
         << u"--skip-slave-start"_s << u"--slave-net-timeout=%1"_s.arg(m_options.replicaNetTimeout)
         << detail::smallServerOptions();
    if (server.source >= 0)
        args << u"--read-only=ON"_s;
    args << server.extraArguments;

    server.process = std::make_unique<QProcess>();
    server.process->setProcessChannelMode(QProcess::MergedChannels);
    server.process->setStandardOutputFile(server.log, QIODevice::Append);
    detail::prepareChild(*server.process, m_options.groupIdBase > 0 ? m_options.groupIdBase + i : 0);
    server.process->start(detail::mariadbdPath(), args);
    if (!server.process->waitForStarted(10000))
        return core::Result<void>::failure(u"cannot run %1 for sandbox server %2: %3"_s.arg(
            detail::mariadbdPath(), key(i).toString(), server.process->errorString()));
    return core::Result<void>::success();
}

core::Result<void> Sandbox::waitReady(const std::vector<int> &indexes, int timeoutMs, bool retryPorts)
{
    std::set<int> pending(indexes.begin(), indexes.end());
    QString failure;
    waitFor(
        [&] {
            for (auto it = pending.begin(); it != pending.end();) {
                Server &server = *m_servers[size_t(*it)];
                if (!server.running()) {
                    const QString log = detail::fileTail(server.log, 40, server.logOffset);
                    const bool bindFailed =
                        log.contains(u"Address already in use"_s) || log.contains(u"Bind on TCP/IP port"_s);
                    // Someone took the port between our probe and the server's bind: try another.
                    if (retryPorts && bindFailed && server.launches < kBindRetries) {
                        server.port = 0;
                        const core::Result<void> relaunched = launch(*it);
                        if (!relaunched.ok()) {
                            failure = relaunched.error();
                            return true;
                        }
                        ++it;
                        continue;
                    }
                    failure = failureWithLog(*it, u"exited during startup"_s);
                    return true;
                }
                if (QFileInfo::exists(server.socket) &&
                    detail::runRootSql(server.socket, {u"SELECT 1"_s}).ok())
                    it = pending.erase(it);
                else
                    ++it;
            }
            return pending.empty();
        },
        timeoutMs);
    if (!failure.isEmpty())
        return core::Result<void>::failure(failure);
    if (!pending.empty())
        return core::Result<void>::failure(
            failureWithLog(*pending.begin(), u"did not accept connections in time"_s));
    return core::Result<void>::success();
}

core::Result<void> Sandbox::configureReplication()
{
    for (int i = 0; i < size(); ++i) {
        const Server &server = *m_servers[size_t(i)];
        if (server.source < 0)
            continue;
        QString change = u"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%1, MASTER_USER='%2', "
                         u"MASTER_PASSWORD='%3', MASTER_CONNECT_RETRY=1, "_s.arg(port(server.source))
                             .arg(replicationUser(), replicationPassword());
        if (m_options.gtid) {
            change += u"MASTER_USE_GTID=slave_pos"_s;
        } else {
            const auto status = query(server.source, u"SHOW MASTER STATUS"_s);
            if (!status.ok() || status->isEmpty())
                return core::Result<void>::failure(
                    u"cannot read the binlog position of sandbox server %1: %2"_s.arg(
                        key(server.source).toString(),
                        status.ok() ? u"binary log is off"_s : status.error()));
            change += u"MASTER_USE_GTID=no, MASTER_LOG_FILE='%1', MASTER_LOG_POS=%2"_s.arg(
                status->first().value(u"File"_s).toString(), status->first().value(u"Position"_s).toString());
        }
        const auto done = detail::runRootSql(server.socket, {change, u"START SLAVE"_s});
        if (!done.ok())
            return core::Result<void>::failure(
                failureWithLog(i, u"could not start replicating (%1)"_s.arg(done.error())));
    }
    return core::Result<void>::success();
}

core::Result<void> Sandbox::waitReplicating(int timeoutMs)
{
    QString lastProblem;
    int lastIndex = -1;
    const bool ok = waitFor(
        [&] {
            for (int i = 0; i < size(); ++i) {
                if (m_servers[size_t(i)]->source < 0)
                    continue;
                const auto status = query(i, u"SHOW SLAVE STATUS"_s);
                if (!status.ok() || status->isEmpty()) {
                    lastIndex = i;
                    lastProblem = status.ok() ? u"no replication configured"_s : status.error();
                    return false;
                }
                const QVariantMap &row = status->first();
                const QString io = row.value(u"Slave_IO_Running"_s).toString();
                const QString sql = row.value(u"Slave_SQL_Running"_s).toString();
                if (io != u"Yes"_s || sql != u"Yes"_s) {
                    lastIndex = i;
                    lastProblem =
                        u"IO thread %1, SQL thread %2, last IO error '%3', last SQL error '%4'"_s.arg(
                            io, sql, row.value(u"Last_IO_Error"_s).toString(),
                            row.value(u"Last_SQL_Error"_s).toString());
                    return false;
                }
            }
            return true;
        },
        timeoutMs);
    if (ok)
        return core::Result<void>::success();
    return core::Result<void>::failure(
        failureWithLog(lastIndex, u"did not start replicating in time (%1)"_s.arg(lastProblem)));
}

QString Sandbox::failureWithLog(int i, const QString &what) const
{
    if (i < 0 || i >= size())
        return u"sandbox server %1 %2"_s.arg(i).arg(what);
    const Server &server = *m_servers[size_t(i)];
    // A temporary directory is gone by the time anyone reads this: name the log only if it stays.
    const QString where = m_ownsDirectory ? QString() : u" (%1)"_s.arg(server.log);
    return u"sandbox server %1 (%2) %3; the end of its log%4:\n%5"_s.arg(
        QString::number(i), key(i).toString(), what, where,
        detail::fileTail(server.log, 15, server.logOffset));
}

void Sandbox::terminate(const std::vector<int> &indexes, int graceMs)
{
    for (const int i : indexes) {
        Server &server = *m_servers[size_t(i)];
        if (!server.running())
            continue;
        const pid_t pid = pid_t(server.process->processId());
        ::kill(pid, SIGTERM);
        ::kill(pid, SIGCONT); // a paused server would otherwise never see the SIGTERM
    }
    const QDeadlineTimer deadline(graceMs);
    for (const int i : indexes) {
        Server &server = *m_servers[size_t(i)];
        if (server.running())
            server.process->waitForFinished(int(qMax<qint64>(1, deadline.remainingTime())));
        if (server.running()) {
            ::kill(pid_t(server.process->processId()), SIGKILL);
            server.process->waitForFinished(10000);
        }
    }
}

void Sandbox::stop()
{
    if (!m_started)
        return;
    std::vector<int> all;
    all.reserve(size_t(size()));
    for (int i = 0; i < size(); ++i)
        all.push_back(i);
    PhaseTrace trace;
    terminate(all, kStopGraceMs);
    trace.mark("servers stopped");
    m_servers.clear();
    if (m_socketDirectory != m_directory && !m_socketDirectory.isEmpty())
        QDir(m_socketDirectory).removeRecursively();
    if (m_ownsDirectory && !m_directory.isEmpty())
        QDir(m_directory).removeRecursively();
    trace.mark("directory removed");
    m_started = false;
}

int Sandbox::size() const
{
    return int(m_servers.size());
}

core::InstanceKey Sandbox::key(int i) const
{
    return core::InstanceKey(u"127.0.0.1"_s, port(i));
}

int Sandbox::port(int i) const
{
    return i >= 0 && i < size() ? m_servers[size_t(i)]->port : 0;
}

int Sandbox::sourceOf(int i) const
{
    return i >= 0 && i < size() ? m_servers[size_t(i)]->source : -1;
}

qint64 Sandbox::pid(int i) const
{
    return isRunning(i) ? m_servers[size_t(i)]->process->processId() : 0;
}

bool Sandbox::isRunning(int i) const
{
    return i >= 0 && i < size() && m_servers[size_t(i)]->running();
}

QString Sandbox::directory() const
{
    return m_directory;
}

QString Sandbox::socketPath(int i) const
{
    return i >= 0 && i < size() ? m_servers[size_t(i)]->socket : QString();
}

QString Sandbox::logPath(int i) const
{
    return i >= 0 && i < size() ? m_servers[size_t(i)]->log : QString();
}

QString Sandbox::user() const
{
    return SandboxTemplate::topologyUser;
}

QString Sandbox::password() const
{
    return SandboxTemplate::topologyPassword;
}

QString Sandbox::replicationUser() const
{
    return SandboxTemplate::replicationUser;
}

QString Sandbox::replicationPassword() const
{
    return SandboxTemplate::replicationPassword;
}

QString Sandbox::credentialsFile() const
{
    return m_directory.isEmpty() ? QString() : m_directory + u"/credentials.cnf"_s;
}

core::Result<void> Sandbox::checkIndex(int i, const char *what) const
{
    if (i < 0 || i >= size())
        return core::Result<void>::failure(u"cannot %1 sandbox server %2: the sandbox has %3 servers"_s.arg(
            QLatin1String(what), QString::number(i), QString::number(size())));
    return core::Result<void>::success();
}

core::Result<void> Sandbox::kill(int i)
{
    core::Result<void> valid = checkIndex(i, "kill");
    if (!valid.ok())
        return valid;
    Server &server = *m_servers[size_t(i)];
    if (!server.running())
        return core::Result<void>::failure(
            u"cannot kill sandbox server %1: it is not running"_s.arg(key(i).toString()));
    ::kill(pid_t(server.process->processId()), SIGKILL);
    // waitForFinished reaps the child, so no zombie keeps answering kill -0.
    if (!server.process->waitForFinished(10000))
        return core::Result<void>::failure(
            u"sandbox server %1 did not die after SIGKILL"_s.arg(key(i).toString()));
    return core::Result<void>::success();
}

core::Result<void> Sandbox::pause(int i)
{
    core::Result<void> valid = checkIndex(i, "pause");
    if (!valid.ok())
        return valid;
    if (!isRunning(i))
        return core::Result<void>::failure(
            u"cannot pause sandbox server %1: it is not running"_s.arg(key(i).toString()));
    const qint64 serverPid = pid(i);
    ::kill(pid_t(serverPid), SIGSTOP);
    if (!waitFor([&] { return processState(serverPid) == u"T"_s; }, 5000))
        return core::Result<void>::failure(
            u"sandbox server %1 did not stop on SIGSTOP"_s.arg(key(i).toString()));
    return core::Result<void>::success();
}

core::Result<void> Sandbox::resume(int i)
{
    core::Result<void> valid = checkIndex(i, "resume");
    if (!valid.ok())
        return valid;
    if (!isRunning(i))
        return core::Result<void>::failure(
            u"cannot resume sandbox server %1: it is not running"_s.arg(key(i).toString()));
    const qint64 serverPid = pid(i);
    ::kill(pid_t(serverPid), SIGCONT);
    if (!waitFor([&] { return processState(serverPid) != u"T"_s; }, 5000))
        return core::Result<void>::failure(
            u"sandbox server %1 did not continue on SIGCONT"_s.arg(key(i).toString()));
    return core::Result<void>::success();
}

core::Result<void> Sandbox::restart(int i)
{
    core::Result<void> valid = checkIndex(i, "restart");
    if (!valid.ok())
        return valid;
    terminate({i}, kStopGraceMs);
    core::Result<void> launched = launch(i);
    if (!launched.ok())
        return launched;
    return waitReady({i}, kStartDeadlineMs, false);
}

core::Result<QList<QVariantMap>> Sandbox::query(int i, const QString &sql)
{
    core::Result<void> valid = checkIndex(i, "query");
    if (!valid.ok())
        return core::Result<QList<QVariantMap>>::failure(valid.error());
    if (!isRunning(i))
        return core::Result<QList<QVariantMap>>::failure(
            u"cannot query sandbox server %1: it is not running"_s.arg(key(i).toString()));
    auto rows = detail::runRootSql(m_servers[size_t(i)]->socket, {sql});
    if (!rows.ok())
        return core::Result<QList<QVariantMap>>::failure(
            u"sandbox server %1: %2"_s.arg(key(i).toString(), rows.error()));
    return rows;
}

core::Result<void> Sandbox::execute(int i, const QString &sql)
{
    const auto rows = query(i, sql);
    return rows.ok() ? core::Result<void>::success() : core::Result<void>::failure(rows.error());
}

} // namespace arbor::testsupport
