// Scenario 9 of issue 15 (first part): the backend becomes unreachable for the active node in the
// middle of a recovery (a partition between Arbor and its backend, silent: packets dropped). Without
// a renewed lease the node must stop before the next destructive step; when the backend is back, the
// node holds the lease again and the dead master is still recovered (nobody leaves it dead).
#include "chaostestcase.h"
#include "linkcut.h"
#include "markerhook.h"

#include <QElapsedTimer>

using namespace arbor::chaos;

class TestChaosBackend : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void backendCutDuringRecoveryStopsItAndRecoveryResumesAfter()
    {
        constexpr int lease = 4;
        // The pre-failover hook marks that the recovery is under way, then outlasts the lease.
        MarkerHook hook("sleep 6");
        VERIFY_HOOK(hook);
        ChaosOptions o{.replicaNetTimeout = 2, .leaseSeconds = lease};
        hook.install(o);
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        c.workload().start(0);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QElapsedTimer t;
        t.start();
        QVERIFY_RESULT(c.topology().kill(0));
        QVERIFY2(waitFor([&] { return hook.reached(); }, 30000), qPrintable(c.logs()));
        LinkCut backendCut(ChaosCluster::nodeGroup(0), c.backend().port(0));
        VERIFY_CUT(backendCut);
        const qint64 cutAtMs = QDateTime::currentMSecsSinceEpoch();
        // The node learns within the lease that it has none; its recovery must not promote anyone.
        QVERIFY2(waitFor([&] { return c.node(0).log().contains(u"lease expired while the backend is unreachable"_s); }, 15000),
                 qPrintable(c.logs()));
        qInfo("scenario 9 (backend cut mid-recovery): lease given up %lld ms after the cut", QDateTime::currentMSecsSinceEpoch() - cutAtMs);
        // Past the hook's end and a few polls more: still nobody promoted without the lease.
        QVERIFY(!waitFor([&] { return c.readOnly(1) == 0 || c.readOnly(2) == 0; }, 10000));
        backendCut.heal();
        const qint64 healedAtMs = QDateTime::currentMSecsSinceEpoch();
        // The recovery thread may still wait on a backend write of the silent partition (30 s read timeout).
        const QJsonObject rec = c.waitForRecovery(0, 120000);
        QVERIFY2(!rec.isEmpty(), qPrintable(jsonText(c.recoveries(0)) + c.logs(5000)));
        const int successor = c.successorOf(rec);
        QVERIFY(successor == 1 || successor == 2);
        qInfo("scenario 9: recovered %lld ms after the backend came back (cut for %lld ms)",
              QDateTime::currentMSecsSinceEpoch() - healedAtMs, healedAtMs - cutAtMs);
        c.workload().retarget(successor);
        QVERIFY(c.workload().waitForAcks(10, 15000));
        QVERIFY_RESULT(c.reportLost(successor, "scenario 9"));
        VERIFY_INVARIANTS(c, successor);
    }
};

ARBOR_CHAOS_MAIN(TestChaosBackend)
#include "tst_chaos_backend.moc"
