// Scenario 7 of issue 15 (first and third parts), one chain of events on real servers:
//   - the master dies while an operator relocates a replica onto it (server 2 from below server 1 back
//     below the master): the relocate must fail cleanly, saying which state it left, with every
//     replica still replicating from where it was; then the recovery proceeds as if no relocate had
//     been tried (server 1 promoted, server 2 still below it);
//   - the new master dies within RecoveryPeriodBlockSeconds: no second automatic recovery, and the
//     block is visible (blocked-recoveries names the blocking recovery and how to unblock).

#include "chaostestcase.h"

#include <QElapsedTimer>

using namespace arbor::chaos;

class TestChaosRelocate : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void masterKilledDuringRelocateThenSecondDeathIsBlocked()
    {
        ChaosCluster c({.replicaNetTimeout = 2});
        REQUIRE_CHAOS_CLUSTER(c);
        const auto path = [&](int i) { return u"127.0.0.1/%1"_s.arg(c.topology().port(i)); };
        // A chain first: 0 -> 1 -> 2.
        const auto chained = c.node(0).get(u"/api/relocate/%1/%2"_s.arg(path(2), path(1)), {}, 30000);
        QVERIFY2(chained.status == 200, chained.body.constData());
        QVERIFY(waitFor([&] { return c.replicatesFrom(2, 1); }, 15000));
        c.workload().start(0);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        // The master dies while the relocate of server 2 onto it runs (Arbor's facts, a poll old at
        // most, still say it is alive).
        QElapsedTimer t;
        t.start();
        c.monitor().exempt(0); // killed: its last sample (writable) must not count beside the successor
        QVERIFY_RESULT(c.topology().kill(0));
        const auto moved = c.node(0).get(u"/api/relocate/%1/%2"_s.arg(path(2), path(0)), {}, 60000);
        const QString message = moved.object().value(u"Message"_s).toString();
        qInfo("scenario 7 (master killed during a relocate): HTTP %d after %lld ms: %s", moved.status, t.elapsed(),
              qPrintable(message));
        QVERIFY2(moved.status != 200, moved.body.constData());
        QVERIFY2(!message.isEmpty(), moved.body.constData());
        // Where it left server 2: still below server 1 (rolled back, or never moved).
        QVERIFY2(waitFor([&] { return c.replicatesFrom(2, 1); }, 15000), qPrintable(message + c.logs()));

        // The recovery proceeds: server 1 (the master's only replica) becomes the master, 2 stays below it.
        const QJsonObject first = c.waitForRecovery(0, 30000);
        QVERIFY2(!first.isEmpty(), qPrintable(jsonText(c.recoveries(0)) + jsonText(c.api(0, u"/api/replication-analysis"_s).object())
                                              + jsonText(c.api(0, u"/api/blocked-recoveries"_s).array()) + c.logs()));
        QCOMPARE(c.successorOf(first), 1);
        qInfo("scenario 7: recovered %lld ms after the master died (the relocate failed before)", t.elapsed());
        c.workload().retarget(1);
        QVERIFY(c.workload().waitForAcks(10, 15000));
        QVERIFY_RESULT(c.survivorsFollow(1, 20000));
        QVERIFY_RESULT(c.reportLost(1, "scenario 7"));

        // The new master dies within the block period (RecoveryPeriodBlockSeconds 3600): blocked.
        t.restart();
        c.monitor().exempt(1);
        QVERIFY_RESULT(c.topology().kill(1));
        QJsonArray blocked;
        QVERIFY2(waitFor([&] { return !(blocked = c.api(0, u"/api/blocked-recoveries"_s).array()).isEmpty(); }, 30000),
                 qPrintable(c.logs()));
        const QJsonObject b = blocked.first().toObject();
        qInfo("scenario 7: second master death blocked (shown %lld ms after it): %s", t.elapsed(),
              qPrintable(b.value(u"Reason"_s).toString()));
        QCOMPARE(b.value(u"FailedInstanceKey"_s).toObject().value(u"Port"_s).toInt(), c.topology().port(1));
        QCOMPARE(b.value(u"BlockingRecoveryUID"_s).toString(), first.value(u"UID"_s).toString());
        QVERIFY2(b.value(u"Reason"_s).toString().contains(u"ack-recovery"_s), qPrintable(jsonText(b)));
        // Nobody promoted: server 2 stays a read-only replica of the dead server 1.
        QVERIFY(!waitFor([&] { return c.successfulRecoveries(0).size() > 1 || c.readOnly(2) != 1; }, 5000));
        QVERIFY_RESULT(c.checkStepsUnderLease());
        const QStringList violations = c.monitor().violations();
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    }
};

ARBOR_CHAOS_MAIN(TestChaosRelocate)
#include "tst_chaos_relocate.moc"
