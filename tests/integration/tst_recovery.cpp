// Failure detection and recovery on real mariadbd sandboxes: a SIGKILLed master is replaced by the
// right replica (prefer wins, must_not never does), every other replica follows it and a row written
// on the new master reaches them all; a failing pre-failover hook leaves everything untouched; a dead
// intermediate master's replicas move; a second failure within the block period waits for an
// acknowledgement; a SIGSTOPped master is not dead while its replicas are still connected.
#include "sandbox.h"
#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "analysis/analyzer.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "recovery/recoverycoordinator.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {

// One Arbor node against one sandbox: poller (1 s), state, analysis, store, coordinator.
struct Node
{
    std::unique_ptr<Sandbox> sandbox;
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    std::unique_ptr<Poller> poller;
    std::unique_ptr<TopologyState> state;
    std::unique_ptr<AnalysisMonitor> monitor;
    std::unique_ptr<RecoveryCoordinator> coordinator;
    QList<RecoveryRecord> finished;
    QList<RecoveryRecord> blocked;
    QList<ReplicationAnalysis> changes;
    QString problem;

    Node(SandboxShape shape, int servers, RecoveryOptions options, bool automatic = true)
    {
        if (!Sandbox::available()) {
            problem = u"SKIP"_s;
            return;
        }
        sandbox = std::make_unique<Sandbox>(SandboxOptions{shape, servers, true});
        if (auto s = sandbox->start(); !s.ok()) {
            problem = s.error();
            return;
        }
        store = std::make_unique<Store>(StoreOptions::sqlite(dir.filePath(u"arbor.sqlite3"_s)));
        if (auto o = store->open(); !o.ok()) {
            problem = o.error();
            return;
        }
        PollerOptions po;
        po.probe.credentials = Credentials(sandbox->user(), sandbox->password());
        po.probe.connectTimeoutSeconds = 1;
        po.probe.readTimeoutSeconds = 1;
        po.pollIntervalMs = 1000;
        poller = std::make_unique<Poller>(po);
        state = std::make_unique<TopologyState>();
        QObject::connect(poller.get(), &Poller::instancePolled, state.get(), &TopologyState::update);
        monitor = std::make_unique<AnalysisMonitor>(state.get(), poller.get());
        options.recoverMasterClusterFilters = {u"*"_s};
        options.recoverIntermediateMasterClusterFilters = {u"*"_s};
        options.replicationUser = sandbox->replicationUser();
        options.replicationPassword = sandbox->replicationPassword();
        coordinator = std::make_unique<RecoveryCoordinator>(state.get(), monitor.get(), poller.get(), store.get(),
                                                            options, po.probe);
        coordinator->setAutomatic(automatic);
        QObject::connect(coordinator.get(), &RecoveryCoordinator::recoveryFinished,
                         [this](const RecoveryRecord &r) { finished.append(r); });
        QObject::connect(coordinator.get(), &RecoveryCoordinator::recoveryBlocked,
                         [this](const RecoveryRecord &r, const QString &) { blocked.append(r); });
        QObject::connect(monitor.get(), &AnalysisMonitor::analysisChanged,
                         [this](const ReplicationAnalysis &a, AnalysisCode) { changes.append(a); });
        poller->addInstance(sandbox->key(0));
        poller->start();
        if (!waitFor([this] { return poller->isSettled() && int(state->instances().size()) == sandbox->size(); }, 20000))
            problem = u"the poller did not discover the sandbox"_s;
    }

    ~Node()
    {
        coordinator.reset();
        monitor.reset();
        poller.reset();
        if (sandbox) {
            for (int i = 0; i < sandbox->size(); ++i) {
                if (sandbox->isRunning(i))
                    (void)sandbox->resume(i);
            }
        }
    }

    // Master_Port and both threads as the server itself reports them.
    bool replicatesFrom(int replica, int source)
    {
        const auto rows = sandbox->query(replica, u"SHOW SLAVE STATUS"_s);
        if (!rows.ok() || rows->isEmpty())
            return false;
        const QVariantMap &r = rows->constFirst();
        return r.value(u"Master_Port"_s).toInt() == sandbox->port(source) && r.value(u"Slave_IO_Running"_s).toString() == u"Yes"_s
               && r.value(u"Slave_SQL_Running"_s).toString() == u"Yes"_s;
    }

    int rows(int server, const QString &table)
    {
        const auto r = sandbox->query(server, u"SELECT COUNT(*) AS n FROM %1"_s.arg(table));
        return r.ok() && !r->isEmpty() ? r->constFirst().value(u"n"_s).toInt() : -1;
    }

    bool setRule(int server, PromotionRule rule)
    {
        return store->setPromotionRule(PromotionRuleEntry{sandbox->key(server), rule, {}, {}}).ok();
    }
};

#define REQUIRE_NODE(node)                                                                                             \
    do {                                                                                                               \
        if ((node).problem == u"SKIP"_s)                                                                               \
            QSKIP("mariadbd is not installed");                                                                        \
        QVERIFY2((node).problem.isEmpty(), qPrintable((node).problem));                                                \
    } while (false)

} // namespace

class TestRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deadMasterPreferWinsMustNotNeverThenBlockedUntilAck()
    {
        Node n(SandboxShape::Star, 4, RecoveryOptions{});
        REQUIRE_NODE(n);
        // 1 is must_not (and would be first by name), 3 is preferred, 2 is neutral.
        QVERIFY(n.setRule(1, PromotionRule::MustNot));
        QVERIFY(n.setRule(3, PromotionRule::Prefer));
        QVERIFY(n.sandbox->execute(0, u"CREATE DATABASE app"_s).ok());
        QVERIFY(n.sandbox->execute(0, u"CREATE TABLE app.t (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(waitFor([&] { return n.rows(1, u"app.t"_s) == 0 && n.rows(2, u"app.t"_s) == 0 && n.rows(3, u"app.t"_s) == 0; }, 10000));

        QVERIFY(n.sandbox->kill(0).ok());
        QVERIFY2(waitFor([&] { return !n.finished.isEmpty(); }, 15000), "no recovery finished");
        const RecoveryRecord r = n.finished.first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.successor, n.sandbox->key(3));
        QCOMPARE(r.analysis, u"DeadMaster"_s);
        QVERIFY2(r.explanation.contains(u"must_not"_s), qPrintable(r.explanation));
        // The server says so: 3 writable and not replicating, 1 and 2 replicate from it.
        const auto ro = n.sandbox->query(3, u"SELECT @@read_only AS ro"_s);
        QVERIFY(ro.ok() && ro->constFirst().value(u"ro"_s).toInt() == 0);
        QVERIFY(n.sandbox->query(3, u"SHOW SLAVE STATUS"_s)->isEmpty());
        QVERIFY(n.replicatesFrom(1, 3));
        QVERIFY(n.replicatesFrom(2, 3));
        QVERIFY(n.sandbox->execute(3, u"INSERT INTO app.t VALUES (1)"_s).ok());
        QVERIFY(waitFor([&] { return n.rows(1, u"app.t"_s) == 1 && n.rows(2, u"app.t"_s) == 1; }, 10000));
        // Every step is recorded, in order, with the verification reads.
        const auto steps = n.store->readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        QStringList kinds;
        for (const RecoveryStep &s : *steps)
            kinds << s.kind;
        QVERIFY2(kinds.contains(u"verify"_s) && kinds.first() == u"detect"_s, qPrintable(kinds.join(u',')));

        // A second failure within the block period: blocked, and it says how to unblock.
        QVERIFY(waitFor([&] { return n.state->topology().findCluster(n.sandbox->key(3).toString()).has_value()
                                     && n.state->topology().childrenOf(n.sandbox->key(3)).size() == 2; }, 10000));
        QVERIFY(n.sandbox->kill(3).ok());
        QVERIFY2(waitFor([&] { return !n.blocked.isEmpty(); }, 15000), "the second failure was not blocked");
        QVERIFY2(n.blocked.first().message.contains(u"ack-recovery"_s), qPrintable(n.blocked.first().message));
        QCOMPARE(n.finished.size(), 1);
        QVERIFY(!waitFor([&] { return n.finished.size() > 1; }, 1500));
        const auto acked = n.store->acknowledgeRecoveries(r.uid, QString(), u"test"_s, u"checked"_s);
        QVERIFY(acked.ok() && *acked == 1);
        QVERIFY2(waitFor([&] { return n.finished.size() > 1; }, 15000), "no recovery after the acknowledgement");
        const RecoveryRecord second = n.finished.at(1);
        QVERIFY2(second.status == u"succeeded"_s, qPrintable(second.message + u'\n' + second.explanation));
        QCOMPARE(second.successor, n.sandbox->key(2)); // 1 is must_not
        QVERIFY(n.replicatesFrom(1, 2));
    }

    void failingPreHookLeavesTopologyUntouched()
    {
        RecoveryOptions o;
        o.preFailoverProcesses = {u"sh -c 'echo not now; exit 7'"_s};
        o.postUnsuccessfulFailoverProcesses = {u"sh -c 'exit 0'"_s};
        Node n(SandboxShape::Star, 3, o);
        REQUIRE_NODE(n);
        QVERIFY(n.sandbox->kill(0).ok());
        QVERIFY2(waitFor([&] { return !n.finished.isEmpty(); }, 15000), "no recovery finished");
        const RecoveryRecord r = n.finished.first();
        QCOMPARE(r.status, u"aborted"_s);
        for (int i = 1; i < 3; ++i) {
            const auto rows = n.sandbox->query(i, u"SHOW SLAVE STATUS"_s);
            QVERIFY(rows.ok() && !rows->isEmpty());
            QCOMPARE(rows->constFirst().value(u"Master_Port"_s).toInt(), n.sandbox->port(0));
            QCOMPARE(n.sandbox->query(i, u"SELECT @@read_only AS ro"_s)->constFirst().value(u"ro"_s).toInt(), 1);
        }
        const auto steps = n.store->readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        bool sawHook = false, sawSql = false, sawPostUnsuccessful = false;
        for (const RecoveryStep &s : *steps) {
            sawHook = sawHook || (s.kind == u"hook"_s && !s.ok && s.detail.contains(u"not now"_s));
            sawSql = sawSql || s.kind == u"sql"_s;
            sawPostUnsuccessful = sawPostUnsuccessful || s.what.contains(u"PostUnsuccessful"_s);
        }
        QVERIFY(sawHook);
        QVERIFY(!sawSql);
        QVERIFY(!sawPostUnsuccessful); // orchestrator PR #1044
    }

    void deadIntermediateMasterReplicasMove()
    {
        // 0 -> 1, 2; 1 -> 3, 4.
        Node n(SandboxShape::Tree, 5, RecoveryOptions{});
        REQUIRE_NODE(n);
        QVERIFY(n.sandbox->kill(1).ok());
        QVERIFY2(waitFor([&] { return !n.finished.isEmpty(); }, 15000), "no recovery finished");
        const RecoveryRecord r = n.finished.first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.kind, u"intermediate-master"_s);
        QVERIFY2(r.successor == n.sandbox->key(2), qPrintable(r.explanation)); // the sibling
        QVERIFY(n.replicatesFrom(3, 2));
        QVERIFY(n.replicatesFrom(4, 2));
        QVERIFY(n.sandbox->execute(0, u"CREATE DATABASE im"_s).ok());
        QVERIFY(waitFor([&] {
            const auto rows = n.sandbox->query(4, u"SHOW DATABASES LIKE 'im'"_s);
            return rows.ok() && rows->size() == 1;
        }, 10000));
    }

    void hungMasterNotDeadBeforeReplicasAgree()
    {
        Node n(SandboxShape::Star, 3, RecoveryOptions{}, false);
        REQUIRE_NODE(n);
        // Record, at each DeadMaster verdict, whether any replica still had its IO thread running.
        bool deadWhileConnected = false;
        QObject::connect(n.monitor.get(), &AnalysisMonitor::analysisChanged, [&](const ReplicationAnalysis &a, AnalysisCode) {
            if (!isDeadMasterCode(a.code))
                return;
            for (const InstanceKey &k : a.replicas) {
                const auto i = n.state->instance(k);
                if (i && i->lastCheckValid && i->replication
                    && i->replication->ioThread == ReplicationState::ThreadState::Running)
                    deadWhileConnected = true;
            }
        });
        QVERIFY(n.sandbox->pause(0).ok());
        const InstanceKey master = n.sandbox->key(0);
        QVERIFY2(waitFor([&] {
            const auto a = n.monitor->analysisOf(master);
            return a && a->code == AnalysisCode::UnreachableMaster;
        }, 10000), "the hung master was not seen as UnreachableMaster");
        // The replicas still say Slave_IO_Running=Yes: not dead.
        QVERIFY(n.replicatesFrom(1, 0));
        QVERIFY(!isDeadMasterCode(n.monitor->analysisOf(master)->code));
        // After slave_net_timeout (4 s) they give up on it and agree: now it is dead.
        QVERIFY2(waitFor([&] {
            const auto a = n.monitor->analysisOf(master);
            return a && a->code == AnalysisCode::DeadMaster;
        }, 20000), "the replicas never agreed");
        QVERIFY(!deadWhileConnected);
        QVERIFY(n.finished.isEmpty()); // not automatic here: the desktop only offers recovery
        QVERIFY(n.sandbox->resume(0).ok());
        QVERIFY(waitFor([&] { return !n.monitor->analysisOf(master).has_value(); }, 20000));
    }
};

QTEST_GUILESS_MAIN(TestRecovery)
#include "tst_recovery.moc"
