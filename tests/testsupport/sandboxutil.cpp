#include "sandboxutil.h"

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>

#include <csignal>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport::detail {

namespace {

QString findProgram(const QString &name)
{
    const QString inSbin =
        QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/usr/local/sbin"_s, u"/usr/bin"_s});
    return inSbin.isEmpty() ? QStandardPaths::findExecutable(name) : inSbin;
}

} // namespace

QString mariadbdPath()
{
    static const QString path = [] {
        const QString fromEnv = qEnvironmentVariable("ARBOR_MARIADBD");
        return fromEnv.isEmpty() ? findProgram(u"mariadbd"_s) : fromEnv;
    }();
    return path;
}

QString installDbPath()
{
    static const QString path = findProgram(u"mariadb-install-db"_s);
    return path;
}

QString mariadbdVersion()
{
    static const QString version = [] {
        const QString server = mariadbdPath();
        if (server.isEmpty())
            return QString();
        QProcess process;
        process.start(server, {u"--version"_s});
        if (!process.waitForFinished(10000))
            return QString();
        const QString text = QString::fromLocal8Bit(process.readAllStandardOutput());
        static const QRegularExpression re(u"Ver\\s+(\\S+)"_s);
        const QRegularExpressionMatch match = re.match(text);
        QString found = match.hasMatch() ? match.captured(1) : QString();
        static const QRegularExpression unsafe(u"[^A-Za-z0-9._+-]"_s);
        return found.replace(unsafe, u"_"_s);
    }();
    return version;
}

QStringList smallServerOptions()
{
    // Measured on 10.11: ~0.2 s start, ~60 MB RSS per server with these.
    return {u"--innodb-buffer-pool-size=16M"_s, u"--innodb-log-file-size=4M"_s,
            u"--innodb-flush-log-at-trx-commit=2"_s, u"--innodb-buffer-pool-load-at-startup=0"_s,
            u"--innodb-buffer-pool-dump-at-shutdown=0"_s,
            u"--innodb-temp-data-file-path=ibtmp1:1M:autoextend"_s, // not 12 MB written per start
            // Many sandboxes in parallel can exhaust the kernel's AIO contexts; the data is tiny anyway.
            u"--innodb-use-native-aio=0"_s, u"--aria-pagecache-buffer-size=8M"_s, u"--key-buffer-size=1M"_s,
            u"--performance-schema=OFF"_s, u"--sync-binlog=0"_s, u"--skip-name-resolve"_s,
            u"--max-connections=200"_s, u"--table-open-cache=400"_s, u"--open-files-limit=4096"_s};
}

void prepareChild(QProcess &process, unsigned group)
{
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent, group] {
        if (group != 0 && (::setgroups(0, nullptr) != 0 || ::setgid(gid_t(group)) != 0))
            ::_exit(126);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // The parent may have died between fork() and prctl(): then nobody would kill us.
        if (::getppid() != parent)
            ::_exit(1);
            // Our sockets and files (the cache lock, client connections) must not leak into the server.
#ifdef SYS_close_range
        ::syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */);
#endif
    });
}

core::Result<QList<QVariantMap>> runRootSql(const QString &socketPath, const QStringList &statements,
                                            int connectTimeoutSeconds, int readTimeoutSeconds)
{
    static QAtomicInt counter;
    const QString name = u"arbor-sandbox-root-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    QList<QVariantMap> rows;
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, name);
        if (!db.isValid()) {
            error = u"the Qt MySQL driver (QMYSQL) is not available; install libqt6sql6-mysql"_s;
        } else {
            db.setHostName(u"localhost"_s);
            db.setUserName(u"root"_s);
            db.setConnectOptions(u"UNIX_SOCKET=%1;MYSQL_OPT_CONNECT_TIMEOUT=%2;MYSQL_OPT_READ_TIMEOUT=%3;"
                                 u"MYSQL_OPT_WRITE_TIMEOUT=%3"_s.arg(socketPath)
                                     .arg(connectTimeoutSeconds)
                                     .arg(readTimeoutSeconds));
            if (!db.open()) {
                error = u"cannot connect as root over %1: %2"_s.arg(socketPath, db.lastError().text());
            } else {
                QSqlQuery query(db);
                for (const QString &sql : statements) {
                    rows.clear();
                    if (!query.exec(sql)) {
                        error = u"'%1' failed: %2"_s.arg(sql, query.lastError().text());
                        break;
                    }
                    if (!query.isSelect())
                        continue;
                    while (query.next()) {
                        const QSqlRecord record = query.record();
                        QVariantMap row;
                        for (int c = 0; c < record.count(); ++c)
                            row.insert(record.fieldName(c), record.value(c));
                        rows.append(row);
                    }
                }
                query.finish();
                db.close();
            }
        }
    }
    // Only once every QSqlDatabase copy is gone, or Qt warns that the connection is still in use.
    QSqlDatabase::removeDatabase(name);
    if (!error.isEmpty())
        return core::Result<QList<QVariantMap>>::failure(error);
    return rows;
}

QString fileTail(const QString &path, int lines, qint64 fromOffset)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const qint64 start = qMax(fromOffset, file.size() - qint64(16) * 1024);
    file.seek(qMax<qint64>(0, start));
    QStringList all = QString::fromLocal8Bit(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n');
}

QString scratchRoot()
{
    QString fromEnv = qEnvironmentVariable("ARBOR_SANDBOX_TMPDIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QFileInfo shm(u"/dev/shm"_s);
    if (shm.isDir() && shm.isWritable())
        return shm.filePath();
    return QDir::tempPath();
}

bool socketPathFits(const QString &path)
{
    return path.toLocal8Bit().size() < 100;
}

} // namespace arbor::testsupport::detail
