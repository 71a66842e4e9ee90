#include "probe/polllane.h"

#include "probe/instanceprobe.h"
#include "probe/pollworker.h"

#include <QDeadlineTimer>
#include <QMutexLocker>

#include <algorithm>

namespace arbor::core {

namespace {
// Workers spend their lives in libmariadb and the probe; 1 MiB of stack is plenty and keeps hundreds
// of threads blocked on hung servers cheap in address space too.
constexpr uint kWorkerStackBytes = 1024 * 1024;
// Threads added per balance() call while polls wait (balance runs every ~10 ms then).
constexpr int kGrowStep = 16;
} // namespace

PollLane::PollLane(Options options, ResultHandler handler, Clock clock)
    : m_options(std::move(options)), m_handler(std::move(handler)), m_clock(std::move(clock))
{
    m_options.minWorkers = std::max(1, m_options.minWorkers);
    m_options.maxWorkers = std::max(m_options.minWorkers, m_options.maxWorkers);
}

PollLane::~PollLane()
{
    stop();
}

void PollLane::start()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = false;
    }
    while (int(m_workers.size()) < m_options.minWorkers)
        addWorker();
}

void PollLane::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_queue.clear();
        for (PollWorker *w : m_idle) {
            w->m_woken = true;
            w->m_wake.wakeOne();
        }
        m_idle.clear();
    }
    m_workers.clear(); // each destructor joins its thread; busy ones see m_stop after their poll
    QMutexLocker lock(&m_mutex);
    m_liveWorkers = 0;
}

void PollLane::addWorker()
{
    {
        QMutexLocker lock(&m_mutex);
        ++m_liveWorkers;
    }
    auto worker = std::make_unique<PollWorker>(*this);
    worker->setObjectName(m_options.threadName);
    worker->setStackSize(kWorkerStackBytes);
    worker->start();
    m_workers.push_back(std::move(worker));
    m_peakWorkers = std::max(m_peakWorkers, int(m_workers.size()));
}

void PollLane::submit(std::shared_ptr<InstanceProbe> probe)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back({std::move(probe), m_clock()});
    if (!m_idle.empty()) {
        PollWorker *w = m_idle.back();
        m_idle.pop_back();
        w->m_woken = true;
        w->m_wake.wakeOne();
    }
}

void PollLane::cancel(const InstanceKey &key)
{
    QMutexLocker lock(&m_mutex);
    std::erase_if(m_queue, [&](const Job &job) { return job.probe->key() == key; });
}

std::shared_ptr<InstanceProbe> PollLane::take(PollWorker &worker)
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        if (m_stop)
            return nullptr;
        if (!m_queue.empty()) {
            std::shared_ptr<InstanceProbe> probe = std::move(m_queue.front().probe);
            m_queue.pop_front();
            return probe;
        }
        worker.m_woken = false;
        m_idle.push_back(&worker);
        const bool signalled = worker.m_wake.wait(&m_mutex, QDeadlineTimer(m_options.idleRetireMs));
        if (worker.m_woken)
            continue; // submit() or stop() took it off the idle stack
        std::erase(m_idle, &worker);
        if (!signalled && m_queue.empty() && !m_stop && m_liveWorkers > m_options.minWorkers) {
            --m_liveWorkers;
            worker.m_retired.store(true, std::memory_order_release);
            m_retired.fetch_add(1, std::memory_order_acq_rel);
            return nullptr;
        }
    }
}

void PollLane::balance(qint64 nowMs)
{
    if (m_retired.load(std::memory_order_acquire) > 0) {
        const auto gone = std::erase_if(m_workers, [](const std::unique_ptr<PollWorker> &w) { return w->isRetired() && w->wait(); });
        m_retired.fetch_sub(int(gone), std::memory_order_acq_rel);
    }
    int waiting = 0;
    {
        QMutexLocker lock(&m_mutex);
        if (m_queue.empty() || !m_idle.empty() || nowMs - m_queue.front().queuedAt < m_options.queueWaitMs)
            return;
        waiting = int(m_queue.size());
    }
    // Polls are waiting and no worker is idle. If workers wait on servers (a hung server holds one for a
    // whole read timeout), more threads keep the schedule: enough that minWorkers are not blocked, at
    // least one per step. If all are computing, the queue waits on the CPU and more threads would only
    // add switching. One step per half queueWaitMs, so a burst does not overshoot.
    const int blocked = blockedWorkers(nowMs);
    if (blocked == 0 || nowMs - m_lastGrowMs < m_options.queueWaitMs / 2)
        return;
    m_lastGrowMs = nowMs;
    const int unblocked = int(m_workers.size()) - blocked;
    const int add = std::min({waiting, kGrowStep, std::max(1, m_options.minWorkers - unblocked),
                              m_options.maxWorkers - int(m_workers.size())});
    for (int i = 0; i < add; ++i)
        addWorker();
}

int PollLane::blockedWorkers(qint64 nowMs) const
{
    return int(std::count_if(m_workers.begin(), m_workers.end(), [&](const std::unique_ptr<PollWorker> &w) {
        const qint64 since = w->busySince();
        return since != 0 && nowMs - since > m_options.blockedAfterMs;
    }));
}

int PollLane::queued() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

} // namespace arbor::core
