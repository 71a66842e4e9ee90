#pragma once

#include "model/mysqlgtidset.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace arbor::simulator {

// MySQL GTID sets of simulated servers and how they flow: a writable server adds transactions
// under its own server_uuid at a steady rate; a replica's IO thread copies what its source has
// executed (Retrieved_Gtid_Set), its SQL thread applies it (Executed_Gtid_Set), the newest `lag`
// transactions later while the IO thread runs. When an IO thread connects by auto-position the
// source refuses, as MySQL does (error 1236), a replica that needs transactions the source purged,
// or one that has transactions under the source's own UUID which the source does not.
// Not thread-safe: FleetModel calls it under its exclusive lock.
class GtidFlow
{
public:
    struct Server
    {
        QString uuid;
        core::MysqlGtidSet executed;
        core::MysqlGtidSet purged;
        core::MysqlGtidSet retrieved; // since the last CHANGE REPLICATION SOURCE TO
        qint64 nextOwn = 1;           // the next transaction number under uuid
        double writtenUntil = 0;      // own writes are counted up to this time
        bool autoPosition = true;
        bool ioWasUp = false;         // an IO thread that comes up connects (handshake) again
        int ioErrno = 0;              // the last IO error the source sent (1236), 0 when none
        QByteArray ioError;
    };
    // One server's part in a step, as FleetModel sees it at that moment.
    struct Link
    {
        int source = -1;
        bool writes = false;   // writable and reachable: it commits transactions of its own
        bool ioUp = false;     // the IO thread can reach the source
        bool sqlUp = false;    // the SQL thread runs
        qint64 lagTransactions = 0;
        int top = -1;          // whose transactions the lag holds back
    };

    GtidFlow() = default;
    GtidFlow(int servers, int firstTransactions);

    bool isEmpty() const { return m_servers.empty(); }
    Server &server(int i) { return m_servers[size_t(i)]; }
    const Server &server(int i) const { return m_servers[size_t(i)]; }

    // Moves servers [first, last) to time t. Returns the servers whose IO thread the source just
    // refused (their ioErrno/ioError say why); the caller stops those threads.
    std::vector<int> advance(int first, int last, const std::vector<Link> &links, double t, int transactionsPerSecond);

    // Transactions committed on server i directly (not replicated): errant ones on a replica.
    void inject(int i, qint64 count);
    // PURGE BINARY LOGS: everything server i executed so far is no longer in its binary logs.
    void purgeAll(int i) { server(i).purged = server(i).executed; }

    static QByteArray text(const core::MysqlGtidSet &set);

private:
    std::vector<Server> m_servers;
};

} // namespace arbor::simulator
