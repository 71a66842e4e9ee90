#pragma once

#include "model/replicahistory.h"
#include "model/topology.h"
#include "model/promotionrule.h"
#include "core/recovery/recoveryplan.h"

#include <QSet>

namespace arbor::core {

// Decides what a recovery will do, from a topology snapshot, before anything is touched: the kind,
// the candidate (with the ranking) or the intermediate master's new source, the replicas to move and
// the ones that will be lost, the hook values. The CLI prints the plan's explanation before acting.
class RecoveryPlanner
{
public:
    struct Input
    {
        const Topology *topology = nullptr;
        ReplicationAnalysis analysis;                // the failure (or, for a takeover, the live master)
        QHash<InstanceKey, PromotionRule> rules;
        QHash<InstanceKey, ReplicaHistory> history;
        InstanceKey candidate;                       // explicit, or invalid
        QSet<InstanceKey> excluded;                  // candidates that died in an earlier attempt
        bool takeover = false;
        QString trigger = QStringLiteral("manual");
        QString command;                             // hook {command}
    };

    static Result<RecoveryPlan> plan(const Input &input, const RecoveryOptions &options, const ProbeOptions &probe);
    // Active rules at @p now from stored entries.
    static QHash<InstanceKey, PromotionRule> activeRules(const QList<PromotionRuleEntry> &entries, const QDateTime &now);
};

} // namespace arbor::core
