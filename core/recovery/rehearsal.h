#pragma once

#include "core/recovery/recoveryplan.h"
#include "model/topology.h"
#include "util/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <utility>

namespace arbor::core {

// A failover rehearsal: what Arbor would do if a healthy master (or intermediate master) died now,
// planned by the same RecoveryPlanner on the live facts and run never. One home for the CLI's
// `recover --rehearse`, the API's rehearse-recovery route and the desktop's Rehearse dialog.
class Rehearsal
{
public:
    // The failure to plan for: DeadMaster for a cluster's master, DeadIntermediateMaster for a
    // replica with replicas. Fails with a sentence for an unknown server or one without replicas.
    static Result<ReplicationAnalysis> assumeDead(const Topology &topology, const InstanceKey &victim);
    // Each survivor's source once the plan ran: invalid for the new master (or the cluster's master,
    // untouched); the failed server and the replicas the plan loses are absent.
    static QHash<InstanceKey, InstanceKey> resultingSources(const RecoveryPlan &plan);
    // The hook lists that would run, in the order they would, by config key (empty lists left out).
    static QList<std::pair<QString, QStringList>> hooks(const RecoveryPlan &plan);
    // The rehearsal as the API answers it: the failure, the ranking with rules and reasons, the
    // resulting tree, the changes per server and the hooks. No secret is in it.
    static QJsonObject toJson(const RecoveryPlan &plan);
    // What a connected desktop shows from toJson()'s answer: the plan's ranking, successor, moves and
    // hooks, with @p facts (the cluster as the service reported it) for the drawn tree.
    static Result<RecoveryPlan> fromJson(const QJsonObject &json, const QList<Instance> &facts);
};

} // namespace arbor::core
