#include "sandboxtemplate.h"

#include "sandboxutil.h"
#include "waitfor.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport {

namespace {

// Bump when the template's contents change (users, grants, install options) so old caches are ignored.
constexpr int kTemplateRevision = 1;

// Holds an exclusive flock for its lifetime; the kernel drops it if the process dies.
class CacheLock
{
public:
    explicit CacheLock(const QString &path)
    {
        m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (m_fd >= 0 && ::flock(m_fd, LOCK_EX) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~CacheLock()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    CacheLock(const CacheLock &) = delete;
    CacheLock &operator=(const CacheLock &) = delete;
    bool held() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

} // namespace

QString SandboxTemplate::cacheDirectory()
{
    const QString fromEnv = qEnvironmentVariable("ARBOR_SANDBOX_CACHE");
    const QString root = fromEnv.isEmpty() ? u"/tmp/arbor-sandbox-cache-%1"_s.arg(::getuid()) : fromEnv;
    return root + u'/' + detail::mariadbdVersion() + u"-t"_s + QString::number(kTemplateRevision);
}

core::Result<QString> SandboxTemplate::ensure()
{
    if (detail::mariadbdPath().isEmpty() || detail::installDbPath().isEmpty())
        return core::Result<QString>::failure(
            u"cannot build a MariaDB sandbox: mariadbd or mariadb-install-db is not installed (install mariadb-server)"_s);
    if (detail::mariadbdVersion().isEmpty())
        return core::Result<QString>::failure(
            u"cannot build a MariaDB sandbox: '%1 --version' gave no version"_s.arg(detail::mariadbdPath()));

    const QString cache = cacheDirectory();
    const QString dataDir = cache + u"/datadir"_s;
    // The rename below publishes the datadir atomically: if it exists it is complete.
    if (QFileInfo::exists(dataDir))
        return dataDir;
    if (!QDir().mkpath(cache))
        return core::Result<QString>::failure(
            u"cannot create the sandbox template cache %1; check permissions or set ARBOR_SANDBOX_CACHE"_s
                .arg(cache));

    CacheLock lock(cache + u"/lock"_s);
    if (!lock.held())
        return core::Result<QString>::failure(u"cannot lock the sandbox template cache %1"_s.arg(cache));
    if (QFileInfo::exists(dataDir)) // another process built it while we waited
        return dataDir;

    // Leftovers of a build that died half-way; only the lock holder builds, so they are not in use.
    const QStringList stale = QDir(cache).entryList({u"build-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : stale)
        QDir(cache + u'/' + name).removeRecursively();

    const QString workDir = cache + u"/build-%1"_s.arg(::getpid());
    if (!QDir().mkpath(workDir))
        return core::Result<QString>::failure(
            u"cannot create %1 to build the sandbox template"_s.arg(workDir));
    const QString builtData = workDir + u"/datadir"_s;
    const core::Result<void> built = build(workDir, builtData);
    if (!built.ok()) {
        QDir(workDir).removeRecursively();
        return core::Result<QString>::failure(built.error());
    }
    if (::rename(QFile::encodeName(builtData).constData(), QFile::encodeName(dataDir).constData()) != 0) {
        QDir(workDir).removeRecursively();
        return core::Result<QString>::failure(u"cannot publish the sandbox template into %1"_s.arg(dataDir));
    }
    QDir(workDir).removeRecursively();
    return dataDir;
}

core::Result<void> SandboxTemplate::build(const QString &workDir, const QString &dataDir)
{
    const bool asRoot = ::geteuid() == 0;
    const QString installLog = workDir + u"/install.log"_s;

    QStringList installArgs{u"--no-defaults"_s};
    if (asRoot)
        installArgs << u"--user=root"_s;
    installArgs << u"--auth-root-authentication-method=normal"_s << u"--skip-test-db"_s
                << u"--datadir=%1"_s.arg(dataDir) << u"--innodb-log-file-size=4M"_s
                << u"--innodb-buffer-pool-size=16M"_s << u"--performance-schema=OFF"_s;
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.setStandardOutputFile(installLog);
    detail::prepareChild(install);
    install.start(detail::installDbPath(), installArgs);
    if (!install.waitForFinished(120000) || install.exitStatus() != QProcess::NormalExit ||
        install.exitCode() != 0) {
        install.kill();
        install.waitForFinished(5000);
        return core::Result<void>::failure(
            u"mariadb-install-db failed while building the sandbox template in %1:\n%2"_s.arg(
                workDir, detail::fileTail(installLog)));
    }

    // Socket-only bootstrap server without a binlog: users are created without local GTIDs.
    std::unique_ptr<QTemporaryDir> shortDir;
    QString socket = workDir + u"/bootstrap.sock"_s;
    if (!detail::socketPathFits(socket)) {
        shortDir = std::make_unique<QTemporaryDir>(detail::scratchRoot() + u"/arbor-tpl-XXXXXX"_s);
        socket = shortDir->path() + u"/bootstrap.sock"_s;
    }
    const QString log = workDir + u"/bootstrap.log"_s;
    QStringList args{u"--no-defaults"_s};
    if (asRoot)
        args << u"--user=root"_s;
    args << u"--datadir=%1"_s.arg(dataDir) << u"--socket=%1"_s.arg(socket)
         << u"--pid-file=%1"_s.arg(workDir + u"/bootstrap.pid"_s) << u"--skip-networking"_s
         << u"--skip-log-bin"_s << detail::smallServerOptions();
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.setStandardOutputFile(log);
    detail::prepareChild(server);
    server.start(detail::mariadbdPath(), args);
    if (!server.waitForStarted(10000))
        return core::Result<void>::failure(u"cannot run %1 to build the sandbox template: %2"_s.arg(
            detail::mariadbdPath(), server.errorString()));

    const auto fail = [&](const QString &what) {
        server.kill();
        server.waitForFinished(10000);
        return core::Result<void>::failure(
            u"%1 while building the sandbox template in %2; server log:\n%3"_s.arg(what, workDir,
                                                                                   detail::fileTail(log)));
    };

    const bool up = waitFor(
        [&] {
            return server.state() == QProcess::NotRunning ||
                   (QFileInfo::exists(socket) && detail::runRootSql(socket, {u"SELECT 1"_s}).ok());
        },
        60000);
    if (!up || server.state() == QProcess::NotRunning)
        return fail(u"the bootstrap server did not come up"_s);

    const QString grants =
        u"SUPER, PROCESS, RELOAD, REPLICATION SLAVE, BINLOG MONITOR, REPLICATION MASTER ADMIN, "
        u"REPLICATION SLAVE ADMIN, SLAVE MONITOR, READ_ONLY ADMIN, BINLOG ADMIN"_s;
    const auto users = detail::runRootSql(
        socket, {u"SET SESSION sql_log_bin=0"_s,
                 // root only over the socket: no password-less root over TCP.
                 u"DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1'"_s,
                 u"DELETE FROM mysql.global_priv WHERE User='root' AND Host NOT IN ('localhost')"_s,
                 u"DELETE FROM mysql.global_priv WHERE User=''"_s,
                 u"DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost'"_s, u"FLUSH PRIVILEGES"_s,
                 u"CREATE USER '%1'@'%' IDENTIFIED BY '%2'"_s.arg(topologyUser, topologyPassword),
                 u"GRANT %1 ON *.* TO '%2'@'%'"_s.arg(grants, topologyUser),
                 u"GRANT SELECT ON mysql.* TO '%1'@'%'"_s.arg(topologyUser),
                 u"CREATE USER '%1'@'%' IDENTIFIED BY '%2'"_s.arg(replicationUser, replicationPassword),
                 u"GRANT REPLICATION SLAVE ON *.* TO '%1'@'%'"_s.arg(replicationUser)});
    if (!users.ok())
        return fail(u"creating the sandbox users failed (%1)"_s.arg(users.error()));

    (void)detail::runRootSql(socket, {u"SHUTDOWN"_s});
    if (!server.waitForFinished(60000))
        return fail(u"the bootstrap server did not shut down"_s);
    if (server.exitStatus() != QProcess::NormalExit || server.exitCode() != 0)
        return core::Result<void>::failure(
            u"the bootstrap server exited with an error while building the sandbox "
            u"template in %1; server log:\n%2"_s.arg(workDir, detail::fileTail(log)));
    return core::Result<void>::success();
}

} // namespace arbor::testsupport
