// Frozen processes (SIGSTOP), on real servers and real `arbor --service` nodes. Scenarios of issue 15:
//   5. a hung master: with slave_net_timeout 2 the replicas notice and Arbor fails over (and fences
//      the old master when it wakes); with slave_net_timeout 600 they do not, and Arbor must not
//      either (UnreachableMaster, no failover) until it wakes;
//   8. the leader frozen past its lease in the middle of a recovery, then woken: it takes no
//      destructive step after waking (fencing), the other node has taken over and recovers the dead
//      master itself (from the replica history the first node left in the backend).
#include "chaostestcase.h"
#include "chaosverify.h"
#include "markerhook.h"

#include <QElapsedTimer>
#include <QDateTime>

#include <algorithm>
#include <csignal>

using namespace arbor::chaos;

class TestChaosHang : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void hungMasterWithReplicasNoticingFailsOver()
    {
        constexpr int netTimeout = 2;
        ChaosCluster c({.replicaNetTimeout = netTimeout});
        REQUIRE_CHAOS_CLUSTER(c);
        const int master = 0;
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        c.monitor().exempt(master); // frozen: nobody can fence it
        QElapsedTimer t;
        t.start();
        QVERIFY_RESULT(c.topology().pause(master));
        const QJsonObject rec = c.waitForRecovery(0, 60000);
        QVERIFY2(!rec.isEmpty(), qPrintable(c.logs()));
        const qint64 tookMs = t.elapsed();
        const int successor = c.successorOf(rec);
        QVERIFY(successor == 1 || successor == 2);
        qInfo("scenario 5a (master SIGSTOPped, slave_net_timeout %d s): failover after %lld ms", netTimeout, tookMs);
        c.workload().retarget(successor);
        QVERIFY(c.workload().waitForAcks(20, 15000));

        // It wakes up writable: Arbor fences it.
        QVERIFY_RESULT(c.topology().resume(master));
        c.monitor().restore(master, 15000);
        QVERIFY2(waitFor([&] { return c.readOnly(master) == 1; }, 20000),
                 qPrintable(u"the woken old master is still writable"_s + c.logs()));
        QVERIFY(waitFor([&] { return c.monitor().fencedAfterMs(master) >= 0; }, 5000));
        qInfo("scenario 5a: the woken old master was read-only %lld ms after SIGCONT", c.monitor().fencedAfterMs(master));
        QVERIFY(!waitFor([&] { return !c.replicasOf(master).isEmpty(); }, 3000));
        QVERIFY_RESULT(c.reportLost(successor, "scenario 5a"));
        VERIFY_INVARIANTS(c, successor, master);
    }

    void hungMasterWithoutReplicasNoticingIsNotFailedOver()
    {
        constexpr int netTimeout = 600;
        ChaosCluster c({.replicaNetTimeout = netTimeout});
        REQUIRE_CHAOS_CLUSTER(c);
        const int master = 0;
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QElapsedTimer t;
        t.start();
        QVERIFY_RESULT(c.topology().pause(master));
        QVERIFY2(waitFor([&] { return c.analysisOf(0, master) == u"UnreachableMaster"_s; }, 20000),
                 qPrintable(u"analysis: '%1'"_s.arg(c.analysisOf(0, master)) + c.logs()));
        qInfo("scenario 5b (master SIGSTOPped, slave_net_timeout %d s): UnreachableMaster after %lld ms", netTimeout, t.elapsed());
        // The replicas still count it as connected: Arbor waits (held for 12 s here).
        QString seen;
        const bool acted = waitFor([&] {
            seen = c.analysisOf(0, master);
            return !c.recoveries(0).isEmpty() || seen.startsWith(u"DeadMaster"_s);
        }, 12000);
        QVERIFY2(!acted, qPrintable(u"analysis '%1', %2 recoveries"_s.arg(seen).arg(c.recoveries(0).size()) + c.logs()));
        QVERIFY_RESULT(c.topology().resume(master));
        t.restart();
        QVERIFY2(waitFor([&] { return c.analysisOf(0, master).isEmpty(); }, 20000),
                 qPrintable(u"analysis after SIGCONT: '%1'"_s.arg(c.analysisOf(0, master))));
        qInfo("scenario 5b: no failover; analysis clear %lld ms after SIGCONT", t.elapsed());
        QVERIFY(c.recoveries(0).isEmpty());
        const auto lost = c.lostAcknowledged(master);
        QVERIFY_RESULT(lost);
        QCOMPARE(lost->size(), 0);
        VERIFY_INVARIANTS(c, master);
    }

    void leaderFrozenPastItsLeaseTakesNoStepAfterWaking()
    {
        // The leader's pre-failover hook marks that a recovery is under way, then takes 3 s: the test
        // freezes the leader inside it, so that it wakes up in the middle of a recovery.
        MarkerHook hook("sleep 3", false);
        VERIFY_HOOK(hook);
        constexpr int lease = 4;
        ChaosOptions o{.replicaNetTimeout = 2, .nodes = 2, .leaseSeconds = lease};
        hook.install(o);
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        QCOMPARE(c.activeNode(), 0);
        QVERIFY(waitFor([&] { return c.api(1, u"/api/health"_s).object().value(u"Details"_s).toObject()
                                         .value(u"AvailableNodes"_s).toArray().size() == 2; }, 15000));
        c.workload().start(0);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QVERIFY_RESULT(c.topology().kill(0));
        QVERIFY2(waitFor([&] { return hook.reached(); }, 30000), qPrintable(c.logs()));
        c.node(0).sendSignal(SIGSTOP);
        c.frozeNode(0);
        QElapsedTimer t;
        t.start();
        const qint64 frozenAtMs = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(waitFor([&] { return c.activeNode() == 1; }, (lease + 10) * 1000), qPrintable(c.logs()));
        qInfo("scenario 8 (leader frozen mid-recovery): node 1 active %lld ms after the freeze (lease %d s)", t.elapsed(), lease);
        // Frozen well past its lease (the hook has long ended), then woken.
        QVERIFY(!waitFor([&] { return c.activeNode() != 1; }, 2000));
        const qint64 wokenAtMs = QDateTime::currentMSecsSinceEpoch();
        c.node(0).sendSignal(SIGCONT);

        // The woken node's recovery: it stops at its fence, no SQL step after it woke.
        QString frozenUid;
        QVERIFY2(waitFor([&] {
            for (const QJsonValue &v : c.recoveries(1)) {
                const QJsonObject r = v.toObject();
                const QString uid = r.value(u"UID"_s).toString();
                if (uid.isEmpty() || !c.node(0).log().contains(uid + u" started"_s))
                    continue;
                // Its end as the woken node reports it: the new active node may have marked it abandoned
                // before, which is not the woken node's stop.
                const auto s = c.stepsOf(uid);
                if (s.ok() && std::any_of(s->cbegin(), s->cend(), [](const ChaosCluster::Step &x) { return x.kind == u"fence"_s; }))
                    frozenUid = uid;
            }
            return !frozenUid.isEmpty();
        }, 30000), qPrintable(c.logs(4000)));
        const auto steps = c.stepsOf(frozenUid);
        QVERIFY_RESULT(steps);
        bool fenced = false;
        QStringList trail;
        for (const ChaosCluster::Step &s : steps.value()) {
            trail << u"%1 %2 %3%4"_s.arg(QString::number(s.atMs - frozenAtMs), s.kind, s.what, s.ok ? QString() : u" FAILED"_s);
            fenced = fenced || s.kind == u"fence"_s;
            QVERIFY2(!(s.kind == u"sql"_s && s.atMs >= frozenAtMs),
                     qPrintable(u"the woken node ran '%1' after waking (frozen at %2, woken at %3)"_s.arg(
                         s.what, QString::number(frozenAtMs), QString::number(wokenAtMs))));
        }
        QVERIFY2(fenced, qPrintable(trail.join(u'\n')));
        qInfo("scenario 8: the woken node stopped at its fence %lld ms after it woke",
              steps->isEmpty() ? -1 : steps->last().atMs - wokenAtMs);
        QVERIFY(!waitFor([&] { return c.activeNode() != 1; }, 3000)); // it did not take the lease back
        QVERIFY_RESULT(c.checkStepsUnderLease());
        const QStringList violations = c.monitor().violations();
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
        // Nobody promoted by the frozen node: none of its statements ran (the node now active may have
        // promoted a replica already: it no longer waits for the frozen node's recovery to end).
        for (const ChaosCluster::Step &s : steps.value())
            QVERIFY2(!(s.kind == u"sql"_s && s.ok), qPrintable(trail.join(u'\n')));

        // The node that holds the lease now should finish the job.
        QJsonArray done;
        QVERIFY2(waitFor([&] { return !(done = c.successfulRecoveries(1)).isEmpty(); }, 15000),
                 qPrintable(jsonText(c.recoveries(1)) + c.logs(6000)));
        const int successor = c.indexOfPort(done.first().toObject().value(u"SuccessorKey"_s).toObject().value(u"Port"_s).toInt());
        VERIFY_INVARIANTS(c, successor);
    }
};

ARBOR_CHAOS_MAIN(TestChaosHang)
#include "tst_chaos_hang.moc"
