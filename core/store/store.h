#pragma once

#include "store/analysischangetable.h"
#include "store/audittable.h"
#include "store/clustertable.h"
#include "store/downtimetable.h"
#include "store/instancetable.h"
#include "store/promotionruletable.h"
#include "store/recoverytable.h"
#include "store/replicahistorytable.h"
#include "store/storeconnection.h"
#include "store/tagtable.h"

namespace arbor::core {

// The record families inherit the connection through this base, built before them.
struct StoreConnectionHolder
{
    explicit StoreConnectionHolder(StoreOptions options) : m_sharedConnection(std::move(options)) {}
    StoreConnection m_sharedConnection;
};

// The backend: SQLite or MySQL/MariaDB behind one interface, with versioned migrations. The
// connection and migrations live in StoreConnection, each family of records in its own *Table
// class (one file pair each); Store is their union, the one interface callers use. Not
// thread-safe: a QSqlDatabase belongs to the thread that opened it, so one thread opens, uses and
// destroys a Store. Concurrent writers use StoreWriter.
class Store : private StoreConnectionHolder,
              public InstanceTable,
              public ClusterTable,
              public DowntimeTable,
              public AuditTable,
              public PromotionRuleTable,
              public AnalysisChangeTable,
              public RecoveryTable,
              public ReplicaHistoryTable,
              public TagTable
{
public:
    using Downtime = arbor::core::Downtime;

    explicit Store(StoreOptions options);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // Connects and brings the schema up to date. Several nodes may call this at once against one
    // MySQL schema: migrations run under GET_LOCK('arbor_schema').
    Result<void> open();
    bool isOpen() const;
    int schemaVersion() const { return m_sharedConnection.schemaVersion(); }
    const StoreOptions &options() const { return m_sharedConnection.options(); }
};

} // namespace arbor::core
