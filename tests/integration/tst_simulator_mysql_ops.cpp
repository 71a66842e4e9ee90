// Every refactoring by auto-position on simulated MySQL 5.7, 8.0 and 8.4 trees, checked on the simulated
// servers themselves (source, both threads, the master's transactions arriving everywhere); the 8.4
// run proves Arbor sends only 8.4 syntax (CHANGE REPLICATION SOURCE TO, START REPLICA, ...), since
// the simulator answers every removed statement with 8.4's syntax error. Also: a purged target is
// refused by rule, a target that purges mid-move makes the IO thread fail with 1236 and the move is
// rolled back, an errant transaction on a replica raises ErrantGTIDStructureWarning, and both repairs
// (gtid-errant-inject-empty on the master, gtid-errant-reset-master on the replica) clear it.
//
//   0 ── 1 ── 3
//   │    └─── 4
//   └─── 2
#include "resultassert.h"
#include "testfleet.h"
#include "waitfor.h"

#include "analysis/analysiscode.h"
#include "analysis/analyzer.h"
#include "model/mysqlgtidset.h"
#include "model/topology.h"
#include "ops/operationrunner.h"
#include "probe/discovery.h"

#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::simulator;
using namespace arbor::testsupport;

class TestSimulatorMysqlOps : public QObject
{
    Q_OBJECT

public:
    explicit TestSimulatorMysqlOps(FlavourKind kind) : m_kind(kind) {}

private:
    FlavourKind m_kind;
    std::unique_ptr<Simulator> m_sim;

    FleetModel &fleet() { return m_sim->fleet(); }
    InstanceKey key(int i) const { return m_sim->key(i); }

    PollerOptions pollerOptions() const
    {
        PollerOptions o;
        o.probe.credentials = Credentials(u"arbor"_s, u"arbor"_s);
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 2;
        return o;
    }

    // Every server is a seed: a stopped replica is not listed by its source (SHOW REPLICAS lists
    // connected ones only), as on MySQL.
    QList<Instance> facts() const
    {
        QList<InstanceKey> seeds;
        for (int i = 0; i < m_sim->size(); ++i)
            seeds << key(i);
        return Discovery::run(seeds, pollerOptions(), 10000).instances;
    }

    OperationRunner::Options runnerOptions() const
    {
        OperationRunner::Options o;
        o.probe = pollerOptions().probe;
        o.who = u"tester"_s;
        o.timeouts.verifyMs = 4000;
        o.timeouts.catchUpSeconds = 5;
        return o;
    }

    OperationRunner::Outcome run(OperationKind kind, int instance, int target = -1,
                                 std::optional<OperationRunner::Options> options = std::nullopt)
    {
        OperationRequest request;
        request.kind = kind;
        request.instance = key(instance);
        if (target >= 0)
            request.target = key(target);
        OperationRunner runner(options ? *options : runnerOptions());
        return runner.run(facts(), request);
    }

    OperationPlan plan(OperationKind kind, int instance, int target = -1)
    {
        OperationRequest request;
        request.kind = kind;
        request.instance = key(instance);
        if (target >= 0)
            request.target = key(target);
        return OperationRunner::plan(facts(), request);
    }

    bool replicatesFrom(int i, int source)
    {
        return waitFor([&] { return fleet().sourceOf(i) == source && fleet().replicating(i); }, 3000);
    }

    // What the master executed by now reaches every server: GTID sets flow down the tree.
    bool masterTransactionsArriveEverywhere(int master = 0)
    {
        const auto wanted = MysqlGtidSet::parse(QString::fromUtf8(fleet().gtidExecuted(master)));
        if (!wanted.ok())
            return false;
        for (int i = 0; i < m_sim->size(); ++i) {
            const bool arrived = waitFor(
                [&] {
                    const auto have = MysqlGtidSet::parse(QString::fromUtf8(fleet().gtidExecuted(i)));
                    return have.ok() && have->contains(*wanted);
                },
                3000);
            if (!arrived) {
                qWarning("server %d lacks the master's transactions: %s", i, fleet().gtidExecuted(i).constData());
                return false;
            }
        }
        return true;
    }

    // Analysis names an errant GTID in the cluster of @p member (a replica has transactions its source lacks).
    bool errantOn(int member)
    {
        const Topology t = Topology::build(facts());
        return Analyzer::structureWarnings(t, key(member), false).contains(QString::fromUtf16(StructureWarning::ErrantGTID));
    }

    // @p count transactions written on replica @p server directly, then @p repair run on it.
    // nullopt when analysis did not detect the errant GTIDs (so there was nothing to repair).
    std::optional<OperationRunner::Outcome> repairErrant(OperationKind repair, int server, qint64 count)
    {
        fleet().injectTransactions(server, count);
        if (!errantOn(fleet().sourceOf(server))) // reported where the replica hangs in the tree
            return std::nullopt;
        return run(repair, server);
    }

    void verifyOk(const OperationRunner::Outcome &o)
    {
        QVERIFY2(o.ok, qPrintable(o.message + u"\n"_s + o.executed.toText()));
        QCOMPARE(o.result, u"ok"_s);
        // Only this version's syntax was sent (a removed statement would have failed the operation).
        if (m_kind == FlavourKind::MySQL84) {
            for (const OperationPlan::Step &step : o.executed.steps)
                QVERIFY2(!step.sql.contains(u"SLAVE"_s) && !step.sql.contains(u"CHANGE MASTER"_s)
                             && !step.sql.contains(u"MASTER_"_s),
                         qPrintable(step.sql));
        }
    }

    void verifyTreeShape()
    {
        QVERIFY(replicatesFrom(1, 0));
        QVERIFY(replicatesFrom(2, 0));
        QVERIFY(replicatesFrom(3, 1));
        QVERIFY(replicatesFrom(4, 1));
        QVERIFY(masterTransactionsArriveEverywhere());
    }

private Q_SLOTS:
    void initTestCase()
    {
        FleetOptions o = smallTree(m_kind, 5, 2);
        o.logStatements = true;
        m_sim = std::make_unique<Simulator>(o);
        auto started = m_sim->start();
        QVERIFY_RESULT(started);
    }

    void cleanupTestCase() { m_sim.reset(); }

    void relocateByAutoPositionAndBack()
    {
        const auto p = plan(OperationKind::Relocate, 3, 2);
        QVERIFY2(p.isLegal(), qPrintable(p.toText()));
        QCOMPARE(p.method, u"MySQL GTID (auto-position)"_s);
        const bool modern = m_kind != FlavourKind::MySQL57;
        const QString change = modern ? u"CHANGE REPLICATION SOURCE TO SOURCE_HOST='127.0.0.1', SOURCE_PORT=%1"_s
                                      : u"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%1"_s;
        QVERIFY2(p.toText().contains(change.arg(m_sim->port(2))), qPrintable(p.toText()));
        QVERIFY2(p.toText().contains(modern ? u"SOURCE_AUTO_POSITION=1"_s : u"MASTER_AUTO_POSITION=1"_s), qPrintable(p.toText()));
        QCOMPARE(fleet().sourceOf(3), 1); // a plan changes nothing

        verifyOk(run(OperationKind::Relocate, 3, 2));
        QVERIFY(replicatesFrom(3, 2));
        QVERIFY(fleet().autoPosition(3));
        QVERIFY(masterTransactionsArriveEverywhere());
        verifyOk(run(OperationKind::Relocate, 3, 1));
        verifyTreeShape();
    }

    void moveUpThenMoveBelow()
    {
        verifyOk(run(OperationKind::MoveUp, 3));
        QVERIFY(replicatesFrom(3, 0));
        QVERIFY(masterTransactionsArriveEverywhere());
        verifyOk(run(OperationKind::MoveBelow, 3, 1));
        verifyTreeShape();
    }

    void repointKeepsTheSource()
    {
        verifyOk(run(OperationKind::Repoint, 4));
        verifyTreeShape();
    }

    void relocateReplicasAndMoveUpReplicas()
    {
        verifyOk(run(OperationKind::RelocateReplicas, 1, 2));
        QVERIFY(replicatesFrom(3, 2));
        QVERIFY(replicatesFrom(4, 2));
        verifyOk(run(OperationKind::MoveUpReplicas, 2));
        QVERIFY(replicatesFrom(3, 0));
        QVERIFY(replicatesFrom(4, 0));
        QVERIFY(masterTransactionsArriveEverywhere());
        OperationRequest back{OperationKind::RelocateReplicas, key(0), key(1),
                              u":(%1|%2)$"_s.arg(m_sim->port(3)).arg(m_sim->port(4))};
        verifyOk(OperationRunner(runnerOptions()).run(facts(), back));
        verifyTreeShape();
    }

    void takeSiblingsAndRegroup()
    {
        verifyOk(run(OperationKind::TakeSiblings, 3));
        QVERIFY(replicatesFrom(4, 3));
        verifyOk(run(OperationKind::Relocate, 4, 1));
        const auto regroup = run(OperationKind::RegroupReplicas, 1);
        verifyOk(regroup);
        QCOMPARE(regroup.executed.toSources.size(), 1);
        const int moved = regroup.executed.toSources.firstKey() == key(3) ? 3 : 4;
        QVERIFY(replicatesFrom(moved, moved == 3 ? 4 : 3));
        verifyOk(run(OperationKind::Relocate, moved, 1));
        verifyTreeShape();
    }

    void takeMasterSwapsAndBack()
    {
        verifyOk(run(OperationKind::TakeMaster, 3));
        QVERIFY(replicatesFrom(3, 0));
        QVERIFY(replicatesFrom(1, 3));
        QVERIFY(replicatesFrom(4, 1));
        QVERIFY(masterTransactionsArriveEverywhere());
        verifyOk(run(OperationKind::TakeMaster, 1));
        verifyTreeShape();
    }

    void makeCoMasterThenResetIt()
    {
        OperationRunner::Options options = runnerOptions();
        options.operation.replicationUser = u"repl"_s;
        options.operation.replicationPassword = u"repl-secret"_s;
        const auto co = run(OperationKind::MakeCoMaster, 2, -1, options);
        verifyOk(co);
        QVERIFY2(!co.executed.toText().contains(u"repl-secret"_s), "the replication password reached the plan text");
        QVERIFY(replicatesFrom(0, 2));
        QVERIFY(masterTransactionsArriveEverywhere());
        verifyOk(run(OperationKind::ResetReplica, 0));
        QCOMPARE(fleet().sourceOf(0), -1);
        verifyTreeShape();
    }

    // The one-server operations tst_ops_control runs on MariaDB, each followed by the one that
    // undoes it, on the simulated server's own state.
    void controlOperationsAndBack_data()
    {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("second");
        QTest::addColumn<int>("server");
        QTest::newRow("stop-replica, start-replica") << int(OperationKind::StopReplica) << int(OperationKind::StartReplica) << 4;
        QTest::newRow("stop-replica-nice, start-replica")
            << int(OperationKind::StopReplicaNice) << int(OperationKind::StartReplica) << 4;
        QTest::newRow("restart-replica") << int(OperationKind::RestartReplica) << int(OperationKind::RestartReplica) << 4;
        QTest::newRow("detach-replica, reattach-replica")
            << int(OperationKind::DetachReplica) << int(OperationKind::ReattachReplica) << 3;
        QTest::newRow("set-writeable, set-read-only") << int(OperationKind::SetWriteable) << int(OperationKind::SetReadOnly) << 2;
    }

    void controlOperationsAndBack()
    {
        QFETCH(int, first);
        QFETCH(int, second);
        QFETCH(int, server);
        const int source = fleet().sourceOf(server);
        verifyOk(run(OperationKind(first), server));
        switch (OperationKind(first)) {
        case OperationKind::RestartReplica:
            QVERIFY(replicatesFrom(server, source));
            break;
        case OperationKind::SetWriteable:
            QVERIFY(!fleet().readOnly(server) && !fleet().superReadOnly(server));
            break;
        default: // stopped or detached: no longer applying, the source not forgotten
            QVERIFY(waitFor([&] { return !fleet().replicating(server); }, 3000));
            if (OperationKind(first) != OperationKind::DetachReplica)
                QCOMPARE(fleet().sourceOf(server), source);
            const OperationPlan back = plan(OperationKind(second), server);
            QVERIFY2(back.isLegal(), qPrintable(back.toText()));
        }
        verifyOk(run(OperationKind(second), server));
        if (OperationKind(second) == OperationKind::SetReadOnly) {
            QVERIFY(fleet().readOnly(server) && fleet().superReadOnly(server));
        } else {
            QVERIFY(replicatesFrom(server, source));
            QVERIFY(fleet().autoPosition(server));
        }
        QVERIFY(masterTransactionsArriveEverywhere());
    }

    void errantTransactionOnAReplicaIsReported()
    {
        auto warnings = [&] {
            const Topology t = Topology::build(facts());
            return Analyzer::structureWarnings(t, key(1), false);
        };
        const QString errant = QString::fromUtf16(StructureWarning::ErrantGTID);
        QVERIFY(!warnings().contains(errant));
        fleet().injectTransactions(4, 1); // someone wrote on replica 4 directly
        QVERIFY2(warnings().contains(errant), qPrintable(warnings().join(u", "_s)));
    }

    // The errant-GTID repairs end to end: detected on a replica, repaired, no longer errant, and the
    // tree still replicates. The replica of the test above has one errant transaction; now three.
    void errantRepairedByInjectingEmptyOnTheMaster()
    {
        const QString uuid = fleet().serverUuid(4);
        const auto outcome = repairErrant(OperationKind::GtidErrantInjectEmpty, 4, 2);
        QVERIFY2(outcome, "no errant GTID detected");
        verifyOk(*outcome);
        // One SET GTID_NEXT and an empty BEGIN/COMMIT per errant GTID, all on the master.
        QStringList next;
        for (const OperationPlan::Step &step : outcome->executed.steps) {
            QCOMPARE(step.server, key(0));
            if (step.sql.startsWith(u"SET GTID_NEXT = '"_s) && step.sql != u"SET GTID_NEXT = 'AUTOMATIC'"_s)
                next << step.sql;
        }
        QCOMPARE(next, (QStringList{u"SET GTID_NEXT = '%1:1'"_s.arg(uuid), u"SET GTID_NEXT = '%1:2'"_s.arg(uuid),
                                    u"SET GTID_NEXT = '%1:3'"_s.arg(uuid)}));
        const auto master = MysqlGtidSet::parse(QString::fromUtf8(fleet().gtidExecuted(0)));
        QVERIFY_RESULT(master);
        QCOMPARE(master->intervals(uuid), (QList<MysqlGtidSet::Interval>{{1, 3}}));
        QVERIFY2(waitFor([&] { return !errantOn(1); }, 3000), "still errant after the injection");
        QVERIFY(replicatesFrom(4, 1));
        QVERIFY(masterTransactionsArriveEverywhere());
        QCOMPARE(run(OperationKind::GtidErrantInjectEmpty, 4).result, u"refused"_s); // nothing left to inject
    }

    void errantRepairedByResetMaster()
    {
        const QString uuid = fleet().serverUuid(3);
        const auto outcome = repairErrant(OperationKind::GtidErrantResetMaster, 3, 2);
        QVERIFY2(outcome, "no errant GTID detected");
        verifyOk(*outcome);
        const QString reset = m_kind == FlavourKind::MySQL84 ? u"RESET BINARY LOGS AND GTIDS"_s : u"RESET MASTER"_s;
        QVERIFY2(outcome->executed.toText().contains(reset), qPrintable(outcome->executed.toText()));
        QVERIFY2(outcome->executed.toText().contains(u"SET GLOBAL gtid_purged"_s), qPrintable(outcome->executed.toText()));
        const auto replica = MysqlGtidSet::parse(QString::fromUtf8(fleet().gtidExecuted(3)));
        QVERIFY_RESULT(replica);
        QVERIFY2(replica->intervals(uuid).isEmpty(), qPrintable(replica->toString()));
        QVERIFY2(!errantOn(1), "still errant after RESET MASTER");
        QVERIFY(replicatesFrom(3, 1));
        QVERIFY(masterTransactionsArriveEverywhere());
    }

    // The same rules as tst_ops_gtid's on MariaDB, judged on this flavour's facts: each refused by
    // name, naming the server, with nothing sent.
    void illegalMovesAreRefusedByRule_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("instance");
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("rule");
        QTest::newRow("cycle") << int(OperationKind::Relocate) << 1 << 3 << u"no-cycle"_s;
        QTest::newRow("itself") << int(OperationKind::Relocate) << 1 << 1 << u"same-server"_s;
        QTest::newRow("not siblings") << int(OperationKind::MoveBelow) << 3 << 2 << u"not-siblings"_s;
        QTest::newRow("move up below the master") << int(OperationKind::MoveUp) << 1 << -1 << u"source-is-master"_s;
        QTest::newRow("the master") << int(OperationKind::Relocate) << 0 << 2 << u"not-a-replica"_s;
        QTest::newRow("take the master") << int(OperationKind::TakeMaster) << 1 << -1 << u"source-is-master"_s;
    }

    void illegalMovesAreRefusedByRule()
    {
        QFETCH(int, kind);
        QFETCH(int, instance);
        QFETCH(int, target);
        QFETCH(QString, rule);
        const auto p = plan(OperationKind(kind), instance, target);
        QVERIFY2(!p.isLegal(), qPrintable(p.toText()));
        QCOMPARE(p.refusal->rule, rule);
        QVERIFY2(p.refusal->message.contains(key(instance).toString()), qPrintable(p.refusal->message));
        const auto outcome = run(OperationKind(kind), instance, target);
        QCOMPARE(outcome.result, u"refused"_s);
        QVERIFY(outcome.executed.steps.isEmpty());
        verifyTreeShape();
    }

    // The target dies after the replica was pointed at it, before replication starts: the move is
    // rolled back to the replica's old source (as tst_ops_gtid's on MariaDB).
    void targetKilledMidMoveIsRolledBack()
    {
        OperationRunner::Options options = runnerOptions();
        options.timeouts.ioErrorGraceMs = 1200;
        bool killed = false;
        options.progress = [&](int, const OperationPlan::Step &step) {
            if (!killed && step.server == key(3) && step.sql.startsWith(u"START"_s)) {
                killed = true;
                m_sim->setNetworkFault(2, NetworkFault::Dead);
            }
        };
        const auto outcome = run(OperationKind::Relocate, 3, 2, options);
        m_sim->setNetworkFault(2, NetworkFault::None);
        QVERIFY(killed);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.result, u"rolled back"_s);
        QVERIFY2(outcome.message.contains(u"Rolled back"_s) && outcome.message.contains(key(1).toString()),
                 qPrintable(outcome.message));
        QVERIFY(replicatesFrom(3, 1));
        verifyTreeShape();
    }

    void purgedTargetRefusedByRule()
    {
        // 2 commits transactions of its own and purges them: 3 cannot get them from 2 by GTID.
        fleet().injectTransactions(2, 3);
        fleet().purgeBinaryLogs(2);
        const auto p = plan(OperationKind::Relocate, 3, 2);
        QVERIFY2(p.refusal, qPrintable(p.toText()));
        QCOMPARE(p.refusal->rule, u"gtid-purged"_s);
        QCOMPARE(run(OperationKind::Relocate, 3, 2).result, u"refused"_s);
        QVERIFY(replicatesFrom(3, 1));
    }

    void targetPurgingMidMoveFailsWith1236AndRollsBack()
    {
        // The facts say 4 may move below 3; just before START REPLICA, 3 commits and purges
        // transactions of its own. Its source side of the handshake refuses 4, as MySQL does.
        OperationRunner::Options options = runnerOptions();
        options.timeouts.ioErrorGraceMs = 300;
        bool purged = false;
        options.progress = [&](int, const OperationPlan::Step &step) {
            if (!purged && step.server == key(4) && step.sql.startsWith(u"START"_s)) {
                purged = true;
                fleet().injectTransactions(3, 2);
                fleet().purgeBinaryLogs(3);
            }
        };
        const auto outcome = run(OperationKind::Relocate, 4, 3, options);
        QVERIFY(purged);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.result, u"rolled back"_s);
        QVERIFY2(outcome.message.contains(u"1236"_s) && outcome.message.contains(u"purged"_s), qPrintable(outcome.message));
        QVERIFY(replicatesFrom(4, 1));
    }

    void noStatementWasRefusedAsSyntax()
    {
        // Every statement any server received during these tests, as the simulator logged it: none
        // was answered with a syntax error or as unknown (8.4 answers its removed statements so).
        QByteArrayList wrong;
        for (const LoggedStatement &s : fleet().statements()) {
            if (s.error == 1064 || s.error == 1193 || s.error == 1305 || s.error == 1235)
                wrong << QByteArray::number(s.error) + ": " + s.sql.left(80);
        }
        QVERIFY2(wrong.isEmpty(), wrong.join("\n").constData());
        QVERIFY(fleet().statements().size() > 100);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (const FlavourKind kind : {FlavourKind::MySQL57, FlavourKind::MySQL80, FlavourKind::MySQL84}) {
        TestSimulatorMysqlOps test(kind);
        qInfo("=== %s", ServerFlavour::nameOf(kind).constData());
        failures += QTest::qExec(&test, argc, argv);
    }
    return failures == 0 ? 0 : 1;
}

#include "tst_simulator_mysql_ops.moc"
