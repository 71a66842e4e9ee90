#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <thread>
#include <vector>

namespace arbor::chaos {

// Checks a scenario's invariants continuously, every 50 ms, from threads of its own (one per server,
// one for the service nodes), through paths no fault touches (unix sockets, the API's own port):
//   - never two writable masters: servers answering read_only=0 (exempt: a server the scenario cut
//     off or froze, which nobody can reach to fence; after it returns, a grace period for Arbor to
//     fence it, and the time it took is kept as a figure);
//   - at most one service node answering leader-check 200 in one sampling round;
//   - the lease holder as the backend says it, for the no-step-without-a-lease check at the end.
class InvariantMonitor
{
public:
    struct Node
    {
        QString name;
        int apiPort = 0;
    };

    // @p sockets: the servers' unix sockets, by sandbox index; @p backendSocket and @p backendDatabase:
    // where the lease row is (empty: no lease sampling).
    InvariantMonitor(QStringList sockets, QList<Node> nodes, QString backendSocket, QString backendDatabase);
    ~InvariantMonitor(); // stop()
    InvariantMonitor(const InvariantMonitor &) = delete;
    InvariantMonitor &operator=(const InvariantMonitor &) = delete;

    void start();
    void stop();

    // Server @p i is out of everyone's reach now (partitioned, frozen): its read_only does not count.
    void exempt(int i);
    // It is back: it may stay writable for @p graceMs (Arbor fencing it), no longer.
    void restore(int i, int graceMs);
    // ms from restore(i) until server i was first seen read-only (or gone); -1 when not yet.
    qint64 fencedAfterMs(int i) const;

    QStringList violations() const;
    qint64 samples() const { return m_samples.load(); }
    int maxActiveNodes() const { return m_maxActive.load(); }
    // Every (node name, last_seen_active ms) pair the lease row showed.
    QList<QPair<QString, qint64>> leaseSightings() const;
    // Latest read_only of server i as sampled: 1, 0, or -1 when it did not answer the last sample.
    int readOnly(int i) const;

private:
    struct ServerState
    {
        int readOnly = -1;
        qint64 sampledAt = 0; // ms on m_clock
        bool exempt = false;
        qint64 graceUntil = 0;
        qint64 restoredAt = -1;
        qint64 fencedAfter = -1;
    };

    void sampleServer(int i);
    void sampleNodes();
    void evaluate(qint64 now);
    void violation(const QString &what);

    QStringList m_sockets;
    QList<Node> m_nodes;
    QString m_backendSocket;
    QString m_backendDatabase;
    QElapsedTimer m_clock;
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_samples{0};
    std::atomic<int> m_maxActive{0};
    mutable QMutex m_mutex;
    std::vector<ServerState> m_servers;
    QStringList m_violations;
    QSet<QPair<QString, qint64>> m_lease;
    std::vector<std::thread> m_threads;
};

} // namespace arbor::chaos
