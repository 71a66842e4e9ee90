// Legality rules and plans on synthetic facts: every refusal names its rule and the servers, and a
// plan made without any server shows the method and the exact statements.
#include "syntheticfacts.h"
#include "ops/legality.h"
#include "ops/operationrunner.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using arbor::testsupport::SyntheticFacts;

namespace {
Instance server(int port, int sourcePort = 0, bool gtid = true)
{
    return SyntheticFacts::plannedServer(port, sourcePort, gtid);
}

// 1 ── 2 ── 4
// │    └─── 5
// └─── 3
QList<Instance> tree(bool gtid = true)
{
    return {server(1), server(2, 1, gtid), server(3, 1, gtid), server(4, 2, gtid), server(5, 2, gtid)};
}

OperationRequest request(OperationKind kind, int instance, int target = 0)
{
    return OperationRequest{kind, InstanceKey(u"db"_s, instance), target ? InstanceKey(u"db"_s, target) : InstanceKey(), {}};
}
} // namespace

class TestLegality : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canReplicateFromRules_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::newRow("ok") << QString();
        QTest::newRow("same-server") << u"same-server"_s;
        QTest::newRow("unreachable") << u"unreachable"_s;
        QTest::newRow("source-no-binlog") << u"source-no-binlog"_s;
        QTest::newRow("source-no-log-slave-updates") << u"source-no-log-slave-updates"_s;
        QTest::newRow("version-order") << u"version-order"_s;
        QTest::newRow("binlog-format-order") << u"binlog-format-order"_s;
        QTest::newRow("duplicate-server-id") << u"duplicate-server-id"_s;
        QTest::newRow("duplicate-server-uuid") << u"duplicate-server-uuid"_s;
        QTest::newRow("replication-filters") << u"replication-filters"_s;
        QTest::newRow("delayed-source") << u"delayed-source"_s;
    }

    void canReplicateFromRules()
    {
        QFETCH(QString, rule);
        Instance replica = server(4, 2);
        Instance source = server(3, 1);
        if (rule == u"same-server"_s)
            source = replica;
        else if (rule == u"unreachable"_s)
            source.lastCheckValid = false;
        else if (rule == u"source-no-binlog"_s)
            source.logBin = false;
        else if (rule == u"source-no-log-slave-updates"_s)
            source.logReplicaUpdates = false;
        else if (rule == u"version-order"_s)
            replica.version = u"10.6.16-MariaDB"_s;
        else if (rule == u"binlog-format-order"_s)
            replica.binlogFormat = u"STATEMENT"_s;
        else if (rule == u"duplicate-server-id"_s)
            source.serverId = replica.serverId;
        else if (rule == u"duplicate-server-uuid"_s)
            replica.serverUuid = source.serverUuid = u"3e11fa47-71ca-11e1-9e33-c80aa9429562"_s;
        else if (rule == u"replication-filters"_s)
            source.replication->filters = {u"Replicate_Do_DB=app"_s};
        else if (rule == u"delayed-source"_s)
            source.replication->sqlDelay = 3600;
        const auto refusal = Legality::canReplicateFrom(replica, source, {});
        if (rule.isEmpty()) {
            QVERIFY2(!refusal, qPrintable(refusal ? refusal->toString() : QString()));
            return;
        }
        QVERIFY(refusal);
        QCOMPARE(refusal->rule, rule);
        QVERIFY2(refusal->message.contains(replica.key.toString()), qPrintable(refusal->message));
        QVERIFY(refusal->toString().endsWith(u"[rule: "_s + rule + u']'));
    }

    void filtersOnBothSidesAndWiderFormatsAreFine()
    {
        Instance replica = server(4, 2);
        Instance source = server(3, 1);
        source.replication->filters = {u"Replicate_Do_DB=app"_s};
        replica.replication->filters = {u"Replicate_Do_DB=app"_s};
        source.binlogFormat = u"STATEMENT"_s; // ROW can log what STATEMENT sends
        QVERIFY(!Legality::canReplicateFrom(replica, source, {}));
        Legality::Options lax;
        lax.verifyFilters = false;
        replica.replication->filters.clear();
        QVERIFY(!Legality::canReplicateFrom(replica, source, lax));
    }

    void coordinateMovesNeedRunningCurrentReplicas()
    {
        Instance r = server(4, 2, false);
        QVERIFY(!Legality::canMoveByCoordinates(r, {}));
        r.replication->secondsBehindSource = 300;
        QCOMPARE(Legality::canMoveByCoordinates(r, {})->rule, u"lag-too-high"_s);
        r.replication->secondsBehindSource.reset();
        QCOMPARE(Legality::canMoveByCoordinates(r, {})->rule, u"lag-unknown"_s);
        r.replication->sqlThread = ReplicationState::ThreadState::Stopped;
        QCOMPARE(Legality::canMoveByCoordinates(r, {})->rule, u"replication-not-running"_s);
        r.replication->lastSqlErrno = 1062;
        QCOMPARE(Legality::canMoveByCoordinates(r, {})->rule, u"replication-error"_s);
    }

    void mysqlGtidRefusesWhenTheTargetPurgedWhatTheReplicaNeeds()
    {
        const QString uuid = u"3e11fa47-71ca-11e1-9e33-c80aa9429562"_s;
        Instance replica = server(4, 2);
        Instance target = server(3, 1);
        for (Instance *i : {&replica, &target}) {
            i->flavour = Flavour::MySQL;
            i->version = u"8.0.36"_s;
            i->gtidMode = u"ON"_s;
        }
        replica.executedGtidSet = uuid + u":1-100"_s;
        target.executedGtidSet = uuid + u":1-200"_s;
        target.purgedGtidSet = uuid + u":1-90"_s;
        QVERIFY(!Legality::canMoveByGtid(replica, target));
        target.purgedGtidSet = uuid + u":1-150"_s;
        const auto refusal = Legality::canMoveByGtid(replica, target);
        QVERIFY(refusal);
        QCOMPARE(refusal->rule, u"gtid-purged"_s);
        QVERIFY2(refusal->message.contains(uuid + u":101-150"_s), qPrintable(refusal->message));
        target.gtidMode = u"OFF_PERMISSIVE"_s;
        QCOMPARE(Legality::canMoveByGtid(replica, target)->rule, u"gtid-mode"_s);
        target.flavour = Flavour::MariaDB;
        QCOMPARE(Legality::canMoveByGtid(replica, target)->rule, u"gtid-flavour"_s);
    }

    void noCycles()
    {
        const Topology t = Topology::build(tree());
        QCOMPARE(Legality::checkNoCycle(t, InstanceKey(u"db"_s, 2), InstanceKey(u"db"_s, 4))->rule, u"no-cycle"_s);
        QCOMPARE(Legality::checkNoCycle(t, InstanceKey(u"db"_s, 2), InstanceKey(u"db"_s, 2))->rule, u"same-server"_s);
        QVERIFY(!Legality::checkNoCycle(t, InstanceKey(u"db"_s, 4), InstanceKey(u"db"_s, 3)));
    }

    void gtidRelocatePlan()
    {
        const OperationPlan plan = OperationRunner::plan(tree(), request(OperationKind::Relocate, 4, 3));
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(plan.method, u"MariaDB GTID (slave_pos)"_s);
        QCOMPARE(plan.clusterName, u"db:1"_s);
        QStringList sql;
        for (const auto &s : plan.steps)
            sql << s.server.toString() + u": "_s + s.sql;
        QCOMPARE(sql, QStringList({u"db:4: STOP SLAVE"_s,
                                   u"db:4: CHANGE MASTER TO MASTER_HOST='db', MASTER_PORT=3, MASTER_CONNECT_RETRY=10, MASTER_USE_GTID=slave_pos"_s,
                                   u"db:4: START SLAVE"_s, u"db:4: SHOW SLAVE STATUS"_s}));
        QCOMPARE(plan.fromSources.value(InstanceKey(u"db"_s, 4)), InstanceKey(u"db"_s, 2));
        QCOMPARE(plan.toSources.value(InstanceKey(u"db"_s, 4)), InstanceKey(u"db"_s, 3));
        QVERIFY(plan.touched().contains(InstanceKey(u"db"_s, 3)));
        QVERIFY(!plan.rollback.isEmpty());
    }

    void gtidMoveWaitsForALaggingTarget()
    {
        QList<Instance> facts = tree();
        facts[3].gtidSlavePos = u"0-1-120"_s; // db:4 applied more than db:3 has logged
        facts[2].gtidBinlogPos = u"0-1-110"_s;
        const OperationPlan plan = OperationRunner::plan(facts, request(OperationKind::Relocate, 4, 3));
        QVERIFY(plan.isLegal());
        QVERIFY2(plan.toText().contains(u"db:3: SELECT MASTER_GTID_WAIT('0-1-120', timeout)"_s), qPrintable(plan.toText()));
    }

    void coordinatePlansAndRefusals()
    {
        const QList<Instance> facts = tree(false);
        const OperationPlan below = OperationRunner::plan(facts, request(OperationKind::MoveBelow, 4, 5));
        QVERIFY2(below.isLegal(), qPrintable(below.toText()));
        QVERIFY(below.method.contains(u"below a sibling"_s));
        QVERIFY(below.toText().contains(u"MASTER_USE_GTID=no, MASTER_LOG_FILE='bin.000003', MASTER_LOG_POS=1005"_s));

        const OperationPlan up = OperationRunner::plan(facts, request(OperationKind::MoveUp, 4));
        QVERIFY(up.isLegal());
        QVERIFY2(up.toText().contains(u"START SLAVE UNTIL MASTER_LOG_FILE='bin.000003', MASTER_LOG_POS=1002"_s), qPrintable(up.toText()));
        QVERIFY(up.toText().contains(u"MASTER_PORT=1, MASTER_CONNECT_RETRY=10, MASTER_USE_GTID=no, MASTER_LOG_FILE='bin.000001', MASTER_LOG_POS=500"_s));

        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::Relocate, 4, 3)).refusal->rule, u"needs-gtid"_s);
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::MoveBelow, 4, 3)).refusal->rule, u"not-siblings"_s);
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::MoveUp, 2)).refusal->rule, u"source-is-master"_s);
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::Relocate, 2, 4)).refusal->rule, u"no-cycle"_s);
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::Relocate, 9, 4)).refusal->rule, u"unknown-server"_s);
        QCOMPARE(OperationRunner::plan(facts, request(OperationKind::Relocate, 4)).refusal->rule, u"needs-target"_s);
    }

    void compositePlansSimulateEachStep()
    {
        const OperationPlan take = OperationRunner::plan(tree(), request(OperationKind::TakeMaster, 4));
        QVERIFY2(take.isLegal(), qPrintable(take.toText()));
        QCOMPARE(take.toSources.value(InstanceKey(u"db"_s, 4)), InstanceKey(u"db"_s, 1));
        QCOMPARE(take.toSources.value(InstanceKey(u"db"_s, 2)), InstanceKey(u"db"_s, 4));

        const OperationPlan siblings = OperationRunner::plan(tree(false), request(OperationKind::TakeSiblings, 4));
        QVERIFY(siblings.isLegal());
        QCOMPARE(siblings.toSources.value(InstanceKey(u"db"_s, 5)), InstanceKey(u"db"_s, 4));

        QList<Instance> facts = tree();
        facts[4].lastCheckValid = false; // db:5 is down: the others still move, with a warning
        const OperationPlan many = OperationRunner::plan(facts, request(OperationKind::RelocateReplicas, 2, 3));
        QVERIFY(many.isLegal());
        QCOMPARE(many.toSources.size(), 1);
        QVERIFY(many.warnings.join(u' ').contains(u"db:5 stays where it is"_s));
    }

    void controlPlans()
    {
        QVERIFY(OperationRunner::plan(tree(), request(OperationKind::SetWriteable, 4)).toText().contains(u"SET GLOBAL read_only=OFF"_s));
        QVERIFY(OperationRunner::plan(tree(), request(OperationKind::DetachReplica, 4)).toText().contains(u"MASTER_HOST='//db'"_s));
        QCOMPARE(OperationRunner::plan(tree(), request(OperationKind::MakeCoMaster, 2)).refusal->rule, u"needs-replication-credentials"_s);
        OperationOptions withCredentials;
        withCredentials.replicationUser = u"repl"_s;
        withCredentials.replicationPassword = u"it's"_s;
        const OperationPlan co = OperationRunner::plan(tree(), request(OperationKind::MakeCoMaster, 2), withCredentials);
        // The plan names the user and hides the password (issue 12).
        QVERIFY2(co.toText().contains(u"MASTER_USER='repl', MASTER_PASSWORD=<redacted>,"_s), qPrintable(co.toText()));
        QVERIFY(!co.toText().contains(u"it''s"_s));
        QVERIFY(co.toText().contains(u"MASTER_USE_GTID=current_pos"_s));
    }

    void operationNames()
    {
        for (OperationKind kind : OperationKinds::all())
            QCOMPARE(OperationKinds::fromName(OperationKinds::name(kind)), kind);
        QCOMPARE(OperationKinds::fromName(u"move-up-slaves"_s), OperationKind::MoveUpReplicas);
        QCOMPARE(OperationKinds::fromName(u"relocate-below"_s), OperationKind::Relocate);
        QCOMPARE(OperationKinds::fromName(u"detach-replica-master-host"_s), OperationKind::DetachReplica);
        QVERIFY(!OperationKinds::fromName(u"drop-database"_s));
    }
};

QTEST_GUILESS_MAIN(TestLegality)
#include "tst_legality.moc"
