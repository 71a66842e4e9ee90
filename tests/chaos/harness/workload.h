#pragma once

#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace arbor::chaos {

// Clients writing rows during a scenario: @p writers threads, each inserting one row (a fresh id) into
// chaos.acks on the target server over its unix socket (so network faults never hit the clients: they
// sit on the master's side of any partition, as an application next to it would), paced every
// @p intervalMs. A write counts as acknowledged only when the server said OK; a timeout is unknown,
// not acknowledged. The target moves when the test says so (as a proxy or a hook would move it).
class Workload
{
public:
    struct Ack
    {
        qint64 id;
        int server;
        qint64 atMs; // ms since the epoch
    };

    Workload(QStringList sockets, int writers = 2, int intervalMs = 10);
    ~Workload(); // stop()
    Workload(const Workload &) = delete;
    Workload &operator=(const Workload &) = delete;

    // The statements creating the table (run them on the master before start()).
    static QStringList schema();

    void start(int target);
    void retarget(int target) { m_target.store(target); }
    int target() const { return m_target.load(); }
    void stop();

    QList<Ack> acknowledged() const;
    qint64 acknowledgedCount() const;
    qint64 failures() const { return m_failures.load(); }
    // Waits (processing events) until @p more writes were acknowledged after the call; false on timeout.
    bool waitForAcks(int more, int timeoutMs) const;
    // Acknowledged ids missing from @p present (the final master's rows).
    QList<Ack> missingFrom(const QSet<qint64> &present) const;

private:
    void run(int writer);

    QStringList m_sockets;
    int m_writers;
    int m_intervalMs;
    std::atomic<int> m_target{0};
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_nextId{1};
    std::atomic<qint64> m_failures{0};
    mutable QMutex m_mutex;
    QList<Ack> m_acks;
    std::vector<std::thread> m_threads;
};

} // namespace arbor::chaos
