#pragma once

#include "model/instancekey.h"
#include "model/replicahistory.h"
#include "store/storeconnection.h"

#include <QHash>

namespace arbor::core {

// What each replica was doing before a failure (table replica_history), written by the active node:
// the candidate safety checks ("was it replicating, how far behind, before its master died") must
// hold for a node that becomes active after the master died, whose own memory saw only the aftermath.
// One family of records of the Store, on the Store's connection.
class ReplicaHistoryTable
{
public:
    explicit ReplicaHistoryTable(StoreConnection &connection) : m_connection(connection) {}

    // One transaction; a row per replica, replaced.
    Result<void> writeReplicaHistory(const QHash<InstanceKey, ReplicaHistory> &entries);
    Result<QHash<InstanceKey, ReplicaHistory>> readReplicaHistory();

private:
    StoreConnection &m_connection;
};

} // namespace arbor::core
