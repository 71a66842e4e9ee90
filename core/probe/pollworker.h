#pragma once

#include "model/instance.h"
#include "probe/probeoptions.h"

#include <QHash>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

namespace arbor::core {

class InstanceProbe;

// One thread of the poller's pool. Owns the persistent connections (InstanceProbe) of the instances
// it polls; they are created, used and destroyed in this thread only.
class PollWorker : public QThread
{
public:
    // Called in the worker thread with each finished poll: (snapshot, started, finished) in
    // milliseconds of the poller's monotonic clock.
    using ResultHandler = std::function<void(Instance, qint64, qint64)>;
    using Clock = std::function<qint64()>;

    PollWorker(ProbeOptions options, ResultHandler handler, Clock clock);
    ~PollWorker() override;

    void enqueuePoll(const InstanceKey &key);
    // Closes this worker's connection to key (the instance moved to another worker or was forgotten).
    void enqueueDrop(const InstanceKey &key);
    void requestStop();
    // Removes the polls still queued (not the running one), so the poller can give them to a worker
    // that is not stuck behind a hung server.
    QList<InstanceKey> takeQueuedPolls();

    // Monotonic ms when the running poll started, 0 when idle. Read by the dispatcher to see a stuck worker.
    qint64 busySince() const { return m_busySince.load(std::memory_order_relaxed); }
    int pending() const { return m_pending.load(std::memory_order_relaxed); }

protected:
    void run() override;

private:
    struct Job
    {
        enum class Kind { Poll, Drop } kind;
        InstanceKey key;
    };

    ProbeOptions m_options;
    ResultHandler m_handler;
    Clock m_clock;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Job> m_jobs;
    bool m_stop = false;
    std::atomic<qint64> m_busySince{0};
    std::atomic<int> m_pending{0};
};

} // namespace arbor::core
