// Network partitions between named parties, on real servers and a real `arbor --service`, in the
// test's own network namespace. Scenarios of issue 15:
//   2. the master isolated from everyone: failover within slave_net_timeout + 2 polls; after the heal
//      the old master is read-only and nobody replicates from it;
//   1. Arbor cannot reach the master while the replicas still replicate from it: no failover,
//      UnreachableMaster; then the master dies during the partition: failover;
//   3. one replica partitioned from the master only: no failover, the replica is broken with the reason.
// Invariants all along (InvariantMonitor): never two writable masters, at most one active node; at the
// end: the survivors follow the final master, every SQL step ran under the lease; acknowledged writes
// lost are counted (asynchronous replication: reported, not promised).
#include "chaostestcase.h"
#include "linkcut.h"

#include <QElapsedTimer>

using namespace arbor::chaos;

namespace {

constexpr int kNetTimeout = 2;  // slave_net_timeout of the servers, s
constexpr int kPollSeconds = 1; // the service's poll interval (serviceTopologySection)

} // namespace

class TestChaosPartition : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void masterIsolatedFromEveryoneFailsOverAndStaysFenced()
    {
        ChaosCluster c({.replicaNetTimeout = kNetTimeout});
        REQUIRE_CHAOS_CLUSTER(c);
        const int master = 0;
        const int port = c.topology().port(master);
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        c.monitor().exempt(master); // nobody can reach it to fence it while it is cut off
        QElapsedTimer t;
        t.start();
        LinkCut arbor(ChaosCluster::nodeGroup(0), port);
        LinkCut replica1(ChaosCluster::serverGroup(1), port);
        LinkCut replica2(ChaosCluster::serverGroup(2), port);
        VERIFY_CUT(arbor);
        VERIFY_CUT(replica1);
        VERIFY_CUT(replica2);

        const QJsonObject rec = c.waitForRecovery(0, 60000);
        QVERIFY2(!rec.isEmpty(), qPrintable(c.logs()));
        const qint64 tookMs = t.elapsed();
        QVERIFY2(rec.value(u"AnalysisEntry"_s).toObject().value(u"Analysis"_s).toString().startsWith(u"DeadMaster"_s),
                 qPrintable(jsonText(rec)));
        const int successor = c.successorOf(rec);
        QVERIFY(successor == 1 || successor == 2);
        const int promiseMs = (kNetTimeout + 2 * kPollSeconds) * 1000;
        qInfo("scenario 2 (master isolated): failover %lld ms after the cut (promise: slave_net_timeout %d s + 2 polls = %d ms)",
              tookMs, kNetTimeout, promiseMs);
        // The promise plus the connect/read timeouts of the probes and slack for a loaded machine.
        QVERIFY2(tookMs <= promiseMs + 8000, qPrintable(u"failover took %1 ms"_s.arg(tookMs)));

        c.workload().retarget(successor); // as the post-failover hook would move the writers
        QVERIFY(c.workload().waitForAcks(20, 15000));
        QVERIFY_RESULT(c.survivorsFollow(successor, 20000, master));

        arbor.heal();
        replica1.heal();
        replica2.heal();
        c.monitor().restore(master, 15000); // Arbor sees it again within a poll and fences it
        QVERIFY2(waitFor([&] { return c.readOnly(master) == 1; }, 20000),
                 qPrintable(u"the old master is still writable after the heal"_s + c.logs()));
        QVERIFY(waitFor([&] { return c.monitor().fencedAfterMs(master) >= 0; }, 5000));
        qInfo("scenario 2: the old master was read-only %lld ms after the heal", c.monitor().fencedAfterMs(master));
        // Nobody replicates from it, now or a few polls later.
        QVERIFY(!waitFor([&] { return !c.replicasOf(master).isEmpty(); }, 3000 * kPollSeconds));

        const auto lost = c.lostAcknowledged(successor);
        QVERIFY_RESULT(lost);
        qInfo("scenario 2: %lld acknowledged writes, %lld lost (acknowledged by the isolated old master after the cut; "
              "asynchronous replication)", qint64(c.workload().acknowledgedCount()), qint64(lost->size()));
        for (const Workload::Ack &a : lost.value())
            QCOMPARE(a.server, master); // only writes the isolated old master took can be missing
        VERIFY_INVARIANTS(c, successor, master);
    }

    void arborCutFromMasterOnlyIsUnreachableThenFailsOverWhenItDies()
    {
        ChaosCluster c({.replicaNetTimeout = kNetTimeout});
        REQUIRE_CHAOS_CLUSTER(c);
        const int master = 0;
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QElapsedTimer t;
        t.start();
        LinkCut arbor(ChaosCluster::nodeGroup(0), c.topology().port(master));
        VERIFY_CUT(arbor);
        QVERIFY2(waitFor([&] { return c.analysisOf(0, master) == u"UnreachableMaster"_s; }, 20000),
                 qPrintable(u"analysis: '%1'"_s.arg(c.analysisOf(0, master)) + c.logs()));
        qInfo("scenario 1 (Arbor cut from the master): UnreachableMaster after %lld ms", t.elapsed());
        // The replicas still replicate from it: that is no reason to fail over, however long it lasts
        // (held here for 5 x slave_net_timeout; the 60 s would not fit the CI budget).
        const int holdMs = 5 * kNetTimeout * 1000;
        QString seen;
        const bool changed = waitFor([&] {
            seen = c.analysisOf(0, master);
            return !c.recoveries(0).isEmpty() || (seen != u"UnreachableMaster"_s && !seen.isEmpty()) || !c.replicatesFrom(1, master);
        }, holdMs);
        QVERIFY2(!changed, qPrintable(u"during the one-sided partition: analysis '%1', %2 recoveries"_s.arg(seen).arg(c.recoveries(0).size())
                                      + c.logs()));
        QVERIFY(c.workload().waitForAcks(20, 10000)); // the master keeps taking writes

        // Now it dies while Arbor still cannot see it: the replicas lose it too, and that is a failover.
        t.restart();
        QVERIFY_RESULT(c.topology().kill(master));
        const QJsonObject rec = c.waitForRecovery(0, 60000);
        QVERIFY2(!rec.isEmpty(), qPrintable(c.logs()));
        const qint64 tookMs = t.elapsed();
        const int successor = c.successorOf(rec);
        QVERIFY(successor == 1 || successor == 2);
        qInfo("scenario 1: failover %lld ms after the master died during the partition", tookMs);
        QVERIFY_RESULT(c.reportLost(successor, "scenario 1"));
        VERIFY_INVARIANTS(c, successor);
    }

    void replicaCutFromMasterIsBrokenWithReasonAndNoFailover()
    {
        ChaosCluster c({.replicaNetTimeout = kNetTimeout});
        REQUIRE_CHAOS_CLUSTER(c);
        const int master = 0;
        const int port = c.topology().port(master);
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QElapsedTimer t;
        t.start();
        LinkCut replica1(ChaosCluster::serverGroup(1), port);
        VERIFY_CUT(replica1);
        const QString path = u"/api/instance/127.0.0.1/%1"_s.arg(c.topology().port(1));
        QJsonObject instance;
        QVERIFY2(waitFor([&] {
            instance = c.api(0, path).object();
            return !instance.value(u"ReplicationIOThreadRuning"_s).toBool(true)
                   && !instance.value(u"LastIOError"_s).toString().isEmpty();
        }, 30000), qPrintable(jsonText(instance) + c.logs()));
        qInfo("scenario 3 (replica cut from the master): Arbor shows it broken after %lld ms: %s", t.elapsed(),
              qPrintable(instance.value(u"LastIOError"_s).toString()));
        // The reason names the master it cannot reach.
        QVERIFY2(instance.value(u"LastIOError"_s).toString().contains(QString::number(port)),
                 qPrintable(instance.value(u"LastIOError"_s).toString()));
        // The master is fine for Arbor and for the other replica: no failover, no master analysis.
        const bool acted = waitFor([&] {
            const QString a = c.analysisOf(0, master);
            return !c.recoveries(0).isEmpty() || a.contains(u"Master"_s);
        }, 4 * kNetTimeout * 1000);
        QVERIFY2(!acted, qPrintable(u"analysis of the master: '%1'"_s.arg(c.analysisOf(0, master)) + c.logs()));
        QVERIFY(c.replicatesFrom(2, master));
        qInfo("scenario 3: analysis of the cut replica: '%s'", qPrintable(c.analysisOf(0, 1)));

        replica1.heal();
        t.restart();
        QVERIFY2(waitFor([&] { return c.api(0, path).object().value(u"ReplicationIOThreadRuning"_s).toBool(); }, 30000),
                 qPrintable(c.logs()));
        qInfo("scenario 3: replica healthy again %lld ms after the heal", t.elapsed());
        const auto lost = c.lostAcknowledged(master);
        QVERIFY_RESULT(lost);
        QCOMPARE(lost->size(), 0); // no failover: the master has every write it acknowledged
        VERIFY_INVARIANTS(c, master);
    }
};

ARBOR_CHAOS_MAIN(TestChaosPartition)
#include "tst_chaos_partition.moc"
