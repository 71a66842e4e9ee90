// Scenario 7 of issue 15 (second part): the chosen candidate dies while a recovery runs (inside the
// pre-failover hook, before the promotion). Arbor should not leave the cluster with a dead master
// because its first choice died: the attempt fails at that step, saying what it left, and the same
// failure is recovered at once with the other replica (the failed attempt does not block it).
#include "chaostestcase.h"
#include "chaosverify.h"
#include "markerhook.h"

#include <QElapsedTimer>

using namespace arbor::chaos;

class TestChaosMidRecovery : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void candidateKilledDuringRecoveryTheOtherReplicaIsPromoted()
    {
        MarkerHook hook("sleep 2"); // only the first recovery waits (the test kills the candidate meanwhile)
        VERIFY_HOOK(hook);
        ChaosOptions o{.replicaNetTimeout = 2};
        hook.install(o);
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        QCOMPARE(c.api(0, u"/api/register-candidate/127.0.0.1/%1/prefer"_s.arg(c.topology().port(1))).object()
                     .value(u"Code"_s).toString(), u"OK"_s);
        c.workload().start(0);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QElapsedTimer t;
        t.start();
        QVERIFY_RESULT(c.topology().kill(0));
        QVERIFY2(waitFor([&] { return hook.reached(); }, 30000), qPrintable(c.logs()));
        QVERIFY_RESULT(c.topology().kill(1)); // the preferred candidate, while the hook runs
        QJsonArray done;
        const bool recovered = waitFor([&] { return !(done = c.successfulRecoveries(0)).isEmpty(); }, 20000);
        qInfo("scenario 7: %lld recoveries recorded: %s", qint64(c.recoveries(0).size()),
              qPrintable(c.recoveries(0).isEmpty() ? QString()
                                                    : c.recoveries(0).first().toObject().value(u"Message"_s).toString()));
        QVERIFY2(recovered, qPrintable(jsonText(c.recoveries(0))));
        const QJsonObject rec = done.first().toObject();
        QCOMPARE(c.successorOf(rec), 2);
        qInfo("scenario 7 (candidate killed mid-recovery): server 2 promoted %lld ms after the master died; %lld recoveries "
              "recorded", t.elapsed(), qint64(c.recoveries(0).size()));
        c.workload().retarget(2);
        QVERIFY(c.workload().waitForAcks(10, 15000));
        VERIFY_INVARIANTS(c, 2);
    }
};

ARBOR_CHAOS_MAIN(TestChaosMidRecovery)
#include "tst_chaos_midrecovery.moc"
