// Scenario 11 of issue 15: MariaDB's built-in semi-synchronous replication (AFTER_SYNC, no fallback
// to asynchronous within the test), writers with acknowledged writes in flight, the master SIGKILLed:
// the promoted replica has every acknowledged write, and the survivors follow it. To make the choice
// matter, the replica with the promotion rule "prefer" was cut off from the master a while before
// (the other one acknowledged everything since): promoting it as it stands would lose writes.
#include "chaostestcase.h"
#include "linkcut.h"

#include <QElapsedTimer>

using namespace arbor::chaos;

namespace {

// Semi-sync on: the master waits for one replica's receipt before it acknowledges a commit.
arbor::core::Result<void> enableSemiSync(ChaosCluster &c)
{
    using R = arbor::core::Result<void>;
    for (const QString &sql : {u"SET GLOBAL rpl_semi_sync_master_wait_point = 'AFTER_SYNC'"_s,
                               u"SET GLOBAL rpl_semi_sync_master_timeout = 600000"_s,
                               u"SET GLOBAL rpl_semi_sync_master_enabled = ON"_s}) {
        if (auto r = c.topology().execute(0, sql); !r.ok())
            return r;
    }
    for (int i = 1; i < c.size(); ++i) {
        for (const QString &sql : {u"SET GLOBAL rpl_semi_sync_slave_enabled = ON"_s, u"STOP SLAVE IO_THREAD"_s,
                                   u"START SLAVE IO_THREAD"_s}) {
            if (auto r = c.topology().execute(i, sql); !r.ok())
                return r;
        }
    }
    QString clients;
    const bool ok = waitFor([&] {
        const auto rows = c.topology().query(0, u"SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_clients'"_s);
        clients = rows.ok() && !rows->isEmpty() ? rows->first().value(u"Value"_s).toString() : QString();
        return clients == QString::number(c.size() - 1);
    }, 15000);
    return ok ? R::success() : R::failure(u"semi-sync clients on the master: '%1'"_s.arg(clients));
}

} // namespace

class TestChaosSemiSync : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void masterKilledWithWritesInFlightLosesNoAcknowledgedWrite()
    {
        ChaosCluster c({.replicaNetTimeout = 2, .writers = 6});
        REQUIRE_CHAOS_CLUSTER(c);
        QVERIFY_RESULT(enableSemiSync(c));
        QCOMPARE(c.api(0, u"/api/register-candidate/127.0.0.1/%1/prefer"_s.arg(c.topology().port(1))).object()
                     .value(u"Code"_s).toString(), u"OK"_s);
        c.workload().start(0);
        QVERIFY(c.workload().waitForAcks(100, 30000));
        LinkCut behind(ChaosCluster::serverGroup(1), c.topology().port(0));
        VERIFY_CUT(behind);
        QVERIFY2(waitFor([&] { return !c.replicatesFrom(1, 0); }, 20000), "replica 1 still replicates through the cut");
        QVERIFY(c.workload().waitForAcks(200, 30000)); // acknowledged by replica 2 alone

        QElapsedTimer t;
        t.start();
        // Dead from now on: its last read_only sample, taken before the kill, must not count as a live master.
        c.monitor().exempt(0);
        QVERIFY_RESULT(c.topology().kill(0)); // mid-stream: every writer has a commit in flight
        const qint64 acked = c.workload().acknowledgedCount();
        behind.heal(); // nothing to reach any more: the master is dead
        const QJsonObject rec = c.waitForRecovery(0, 60000);
        QVERIFY2(!rec.isEmpty(), qPrintable(c.logs()));
        const qint64 tookMs = t.elapsed();
        const int successor = c.successorOf(rec);
        QVERIFY(successor == 1 || successor == 2);
        qInfo("scenario 11 (semi-sync, master SIGKILLed): failover after %lld ms to server %d (server 1, preferred, was cut off "
              "and behind)", tookMs, successor);

        const auto lost = c.lostAcknowledged(successor);
        QVERIFY_RESULT(lost);
        QStringList ids;
        for (const Workload::Ack &a : lost.value())
            ids << QString::number(a.id);
        qInfo("scenario 11: %lld acknowledged writes, %lld lost on the promoted replica", acked, qint64(lost->size()));
        QVERIFY2(lost->isEmpty(), qPrintable(u"acknowledged but missing on %1: %2\n%3"_s.arg(successor).arg(ids.join(u", "_s))
                                             .arg(rec.value(u"Explanation"_s).toString())));
        VERIFY_INVARIANTS(c, successor);
    }
};

ARBOR_CHAOS_MAIN(TestChaosSemiSync)
#include "tst_chaos_semisync.moc"
