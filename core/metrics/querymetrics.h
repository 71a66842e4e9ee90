#pragma once

#include <QJsonObject>
#include <QMutex>

#include <deque>

namespace arbor::core {

// Backend query timings from any thread (election, API, store writer): a time window of samples
// for orchestrator's backend-query-metrics-aggregated, plus running totals for Prometheus.
class QueryMetrics
{
public:
    explicit QueryMetrics(int retentionSeconds = 120) : m_retentionMs(qint64(retentionSeconds) * 1000) {}

    void setRetentionSeconds(int seconds);
    // latency: the query's round trip; wait: time spent before it could run (connection, lock).
    void record(double latencySeconds, double waitSeconds = 0);
    void recordFailure();
    QJsonObject aggregated(int windowSeconds) const;

    qint64 count() const;
    qint64 failures() const;
    double totalSeconds() const;

private:
    struct Sample
    {
        qint64 atMs;
        double latency;
        double wait;
    };
    void prune(qint64 nowMs);

    mutable QMutex m_mutex;
    qint64 m_retentionMs;
    std::deque<Sample> m_samples;
    qint64 m_count = 0;
    qint64 m_failures = 0;
    double m_totalSeconds = 0;
};

} // namespace arbor::core
