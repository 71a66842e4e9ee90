#pragma once

#include "model/instancekey.h"
#include "model/recoveryrecord.h"
#include "util/result.h"

#include <QSet>

#include <optional>

namespace arbor::core {

class Store;

// RecoveryPeriodBlockSeconds: after a recovery in a cluster, another automatic one is blocked until
// the period ends or someone acknowledges it. Also blocked: the failure of a server that was itself
// promoted within the period (its cluster has a new name, so the cluster alone would not catch it).
// Not blocking: a recovery that stopped at its fence (its node lost the lease) before changing any
// server; the node holding the lease now must finish the job, not leave the master dead for the period.
// Nor one whose candidate stopped answering before its promotion, with no other server changed (its
// step "retry"): that is one failure recovered in two attempts, as orchestrator's block is per failure
// episode ("once a cluster experienced a recovery"), not per attempt.
// The store may not know yet (its steps were written during a backend outage): @p notBlocking
// names such recoveries of this process.
class AntiFlapping
{
public:
    // The recovery that blocks this one, or nullopt.
    static Result<std::optional<RecoveryRecord>> blockingRecovery(Store &store, const QString &clusterName,
                                                                  const QString &clusterAlias, const InstanceKey &failed,
                                                                  int blockSeconds, const QDateTime &now,
                                                                  const QSet<QString> &notBlocking = {});
    // True when @p r stopped because its node lost the lease (fenced, or abandoned by a node that
    // died) and no SQL step of it succeeded, or handed its failure on to a retry with the next candidate.
    static Result<bool> leavesNothingToBlock(Store &store, const RecoveryRecord &r);
    // One sentence: why blocked and how to unblock.
    static QString explain(const RecoveryRecord &blocking, int blockSeconds);
};

} // namespace arbor::core
