#include "resultassert.h"
#include "fakeclock.h"
#include "history/historysampler.h"
#include "history/historystore.h"
#include "history/laghistory.h"
#include "store/store.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {
constexpr qint64 kStart = 1714564800000; // 2024-05-01 12:00:00 UTC, a whole minute
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Instance replica(int port, std::optional<qint64> lag)
{
    Instance i;
    i.key = InstanceKey(u"127.0.0.1"_s, port);
    i.lastCheckValid = true;
    ReplicationState r;
    r.sourceKey = InstanceKey(u"127.0.0.1"_s, 1);
    r.ioThread = ReplicationState::ThreadState::Running;
    r.sqlThread = ReplicationState::ThreadState::Running;
    r.secondsBehindSource = lag;
    i.replication = r;
    return i;
}
} // namespace

class TestLagHistory : public QObject
{
    Q_OBJECT
    arbor::testsupport::FakeClock m_clock{kStart};
    QTemporaryDir m_dir;

    void useClock(LagHistory &h) { h.setClock(m_clock.function()); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_clock.set(kStart); }

    void seriesIsBucketedToTheWorstValue()
    {
        LagHistory h;
        useClock(h);
        const InstanceKey k(u"db1"_s, 3306);
        for (int s = 0; s < 300; ++s)
            h.record(k, kStart + s * 1000, s % 10 == 3 ? 9.0 : 1.0, 2.0 + s);
        m_clock.set(kStart + 300 * 1000);
        const QList<LagPoint> all = h.series(k, kStart, m_clock.now(), 1000);
        QCOMPARE(all.size(), 300); // fewer points than the limit: every poll
        QCOMPARE(all.at(3).lagSeconds, 9.0);
        const QList<LagPoint> thirty = h.series(k, kStart, m_clock.now(), 30); // 10 s buckets
        QCOMPARE(thirty.size(), 30);
        for (const LagPoint &p : thirty)
            QCOMPARE(p.lagSeconds, 9.0); // each bucket holds one 9 s spike: never averaged away
        QCOMPARE(thirty.last().pollMs, 301.0);
        QVERIFY(h.series(InstanceKey(u"nope"_s, 1), kStart, m_clock.now(), 10).isEmpty());
    }

    void rawForAnHourMinutesForADay()
    {
        LagHistory h;
        useClock(h);
        const InstanceKey k(u"db1"_s, 3306);
        // Two hours at one poll every 5 s; the lag is the minute number.
        for (qint64 t = 0; t < 2 * 3600 * 1000; t += 5000)
            h.record(k, kStart + t, double(t / 60000), 10);
        m_clock.set(kStart + 2 * 3600 * 1000);
        h.prune();
        QCOMPARE(h.rawPointCount(), qint64(3600 / 5)); // only the last hour of polls
        // The first hour comes back as 60 per-minute points, the second as raw polls.
        const QList<LagPoint> day = h.series(k, m_clock.now() - LagHistory::kMinutesKeepMs, m_clock.now(), 100000);
        QCOMPARE(day.size(), 60 + 720);
        QCOMPARE(day.first().atMs, kStart);
        QCOMPARE(day.first().lagSeconds, 0.0);
        QCOMPARE(day.at(59).lagSeconds, 59.0);
        QCOMPARE(day.at(60).atMs, kStart + 3600 * 1000);
        // A day later the minutes age out too.
        m_clock.advance(LagHistory::kMinutesKeepMs);
        h.prune();
        QVERIFY(h.keys().isEmpty());
    }

    void clusterMaxAndP95()
    {
        LagHistory h;
        useClock(h);
        QList<InstanceKey> keys;
        for (int i = 1; i <= 20; ++i) {
            keys << InstanceKey(u"r"_s + QString::number(i), 3306);
            h.record(keys.last(), kStart + 500, double(i), 1);
        }
        h.record(InstanceKey(u"source"_s, 3306), kStart + 500, kNaN, 1); // a source has no lag
        keys << InstanceKey(u"source"_s, 3306);
        m_clock.set(kStart + 1000);
        const QList<ClusterLagPoint> c = h.clusterLag(keys, kStart, m_clock.now(), 1);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.first().maxSeconds, 20.0);
        QCOMPARE(c.first().p95Seconds, 19.0); // nearest rank: ceil(0.95 * 20) = 19th of 20
        QCOMPARE(c.first().replicas, 20);
    }

    void historySurvivesARestart()
    {
        const QString path = m_dir.filePath(u"history.sqlite3"_s);
        const InstanceKey k(u"db1"_s, 3306);
        {
            HistoryStore store(StoreOptions::sqlite(path));
            QVERIFY_RESULT(store.open());
            LagHistory h;
            useClock(h);
            QVERIFY_RESULT(h.attachStore(&store));
            for (int s = 0; s < 150; ++s)
                h.record(k, kStart + s * 1000, s == 100 ? 42.5 : 0.5, 3);
            h.record(InstanceKey(u"source"_s, 3306), kStart, kNaN, 4);
            h.addEvent({kStart + 100000, HistoryEvent::Kind::ReplicationError, k, u"Duplicate entry"_s});
            h.addEvent({kStart + 100000, HistoryEvent::Kind::Relocation, k, u"from the audit"_s}, false);
            m_clock.set(kStart + 150 * 1000);
            QVERIFY_RESULT(h.flush());
            (void)h.attachStore(nullptr);
        }
        Store check(StoreOptions::sqlite(path));
        QVERIFY_RESULT(check.open());
        QVERIFY(check.schemaVersion() >= 5); // later migrations add tables beside the lag history

        HistoryStore store(StoreOptions::sqlite(path));
        QVERIFY_RESULT(store.open());
        LagHistory again;
        useClock(again);
        QVERIFY_RESULT(again.attachStore(&store));
        const QList<LagPoint> back = again.series(k, kStart, m_clock.now(), 1000);
        QCOMPARE(back.size(), 150);
        QCOMPARE(back.at(100).lagSeconds, 42.5);
        QCOMPARE(back.at(100).pollMs, 3.0);
        QVERIFY(!again.series(InstanceKey(u"source"_s, 3306), kStart, m_clock.now(), 10).first().hasLag());
        const QList<HistoryEvent> events = again.events(kStart, m_clock.now());
        QCOMPARE(events.size(), 1); // the audit marker is re-read from the audit, not stored twice
        QCOMPARE(events.first().kind, HistoryEvent::Kind::ReplicationError);
        QCOMPARE(events.first().text, u"Duplicate entry"_s);

        // Two hours on, the raw polls are pruned from the file; the minute aggregates remain.
        m_clock.set(kStart + 2 * 3600 * 1000);
        again.record(k, m_clock.now(), 1, 1);
        QVERIFY_RESULT(again.flush());
        QCOMPARE(store.readRaw(0).value().size(), 1);
        QVERIFY(store.readMinutes(0).value().size() >= 3);
        QList<HistoryStore::MinuteRow> minutes;
        const auto stored = store.readMinutes(0); // kept: a range-for over value() of a temporary dangles
        QVERIFY(stored.ok());
        for (const auto &m : stored.value()) {
            if (m.key == k)
                minutes.append(m);
        }
        QCOMPARE(minutes.first().lagMax, 0.5);
        QCOMPARE(minutes.at(1).lagMax, 42.5); // second minute held the spike
        QVERIFY(minutes.at(1).lagAvg < 1.5);
    }

    void samplerRecordsPollsAndHealthEvents()
    {
        LagHistory h;
        useClock(h);
        HistorySampler sampler(nullptr, &h);
        QSignalSpy health(&sampler, &HistorySampler::healthEvent);
        Instance r = replica(3307, 4);
        sampler.onPollRecorded(PollRecord{r.key, 0, 100, 117, true, false});
        sampler.onInstancePolled(r);
        QCOMPARE(h.latest(r.key)->lagSeconds, 4.0);
        QCOMPARE(h.latest(r.key)->pollMs, 17.0);
        QCOMPARE(health.count(), 0); // a healthy first sight is no event

        m_clock.advance(1000);
        Instance broken = replica(3307, std::nullopt);
        broken.replication->sqlThread = ReplicationState::ThreadState::Stopped;
        broken.replication->lastSqlError = u"Error 'Duplicate entry' on query"_s;
        sampler.onInstancePolled(broken);
        QCOMPARE(health.count(), 1);
        auto event = health.last().first().value<HistoryEvent>();
        QCOMPARE(event.kind, HistoryEvent::Kind::ReplicationError);
        QVERIFY(event.isFailure());
        QCOMPARE(event.text, u"Error 'Duplicate entry' on query"_s);
        QVERIFY(!h.latest(r.key)->hasLag());
        sampler.onInstancePolled(broken); // still broken: no second event
        QCOMPARE(health.count(), 1);

        m_clock.advance(1000);
        Instance gone = r;
        gone.lastCheckValid = false;
        gone.lastError = u"connect timed out"_s;
        sampler.onInstancePolled(gone);
        QCOMPARE(health.last().first().value<HistoryEvent>().kind, HistoryEvent::Kind::Unreachable);

        m_clock.advance(1000);
        sampler.onInstancePolled(r);
        QCOMPARE(health.count(), 3);
        QCOMPARE(health.last().first().value<HistoryEvent>().kind, HistoryEvent::Kind::Recovered);
        QCOMPARE(h.events(kStart, m_clock.now()).size(), 3);
    }

    void samplerIgnoresAReplicaStillConnecting()
    {
        // Right after START SLAVE or a relocation the IO thread connects for a moment: no event, so no
        // tray notification. Connecting with an error (the source is down) is a failure.
        LagHistory h;
        useClock(h);
        HistorySampler sampler(nullptr, &h);
        QSignalSpy health(&sampler, &HistorySampler::healthEvent);
        const Instance running = replica(3307, 0);
        sampler.onInstancePolled(running);
        m_clock.advance(1000);
        Instance connecting = replica(3307, std::nullopt);
        connecting.replication->ioThread = ReplicationState::ThreadState::Connecting;
        sampler.onInstancePolled(connecting);
        QCOMPARE(health.count(), 0);
        m_clock.advance(1000);
        sampler.onInstancePolled(running);
        QCOMPARE(health.count(), 0);

        m_clock.advance(1000);
        Instance refused = connecting;
        refused.replication->lastIoErrno = 2003;
        refused.replication->lastIoError = u"error connecting to master 'repl@127.0.0.1:1'"_s;
        sampler.onInstancePolled(refused);
        QCOMPARE(health.count(), 1);
        const auto event = health.last().first().value<HistoryEvent>();
        QCOMPARE(event.kind, HistoryEvent::Kind::ReplicationError);
        QVERIFY(event.isFailure());

        // The error cleared (CHANGE MASTER to a live source) but the IO thread still connects: not
        // recovered yet. Once it replicates: recovered.
        m_clock.advance(1000);
        sampler.onInstancePolled(connecting);
        QCOMPARE(health.count(), 1);
        m_clock.advance(1000);
        sampler.onInstancePolled(running);
        QCOMPARE(health.count(), 2);
        QCOMPARE(health.last().first().value<HistoryEvent>().kind, HistoryEvent::Kind::Recovered);
    }

    void samplerMarksRelocationsAndFailoversFromTheStore()
    {
        Store store(StoreOptions::sqlite(m_dir.filePath(u"audit.sqlite3"_s)));
        QVERIFY_RESULT(store.open());
        AuditEntry a;
        a.startedAt = QDateTime::currentDateTimeUtc();
        a.who = u"dba"_s;
        a.operation = u"relocate"_s;
        a.clusterName = u"127.0.0.1:1"_s;
        a.instance = InstanceKey(u"127.0.0.1"_s, 3307);
        a.to = u"127.0.0.1:3308"_s;
        a.result = u"ok"_s;
        QVERIFY_RESULT(store.writeAudit(a));
        RecoveryRecord rec;
        rec.uid = u"rec-1"_s;
        rec.clusterName = a.clusterName;
        rec.failed = InstanceKey(u"127.0.0.1"_s, 1);
        rec.analysis = u"DeadMaster"_s;
        rec.kind = u"master"_s;
        rec.trigger = u"manual"_s;
        rec.status = u"succeeded"_s;
        rec.successor = a.instance;
        rec.startedAt = a.startedAt;
        rec.endedAt = a.startedAt;
        QVERIFY_RESULT(store.writeRecovery(rec));

        LagHistory h; // wall clock: the rows are from now
        HistorySampler sampler(nullptr, &h, &store);
        QList<HistoryEvent> events = h.events(0, h.now() + 1000);
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.at(0).kind, HistoryEvent::Kind::Relocation);
        QCOMPARE(events.at(0).text, u"relocate → 127.0.0.1:3308 (ok)"_s);
        QCOMPARE(events.at(1).kind, HistoryEvent::Kind::Failover);
        QVERIFY(events.at(1).text.startsWith(u"DeadMaster: succeeded"_s));
        sampler.importStoreEvents(); // nothing new: no duplicates
        QCOMPARE(h.events(0, h.now() + 1000).size(), 2);
    }

    void eventKindNamesRoundTrip()
    {
        for (auto k : {HistoryEvent::Kind::Failover, HistoryEvent::Kind::Relocation, HistoryEvent::Kind::ReplicationError,
                       HistoryEvent::Kind::Unreachable, HistoryEvent::Kind::Recovered, HistoryEvent::Kind::Operation,
                       HistoryEvent::Kind::FailureDetected})
            QCOMPARE(HistoryEvent::kindFromName(HistoryEvent::kindName(k)), k);
    }
};

QTEST_GUILESS_MAIN(TestLagHistory)
#include "tst_laghistory.moc"
