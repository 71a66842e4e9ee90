#pragma once

#include <QThread>
#include <QWaitCondition>

#include <atomic>

namespace arbor::core {

class PollLane;

// One thread of a PollLane: takes the next queued poll, adopts that instance's connection, polls,
// hands the connection back and reports. It holds no connection between polls, so a worker blocked
// on a hung server delays nobody else: the other instances are polled by the lane's other workers.
class PollWorker : public QThread
{
public:
    explicit PollWorker(PollLane &lane);
    ~PollWorker() override;

    // Monotonic ms when the running poll started, 0 when idle. Read by the lane to see a stuck worker.
    qint64 busySince() const { return m_busySince.load(std::memory_order_relaxed); }
    bool isRetired() const { return m_retired.load(std::memory_order_acquire); }

protected:
    void run() override;

private:
    friend class PollLane;
    PollLane &m_lane;
    QWaitCondition m_wake; // with the lane's mutex
    bool m_woken = false;  // guarded by the lane's mutex
    std::atomic<qint64> m_busySince{0};
    std::atomic<bool> m_retired{false};
};

} // namespace arbor::core
