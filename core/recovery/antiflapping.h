#pragma once

#include "model/instancekey.h"
#include "model/recoveryrecord.h"
#include "util/result.h"

#include <optional>

namespace arbor::core {

class Store;

// RecoveryPeriodBlockSeconds: after a recovery in a cluster, another automatic one is blocked until
// the period ends or someone acknowledges it. Also blocked: the failure of a server that was itself
// promoted within the period (its cluster has a new name, so the cluster alone would not catch it).
class AntiFlapping
{
public:
    // The recovery that blocks this one, or nullopt.
    static Result<std::optional<RecoveryRecord>> blockingRecovery(Store &store, const QString &clusterName,
                                                                  const QString &clusterAlias, const InstanceKey &failed,
                                                                  int blockSeconds, const QDateTime &now);
    // One sentence: why blocked and how to unblock.
    static QString explain(const RecoveryRecord &blocking, int blockSeconds);
};

} // namespace arbor::core
