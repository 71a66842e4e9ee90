// ServerControl and the GTID-only moves planned on synthetic facts: the exact statements per
// flavour and version, and each refusal with its rule (no server needed: a plan is what a run does).
#include "syntheticfacts.h"
#include "ops/operationrunner.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using arbor::testsupport::SyntheticFacts;

namespace {
const QString kUuid = u"3e11fa47-71ca-11e1-9e33-c80aa9429562"_s;
const QString kLocalUuid = u"5d3b8d1a-71ca-11e1-9e33-c80aa9429562"_s;

Instance server(int port, int sourcePort = 0, bool gtid = true)
{
    Instance i = SyntheticFacts::plannedServer(port, sourcePort, gtid);
    i.semiSync.available = true;
    if (i.replication) {
        i.replication->execCoordinates = {u"bin.000003"_s, 500};
        i.replication->readCoordinates = {u"bin.000003"_s, 900};
    }
    return i;
}

Instance mysql(Instance i, const QString &version = u"8.0.36"_s)
{
    i.flavour = Flavour::MySQL;
    i.version = version;
    i.gtidMode = u"ON"_s;
    i.serverUuid = i.replication ? kLocalUuid : kUuid;
    i.executedGtidSet = kUuid + u":1-100"_s;
    if (i.replication) {
        i.replication->gtidPositioning = u"1"_s;
        i.replication->sourceUuid = kUuid;
    }
    return i;
}

OperationRequest request(OperationKind kind, int instance, int target = 0, const QString &argument = {})
{
    return OperationRequest{kind, InstanceKey(u"db"_s, instance), target ? InstanceKey(u"db"_s, target) : InstanceKey(), {}, argument};
}

QStringList sql(const OperationPlan &plan)
{
    QStringList out;
    for (const auto &s : plan.steps) {
        if (s.kind == OperationPlan::Step::Kind::Statement)
            out << s.server.toString() + u": "_s + s.sql;
    }
    return out;
}
} // namespace

class TestServerControl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void delayReplicationPerFlavour()
    {
        const QList<Instance> maria{server(1), server(2, 1)};
        OperationPlan plan = OperationRunner::plan(maria, request(OperationKind::DelayReplication, 2, 0, u"3600"_s));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        // MariaDB refuses CHANGE MASTER while a thread runs: both stop, both start again.
        QCOMPARE(sql(plan), QStringList({u"db:2: STOP SLAVE"_s, u"db:2: CHANGE MASTER TO MASTER_DELAY = 3600"_s,
                                         u"db:2: START SLAVE IO_THREAD"_s, u"db:2: START SLAVE SQL_THREAD"_s}));
        const QList<Instance> my{mysql(server(1)), mysql(server(2, 1))};
        plan = OperationRunner::plan(my, request(OperationKind::DelayReplication, 2, 0, u"60"_s));
        QCOMPARE(sql(plan), QStringList({u"db:2: STOP REPLICA SQL_THREAD"_s, u"db:2: CHANGE REPLICATION SOURCE TO SOURCE_DELAY = 60"_s,
                                         u"db:2: START REPLICA SQL_THREAD"_s}));
        QCOMPARE(OperationRunner::plan(maria, request(OperationKind::DelayReplication, 2, 0, u"-1"_s)).refusal->rule, u"bad-delay"_s);
        QCOMPARE(OperationRunner::plan(maria, request(OperationKind::DelayReplication, 2, 0, u"1; DROP TABLE x"_s)).refusal->rule,
                 u"bad-delay"_s);
        QCOMPARE(OperationRunner::plan(maria, request(OperationKind::DelayReplication, 1, 0, u"5"_s)).refusal->rule, u"not-a-replica"_s);
    }

    void purgeIsRefusedWhileAReplicaReadsAnOlderLog()
    {
        QList<Instance> facts{server(1), server(2, 1)};
        OperationPlan plan = OperationRunner::plan(facts, request(OperationKind::PurgeBinaryLogs, 1, 0, u"bin.000003"_s));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(sql(plan), QStringList{u"db:1: PURGE BINARY LOGS TO 'bin.000003'"_s});
        facts[1].replication->readCoordinates = {u"bin.000002"_s, 4};
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::PurgeBinaryLogs, 1, 0, u"bin.000003"_s)).refusal->rule,
                 u"replica-needs-binlog"_s);
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::PurgeBinaryLogs, 1, 0, u"bin.000009"_s)).refusal->rule,
                 u"binlog-in-future"_s);
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::PurgeBinaryLogs, 1, 0, u"x'; DROP"_s)).refusal->rule,
                 u"bad-binlog-name"_s);
    }

    void skipQueryPerPositioning()
    {
        QList<Instance> facts{server(1), server(2, 1)};
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::SkipQuery, 2)).refusal->rule, u"sql-thread-running"_s);
        facts[1].replication->sqlThread = ReplicationState::ThreadState::Stopped;
        facts[1].replication->lastSqlError = u"Duplicate entry '1' for key 'PRIMARY'"_s;
        OperationPlan plan = OperationRunner::plan(facts, request(OperationKind::SkipQuery, 2));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(sql(plan), QStringList({u"db:2: SET GLOBAL sql_slave_skip_counter = 1"_s, u"db:2: START SLAVE"_s}));
        // MySQL with auto-position: the failed transaction is the source UUID's next GTID, committed empty.
        QList<Instance> my{mysql(server(1)), mysql(server(2, 1))};
        my[1].replication->sqlThread = ReplicationState::ThreadState::Stopped;
        plan = OperationRunner::plan(my, request(OperationKind::SkipQuery, 2));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(sql(plan), QStringList({u"db:2: SET GTID_NEXT = '%1:101'"_s.arg(kUuid), u"db:2: BEGIN"_s, u"db:2: COMMIT"_s,
                                         u"db:2: SET GTID_NEXT = 'AUTOMATIC'"_s, u"db:2: START REPLICA"_s}));
    }

    void semiSyncNamesAndTheIoRestart()
    {
        const QList<Instance> facts{server(1), server(2, 1)};
        OperationPlan plan = OperationRunner::plan(facts, request(OperationKind::EnableSemiSyncReplica, 2));
        QCOMPARE(sql(plan), QStringList({u"db:2: SET GLOBAL rpl_semi_sync_slave_enabled = 1"_s, u"db:2: STOP SLAVE IO_THREAD"_s,
                                         u"db:2: START SLAVE IO_THREAD"_s}));
        plan = OperationRunner::plan(facts, request(OperationKind::DisableSemiSyncMaster, 1));
        QCOMPARE(sql(plan), QStringList{u"db:1: SET GLOBAL rpl_semi_sync_master_enabled = 0"_s});
        QList<Instance> without = facts;
        without[0].semiSync.available = false;
        QCOMPARE(OperationRunner::plan(without, request(OperationKind::EnableSemiSyncMaster, 1)).refusal->rule,
                 u"semi-sync-unavailable"_s);
    }

    void errantGtidRepairs()
    {
        QList<Instance> my{mysql(server(1)), mysql(server(2, 1))};
        QCOMPARE(OperationRunner::plan(my, request(OperationKind::GtidErrantResetMaster, 2)).refusal->rule, u"no-errant-gtid"_s);
        my[1].executedGtidSet = kUuid + u":1-100,"_s + kLocalUuid + u":1-2"_s;
        OperationPlan plan = OperationRunner::plan(my, request(OperationKind::GtidErrantResetMaster, 2));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(sql(plan), QStringList({u"db:2: STOP REPLICA"_s, u"db:2: RESET MASTER"_s,
                                         u"db:2: SET GLOBAL gtid_purged = '%1:1-100'"_s.arg(kUuid), u"db:2: START REPLICA"_s}));
        plan = OperationRunner::plan(my, request(OperationKind::GtidErrantInjectEmpty, 2));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(sql(plan), QStringList({u"db:1: SET GTID_NEXT = '%1:1'"_s.arg(kLocalUuid), u"db:1: BEGIN"_s, u"db:1: COMMIT"_s,
                                         u"db:1: SET GTID_NEXT = '%1:2'"_s.arg(kLocalUuid), u"db:1: BEGIN"_s, u"db:1: COMMIT"_s,
                                         u"db:1: SET GTID_NEXT = 'AUTOMATIC'"_s}));
        // MariaDB: RESET MASTER on the replica; no empty transactions exist to inject.
        QList<Instance> maria{server(1), server(2, 1)};
        maria[1].gtidBinlogPos = u"0-2-101"_s;
        plan = OperationRunner::plan(maria, request(OperationKind::GtidErrantResetMaster, 2));
        QCOMPARE(sql(plan), QStringList({u"db:2: STOP SLAVE"_s, u"db:2: RESET MASTER"_s, u"db:2: START SLAVE"_s}));
        QCOMPARE(OperationRunner::plan(maria, request(OperationKind::GtidErrantInjectEmpty, 2)).refusal->rule,
                 u"mariadb-no-empty-transactions"_s);
        maria << server(3, 2);
        QCOMPARE(OperationRunner::plan(maria, request(OperationKind::GtidErrantResetMaster, 2)).refusal->rule, u"has-replicas"_s);
    }

    // What a person reads (method, warnings, step purposes, rollback) names the statements in the
    // server's own words: REPLICA/SOURCE on MySQL 8.0.22+, RESET BINARY LOGS AND GTIDS on 8.4.
    void userWordsFollowTheFlavour_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("resetAll");
        QTest::addColumn<QString>("resetLogs");
        QTest::addColumn<QStringList>("foreign");
        const QStringList slave{u"SLAVE"_s};
        QTest::newRow("mariadb 10.11") << QString() << u"RESET SLAVE ALL"_s << u"RESET MASTER"_s << QStringList{u"REPLICA ALL"_s};
        QTest::newRow("mysql 5.7") << u"5.7.44"_s << u"RESET SLAVE ALL"_s << u"RESET MASTER"_s << QStringList{u"REPLICA ALL"_s};
        QTest::newRow("mysql 8.0.21") << u"8.0.21"_s << u"RESET SLAVE ALL"_s << u"RESET MASTER"_s << QStringList{u"REPLICA ALL"_s};
        QTest::newRow("mysql 8.0.36") << u"8.0.36"_s << u"RESET REPLICA ALL"_s << u"RESET MASTER"_s << slave;
        QTest::newRow("mysql 8.4") << u"8.4.3"_s << u"RESET REPLICA ALL"_s << u"RESET BINARY LOGS AND GTIDS"_s
                                   << QStringList{u"SLAVE"_s, u"RESET MASTER"_s, u"SHOW MASTER"_s, u"CHANGE MASTER"_s};
    }

    void userWordsFollowTheFlavour()
    {
        QFETCH(QString, version);
        QFETCH(QString, resetAll);
        QFETCH(QString, resetLogs);
        QFETCH(QStringList, foreign);
        auto flavoured = [&](Instance i) { return version.isEmpty() ? i : mysql(i, version); };
        QList<Instance> facts{flavoured(server(1)), flavoured(server(2, 1)), flavoured(server(3, 1, false))};
        if (!version.isEmpty())
            facts[1].executedGtidSet = kUuid + u":1-100,"_s + kLocalUuid + u":1-2"_s;
        else
            facts[1].gtidBinlogPos = u"0-2-101"_s;
        facts[2].replication->gtidPositioning = u"No"_s;
        facts[2].serverUuid = u"7a1c0f3e-71ca-11e1-9e33-c80aa9429562"_s;
        const OperationPlan reset = OperationRunner::plan(facts, request(OperationKind::ResetReplica, 2));
        QVERIFY2(reset.warnings.join(u'\n').contains(resetAll + u" cannot be undone"_s), qPrintable(reset.toText()));
        const OperationPlan errant = OperationRunner::plan(facts, request(OperationKind::GtidErrantResetMaster, 2));
        QVERIFY2(errant.warnings.join(u'\n').contains(resetLogs + u" deletes every binary log"_s), qPrintable(errant.toText()));
        const OperationPlan stop = OperationRunner::plan(facts, request(OperationKind::StopReplica, 2));
        const OperationPlan move = OperationRunner::plan(facts, request(OperationKind::MoveBelow, 3, 2)); // by coordinates
        QVERIFY2(move.isLegal(), qPrintable(move.toText()));
        for (const OperationPlan *plan : {&reset, &errant, &stop, &move}) {
            const QString text = plan->toText();
            for (const QString &word : foreign)
                QVERIFY2(!text.contains(word), qPrintable(word + u" in:\n"_s + text));
        }
    }

    void moveGtidRefusesCoordinateMoves()
    {
        QList<Instance> facts{server(1), server(2, 1), server(3, 1)};
        QVERIFY(OperationRunner::plan(facts, request(OperationKind::MoveGtid, 3, 2)).isLegal());
        facts[2].replication->gtidPositioning = u"No"_s; // file:pos: relocate would use coordinates
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::MoveGtid, 3, 2)).refusal->rule, u"gtid-required"_s);
        QVERIFY(OperationRunner::plan(facts, request(OperationKind::Relocate, 3, 2)).isLegal());
    }

    void repointReplicasKeepsEachAtItsSource()
    {
        const QList<Instance> facts{server(1), server(2, 1), server(3, 1)};
        const OperationPlan plan = OperationRunner::plan(facts, request(OperationKind::RepointReplicas, 1));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(plan.toSources.value(InstanceKey(u"db"_s, 2)), InstanceKey(u"db"_s, 1));
        QCOMPARE(plan.toSources.value(InstanceKey(u"db"_s, 3)), InstanceKey(u"db"_s, 1));
    }
};

QTEST_GUILESS_MAIN(TestServerControl)
#include "tst_servercontrol.moc"
