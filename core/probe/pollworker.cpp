#include "probe/pollworker.h"

#include "probe/instanceprobe.h"

#include <QMutexLocker>

namespace arbor::core {

PollWorker::PollWorker(ProbeOptions options, ResultHandler handler, Clock clock)
    : m_options(std::move(options)), m_handler(std::move(handler)), m_clock(std::move(clock))
{
}

PollWorker::~PollWorker()
{
    requestStop();
    wait();
}

void PollWorker::enqueuePoll(const InstanceKey &key)
{
    QMutexLocker lock(&m_mutex);
    m_jobs.push_back({Job::Kind::Poll, key});
    m_pending.fetch_add(1, std::memory_order_relaxed);
    m_wake.wakeOne();
}

void PollWorker::enqueueDrop(const InstanceKey &key)
{
    QMutexLocker lock(&m_mutex);
    m_jobs.push_back({Job::Kind::Drop, key});
    m_wake.wakeOne();
}

QList<InstanceKey> PollWorker::takeQueuedPolls()
{
    QMutexLocker lock(&m_mutex);
    QList<InstanceKey> keys;
    for (auto it = m_jobs.begin(); it != m_jobs.end();) {
        if (it->kind == Job::Kind::Poll) {
            keys.append(it->key);
            it = m_jobs.erase(it);
            m_pending.fetch_sub(1, std::memory_order_relaxed);
        } else {
            ++it;
        }
    }
    return keys;
}

void PollWorker::requestStop()
{
    QMutexLocker lock(&m_mutex);
    m_stop = true;
    m_wake.wakeOne();
}

void PollWorker::run()
{
    QHash<InstanceKey, std::shared_ptr<InstanceProbe>> probes;
    for (;;) {
        Job job;
        {
            QMutexLocker lock(&m_mutex);
            while (m_jobs.empty() && !m_stop)
                m_wake.wait(&m_mutex);
            if (m_stop)
                break;
            job = m_jobs.front();
            m_jobs.pop_front();
        }
        if (job.kind == Job::Kind::Drop) {
            probes.remove(job.key);
            continue;
        }
        auto &probe = probes[job.key];
        if (!probe)
            probe = std::make_shared<InstanceProbe>(job.key, m_options);
        const qint64 started = m_clock();
        m_busySince.store(started, std::memory_order_relaxed);
        Instance snapshot = probe->poll();
        m_busySince.store(0, std::memory_order_relaxed);
        m_pending.fetch_sub(1, std::memory_order_relaxed);
        m_handler(std::move(snapshot), started, m_clock());
    }
    probes.clear(); // connections die in the thread that opened them
}

} // namespace arbor::core
