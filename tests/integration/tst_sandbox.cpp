#include "resultassert.h"
#include "sandbox.h"
#include "waitfor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

namespace {

QString procState(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 ? QString() : QString(QLatin1Char(text.at(close + 2)));
}

bool processGone(qint64 pid)
{
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

bool portRefuses(int port)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, quint16(port));
    return !socket.waitForConnected(2000) && socket.error() == QAbstractSocket::ConnectionRefusedError;
}

QVariantMap slaveStatus(Sandbox &sandbox, int i)
{
    const auto rows = sandbox.query(i, u"SHOW SLAVE STATUS"_s);
    return rows.ok() && !rows->isEmpty() ? rows->first() : QVariantMap();
}

bool hasRow(Sandbox &sandbox, int i, int id)
{
    const auto rows = sandbox.query(i, u"SELECT id FROM sbx.t WHERE id = %1"_s.arg(id));
    return rows.ok() && rows->size() == 1;
}

} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
    }

    void shapes()
    {
        QCOMPARE(Sandbox::sourcesFor(SandboxShape::Single, 5), (std::vector<int>{-1}));
        QCOMPARE(Sandbox::sourcesFor(SandboxShape::Chain, 4), (std::vector<int>{-1, 0, 1, 2}));
        QCOMPARE(Sandbox::sourcesFor(SandboxShape::Star, 4), (std::vector<int>{-1, 0, 0, 0}));
        QCOMPARE(Sandbox::sourcesFor(SandboxShape::Tree, 5), (std::vector<int>{-1, 0, 0, 1, 1}));
        QCOMPARE(Sandbox::sourcesFor(SandboxShape::Tree, 7), (std::vector<int>{-1, 0, 0, 1, 1, 2, 2}));
        QCOMPARE(Sandbox::sourcesFor(SandboxShape::TwoClusters, 5), (std::vector<int>{-1, 0, -1, 2, 2}));
        QCOMPARE(Sandbox::sourcesFor(SandboxShape::TwoClusters, 6), (std::vector<int>{-1, 0, 0, -1, 3, 3}));
    }

    void treeReplicates()
    {
        Sandbox sandbox;
        QElapsedTimer timer;
        timer.start();
        const auto started = sandbox.start();
        QVERIFY_RESULT(started);
        qInfo("Tree(5) started and replicating in %lld ms", timer.elapsed());

        QCOMPARE(sandbox.size(), 5);
        QCOMPARE(sandbox.sourceOf(0), -1);
        QCOMPARE(sandbox.sourceOf(3), 1);
        for (int i = 0; i < sandbox.size(); ++i) {
            QCOMPARE(sandbox.key(i).toString(), u"127.0.0.1:%1"_s.arg(sandbox.port(i)));
            QVERIFY(sandbox.pid(i) > 0);
        }
        QVERIFY(slaveStatus(sandbox, 0).isEmpty());
        for (int i = 1; i < sandbox.size(); ++i) {
            const QVariantMap status = slaveStatus(sandbox, i);
            QCOMPARE(status.value(u"Master_Host"_s).toString(), u"127.0.0.1"_s);
            QCOMPARE(status.value(u"Master_Port"_s).toInt(), sandbox.port(sandbox.sourceOf(i)));
            QCOMPARE(status.value(u"Slave_IO_Running"_s).toString(), u"Yes"_s);
            QCOMPARE(status.value(u"Slave_SQL_Running"_s).toString(), u"Yes"_s);
            QCOMPARE(status.value(u"Using_Gtid"_s).toString(), u"Slave_Pos"_s);
            const auto vars =
                sandbox.query(i, u"SELECT @@read_only AS ro, @@server_id AS id, @@slave_net_timeout AS t"_s);
            QVERIFY_RESULT(vars);
            QCOMPARE(vars->first().value(u"ro"_s).toInt(), 1);
            QCOMPARE(vars->first().value(u"id"_s).toInt(), i + 1);
            QCOMPARE(vars->first().value(u"t"_s).toInt(), 4);
        }

        // A row written on the master reaches the deepest replicas through the intermediate one.
        QVERIFY(sandbox.execute(0, u"CREATE DATABASE sbx"_s).ok());
        QVERIFY(sandbox.execute(0, u"CREATE TABLE sbx.t (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(sandbox.execute(0, u"INSERT INTO sbx.t VALUES (42)"_s).ok());
        QVERIFY(waitFor([&] { return hasRow(sandbox, 3, 42) && hasRow(sandbox, 4, 42); }, 10000));

        // The topology user works over TCP with the credentials file's values.
        QFile credentials(sandbox.credentialsFile());
        QVERIFY(credentials.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(credentials.readAll()),
                 u"[client]\nuser=%1\npassword=%2\n"_s.arg(sandbox.user(), sandbox.password()));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                                QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                                QFileDevice::WriteOther | QFileDevice::ExeOther;
        QVERIFY(!(credentials.permissions() & others));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, u"tst_sandbox_tcp"_s);
            db.setHostName(u"127.0.0.1"_s);
            db.setPort(sandbox.port(1));
            db.setUserName(sandbox.user());
            db.setPassword(sandbox.password());
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY2(q.exec(u"SHOW SLAVE STATUS"_s) && q.next(), qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(u"SHOW MASTER STATUS"_s), qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(u"SELECT COUNT(*) FROM mysql.user"_s), qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(u"STOP SLAVE"_s) && q.exec(u"START SLAVE"_s), qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(u"SET GLOBAL read_only = ON"_s), qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(u"tst_sandbox_tcp"_s);

        const QString dir = sandbox.directory();
        QVERIFY(QFileInfo::exists(dir));
        const qint64 masterPid = sandbox.pid(0);
        sandbox.stop();
        QVERIFY(processGone(masterPid));
        QVERIFY(!QFileInfo::exists(dir));
    }

    void killPauseResumeRestart()
    {
        Sandbox sandbox({.shape = SandboxShape::Star, .servers = 3});
        const auto started = sandbox.start();
        QVERIFY_RESULT(started);
        QVERIFY(sandbox.execute(0, u"CREATE DATABASE sbx"_s).ok());
        QVERIFY(sandbox.execute(0, u"CREATE TABLE sbx.t (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(sandbox.execute(0, u"INSERT INTO sbx.t VALUES (1)"_s).ok());
        QVERIFY(waitFor([&] { return hasRow(sandbox, 1, 1); }, 10000));

        // kill: the process is reaped at once and nothing listens any more.
        const qint64 pid = sandbox.pid(1);
        const int port = sandbox.port(1);
        const auto killed = sandbox.kill(1);
        QVERIFY_RESULT(killed);
        QVERIFY(processGone(pid));
        QVERIFY(!QFileInfo::exists(u"/proc/%1"_s.arg(pid)));
        QVERIFY(portRefuses(port));
        QCOMPARE(sandbox.pid(1), 0);
        QVERIFY(!sandbox.query(1, u"SELECT 1"_s).ok());
        QVERIFY(!sandbox.kill(1).ok());

        // restart: same port, same data; replication resumes once started again.
        QVERIFY(sandbox.execute(0, u"INSERT INTO sbx.t VALUES (2)"_s).ok());
        const auto restarted = sandbox.restart(1);
        QVERIFY_RESULT(restarted);
        QCOMPARE(sandbox.port(1), port);
        QVERIFY(sandbox.pid(1) > 0 && sandbox.pid(1) != pid);
        QVERIFY(hasRow(sandbox, 1, 1));
        QVERIFY(sandbox.execute(1, u"START SLAVE"_s).ok());
        QVERIFY(waitFor([&] { return hasRow(sandbox, 1, 2); }, 10000));

        // pause: a hung server; resume brings it back.
        const qint64 pausedPid = sandbox.pid(2);
        QVERIFY(sandbox.pause(2).ok());
        QCOMPARE(procState(pausedPid), u"T"_s);
        QVERIFY(sandbox.isRunning(2));
        QVERIFY(sandbox.resume(2).ok());
        QVERIFY(procState(pausedPid) != u"T"_s);
        QVERIFY(sandbox.query(2, u"SELECT 1"_s).ok());

        // restart of a running (even paused) server stops it first.
        QVERIFY(sandbox.pause(2).ok());
        const auto restartedPaused = sandbox.restart(2);
        QVERIFY_RESULT(restartedPaused);
        QVERIFY(processGone(pausedPid));
        QVERIFY(sandbox.query(2, u"SELECT 1"_s).ok());

        QVERIFY(!sandbox.kill(7).ok());
    }

    void chainWithoutGtid()
    {
        Sandbox sandbox({.shape = SandboxShape::Chain, .servers = 3, .gtid = false});
        const auto started = sandbox.start();
        QVERIFY_RESULT(started);
        for (int i = 1; i < 3; ++i) {
            const QVariantMap status = slaveStatus(sandbox, i);
            QCOMPARE(status.value(u"Using_Gtid"_s).toString(), u"No"_s);
            QCOMPARE(status.value(u"Master_Port"_s).toInt(), sandbox.port(i - 1));
            QCOMPARE(status.value(u"Slave_IO_Running"_s).toString(), u"Yes"_s);
            QCOMPARE(status.value(u"Slave_SQL_Running"_s).toString(), u"Yes"_s);
        }
        QVERIFY(sandbox.execute(0, u"CREATE DATABASE sbx"_s).ok());
        QVERIFY(sandbox.execute(0, u"CREATE TABLE sbx.t (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(sandbox.execute(0, u"INSERT INTO sbx.t VALUES (7)"_s).ok());
        QVERIFY(waitFor([&] { return hasRow(sandbox, 2, 7); }, 10000));
    }

    void twoClusters()
    {
        Sandbox sandbox({.shape = SandboxShape::TwoClusters, .servers = 4});
        const auto started = sandbox.start();
        QVERIFY_RESULT(started);
        QVERIFY(slaveStatus(sandbox, 2).isEmpty());
        QCOMPARE(slaveStatus(sandbox, 3).value(u"Master_Port"_s).toInt(), sandbox.port(2));
        QCOMPARE(slaveStatus(sandbox, 1).value(u"Master_Port"_s).toInt(), sandbox.port(0));
    }

    void twoSandboxesAtOnce()
    {
        Sandbox first({.shape = SandboxShape::Single});
        Sandbox second({.shape = SandboxShape::Chain, .servers = 2});
        const auto a = first.start();
        const auto b = second.start();
        QVERIFY_RESULT(a);
        QVERIFY_RESULT(b);
        QCOMPARE(first.size(), 1);
        QVERIFY(first.directory() != second.directory());
        for (int i = 0; i < second.size(); ++i)
            QVERIFY(second.port(i) != first.port(0));
        QVERIFY(second.port(0) != second.port(1));
        QVERIFY(first.query(0, u"SELECT 1"_s).ok());
        QVERIFY(second.query(1, u"SELECT 1"_s).ok());
    }

    void givenDirectoryIsKeptAndNotReused()
    {
        QTemporaryDir parent;
        QVERIFY(parent.isValid());
        const QString dir = parent.path() + u"/sbx"_s;
        {
            Sandbox sandbox({.shape = SandboxShape::Single, .directory = dir});
            const auto started = sandbox.start();
            QVERIFY_RESULT(started);
            QCOMPARE(sandbox.directory(), dir);
            QVERIFY(QFileInfo(sandbox.credentialsFile()).path() == dir);
        }
        QVERIFY(QFileInfo::exists(dir + u"/s0/error.log"_s));
        Sandbox again({.shape = SandboxShape::Single, .directory = dir});
        const auto refused = again.start();
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().contains(dir));
    }

    void refusesBadOptions()
    {
        Sandbox none({.shape = SandboxShape::Star, .servers = 0});
        QVERIFY(!none.start().ok());
        Sandbox lonely({.shape = SandboxShape::TwoClusters, .servers = 1});
        QVERIFY(!lonely.start().ok());
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
