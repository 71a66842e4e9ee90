// Scenario 4 of issue 15: a flapping link between Arbor and the master (30 % of the packets of every
// connection between them dropped, both ways) while the replicas replicate undisturbed: no failover,
// no thrash (the analysis changelog grows by a handful of rows, not by one per poll), every write the
// master acknowledged is still there. Latency with jitter (netem delay 200 ms ± 100) needs the kernel's
// sch_netem; where it is missing the latency variant says so and skips.
#include "chaostestcase.h"
#include "linkcut.h"

#include <QElapsedTimer>
#include <QProcess>

using namespace arbor::chaos;

namespace {

int analysisChanges(ChaosCluster &c)
{
    const auto rows = c.backend().query(0, u"SELECT COUNT(*) AS n FROM arbor_chaos.analysis_changes"_s);
    return rows.ok() && !rows->isEmpty() ? rows->first().value(u"n"_s).toInt() : -1;
}

} // namespace

class TestChaosFlap : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void lossyLinkToMasterNeitherFailsOverNorThrashes()
    {
        ChaosCluster c({.replicaNetTimeout = 2});
        REQUIRE_CHAOS_CLUSTER(c);
        const int master = 0;
        c.workload().start(master);
        QVERIFY(c.workload().waitForAcks(20, 10000));
        const int before = analysisChanges(c);
        QVERIFY(before >= 0);

        LinkCut flapping(ChaosCluster::nodeGroup(0), c.topology().port(master), 0.3);
        VERIFY_CUT(flapping);
        constexpr int holdMs = 20000;
        QStringList seen;
        const bool acted = waitFor([&] {
            const QString a = c.analysisOf(0, master);
            if (!a.isEmpty() && (seen.isEmpty() || seen.last() != a))
                seen << a;
            return !c.recoveries(0).isEmpty();
        }, holdMs);
        const int changes = analysisChanges(c) - before;
        qInfo("scenario 4 (30 %% loss Arbor <-> master for %d s): %d analysis changes recorded, analyses seen: %s", holdMs / 1000,
              changes, qPrintable(seen.join(u" "_s)));
        QVERIFY2(!acted, qPrintable(jsonText(c.recoveries(0)) + c.logs()));
        // No thrash: at most one change in and one out per 2 s on average.
        QVERIFY2(changes <= holdMs / 2000, qPrintable(u"%1 analysis changes in %2 s"_s.arg(changes).arg(holdMs / 1000)));
        flapping.heal();
        QVERIFY(waitFor([&] { return c.analysisOf(0, master).isEmpty(); }, 20000));
        const auto lost = c.lostAcknowledged(master);
        QVERIFY_RESULT(lost);
        QCOMPARE(lost->size(), 0);
        VERIFY_INVARIANTS(c, master);
    }

    void laggyLinkToMasterNeedsNetem()
    {
        QProcess tc;
        tc.start(u"tc"_s, {u"qdisc"_s, u"add"_s, u"dev"_s, u"lo"_s, u"root"_s, u"netem"_s, u"delay"_s, u"1ms"_s});
        const bool netem = tc.waitForFinished(10000) && tc.exitCode() == 0;
        if (netem) {
            QProcess del;
            del.start(u"tc"_s, {u"qdisc"_s, u"del"_s, u"dev"_s, u"lo"_s, u"root"_s});
            del.waitForFinished(10000);
        }
        if (!netem)
            QSKIP(qPrintable(u"latency 200 ms ± 100 needs tc netem, which this kernel lacks (CONFIG_NET_SCH_NETEM): %1"_s.arg(
                QString::fromLocal8Bit(tc.readAllStandardError()).trimmed())));
        QSKIP("tc netem works here, but the latency variant is not written yet (docs/reliability.md)");
    }
};

ARBOR_CHAOS_MAIN(TestChaosFlap)
#include "tst_chaos_flap.moc"
