#pragma once

#include "model/recoveryrecord.h"
#include "store/storeconnection.h"

#include <QList>
#include <QString>

#include <optional>

namespace arbor::core {

// Recoveries, their steps, acknowledgements and the global recovery switch.
// One family of records of the Store, on the Store's connection.
class RecoveryTable
{
public:
    explicit RecoveryTable(StoreConnection &connection) : m_connection(connection) {}

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
    StoreConnection &m_connection;
};

} // namespace arbor::core
