#pragma once

#include "model/instance.h"

#include <QMutex>
#include <QString>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace arbor::core {

class InstanceProbe;
class PollWorker;

// A queue of due polls and the elastic pool of threads that run them. Any free worker takes the next
// poll and the instance's connection travels with it (InstanceProbe::adoptThread), so a server that
// hangs ties up exactly one thread for one read timeout. When polls wait in the queue while workers
// wait on servers (hung, slow or far away), the lane adds threads, up to `maxWorkers`; when the
// queue waits on the CPU instead, more threads would not help and none are added. The most recently
// idle worker is woken first, so threads beyond `minWorkers` that stay idle for `idleRetireMs` exit.
class PollLane
{
public:
    // Called in the worker thread with each finished poll: (snapshot, started, finished) in
    // milliseconds of the poller's monotonic clock.
    using ResultHandler = std::function<void(Instance, qint64, qint64)>;
    using Clock = std::function<qint64()>;

    struct Options
    {
        QString threadName;
        int minWorkers = 8;
        int maxWorkers = 256;
        int blockedAfterMs = 50;  // a poll running this long waits on its server (a healthy one takes ~1 ms)
        int queueWaitMs = 20;     // polls queued this long with no idle worker make the lane grow
        int idleRetireMs = 30000; // threads above minWorkers exit after idling this long
    };

    PollLane(Options options, ResultHandler handler, Clock clock);
    ~PollLane(); // stops; workers blocked on hung servers return within the read timeout

    void start();
    void stop();
    void submit(std::shared_ptr<InstanceProbe> probe);
    // Drops a queued poll of this instance (forgotten); a running one finishes and is ignored.
    void cancel(const InstanceKey &key);
    // Adds workers when polls wait while workers are blocked on servers; joins retired ones.
    void balance(qint64 nowMs);

    int queued() const;
    int workerCount() const { return int(m_workers.size()); }
    int blockedWorkers(qint64 nowMs) const;
    int peakWorkers() const { return m_peakWorkers; }

private:
    friend class PollWorker;
    // Blocks until a poll is queued; nullptr when the worker must exit (stop, or retired when idle).
    std::shared_ptr<InstanceProbe> take(PollWorker &worker);
    void addWorker();
    struct Job
    {
        std::shared_ptr<InstanceProbe> probe;
        qint64 queuedAt = 0;
    };

    Options m_options;
    ResultHandler m_handler;
    Clock m_clock;
    mutable QMutex m_mutex;
    std::deque<Job> m_queue;
    std::vector<PollWorker *> m_idle; // a stack: the most recently idle worker is woken first
    int m_liveWorkers = 0;            // not retired; these three guarded by m_mutex
    bool m_stop = false;
    std::vector<std::unique_ptr<PollWorker>> m_workers; // used by the owning (poller) thread only
    int m_peakWorkers = 0;
    qint64 m_lastGrowMs = 0;
    std::atomic<int> m_retired{0}; // workers that exited and wait to be joined
};

} // namespace arbor::core
