#pragma once

#include "model/instance.h"
#include "store/storeconnection.h"

#include <QList>

class QSqlQuery;

#include <memory>
#include <optional>

namespace arbor::core {

// Instance snapshots (table instances): batched writes, reads, forgetting.
// One family of records of the Store, on the Store's connection.
class InstanceTable
{
public:
    explicit InstanceTable(StoreConnection &connection);
    ~InstanceTable();
    InstanceTable(const InstanceTable &) = delete;
    InstanceTable &operator=(const InstanceTable &) = delete;

    // One transaction; multi-row REPLACE INTO statements of up to StoreSchema::kRowsPerStatement rows.
    Result<void> writeInstances(const QList<Instance> &instances);
    Result<QList<Instance>> readInstances();
    Result<std::optional<Instance>> readInstance(const InstanceKey &key);
    // Removes the instance, its downtime and its replication history.
    Result<void> forgetInstance(const InstanceKey &key);
    // Drops the prepared statements (before the connection closes or reopens).
    void resetStatements();

private:
    Result<void> writeChunk(const QList<Instance> &chunk);

    StoreConnection &m_connection;
    // Prepared once: the full-size multi-row REPLACE, reused for every full chunk.
    std::unique_ptr<QSqlQuery> m_fullChunkQuery;
};

} // namespace arbor::core
