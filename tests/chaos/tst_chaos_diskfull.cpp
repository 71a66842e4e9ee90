// Scenario 6 of issue 15: the master's binary log is on a filesystem that fills up (a small tmpfs the
// test mounts in its own mount namespace). MariaDB does not fail the writes: it waits for space
// ("Disk is full writing ... Waiting for someone to free space", retried every 60 s), so every commit
// stalls, and so does SHOW MASTER STATUS (it waits for the binary log's lock the stuck commit holds);
// the server still answers other statements, and its replicas stay connected (heartbeats flow).
// Expected: the writes stall (no acknowledged write after the disk filled); Arbor shows the master as
// UnreachableMaster whose description says that the server answers but its binary log does not (the
// probe's error); no promotion while the replicas still see the master; when the master then dies,
// the replicas lose it too and Arbor fails over, without losing an acknowledged write.
#include "chaostestcase.h"
#include "smallfilesystem.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace arbor::chaos;

class TestChaosDiskFull : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void masterBinlogDiskFullStallsWritesWithoutFailover()
    {
        QTemporaryDir mountPoint;
        QVERIFY(mountPoint.isValid());
        SmallFilesystem disk(mountPoint.path(), 16);
        if (!disk.error().isEmpty())
            QSKIP(qPrintable(u"scenario 6 needs a small filesystem of its own: "_s + disk.error()));
        ChaosOptions o{.replicaNetTimeout = 2};
        o.serverArguments.insert(0, {u"--log-bin=%1/mysql-bin"_s.arg(disk.path())});
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        const int master = 0;
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));

        QVERIFY2(disk.fill() > 0, qPrintable(disk.error()));
        const qint64 fullAtMs = QDateTime::currentMSecsSinceEpoch();
        QElapsedTimer t;
        t.start();
        // The commits in flight may still fit in the binary log's last page; then nothing is acknowledged.
        qint64 lastCount = -1;
        qint64 lastChangeMs = 0;
        QVERIFY2(waitFor([&] {
            const qint64 n = c.workload().acknowledgedCount();
            if (n != lastCount) {
                lastCount = n;
                lastChangeMs = t.elapsed();
            }
            return t.elapsed() - lastChangeMs >= 3000;
        }, 20000), "the workload's writes did not stall on a full binary log disk");
        const qint64 stalledAcks = lastCount;
        qInfo("scenario 6 (master's binlog disk full): writes stalled %lld ms after the disk filled", lastChangeMs);

        // Arbor's poll of the master fails on SHOW MASTER STATUS after the server answered the statements
        // before it: UnreachableMaster (the replicas still replicate), and the analysis says why.
        QJsonObject entry;
        QVERIFY2(waitFor([&] {
            entry = c.analysisEntryOf(0, master);
            return entry.value(u"Analysis"_s).toString() == u"UnreachableMaster"_s
                   && entry.value(u"Description"_s).toString().contains(u"binary log does not"_s);
        }, 20000), qPrintable(jsonText(entry) + c.logs()));
        qInfo("scenario 6: shown %lld ms after the disk filled: %s", QDateTime::currentMSecsSinceEpoch() - fullAtMs,
              qPrintable(entry.value(u"Description"_s).toString()));

        // Held: no promotion while the replicas still see the master.
        QVERIFY(!waitFor([&] { return !c.recoveries(0).isEmpty(); }, 10000));
        QCOMPARE(c.workload().acknowledgedCount(), stalledAcks);
        for (int i = 1; i < c.size(); ++i)
            QVERIFY(c.replicatesFrom(i, master));

        // The master dies: now the replicas lose it too.
        t.restart();
        c.monitor().exempt(master); // killed: its last sample (writable) must not count beside the successor
        QVERIFY_RESULT(c.topology().kill(master));
        const QJsonObject rec = c.waitForRecovery(0, 30000);
        QVERIFY2(!rec.isEmpty(), qPrintable(c.logs()));
        const int successor = c.successorOf(rec);
        QVERIFY(successor == 1 || successor == 2);
        qInfo("scenario 6: the full master killed, failover %lld ms later", t.elapsed());
        c.workload().retarget(successor);
        QVERIFY(c.workload().waitForAcks(10, 15000));
        const auto lost = c.reportLost(successor, "scenario 6");
        QVERIFY_RESULT(lost);
        QCOMPARE(*lost, 0); // every acknowledged write was in the binary log before the disk filled
        VERIFY_INVARIANTS(c, successor);
    }
};

ARBOR_CHAOS_MAIN(TestChaosDiskFull)
#include "tst_chaos_diskfull.moc"
