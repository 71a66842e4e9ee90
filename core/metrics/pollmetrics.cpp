#include "metrics/pollmetrics.h"

#include "metrics/windowstats.h"
#include "model/instancejson.h"

#include <QDateTime>
#include <QSet>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

PollMetrics::PollMetrics(int retentionSeconds, int pollIntervalMs)
    : m_retentionMs(qint64(retentionSeconds) * 1000), m_intervalMs(pollIntervalMs)
{
}

void PollMetrics::prune(qint64 nowMs)
{
    while (!m_samples.empty() && m_samples.front().atMs < nowMs - m_retentionMs)
        m_samples.pop_front();
}

void PollMetrics::record(const PollRecord &record, const Instance &instance)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Sample s;
    s.atMs = now;
    s.key = record.key;
    s.instanceSeconds = double(record.durationMs()) / 1000.0;
    s.totalSeconds = double(record.finished - record.due) / 1000.0;
    if (!record.ok)
        s.error = instance.lastError.isEmpty() ? u"poll failed"_s : instance.lastError;
    m_samples.push_back(s);
    ++m_attempts;
    if (!record.ok)
        ++m_failures;
    if (record.finished - record.due > m_intervalMs)
        ++m_overruns;
    m_lastLatency = s.instanceSeconds;
    KeyState &k = m_keys[record.key];
    k.lastFinishedMs = now;
    k.failures = record.ok ? 0 : k.failures + 1;
    prune(now);
}

void PollMetrics::forget(const InstanceKey &key)
{
    m_keys.remove(key);
}

void PollMetrics::clear()
{
    m_keys.clear();
}

int PollMetrics::queueLength(qint64 nowMs) const
{
    int overdue = 0;
    for (const KeyState &k : m_keys) {
        // The poller retries failing servers after interval × min(failures, 4): not overdue then.
        const qint64 expected = qint64(m_intervalMs) * std::clamp(k.failures, 1, 4);
        if (nowMs - k.lastFinishedMs > expected + m_intervalMs)
            ++overdue;
    }
    return overdue;
}

QJsonArray PollMetrics::raw(int windowSeconds) const
{
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - qint64(windowSeconds) * 1000;
    QJsonArray out;
    for (const Sample &s : m_samples) {
        if (s.atMs < since)
            continue;
        out.append(QJsonObject{
            {u"Timestamp"_s, InstanceJson::formatTimestamp(QDateTime::fromMSecsSinceEpoch(s.atMs, Qt::UTC))},
            {u"Hostname"_s, s.key.host()},
            {u"Port"_s, s.key.port()},
            // Arbor polls without reading the backend first (the topology is in memory).
            {u"BackendLatencySeconds"_s, 0.0},
            {u"InstanceLatencySeconds"_s, s.instanceSeconds},
            {u"TotalLatencySeconds"_s, s.totalSeconds},
            {u"Err"_s, s.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.error)},
        });
    }
    return out;
}

QJsonObject PollMetrics::aggregated(int windowSeconds) const
{
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - qint64(windowSeconds) * 1000;
    std::vector<double> okTotal, okInstance, failedTotal, failedInstance;
    QSet<InstanceKey> all, ok, failed;
    qint64 first = 0, last = 0;
    for (const Sample &s : m_samples) {
        if (s.atMs < since)
            continue;
        if (first == 0)
            first = s.atMs;
        last = s.atMs;
        all.insert(s.key);
        if (s.error.isEmpty()) {
            ok.insert(s.key);
            okTotal.push_back(s.totalSeconds);
            okInstance.push_back(s.instanceSeconds);
        } else {
            failed.insert(s.key);
            failedTotal.push_back(s.totalSeconds);
            failedInstance.push_back(s.instanceSeconds);
        }
    }
    const WindowStats t = WindowStats::of(okTotal), i = WindowStats::of(okInstance);
    const WindowStats ft = WindowStats::of(failedTotal), fi = WindowStats::of(failedInstance);
    auto stamp = [](qint64 ms) {
        return ms ? InstanceJson::formatTimestamp(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)) : QString();
    };
    QJsonObject out{
        {u"FirstSeen"_s, stamp(first)},
        {u"LastSeen"_s, stamp(last)},
        {u"CountDistinctInstanceKeys"_s, int(all.size())},
        {u"CountDistinctOkInstanceKeys"_s, int(ok.size())},
        {u"CountDistinctFailedInstanceKeys"_s, int(failed.size())},
        {u"FailedDiscoveries"_s, ft.count},
        {u"SuccessfulDiscoveries"_s, t.count},
        {u"Overruns"_s, double(m_overruns)},
    };
    // Each statistic for the total, the backend (always 0: Arbor reads no backend before a poll) and the
    // instance, of the successful and the failed polls: MeanTotalSeconds ... FailedP95InstanceSeconds.
    const std::pair<QString, double WindowStats::*> statistics[] = {
        {u"Mean"_s, &WindowStats::mean}, {u"Max"_s, &WindowStats::max},
        {u"Median"_s, &WindowStats::median}, {u"P95"_s, &WindowStats::p95}};
    for (const auto &[name, field] : statistics) {
        for (const bool failedPolls : {false, true}) {
            const QString prefix = (failedPolls ? u"Failed"_s : QString()) + name;
            out.insert(prefix + u"TotalSeconds"_s, (failedPolls ? ft : t).*field);
            out.insert(prefix + u"BackendSeconds"_s, 0.0);
            out.insert(prefix + u"InstanceSeconds"_s, (failedPolls ? fi : i).*field);
        }
    }
    return out;
}

} // namespace arbor::core
