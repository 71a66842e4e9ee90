// `arbor check` as a user runs it (the real binary) on simulated MySQL 5.7, 8.0 and 8.4: the
// privileges it names per version (8.0's dynamic privileges instead of SUPER), a complete grant set
// that passes, and a missing privilege that fails the check, is named, and gets its GRANT line.
#include "cliprocess.h"
#include "testfleet.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::simulator;
using namespace arbor::testsupport;

class TestSimulatorMysqlCli : public QObject
{
    Q_OBJECT

    // The real binary with the simulator's monitoring account in the environment.
    static CliRun arbor(const QStringList &arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"ARBOR_TOPOLOGY_USER"_s, u"arbor"_s);
        env.insert(u"ARBOR_TOPOLOGY_PASSWORD"_s, u"arbor"_s);
        return runCli(QStringLiteral(ARBOR_BINARY), arguments, env);
    }

private Q_SLOTS:
    void checkNamesTheFlavoursPrivileges_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QByteArray>("revoked");
        QTest::addColumn<QStringList>("required");
        const QStringList dynamic{u"REPLICATION_SLAVE_ADMIN"_s, u"SYSTEM_VARIABLES_ADMIN"_s, u"REPLICATION SLAVE"_s,
                                  u"REPLICATION CLIENT"_s, u"PROCESS"_s, u"RELOAD"_s};
        const QStringList classic{u"SUPER"_s, u"REPLICATION SLAVE"_s, u"REPLICATION CLIENT"_s, u"PROCESS"_s, u"RELOAD"_s};
        QTest::newRow("8.0 complete") << int(FlavourKind::MySQL80) << u"MySQL 8.0.36"_s << QByteArray() << dynamic;
        QTest::newRow("8.4 complete") << int(FlavourKind::MySQL84) << u"MySQL 8.4.3"_s << QByteArray() << dynamic;
        QTest::newRow("5.7 complete") << int(FlavourKind::MySQL57) << u"MySQL 5.7.44"_s << QByteArray() << classic;
        QTest::newRow("8.0 no REPLICATION_SLAVE_ADMIN")
            << int(FlavourKind::MySQL80) << u"MySQL 8.0.36"_s << QByteArray("REPLICATION_SLAVE_ADMIN") << dynamic;
        QTest::newRow("8.4 no SYSTEM_VARIABLES_ADMIN")
            << int(FlavourKind::MySQL84) << u"MySQL 8.4.3"_s << QByteArray("SYSTEM_VARIABLES_ADMIN") << dynamic;
        QTest::newRow("8.4 no REPLICATION CLIENT")
            << int(FlavourKind::MySQL84) << u"MySQL 8.4.3"_s << QByteArray("REPLICATION CLIENT") << dynamic;
        QTest::newRow("5.7 no SUPER") << int(FlavourKind::MySQL57) << u"MySQL 5.7.44"_s << QByteArray("SUPER") << classic;
    }

    void checkNamesTheFlavoursPrivileges()
    {
        QFETCH(int, kind);
        QFETCH(QString, header);
        QFETCH(QByteArray, revoked);
        QFETCH(QStringList, required);
        FleetOptions o = smallTree(FlavourKind(kind), 2, 1);
        if (!revoked.isEmpty())
            o.revokedPrivileges = {revoked};
        auto sim = startSimulator(o);
        QVERIFY(sim);
        const QString server = sim->key(1).toString();
        const CliRun run = arbor({u"check"_s, server});
        QVERIFY2(run.out.startsWith(u"%1: %2"_s.arg(server, header)), qPrintable(run.out + run.err));
        for (const QString &p : required) {
            const bool missing = p == QString::fromUtf8(revoked);
            QVERIFY2(run.out.contains(u"%1 %2"_s.arg(missing ? u"MISSING"_s : u"ok     "_s, p)), qPrintable(p + u'\n' + run.out));
        }
        if (revoked.isEmpty()) {
            QVERIFY2(run.code == 0, qPrintable(run.out + run.err));
            QVERIFY(!run.out.contains(u"MISSING"_s));
            QVERIFY(!run.out.contains(u"GRANT"_s));
        } else {
            QCOMPARE(run.code, 1);
            QCOMPARE(run.out.count(u"MISSING"_s), 1);
            QVERIFY2(run.out.contains(u"GRANT %1 ON *.* TO 'arbor'@"_s.arg(QString::fromUtf8(revoked))), qPrintable(run.out));
        }
        // 8.0 deprecates SUPER: Arbor neither needs nor asks for it there. The purposes name the
        // statements as the server knows them.
        if (kind != int(FlavourKind::MySQL57)) {
            QVERIFY2(!run.out.contains(u"SUPER"_s), qPrintable(run.out));
            QVERIFY2(run.out.contains(u"SHOW REPLICA STATUS"_s) && !run.out.contains(u"SLAVE STATUS"_s), qPrintable(run.out));
        }
        if (kind == int(FlavourKind::MySQL84))
            QVERIFY2(run.out.contains(u"SHOW BINARY LOG STATUS"_s) && !run.out.contains(u"MASTER"_s), qPrintable(run.out));
    }
};

QTEST_GUILESS_MAIN(TestSimulatorMysqlCli)
#include "tst_simulator_mysql_cli.moc"
