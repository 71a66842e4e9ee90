#pragma once

#include "model/auditentry.h"
#include "util/result.h"

#include <QString>

#include <memory>
#include <optional>

namespace arbor::core {

class Store;

// One operation per cluster at a time. Held in this process (a registry every thread shares) and,
// when a store is given, in the store's operation_locks table so that other processes using the
// same store (the CLI next to the GUI, service nodes) wait too. Released when destroyed.
class ClusterLock
{
public:
    // Fails with "cluster X is busy with <operation> by <owner> since <time>" when someone holds it.
    // @p token names this holding (a recovery passes its uid, so that the node that finds it abandoned
    // can release it); empty: a fresh one.
    static Result<std::unique_ptr<ClusterLock>> acquire(const QString &clusterName, const QString &operation,
                                                        const QString &owner, Store *store, int ttlSeconds,
                                                        const QString &token = QString());
    // Who holds the lock in this process, if anyone.
    static std::optional<OperationLockHolder> heldInProcess(const QString &clusterName);
    static QString busyMessage(const OperationLockHolder &holder);

    ~ClusterLock();
    ClusterLock(const ClusterLock &) = delete;
    ClusterLock &operator=(const ClusterLock &) = delete;

    const OperationLockHolder &holder() const { return m_holder; }

private:
    ClusterLock(OperationLockHolder holder, Store *store) : m_holder(std::move(holder)), m_store(store) {}

    OperationLockHolder m_holder;
    Store *m_store = nullptr;
};

} // namespace arbor::core
