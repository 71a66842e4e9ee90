#pragma once

#include "model/auditentry.h"
#include "store/storeconnection.h"

#include <QHash>
#include <QString>

#include <optional>

namespace arbor::core {

// Per-cluster rows: aliases (cluster_aliases) and the operation lock (cluster_locks).
// One family of records of the Store, on the Store's connection.
class ClusterTable
{
public:
    explicit ClusterTable(StoreConnection &connection) : m_connection(connection) {}

    // An empty alias removes the cluster's alias.
    Result<void> setClusterAlias(const QString &clusterName, const QString &alias);
    Result<QHash<QString, QString>> readClusterAliases();
    // One operation per cluster across every process sharing this store. Takes the lock when it is
    // free or expired and returns nullopt; when someone else holds it, returns the holder.
    Result<std::optional<OperationLockHolder>> tryLockCluster(const OperationLockHolder &wanted);
    // Releases the lock only if @p token still holds it.
    Result<void> unlockCluster(const QString &clusterName, const QString &token);

private:
    StoreConnection &m_connection;
};

} // namespace arbor::core
