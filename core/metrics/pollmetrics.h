#pragma once

#include "model/instance.h"
#include "probe/pollrecord.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

#include <deque>

namespace arbor::core {

// Per-poll timings on the active node: raw samples over a retention window, aggregates in
// orchestrator's discovery-metrics shapes, and running counters (attempts, failures, overruns).
// Lives in the poller's thread.
class PollMetrics
{
public:
    explicit PollMetrics(int retentionSeconds = 120, int pollIntervalMs = 5000);

    void setRetentionSeconds(int seconds) { m_retentionMs = qint64(seconds) * 1000; }
    void setPollIntervalMs(int ms) { m_intervalMs = ms; }
    void record(const PollRecord &record, const Instance &instance);
    void forget(const InstanceKey &key);
    void clear();

    QJsonArray raw(int windowSeconds) const;
    QJsonObject aggregated(int windowSeconds) const;

    qint64 attempts() const { return m_attempts; }
    qint64 failures() const { return m_failures; }
    qint64 overruns() const { return m_overruns; } // polls that finished more than one interval after they were due
    // Servers whose next poll is overdue by more than an interval (beyond their backoff): the queue
    // that a saturated poller builds up.
    int queueLength(qint64 nowMs) const;
    double lastLatencySeconds() const { return m_lastLatency; }

private:
    struct Sample
    {
        qint64 atMs = 0; // wall clock, when the poll finished
        InstanceKey key;
        double instanceSeconds = 0; // the poll itself
        double totalSeconds = 0;    // from due to finished: includes waiting for a worker
        QString error;
    };
    struct KeyState
    {
        qint64 lastFinishedMs = 0;
        int failures = 0;
    };
    void prune(qint64 nowMs);

    qint64 m_retentionMs;
    int m_intervalMs;
    std::deque<Sample> m_samples;
    QHash<InstanceKey, KeyState> m_keys;
    qint64 m_attempts = 0;
    qint64 m_failures = 0;
    qint64 m_overruns = 0;
    double m_lastLatency = 0;
};

} // namespace arbor::core
