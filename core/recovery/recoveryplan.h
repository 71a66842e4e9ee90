#pragma once

#include "analysis/replicationanalysis.h"
#include "model/instance.h"
#include "probe/probeoptions.h"
#include "core/recovery/candidatechoice.h"
#include "core/recovery/hookcontext.h"
#include "core/recovery/recoveryoptions.h"
#include "model/recoveryrecord.h"

#include <functional>

namespace arbor::core {

// Everything a recovery needs, decided before it starts: what failed, the facts at that moment, the
// chosen candidate (or target) with its explanation, and how to report steps and check the lease.
struct RecoveryPlan
{
    enum class Kind { DeadMaster, DeadIntermediateMaster, GracefulTakeover };

    Kind kind = Kind::DeadMaster;
    QString uid;
    QString trigger; // "automatic" or "manual"
    ReplicationAnalysis analysis;
    InstanceKey failed;
    QList<Instance> facts; // the cluster when the plan was made
    CandidateChoice choice; // DeadMaster / GracefulTakeover: who is promoted
    InstanceKey target;     // DeadIntermediateMaster: the new source of the orphans
    QList<InstanceKey> orphans;     // DeadIntermediateMaster: replicas to move
    QList<InstanceKey> orphansLost; // DeadIntermediateMaster: replicas that cannot move
    QString explanation;    // for humans, printed before acting
    HookContext hooks;      // base values; the executor fills successor and outcome
    RecoveryOptions options;
    ProbeOptions probe;     // credentials and timeouts for the servers
    bool runDetectionHooks = false;

    static QString kindName(Kind kind); // "master", "intermediate-master", "graceful-takeover"
};

// The executor's view of the world outside it: both are called from the executor's thread.
struct RecoveryCallbacks
{
    std::function<void(const RecoveryStep &)> step;
    // Fencing: checked before each destructive step; false stops the recovery at once.
    std::function<bool()> holdsLease;
};

struct RecoveryOutcome
{
    QString status = QStringLiteral("failed"); // "succeeded", "failed", "aborted"
    InstanceKey successor;
    QList<InstanceKey> repointed;
    QList<InstanceKey> lost;
    QString message;
    qint64 elapsedMs = 0;
    qint64 preHookDoneMs = -1; // since start: the pre-failover hooks finished
    qint64 promotedMs = -1;    // since start: the new master is writable
    bool fenced = false;         // stopped at a fence: this node lost the lease
    bool changedServers = false; // at least one SQL step succeeded
    // The chosen candidate stopped answering before it was promoted, and no other server was changed:
    // the same failure may be recovered again at once with the next candidate (the step "retry" says so).
    InstanceKey candidateLost;
};

} // namespace arbor::core
