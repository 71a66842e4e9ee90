// Arbor's MySQL dialect against simulated MySQL 5.7, 8.0 and 8.4 servers, read-only: the version
// and dialect detected, every probe statement answered (SHOW REPLICA STATUS, SHOW BINARY LOG STATUS,
// SHOW REPLICAS, GTID sets, super_read_only, semi-sync names before/after 8.0.26), discovery of a
// tree, `arbor check`'s privilege report with 8.0's dynamic privileges, and proof that the dialect
// is really exercised: statements 8.4 removed, and MariaDB's, fail there.
//
//   0 ── 1 ── 3
//   │    └─── 4
//   └─── 2
#include "resultassert.h"
#include "testfleet.h"

#include "dialect/dialect.h"
#include "model/topology.h"
#include "probe/discovery.h"
#include "probe/instanceprobe.h"
#include "probe/privilegecheck.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::simulator;

namespace {

std::unique_ptr<Simulator> startFleet(FlavourKind kind, const QByteArray &version = {},
                                      const QList<QByteArray> &revoked = {})
{
    FleetOptions o = smallTree(kind, 5, 2);
    o.version = version;
    o.revokedPrivileges = revoked;
    return startSimulator(o);
}

ProbeOptions probeOptions()
{
    ProbeOptions o;
    o.credentials = Credentials(u"arbor"_s, u"arbor"_s);
    o.connectTimeoutSeconds = 1;
    o.readTimeoutSeconds = 2;
    return o;
}

// One statement on a plain QMYSQL connection; the native error code on failure, 0 on success.
struct Answer
{
    int error = 0;
    QString text;
    QList<QVariantMap> rows;
};

} // namespace

class TestSimulatorMysql : public QObject
{
    Q_OBJECT

    int m_connections = 0;

    Answer ask(const Simulator &sim, int server, const QString &sql)
    {
        Answer a;
        const QString name = u"tst-simulator-mysql-%1"_s.arg(++m_connections);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, name);
            db.setHostName(u"127.0.0.1"_s);
            db.setPort(sim.port(server));
            db.setUserName(u"arbor"_s);
            db.setPassword(u"arbor"_s);
            db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT=1;MYSQL_OPT_READ_TIMEOUT=2"_s);
            if (!db.open()) {
                a.error = -1;
                a.text = db.lastError().text();
            } else {
                QSqlQuery q(db);
                if (!q.exec(sql)) {
                    a.error = q.lastError().nativeErrorCode().toInt();
                    a.text = q.lastError().databaseText();
                } else {
                    while (q.next()) {
                        QVariantMap row;
                        for (int c = 0; c < q.record().count(); ++c)
                            row.insert(q.record().fieldName(c), q.value(c));
                        a.rows << row;
                    }
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return a;
    }

private Q_SLOTS:
    void probeReadsEveryFact_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("version");
        QTest::addColumn<QString>("statusQuery");
        QTest::addColumn<QString>("semiSyncPrefix");
        QTest::newRow("5.7") << int(FlavourKind::MySQL57) << QByteArray() << u"SHOW SLAVE STATUS"_s << u"master"_s;
        QTest::newRow("8.0.21") << int(FlavourKind::MySQL80) << QByteArray("8.0.21") << u"SHOW SLAVE STATUS"_s << u"master"_s;
        QTest::newRow("8.0.22") << int(FlavourKind::MySQL80) << QByteArray("8.0.22") << u"SHOW REPLICA STATUS"_s << u"master"_s;
        QTest::newRow("8.0.25") << int(FlavourKind::MySQL80) << QByteArray("8.0.25") << u"SHOW REPLICA STATUS"_s << u"master"_s;
        QTest::newRow("8.0.26") << int(FlavourKind::MySQL80) << QByteArray("8.0.26") << u"SHOW REPLICA STATUS"_s << u"source"_s;
        QTest::newRow("8.0") << int(FlavourKind::MySQL80) << QByteArray() << u"SHOW REPLICA STATUS"_s << u"source"_s;
        QTest::newRow("8.4") << int(FlavourKind::MySQL84) << QByteArray() << u"SHOW REPLICA STATUS"_s << u"source"_s;
    }

    void probeReadsEveryFact()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, version);
        QFETCH(QString, statusQuery);
        QFETCH(QString, semiSyncPrefix);
        auto sim = startFleet(FlavourKind(kind), version);
        QVERIFY(sim);

        const Answer identity = ask(*sim, 3, Dialect::identityQuery());
        QCOMPARE(identity.error, 0);
        const QString reportedVersion = identity.rows.value(0).value(u"version"_s).toString();
        QCOMPARE(reportedVersion, QString::fromLatin1(sim->fleet().flavour().version()));
        QVERIFY(identity.rows.value(0).value(u"version_comment"_s).toString().startsWith(u"MySQL Community Server"_s));
        const Dialect dialect = Dialect::forServer(reportedVersion, identity.rows.value(0).value(u"version_comment"_s).toString());
        QCOMPARE(dialect.flavour(), Flavour::MySQL);
        QCOMPARE(dialect.replicaStatusQuery(), statusQuery);

        InstanceProbe replicaProbe(sim->key(3), probeOptions());
        const Instance r = replicaProbe.poll();
        QVERIFY2(r.lastCheckValid, qPrintable(r.lastError));
        QCOMPARE(r.flavour, Flavour::MySQL);
        QCOMPARE(r.serverId, 4);
        QCOMPARE(r.serverUuid, sim->fleet().serverUuid(3));
        QVERIFY(r.readOnly);
        QCOMPARE(r.superReadOnly, sim->fleet().flavour().hasSuperReadOnly());
        QVERIFY(r.logBin && r.logReplicaUpdates);
        QCOMPARE(r.gtidMode, u"ON"_s);
        QVERIFY2(r.executedGtidSet.startsWith(sim->fleet().serverUuid(0) + u":1-"_s), qPrintable(r.executedGtidSet));
        QVERIFY(r.isReplica());
        QCOMPARE(r.sourceKey(), sim->key(1));
        QCOMPARE(r.replication->gtidPositioning, u"auto-position"_s);
        QCOMPARE(r.replication->sourceUuid, sim->fleet().serverUuid(1));
        QCOMPARE(r.replication->ioThread, ReplicationState::ThreadState::Running);
        QCOMPARE(r.replication->sqlThread, ReplicationState::ThreadState::Running);
        QVERIFY(r.replication->secondsBehindSource.has_value());
        QVERIFY(!r.replication->executedGtidSet.isEmpty());
        QVERIFY(r.semiSync.available);
        QVERIFY(!r.semiSync.sourceEnabled);
        QCOMPARE(r.semiSync.sourceTimeoutMs, 10000);
        QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join(u"; "_s)));

        InstanceProbe masterProbe(sim->key(0), probeOptions());
        const Instance m = masterProbe.poll();
        QVERIFY2(m.lastCheckValid, qPrintable(m.lastError));
        QVERIFY(!m.isReplica());
        QVERIFY(!m.readOnly && !m.superReadOnly);
        QVERIFY(m.selfCoordinates.isValid());
        QCOMPARE(m.replicaKeys.size(), 2);
        QVERIFY(m.replicaKeys.contains(sim->key(1)) && m.replicaKeys.contains(sim->key(2)));

        // The semi-sync plugin's names as this version has them.
        const Answer semi = ask(*sim, 0, dialect.semiSyncVariablesQuery());
        QCOMPARE(semi.error, 0);
        QVERIFY(!semi.rows.isEmpty());
        for (const QVariantMap &row : semi.rows) {
            const QString name = row.value(u"Variable_name"_s).toString();
            QVERIFY2(name.startsWith(u"rpl_semi_sync_"_s + semiSyncPrefix) || name.startsWith(u"rpl_semi_sync_replica"_s)
                         || name.startsWith(u"rpl_semi_sync_slave"_s),
                     qPrintable(name));
        }
    }

    void removedAndForeignSyntaxFails_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("statement");
        QTest::addColumn<int>("error");
        // 8.4 removed the SLAVE/MASTER statements and options.
        for (const QString &s : {u"SHOW SLAVE STATUS"_s, u"SHOW MASTER STATUS"_s, u"SHOW SLAVE HOSTS"_s, u"START SLAVE"_s,
                                 u"STOP SLAVE"_s, u"RESET SLAVE ALL"_s,
                                 u"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=3306"_s,
                                 u"CHANGE REPLICATION SOURCE TO MASTER_AUTO_POSITION=1"_s})
            QTest::newRow(qPrintable(u"8.4: "_s + s)) << int(FlavourKind::MySQL84) << s << 1064;
        // Before 8.0.22 / 8.2 the new keywords do not exist.
        for (const QString &s : {u"SHOW REPLICA STATUS"_s, u"SHOW REPLICAS"_s, u"START REPLICA"_s, u"SHOW BINARY LOG STATUS"_s,
                                 u"CHANGE REPLICATION SOURCE TO SOURCE_AUTO_POSITION=1"_s})
            QTest::newRow(qPrintable(u"5.7: "_s + s)) << int(FlavourKind::MySQL57) << s << 1064;
        QTest::newRow("8.0: SHOW BINARY LOG STATUS") << int(FlavourKind::MySQL80) << u"SHOW BINARY LOG STATUS"_s << 1064;
        QTest::newRow("8.0: SOURCE_POS_WAIT on 5.7") << int(FlavourKind::MySQL57)
                                                      << u"SELECT SOURCE_POS_WAIT('binlog.000001', 4, 1) AS result"_s << 1305;
    }

    void removedAndForeignSyntaxFails()
    {
        QFETCH(int, kind);
        QFETCH(QString, statement);
        QFETCH(int, error);
        auto sim = startFleet(FlavourKind(kind));
        QVERIFY(sim);
        const Answer a = ask(*sim, 3, statement);
        QCOMPARE(a.error, error);
        if (error == 1064)
            QVERIFY2(a.text.contains(u"corresponds to your MySQL server version"_s), qPrintable(a.text));
    }

    void mariadbDialectFailsOnMysql84()
    {
        // A wrong dialect must fail, or these tests would prove nothing: MariaDB's statements against 8.4.
        auto sim = startFleet(FlavourKind::MySQL84);
        QVERIFY(sim);
        const Dialect mariadb = Dialect::forServer(u"10.11.6-MariaDB-log"_s, u"MariaDB Server"_s);
        QCOMPARE(ask(*sim, 3, mariadb.variablesQuery()).error, 1193); // @@gtid_current_pos
        QCOMPARE(ask(*sim, 3, mariadb.replicaStatusQuery()).error, 1064);
        QCOMPARE(ask(*sim, 0, mariadb.binlogStatusQuery()).error, 1064);
        QCOMPARE(ask(*sim, 0, mariadb.replicaHostsQuery()).error, 1064);
        Dialect::ChangeSource change;
        change.source = sim->key(2);
        const Answer stopped = ask(*sim, 3, mariadb.stopReplicaStatement());
        QCOMPARE(stopped.error, 1064);
        QCOMPARE(ask(*sim, 3, u"STOP REPLICA"_s).error, 0);
        const Answer changed = ask(*sim, 3, mariadb.changeSourceStatement(change).textForServer());
        QCOMPARE(changed.error, 1064);
        QCOMPARE(ask(*sim, 3, mariadb.gtidWaitQuery(u"0-1-5"_s, 1)).error, 1305); // MASTER_GTID_WAIT
        // Nothing of it changed the server: still replicating from 1, once started again.
        QCOMPARE(sim->fleet().sourceOf(3), 1);
        QCOMPARE(ask(*sim, 3, u"START REPLICA"_s).error, 0);
        QVERIFY(sim->fleet().replicating(3));

        // And an older MySQL's dialect (8.0.21: SHOW SLAVE STATUS, CHANGE MASTER TO) fails there too.
        const Dialect old = Dialect::forServer(u"8.0.21"_s, u"MySQL Community Server - GPL"_s);
        QCOMPARE(ask(*sim, 3, old.replicaStatusQuery()).error, 1064);
        QCOMPARE(ask(*sim, 3, old.changeSourceStatement(change).textForServer()).error, 1064);
        // Arbor's own 8.4 dialect reads it.
        InstanceProbe probe(sim->key(3), probeOptions());
        const Instance i = probe.poll();
        QVERIFY2(i.lastCheckValid, qPrintable(i.lastError));
    }

    void discoveryFindsTheTree_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("8.0") << int(FlavourKind::MySQL80);
        QTest::newRow("8.4") << int(FlavourKind::MySQL84);
    }

    void discoveryFindsTheTree()
    {
        QFETCH(int, kind);
        auto sim = startFleet(FlavourKind(kind));
        QVERIFY(sim);
        PollerOptions o;
        o.probe = probeOptions();
        const auto outcome = Discovery::run({sim->key(4)}, o, 10000); // a leaf: climb, then descend
        QVERIFY(outcome.complete);
        QCOMPARE(outcome.instances.size(), 5);
        const Topology topology = Topology::build(outcome.instances);
        QCOMPARE(topology.clusters().size(), 1);
        for (int i = 0; i < 5; ++i) {
            const int source = sim->fleet().sourceOf(i);
            QCOMPARE(topology.parentOf(sim->key(i)), source < 0 ? InstanceKey() : sim->key(source));
        }
    }

    void privilegeCheckKnowsDynamicPrivileges_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("revoked");
        QTest::addColumn<QStringList>("missing");
        QTest::newRow("8.0 complete") << int(FlavourKind::MySQL80) << QByteArray() << QStringList();
        QTest::newRow("8.4 complete") << int(FlavourKind::MySQL84) << QByteArray() << QStringList();
        QTest::newRow("8.0 no REPLICATION_SLAVE_ADMIN")
            << int(FlavourKind::MySQL80) << QByteArray("REPLICATION_SLAVE_ADMIN") << QStringList{u"REPLICATION_SLAVE_ADMIN"_s};
        QTest::newRow("8.4 no SYSTEM_VARIABLES_ADMIN")
            << int(FlavourKind::MySQL84) << QByteArray("SYSTEM_VARIABLES_ADMIN") << QStringList{u"SYSTEM_VARIABLES_ADMIN"_s};
        QTest::newRow("5.7 no SUPER") << int(FlavourKind::MySQL57) << QByteArray("SUPER") << QStringList{u"SUPER"_s};
    }

    void privilegeCheckKnowsDynamicPrivileges()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, revoked);
        QFETCH(QStringList, missing);
        auto sim = startFleet(FlavourKind(kind), {}, revoked.isEmpty() ? QList<QByteArray>() : QList<QByteArray>{revoked});
        QVERIFY(sim);
        InstanceProbe probe(sim->key(0), probeOptions());
        const auto report = PrivilegeCheck::run(probe);
        QVERIFY_RESULT(report);
        QCOMPARE(report->missing, missing);
        if (kind != int(FlavourKind::MySQL57))
            QVERIFY(report->required.contains(u"REPLICATION_SLAVE_ADMIN"_s));
    }
};

QTEST_GUILESS_MAIN(TestSimulatorMysql)
#include "tst_simulator_mysql.moc"
