// Scenario 10 of issue 15: clocks. The backend's mariadbd runs in TZ=Europe/Berlin with its clock
// pinned (libfaketime) 20 s before the autumn change (2026-10-25 03:00 CEST -> 02:00 CET); two nodes
// share it; across the change there must never be two active nodes (the lease is counted by the
// backend's clock: a zone-dependent expression of it jumps by an hour there). And the active node's
// own wall clock jumped by +1 h while it runs (libfaketime): neither two leaders nor a lost lease.

#include "chaostestcase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QSqlDatabase>

#include <algorithm>

using namespace arbor::chaos;

namespace {

QString libfaketime()
{
    for (const QString &p : {u"/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"_s,
                             u"/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"_s, u"/usr/lib/faketime/libfaketime.so.1"_s}) {
        if (QFile::exists(p))
            return p;
    }
    return {};
}

} // namespace

class TestChaosClock : public ChaosTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void backendInBerlinAcrossTheAutumnChangeNeverHasTwoLeaders()
    {
        const QString faketime = libfaketime();
        if (faketime.isEmpty())
            QSKIP("libfaketime is not installed (Debian package libfaketime; scripts/setup.sh installs it)");
        ChaosOptions o{.replicas = 1, .nodes = 2, .leaseSeconds = 4};
        // Local time in Berlin, 20 s before the first 02:00 of the ambiguous hour (CEST).
        o.backendEnvironment = {{u"TZ"_s, u"Europe/Berlin"_s},
                                {u"LD_PRELOAD"_s, faketime},
                                {u"FAKETIME"_s, u"@2026-10-25 01:59:40"_s},
                                {u"FAKETIME_DONT_FAKE_MONOTONIC"_s, u"1"_s}};
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        auto backendNow = [&] {
            const auto rows = c.backend().query(0, u"SELECT DATE_FORMAT(NOW(), '%H:%i:%s') AS t"_s);
            return rows.ok() && !rows->isEmpty() ? rows->first().value(u"t"_s).toString() : QString();
        };
        const QString startedAt = backendNow();
        if (startedAt >= u"02:00:00"_s)
            QSKIP(qPrintable(u"the cluster took too long to start: the backend's clock is at %1, past the change"_s.arg(startedAt)));
        QVERIFY(waitFor([&] { return c.api(1, u"/api/health"_s).object().value(u"Details"_s).toObject()
                                         .value(u"AvailableNodes"_s).toArray().size() == 2; }, 15000));
        // Past the change and a few leases further.
        QVERIFY2(waitFor([&] { return backendNow() >= u"02:00:12"_s; }, 60000), qPrintable(backendNow()));
        // The lease clock as the nodes wrote it: renewals every second, so no step between two of them
        // may be much longer than a lease (an hour-long step lets a standby take over from a live leader).
        QList<qint64> renewals;
        for (const auto &[node, at] : c.monitor().leaseSightings())
            renewals << at;
        std::sort(renewals.begin(), renewals.end());
        qint64 largestStep = 0;
        for (qsizetype i = 1; i < renewals.size(); ++i)
            largestStep = std::max(largestStep, renewals.at(i) - renewals.at(i - 1));
        const QStringList violations = c.monitor().violations();
        qInfo("scenario 10: backend clock from %s to %s (Europe/Berlin); %lld renewals seen, largest step of the lease clock "
              "%lld ms; at most %d node(s) active at a sample", qPrintable(startedAt), qPrintable(backendNow()),
              qint64(renewals.size()), largestStep, c.monitor().maxActiveNodes());
        QVERIFY(renewals.size() > 10);
        QVERIFY2(largestStep < 10000 && violations.isEmpty(),
                 qPrintable(u"lease clock step %1 ms; %2"_s.arg(largestStep).arg(violations.join(u'\n'))));
        QVERIFY(c.activeNode() >= 0);
    }

    void leaderWallClockJumpsAnHourAndNothingChanges()
    {
        const QString faketime = libfaketime();
        if (faketime.isEmpty())
            QSKIP("libfaketime is not installed (Debian package libfaketime; scripts/setup.sh installs it)");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString offset = dir.filePath(u"faketime"_s);
        auto writeOffset = [&](const QByteArray &spec) {
            QFile f(offset);
            return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(spec + '\n') > 0;
        };
        QVERIFY(writeOffset("+0"));
        ChaosOptions o{.replicas = 1, .nodes = 2, .leaseSeconds = 4};
        // Node 0's wall clock reads its offset from the file at every call; its monotonic clock stays real.
        o.node0Environment = {{u"LD_PRELOAD"_s, faketime},
                              {u"FAKETIME_TIMESTAMP_FILE"_s, offset},
                              {u"FAKETIME_NO_CACHE"_s, u"1"_s},
                              {u"FAKETIME_DONT_FAKE_MONOTONIC"_s, u"1"_s}};
        ChaosCluster c(o);
        REQUIRE_CHAOS_CLUSTER(c);
        QCOMPARE(c.activeNode(), 0);
        QVERIFY(waitFor([&] { return c.api(1, u"/api/health"_s).object().value(u"Details"_s).toObject()
                                         .value(u"AvailableNodes"_s).toArray().size() == 2; }, 15000));
        QVERIFY(writeOffset("+1h"));
        // Several leases long: the leader stays the leader, nobody else is active at any sample.
        const bool changed = waitFor([&] { return c.activeNode() != 0; }, 12000);
        qInfo("scenario 10: node 0's wall clock +1 h for 12 s: leader %s, at most %d node(s) active at a sample",
              changed ? "changed" : "unchanged", c.monitor().maxActiveNodes());
        QVERIFY2(!changed, qPrintable(c.logs()));
        const QStringList violations = c.monitor().violations();
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    }
};

ARBOR_CHAOS_MAIN(TestChaosClock)
#include "tst_chaos_clock.moc"
