#include "history/laghistory.h"

#include "history/historystore.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxEvents = 10000;

// NaN-aware max: a known value beats an unknown one.
double worst(double a, double b)
{
    if (std::isnan(a))
        return b;
    if (std::isnan(b))
        return a;
    return std::max(a, b);
}

auto byTime = [](const LagPoint &p, qint64 t) { return p.atMs < t; };
} // namespace

LagHistory::LagHistory(QObject *parent) : QObject(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] {
        if (auto r = flush(); !r.ok() && !m_flushFailedOnce) {
            m_flushFailedOnce = true; // said once; the history stays in memory meanwhile
            qWarning("%s", qPrintable(r.error()));
        }
    });
}

LagHistory::~LagHistory()
{
    if (m_store)
        (void)flush();
}

Result<void> LagHistory::attachStore(HistoryStore *store)
{
    if (m_store)
        (void)flush();
    m_store = store;
    if (!m_store) {
        m_flushTimer.stop();
        return Result<void>::success();
    }
    const qint64 now = m_clock();
    auto minutes = m_store->readMinutes(now - kMinutesKeepMs);
    if (!minutes.ok())
        return Result<void>::failure(minutes.error());
    auto raw = m_store->readRaw(now - kRawKeepMs);
    if (!raw.ok())
        return Result<void>::failure(raw.error());
    auto events = m_store->readEvents(now - kMinutesKeepMs);
    if (!events.ok())
        return Result<void>::failure(events.error());

    // Stored history comes before anything recorded in this session; merge by time.
    QHash<InstanceKey, Series> loaded;
    for (const HistoryStore::MinuteRow &m : minutes.value())
        loaded[m.key].minutes.push_back(LagPoint{m.startMs, m.lagMax, m.pollMax});
    for (const auto &[key, point] : raw.value())
        loaded[key].raw.push_back(point);
    for (auto it = loaded.begin(); it != loaded.end(); ++it) {
        Series &mine = m_series[it.key()];
        auto merge = [](std::deque<LagPoint> &into, std::deque<LagPoint> &&older) {
            std::deque<LagPoint> out(std::move(older));
            out.insert(out.end(), into.begin(), into.end());
            std::stable_sort(out.begin(), out.end(), [](const LagPoint &a, const LagPoint &b) { return a.atMs < b.atMs; });
            into = std::move(out);
        };
        merge(mine.raw, std::move(it.value().raw));
        merge(mine.minutes, std::move(it.value().minutes));
    }
    std::deque<HistoryEvent> evs(events.value().begin(), events.value().end());
    evs.insert(evs.end(), m_events.begin(), m_events.end());
    m_events = std::move(evs);
    m_flushTimer.start();
    return Result<void>::success();
}

Result<void> LagHistory::flush()
{
    prune();
    if (!m_store)
        return Result<void>::success();
    if (m_pendingRaw.isEmpty() && m_pendingMinutes.isEmpty() && m_pendingEvents.isEmpty())
        return Result<void>::success();
    QList<HistoryStore::MinuteRow> minutes;
    minutes.reserve(m_pendingMinutes.size());
    for (const PendingMinute &p : std::as_const(m_pendingMinutes)) {
        const Minute &m = p.minute;
        minutes.append({p.key, m.startMs, m.lagMax, m.lagCount ? m.lagSum / m.lagCount : kNaN, m.pollMax,
                        m.pollCount ? m.pollSum / m.pollCount : kNaN, std::max(m.lagCount, m.pollCount)});
    }
    auto r = m_store->write(m_pendingRaw, minutes, m_pendingEvents);
    if (!r.ok())
        return r; // kept pending: the next flush tries again
    m_pendingRaw.clear();
    m_pendingMinutes.clear();
    m_pendingEvents.clear();
    m_flushFailedOnce = false;
    const qint64 now = m_clock();
    return m_store->prune(now - kRawKeepMs, now - kMinutesKeepMs);
}

void LagHistory::record(const InstanceKey &key, qint64 atMs, double lagSeconds, double pollMs)
{
    Series &s = m_series[key];
    const LagPoint point{atMs, lagSeconds, pollMs};
    // Polls arrive in order per server; a late one (clock step) goes to its place.
    if (s.raw.empty() || s.raw.back().atMs <= atMs)
        s.raw.push_back(point);
    else
        s.raw.insert(std::lower_bound(s.raw.begin(), s.raw.end(), atMs, byTime), point);
    if (m_store)
        m_pendingRaw.append({key, point});

    const qint64 minute = atMs - atMs % kMinuteMs;
    if (s.open.startMs != minute) {
        if (s.open.startMs >= 0)
            closeMinute(key, s);
        s.open = Minute{};
        s.open.startMs = minute;
    }
    if (!std::isnan(lagSeconds)) {
        ++s.open.lagCount;
        s.open.lagSum += lagSeconds;
        s.open.lagMax = worst(s.open.lagMax, lagSeconds);
    }
    if (!std::isnan(pollMs)) {
        ++s.open.pollCount;
        s.open.pollSum += pollMs;
        s.open.pollMax = worst(s.open.pollMax, pollMs);
    }
}

void LagHistory::closeMinute(const InstanceKey &key, Series &s)
{
    const LagPoint point{s.open.startMs, s.open.lagMax, s.open.pollMax};
    if (s.minutes.empty() || s.minutes.back().atMs < point.atMs)
        s.minutes.push_back(point);
    if (m_store)
        m_pendingMinutes.append({key, s.open});
}

void LagHistory::addEvent(const HistoryEvent &event, bool persist)
{
    m_events.push_back(event);
    while (m_events.size() > kMaxEvents)
        m_events.pop_front();
    if (m_store && persist)
        m_pendingEvents.append(event);
    Q_EMIT eventAdded(event);
}

void LagHistory::forget(const InstanceKey &key)
{
    m_series.remove(key);
}

std::optional<LagPoint> LagHistory::latest(const InstanceKey &key) const
{
    const auto it = m_series.constFind(key);
    if (it == m_series.constEnd() || it->raw.empty())
        return std::nullopt;
    return it->raw.back();
}

void LagHistory::prune()
{
    const qint64 now = m_clock();
    for (auto it = m_series.begin(); it != m_series.end();) {
        Series &s = it.value();
        while (!s.raw.empty() && s.raw.front().atMs < now - kRawKeepMs)
            s.raw.pop_front();
        while (!s.minutes.empty() && s.minutes.front().atMs < now - kMinutesKeepMs)
            s.minutes.pop_front();
        // A minute left open by a server that stopped being polled is closed once it is over.
        if (s.open.startMs >= 0 && s.open.startMs + kMinuteMs <= now) {
            closeMinute(it.key(), s);
            s.open = Minute{};
        }
        if (s.raw.empty() && s.minutes.empty() && s.open.startMs < 0)
            it = m_series.erase(it);
        else
            ++it;
    }
    while (!m_events.empty() && m_events.front().atMs < now - kMinutesKeepMs)
        m_events.pop_front();
}

qint64 LagHistory::rawPointCount() const
{
    qint64 n = 0;
    for (const Series &s : m_series)
        n += qint64(s.raw.size());
    return n;
}

void LagHistory::collect(const Series &s, qint64 fromMs, qint64 toMs, const std::function<void(const LagPoint &)> &visit) const
{
    // Minute aggregates cover what the raw polls no longer do (or never did, before a restart).
    const qint64 rawStart = s.raw.empty() ? std::numeric_limits<qint64>::max() : s.raw.front().atMs;
    for (auto it = std::lower_bound(s.minutes.begin(), s.minutes.end(), fromMs - kMinuteMs + 1, byTime);
         it != s.minutes.end() && it->atMs <= toMs && it->atMs + kMinuteMs <= rawStart; ++it)
        visit(*it);
    for (auto it = std::lower_bound(s.raw.begin(), s.raw.end(), fromMs, byTime); it != s.raw.end() && it->atMs <= toMs; ++it)
        visit(*it);
}

QList<LagPoint> LagHistory::series(const InstanceKey &key, qint64 fromMs, qint64 toMs, int maxPoints) const
{
    QList<LagPoint> out;
    const auto it = m_series.constFind(key);
    if (it == m_series.constEnd() || toMs < fromMs)
        return out;
    const qint64 bucket = std::max<qint64>(1, (toMs - fromMs) / std::max(1, maxPoints));
    qint64 current = std::numeric_limits<qint64>::min();
    collect(*it, fromMs, toMs, [&](const LagPoint &p) {
        const qint64 b = (std::max(p.atMs, fromMs) - fromMs) / bucket;
        if (b != current || out.isEmpty()) {
            current = b;
            out.append(LagPoint{std::max(p.atMs, fromMs), p.lagSeconds, p.pollMs});
            return;
        }
        LagPoint &last = out.last();
        last.lagSeconds = worst(last.lagSeconds, p.lagSeconds);
        last.pollMs = worst(last.pollMs, p.pollMs);
    });
    return out;
}

QList<ClusterLagPoint> LagHistory::clusterLag(const QList<InstanceKey> &keys, qint64 fromMs, qint64 toMs, int buckets) const
{
    QList<ClusterLagPoint> out;
    if (toMs <= fromMs || buckets < 1)
        return out;
    const qint64 width = std::max<qint64>(1, (toMs - fromMs + buckets - 1) / buckets);
    const int n = int((toMs - fromMs) / width) + 1;
    // Per bucket, each replica's worst lag.
    std::vector<std::vector<double>> perBucket{static_cast<std::size_t>(n)};
    for (const InstanceKey &key : keys) {
        const auto it = m_series.constFind(key);
        if (it == m_series.constEnd())
            continue;
        std::vector<double> mine(std::size_t(n), kNaN);
        collect(*it, fromMs, toMs, [&](const LagPoint &p) {
            if (!p.hasLag())
                return;
            const auto b = std::size_t(std::clamp<qint64>((std::max(p.atMs, fromMs) - fromMs) / width, 0, n - 1));
            mine[b] = worst(mine[b], p.lagSeconds);
        });
        for (std::size_t b = 0; b < mine.size(); ++b) {
            if (!std::isnan(mine[b]))
                perBucket[b].push_back(mine[b]);
        }
    }
    for (int b = 0; b < n; ++b) {
        std::vector<double> &v = perBucket[std::size_t(b)];
        if (v.empty())
            continue;
        std::sort(v.begin(), v.end());
        // Nearest rank: the smallest value with at least 95% of the replicas at or below it.
        const auto rank = std::size_t(std::ceil(0.95 * double(v.size())));
        out.append(ClusterLagPoint{fromMs + b * width, v.back(), v[std::max<std::size_t>(rank, 1) - 1], int(v.size())});
    }
    return out;
}

QList<HistoryEvent> LagHistory::events(qint64 fromMs, qint64 toMs) const
{
    QList<HistoryEvent> out;
    for (const HistoryEvent &e : m_events) {
        if (e.atMs >= fromMs && e.atMs <= toMs)
            out.append(e);
    }
    return out;
}

} // namespace arbor::core
