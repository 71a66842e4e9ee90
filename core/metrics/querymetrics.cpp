#include "metrics/querymetrics.h"

#include "metrics/windowstats.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

void QueryMetrics::setRetentionSeconds(int seconds)
{
    QMutexLocker lock(&m_mutex);
    m_retentionMs = qint64(seconds) * 1000;
}

void QueryMetrics::prune(qint64 nowMs)
{
    while (!m_samples.empty() && m_samples.front().atMs < nowMs - m_retentionMs)
        m_samples.pop_front();
}

void QueryMetrics::record(double latencySeconds, double waitSeconds)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    m_samples.push_back({now, latencySeconds, waitSeconds});
    ++m_count;
    m_totalSeconds += latencySeconds;
    prune(now);
}

void QueryMetrics::recordFailure()
{
    QMutexLocker lock(&m_mutex);
    ++m_failures;
}

QJsonObject QueryMetrics::aggregated(int windowSeconds) const
{
    const qint64 since = QDateTime::currentMSecsSinceEpoch() - qint64(windowSeconds) * 1000;
    std::vector<double> latency;
    std::vector<double> wait;
    {
        QMutexLocker lock(&m_mutex);
        for (const Sample &s : m_samples) {
            if (s.atMs >= since) {
                latency.push_back(s.latency);
                wait.push_back(s.wait);
            }
        }
    }
    const WindowStats l = WindowStats::of(latency);
    const WindowStats w = WindowStats::of(wait);
    return QJsonObject{{u"Count"_s, l.count},
                       {u"MaxLatencySeconds"_s, l.max},
                       {u"MeanLatencySeconds"_s, l.mean},
                       {u"MedianLatencySeconds"_s, l.median},
                       {u"P95LatencySeconds"_s, l.p95},
                       {u"MaxWaitSeconds"_s, w.max},
                       {u"MeanWaitSeconds"_s, w.mean},
                       {u"MedianWaitSeconds"_s, w.median},
                       {u"P95WaitSeconds"_s, w.p95}};
}

qint64 QueryMetrics::count() const
{
    QMutexLocker lock(&m_mutex);
    return m_count;
}

qint64 QueryMetrics::failures() const
{
    QMutexLocker lock(&m_mutex);
    return m_failures;
}

double QueryMetrics::totalSeconds() const
{
    QMutexLocker lock(&m_mutex);
    return m_totalSeconds;
}

} // namespace arbor::core
