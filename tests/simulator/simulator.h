#pragma once

#include "fleetmodel.h"

#include "model/instancekey.h"
#include "util/result.h"

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace arbor::simulator {

// Thousands of simulated MariaDB 10.11 servers in one process, each on its own 127.0.0.1 port,
// answering the MySQL client/server protocol (handshake v10 with mysql_native_password, COM_QUERY
// text result sets, COM_PING, COM_INIT_DB, COM_QUIT) from a FleetModel.
//
// Scheme: FleetOptions::threads event loops (epoll, edge-free level mode); server i's listening
// socket and every connection accepted on it belong to loop i % threads, so a server's state is
// only touched by one loop and no socket needs a lock. One process holds one listening socket per
// server of its shard plus one per open client connection: at ulimit -n 20000, a shard serves at
// most ~9,000 servers whose clients keep connections open; larger fleets run as several processes
// (FleetOptions::shardIndex/shardCount), which agree on the whole fleet because it is deterministic.
//
// Faults: dead closes the listener and every connection (connect() is refused); hung stops
// accepting and answering (the kernel still completes TCP handshakes into the backlog, as with a
// SIGSTOPped mariadbd); slow delays every answer by N ms.
class Simulator
{
public:
    struct Stats
    {
        qint64 connectionsAccepted = 0;
        qint64 connectionsOpen = 0;
        qint64 queries = 0;
        qint64 authFailures = 0;
    };

    explicit Simulator(FleetOptions options);
    ~Simulator();
    Simulator(const Simulator &) = delete;
    Simulator &operator=(const Simulator &) = delete;

    // Binds every port of this shard (basePort 0: finds a free block) and starts the event loops.
    core::Result<void> start();
    void stop();

    FleetModel &fleet() { return *m_fleet; }
    const FleetModel &fleet() const { return *m_fleet; }
    int size() const { return m_fleet->size(); }
    quint16 port(int i) const { return m_fleet->port(i); }
    core::InstanceKey key(int i) const;

    // Thread-safe; returns once the event loop applied the change (sockets closed or reopened).
    void setNetworkFault(int i, NetworkFault fault, int slowMs = 0);
    void setReplicationFault(int i, ReplicationFault fault) { m_fleet->setReplicationFault(i, fault); }
    void setLag(int i, std::optional<int> seconds) { m_fleet->setLag(i, seconds); }

    Stats stats() const;

private:
    struct Loop;
    struct Counters
    {
        std::atomic<qint64> accepted{0};
        std::atomic<qint64> open{0};
        std::atomic<qint64> queries{0};
        std::atomic<qint64> authFailures{0};
    };

    core::Result<void> bindAll();
    Loop &loopOf(int i) const;

    std::unique_ptr<FleetModel> m_fleet;
    std::vector<std::unique_ptr<Loop>> m_loops;
    std::vector<int> m_listenFds; // by server index; -1 when not owned or dead
    Counters m_counters;
    bool m_running = false;
};

} // namespace arbor::simulator
