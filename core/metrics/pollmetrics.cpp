#include "metrics/pollmetrics.h"

#include "metrics/windowstats.h"
#include "model/instancejson.h"

#include <QDateTime>
#include <QSet>

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
    return QJsonObject{
        {u"FirstSeen"_s, stamp(first)},
        {u"LastSeen"_s, stamp(last)},
        {u"CountDistinctInstanceKeys"_s, int(all.size())},
        {u"CountDistinctOkInstanceKeys"_s, int(ok.size())},
        {u"CountDistinctFailedInstanceKeys"_s, int(failed.size())},
        {u"FailedDiscoveries"_s, ft.count},
        {u"SuccessfulDiscoveries"_s, t.count},
        {u"MeanTotalSeconds"_s, t.mean},
        {u"MeanBackendSeconds"_s, 0.0},
        {u"MeanInstanceSeconds"_s, i.mean},
        {u"FailedMeanTotalSeconds"_s, ft.mean},
        {u"FailedMeanBackendSeconds"_s, 0.0},
        {u"FailedMeanInstanceSeconds"_s, fi.mean},
        {u"MaxTotalSeconds"_s, t.max},
        {u"MaxBackendSeconds"_s, 0.0},
        {u"MaxInstanceSeconds"_s, i.max},
        {u"FailedMaxTotalSeconds"_s, ft.max},
        {u"FailedMaxBackendSeconds"_s, 0.0},
        {u"FailedMaxInstanceSeconds"_s, fi.max},
        {u"MedianTotalSeconds"_s, t.median},
        {u"MedianBackendSeconds"_s, 0.0},
        {u"MedianInstanceSeconds"_s, i.median},
        {u"FailedMedianTotalSeconds"_s, ft.median},
        {u"FailedMedianBackendSeconds"_s, 0.0},
        {u"FailedMedianInstanceSeconds"_s, fi.median},
        {u"P95TotalSeconds"_s, t.p95},
        {u"P95BackendSeconds"_s, 0.0},
        {u"P95InstanceSeconds"_s, i.p95},
        {u"FailedP95TotalSeconds"_s, ft.p95},
        {u"FailedP95BackendSeconds"_s, 0.0},
        {u"FailedP95InstanceSeconds"_s, fi.p95},
        {u"Overruns"_s, double(m_overruns)},
    };
}

} // namespace arbor::core
