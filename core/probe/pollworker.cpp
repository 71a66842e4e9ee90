#include "probe/pollworker.h"

#include "probe/instanceprobe.h"
#include "probe/polllane.h"

namespace arbor::core {

PollWorker::PollWorker(PollLane &lane) : m_lane(lane) {}

PollWorker::~PollWorker()
{
    wait();
}

void PollWorker::run()
{
    for (;;) {
        std::shared_ptr<InstanceProbe> probe = m_lane.take(*this);
        if (!probe)
            break;
        const qint64 started = m_lane.m_clock();
        m_busySince.store(started, std::memory_order_relaxed);
        probe->adoptThread();
        Instance snapshot = probe->poll();
        probe->releaseThread();
        m_busySince.store(0, std::memory_order_relaxed);
        probe.reset(); // the last reference of a forgotten instance: its connection closes here
        m_lane.m_handler(std::move(snapshot), started, m_lane.m_clock());
    }
}

} // namespace arbor::core
