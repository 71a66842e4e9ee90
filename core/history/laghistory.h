#pragma once

#include "history/historyevent.h"
#include "history/lagpoint.h"
#include "model/instancekey.h"
#include "util/clock.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <optional>
#include <functional>

namespace arbor::core {

class HistoryStore;

// Lag and poll-latency history of every server, downsampled as it ages: every poll for the last hour,
// the worst of each minute for the last day. Charts read it at the resolution they draw; the store
// keeps it across restarts (written in batches, never per poll). Lives in one thread (the GUI's).
class LagHistory : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kRawKeepMs = 3600 * 1000;       // every poll, one hour
    static constexpr qint64 kMinuteMs = 60 * 1000;
    static constexpr qint64 kMinutesKeepMs = 24 * 3600 * 1000; // per-minute worst, one day
    static constexpr int kFlushIntervalMs = 5000;

    explicit LagHistory(QObject *parent = nullptr);
    ~LagHistory() override;

    // Wall clock in ms since the epoch; tests replace it.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

    // Loads the last day from @p store and writes to it from now on (every kFlushIntervalMs and on
    // flush()). The store must outlive this object or be detached with attachStore(nullptr).
    Result<void> attachStore(HistoryStore *store);
    Result<void> flush();

    void record(const InstanceKey &key, qint64 atMs, double lagSeconds, double pollMs);
    // @p persist false: the event is re-read from elsewhere at each start (audit, recoveries).
    void addEvent(const HistoryEvent &event, bool persist = true);
    void forget(const InstanceKey &key); // from memory; the store keeps it until it ages out

    QList<InstanceKey> keys() const { return m_series.keys(); }
    bool contains(const InstanceKey &key) const { return m_series.contains(key); }
    // The newest raw point, if any.
    std::optional<LagPoint> latest(const InstanceKey &key) const;
    // Points in [fromMs, toMs] at most @p maxPoints, each the worst (highest) of its bucket. Raw polls
    // where they exist, per-minute aggregates before.
    QList<LagPoint> series(const InstanceKey &key, qint64 fromMs, qint64 toMs, int maxPoints) const;
    // Max and p95 (nearest rank) of the replicas' lag per bucket, each replica counted by its worst
    // value in the bucket.
    QList<ClusterLagPoint> clusterLag(const QList<InstanceKey> &keys, qint64 fromMs, qint64 toMs, int buckets) const;
    QList<HistoryEvent> events(qint64 fromMs, qint64 toMs) const;

    // Drops what is older than the retention; called on every flush.
    void prune();
    qint64 rawPointCount() const;

Q_SIGNALS:
    void eventAdded(const arbor::core::HistoryEvent &event);

private:
    struct Minute
    {
        qint64 startMs = -1;
        int lagCount = 0;
        double lagSum = 0;
        double lagMax = std::numeric_limits<double>::quiet_NaN();
        int pollCount = 0;
        double pollSum = 0;
        double pollMax = std::numeric_limits<double>::quiet_NaN();
    };
    struct Series
    {
        std::deque<LagPoint> raw;
        std::deque<LagPoint> minutes; // worst of each completed minute
        Minute open;                  // the minute being filled
    };
    struct PendingMinute
    {
        InstanceKey key;
        Minute minute;
    };

    void closeMinute(const InstanceKey &key, Series &series);
    void collect(const Series &s, qint64 fromMs, qint64 toMs, const std::function<void(const LagPoint &)> &visit) const;

    Clock m_clock;
    QHash<InstanceKey, Series> m_series;
    std::deque<HistoryEvent> m_events;
    HistoryStore *m_store = nullptr;
    QList<std::pair<InstanceKey, LagPoint>> m_pendingRaw;
    QList<PendingMinute> m_pendingMinutes;
    QList<HistoryEvent> m_pendingEvents;
    QTimer m_flushTimer;
    bool m_flushFailedOnce = false;
};

} // namespace arbor::core
