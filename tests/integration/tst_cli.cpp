// The CLI as a user runs it: the real `arbor` binary against a real sandbox, good input and bad.
#include "resultassert.h"
#include "sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

class TestCli : public QObject
{
    Q_OBJECT

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    Sandbox m_sandbox{{SandboxShape::Tree, 5, true}};
    QTemporaryDir m_dir;

    QString store() const { return m_dir.filePath(u"arbor.sqlite3"_s); }

    Run arbor(const QStringList &arguments, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ARBOR_BINARY), arguments);
        if (!p.waitForFinished(60000))
            p.kill();
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    QStringList common() const { return {u"--credentials"_s, m_sandbox.credentialsFile(), u"--store"_s, store()}; }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY(m_dir.isValid());
        auto started = m_sandbox.start();
        QVERIFY_RESULT(started);
    }

    void malformedAddressIsAUsageError()
    {
        for (const QString &bad : {u"127.0.0.1"_s, u"127.0.0.1:0"_s, u"127.0.0.1:99999"_s, u"host;rm -rf /:3306"_s, u"a'b:3306"_s}) {
            const Run r = arbor(QStringList{u"discover"_s, bad} + common());
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(u"malformed server address"_s), qPrintable(r.err));
            QCOMPARE(r.err.count(u'\n'), 1); // one line
        }
        QVERIFY(!QFile::exists(store())); // nothing written, not even an empty store
    }

    void wrongPasswordWritesNothing()
    {
        QTemporaryDir dir;
        const QString credentials = dir.filePath(u"bad.cnf"_s);
        QFile f(credentials);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[client]\nuser=arbor\npassword=wrong\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        const QString otherStore = dir.filePath(u"s.sqlite3"_s);
        const Run r = arbor({u"discover"_s, m_sandbox.key(0).toString(), u"--credentials"_s, credentials, u"--store"_s, otherStore});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"access denied"_s) && r.err.contains(u"nothing was written"_s), qPrintable(r.err));
        QVERIFY2(!r.err.contains(u"wrong"_s), "the password must not be echoed");
        QVERIFY(!QFile::exists(otherStore));
    }

    void worldReadableCredentialsRefused()
    {
        QTemporaryDir dir;
        const QString credentials = dir.filePath(u"open.cnf"_s);
        QFile f(credentials);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[client]\nuser=arbor\npassword=x\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        const Run r = arbor({u"discover"_s, m_sandbox.key(0).toString(), u"--credentials"_s, credentials});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"chmod 600"_s), qPrintable(r.err));
    }

    // Issue 12: the replication password given to an operation is never printed, neither in the
    // --dry-run plan nor in the progress lines of a run.
    void replicationPasswordNeverPrinted()
    {
        QTemporaryDir dir;
        const QString secret = u"Zq9-never-print-me"_s;
        const QString replication = dir.filePath(u"repl.cnf"_s);
        QFile f(replication);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(u"[client]\nuser=%1\npassword=%2\n"_s.arg(m_sandbox.replicationUser(), secret).toUtf8());
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        const QString replica = m_sandbox.key(1).toString();
        const Run plan = arbor(QStringList{u"disable-gtid"_s, replica, u"--dry-run"_s, u"--replication-credentials"_s, replication} + common());
        QVERIFY2(plan.code == 0, qPrintable(plan.out + plan.err));
        QVERIFY2(plan.out.contains(u"CHANGE MASTER TO"_s), qPrintable(plan.out));
        QVERIFY2(!plan.out.contains(secret) && !plan.err.contains(secret), qPrintable(plan.out));
        const Run co = arbor(QStringList{u"make-co-master"_s, replica, u"--dry-run"_s, u"--replication-credentials"_s, replication} + common());
        QVERIFY2(co.out.contains(u"MASTER_PASSWORD=<redacted>"_s), qPrintable(co.out + co.err));
        QVERIFY2(!co.out.contains(secret) && !co.err.contains(secret), qPrintable(co.out));
    }

    void unreachableSeed()
    {
        const Run r = arbor(QStringList{u"discover"_s, u"127.0.0.1:1"_s} + common());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"127.0.0.1:1"_s) && r.err.contains(u"refused"_s), qPrintable(r.err));
    }

    void discoverPrintsTheTree()
    {
        const Run r = arbor(QStringList{u"discover"_s, m_sandbox.key(4).toString()} + common());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines[0].startsWith(m_sandbox.key(0).toString() + u' '));
        QVERIFY(lines[0].contains(u",rw,ROW,>>]"_s));
        for (int i = 1; i < 5; ++i) {
            const int depth = m_sandbox.sourceOf(i) == 0 ? 1 : 2;
            const QString prefix = QString(2 * (depth - 1), u' ') + u"+ "_s + m_sandbox.key(i).toString();
            QVERIFY2(r.out.contains(prefix), qPrintable(prefix + u"\n"_s + r.out));
        }
        QVERIFY(r.err.contains(u"discovered 5 server(s)"_s));
    }

    void clustersTopologyInstance()
    {
        QVERIFY(arbor(QStringList{u"discover"_s, m_sandbox.key(0).toString()} + common()).code == 0);
        const Run clusters = arbor({u"clusters"_s, u"--store"_s, store()});
        QCOMPARE(clusters.code, 0);
        QVERIFY2(clusters.out.startsWith(m_sandbox.key(0).toString()) && clusters.out.contains(u"5 server(s)\tok"_s),
                 qPrintable(clusters.out));

        QVERIFY(m_sandbox.execute(3, u"STOP SLAVE"_s).ok());
        const Run live = arbor(QStringList{u"topology"_s, m_sandbox.key(3).toString()} + common());
        QCOMPARE(live.code, 0);
        const QString line3 = live.out.split(u'\n').filter(m_sandbox.key(3).toString()).value(0);
        QVERIFY2(line3.contains(u"null,stopped"_s), qPrintable(live.out));
        QVERIFY(m_sandbox.execute(3, u"START SLAVE"_s).ok());

        const Run alias = arbor({u"alias"_s, m_sandbox.key(0).toString(), u"shop"_s, u"--store"_s, store()});
        QCOMPARE(alias.code, 0);
        const Run cached = arbor({u"topology"_s, u"shop"_s, u"--cached"_s, u"--store"_s, store()});
        QCOMPARE(cached.code, 0);
        QCOMPARE(cached.out.count(u'\n'), 5);
        const Run missing = arbor({u"topology"_s, u"nope"_s, u"--cached"_s, u"--store"_s, store()});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(u"known clusters: shop"_s), qPrintable(missing.err));

        const Run instance = arbor(QStringList{u"instance"_s, m_sandbox.key(1).toString()} + common());
        QCOMPARE(instance.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(instance.out.toUtf8()).object();
        QCOMPARE(json.value(u"Key"_s).toObject().value(u"Port"_s).toInt(), m_sandbox.port(1));
        QCOMPARE(json.value(u"MasterKey"_s).toObject().value(u"Port"_s).toInt(), m_sandbox.port(0));
        QCOMPARE(json.value(u"ServerID"_s).toInt(), 2);
    }

    void downtimeAndForget()
    {
        QVERIFY(arbor(QStringList{u"discover"_s, m_sandbox.key(0).toString()} + common()).code == 0);
        const QString key = m_sandbox.key(2).toString();
        QCOMPARE(arbor({u"begin-downtime"_s, key, u"--store"_s, store()}).code, 2); // reason required
        QCOMPARE(arbor({u"begin-downtime"_s, key, u"--reason"_s, u"disk swap"_s, u"--duration"_s, u"forever"_s, u"--store"_s, store()}).code, 2);
        QCOMPARE(arbor({u"begin-downtime"_s, key, u"--reason"_s, u"disk swap"_s, u"--duration"_s, u"30m"_s, u"--store"_s, store()}).code, 0);
        const Run listed = arbor({u"downtimed"_s, u"--store"_s, store()});
        QVERIFY2(listed.out.contains(key) && listed.out.contains(u"disk swap"_s), qPrintable(listed.out));
        const Run tree = arbor({u"topology"_s, key, u"--cached"_s, u"--store"_s, store()});
        QVERIFY2(tree.out.split(u'\n').filter(key).value(0).contains(u",downtimed]"_s), qPrintable(tree.out));
        QCOMPARE(arbor({u"end-downtime"_s, key, u"--store"_s, store()}).code, 0);
        QCOMPARE(arbor({u"end-downtime"_s, key, u"--store"_s, store()}).code, 1);

        QCOMPARE(arbor({u"forget"_s, key, u"--store"_s, store()}).code, 0);
        const Run again = arbor({u"forget"_s, key, u"--store"_s, store()});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains(u"not known"_s), qPrintable(again.err));
    }

    void checkReportsMissingPrivileges()
    {
        QVERIFY(m_sandbox.execute(0, u"CREATE USER 'weak'@'%' IDENTIFIED BY 'weakpw'"_s).ok());
        QVERIFY(m_sandbox.execute(0, u"GRANT PROCESS, REPLICATION SLAVE ON *.* TO 'weak'@'%'"_s).ok());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"ARBOR_TOPOLOGY_USER"_s, u"weak"_s);
        env.insert(u"ARBOR_TOPOLOGY_PASSWORD"_s, u"weakpw"_s);
        const Run weak = arbor({u"check"_s, m_sandbox.key(0).toString()}, env);
        QCOMPARE(weak.code, 1);
        QVERIFY2(weak.out.contains(u"MISSING READ_ONLY ADMIN"_s), qPrintable(weak.out));
        QVERIFY2(weak.out.contains(u"MISSING REPLICATION MASTER ADMIN"_s), qPrintable(weak.out));
        QVERIFY(!weak.out.contains(u"weakpw"_s));
        const Run good = arbor({u"check"_s, m_sandbox.key(1).toString(), u"--credentials"_s, m_sandbox.credentialsFile()});
        QVERIFY2(good.code == 0, qPrintable(good.out + good.err));
        QVERIFY(!good.out.contains(u"MISSING"_s));
    }

    void rehearseTouchesNothing()
    {
        // What Arbor would do if the master died now: the ranking and the hooks, and no change.
        QTemporaryDir dir;
        const QString marker = dir.filePath(u"post-hook-ran"_s);
        const QString config = dir.filePath(u"recovery.json"_s);
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{u"PostMasterFailoverProcesses"_s, QJsonArray{u"touch %1"_s.arg(marker)}}}).toJson());
        f.close();
        QCOMPARE(arbor(QStringList{u"discover"_s, m_sandbox.key(0).toString()} + common()).code, 0);
        const Run r = arbor(QStringList{u"recover"_s, m_sandbox.key(0).toString(), u"--rehearse"_s, u"--config"_s, config} + common());
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"DeadMaster"_s) && r.out.contains(u"rehearsal only: no server was changed"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"hook PostMasterFailoverProcesses: touch %1"_s.arg(marker)), qPrintable(r.out));
        QVERIFY2(r.out.contains(m_sandbox.key(1).toString()) || r.out.contains(m_sandbox.key(2).toString()), qPrintable(r.out));
        QVERIFY(!QFile::exists(marker));
        // The servers are as they were: the master writable, its replicas below it.
        auto rows = m_sandbox.query(0, u"SELECT @@read_only AS v"_s);
        QVERIFY(rows.ok() && rows->constFirst().value(u"v"_s).toInt() == 0);
        for (const int i : {1, 2}) {
            auto status = m_sandbox.query(i, u"SHOW SLAVE STATUS"_s);
            QVERIFY(status.ok() && !status->isEmpty());
            QCOMPARE(status->constFirst().value(u"Master_Port"_s).toInt(), m_sandbox.port(0));
        }
        // A rehearsal is not a takeover.
        QCOMPARE(arbor(QStringList{u"recover"_s, m_sandbox.key(0).toString(), u"--rehearse"_s, u"--takeover"_s} + common()).code, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
