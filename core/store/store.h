#pragma once

#include "store/analysischangetable.h"
#include "store/audittable.h"
#include "store/clustertable.h"
#include "store/downtimetable.h"
#include "store/instancetable.h"
#include "store/promotionruletable.h"
#include "store/recoverytable.h"
#include "store/storeconnection.h"

namespace arbor::core {

// The backend: SQLite or MySQL/MariaDB behind one interface, with versioned migrations. The
// connection and migrations live in StoreConnection, each family of records in its own *Table
// class; Store is the one interface callers use. Not thread-safe: a QSqlDatabase belongs to the
// thread that opened it, so one thread opens, uses and destroys a Store. Concurrent writers use
// StoreWriter.
class Store
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
    int schemaVersion() const { return m_connection.schemaVersion(); }
    const StoreOptions &options() const { return m_connection.options(); }

    // One transaction; multi-row REPLACE INTO statements of up to StoreSchema::kRowsPerStatement rows.
    Result<void> writeInstances(const QList<Instance> &instances);
    Result<QList<Instance>> readInstances();
    Result<std::optional<Instance>> readInstance(const InstanceKey &key);
    // Removes the instance and its downtime.
    Result<void> forgetInstance(const InstanceKey &key);

    // An empty alias removes the cluster's alias.
    Result<void> setClusterAlias(const QString &clusterName, const QString &alias);
    Result<QHash<QString, QString>> readClusterAliases();

    // Replaces any downtime of the same server.
    Result<void> beginDowntime(const Downtime &downtime);
    Result<void> endDowntime(const InstanceKey &key);
    // Downtimes with begin <= now < end; expired and future ones are left out.
    Result<QList<Downtime>> readActiveDowntimes(const QDateTime &now);

    // Audit of topology operations, newest first; an empty cluster name reads every cluster.
    Result<void> writeAudit(const AuditEntry &entry);
    Result<QList<AuditEntry>> readAudit(int limit, const QString &clusterName = QString());

    // One operation per cluster across every process sharing this store. Takes the lock when it is
    // free or expired and returns nullopt; when someone else holds it, returns the holder.
    Result<std::optional<OperationLockHolder>> tryLockCluster(const OperationLockHolder &wanted);
    // Releases the lock only if @p token still holds it.
    Result<void> unlockCluster(const QString &clusterName, const QString &token);

    // Promotion rules. A neutral rule without expiry removes the row. Expired rules are read too
    // (callers filter with PromotionRuleEntry::isActiveAt) so that editors can show them.
    Result<void> setPromotionRule(const PromotionRuleEntry &entry);
    Result<QList<PromotionRuleEntry>> readPromotionRules();

    // Analysis changelog, newest first; an empty cluster name reads every cluster.
    Result<void> recordAnalysisChange(const AnalysisChange &change);
    Result<QList<AnalysisChange>> readAnalysisChanges(int limit, const QString &clusterName = QString());

    // Recoveries (inserted, then updated by uid) and their steps. readRecoveries: newest first, with
    // the latest acknowledgement; an empty cluster name reads every cluster.
    Result<void> writeRecovery(const RecoveryRecord &record);
    Result<void> appendRecoveryStep(const RecoveryStep &step);
    Result<QList<RecoveryRecord>> readRecoveries(int limit, const QString &clusterName = QString());
    Result<QList<RecoveryStep>> readRecoverySteps(const QString &uid);
    // Acknowledges every unacknowledged recovery (not blocked attempts) matching @p uid or
    // @p clusterName (both empty: all). Returns how many were acknowledged.
    Result<int> acknowledgeRecoveries(const QString &uid, const QString &clusterName, const QString &who,
                                      const QString &comment);
    // The global switch for automatic recoveries (orchestrator's disable-global-recoveries).
    Result<void> setRecoveriesDisabled(bool disabled, const QString &who, const QString &reason);
    // Who disabled them and why, or nullopt when automatic recoveries are enabled.
    Result<std::optional<QString>> readRecoveriesDisabled();

private:
    // Declared before the record families, which hold a reference to it.
    StoreConnection m_connection;
    InstanceTable m_instances{m_connection};
    ClusterTable m_clusters{m_connection};
    DowntimeTable m_downtimes{m_connection};
    AuditTable m_audit{m_connection};
    PromotionRuleTable m_promotionRules{m_connection};
    AnalysisChangeTable m_analysisChanges{m_connection};
    RecoveryTable m_recoveries{m_connection};
};

} // namespace arbor::core
