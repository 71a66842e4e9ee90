#pragma once

#include "model/replicahistory.h"
#include "model/topology.h"
#include "core/recovery/candidatechoice.h"
#include "model/promotionrule.h"
#include "core/recovery/recoveryoptions.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

namespace arbor::core {

// Chooses the replica to promote in place of a dead (or departing) master: the most up-to-date
// replica by GTID or coordinates that may be promoted, then promotion rule, data centre, region,
// version and binlog format as tie-breakers. A replica that was broken or lagging beyond the bound
// before the failure is never chosen. Pure: tests drive it with made-up topologies.
class CandidateChooser
{
public:
    struct Input
    {
        const Topology *topology = nullptr;
        InstanceKey failed;                          // the master whose replicas compete
        QHash<InstanceKey, PromotionRule> rules;     // active rules; absent = neutral
        QHash<InstanceKey, ReplicaHistory> history;  // from AnalysisMonitor; may be empty (CLI)
        QDateTime failureTime;                       // when the failure was detected
        InstanceKey requested;                       // an explicit candidate, or invalid
        bool failedStillReplicates = false;          // graceful takeover: the master is alive
        QSet<InstanceKey> excluded;                  // died during an earlier attempt at this recovery
    };

    static CandidateChoice choose(const Input &input, const RecoveryOptions &options);

    // A replica IO error that only says "the source went away" (so it is no sign of earlier trouble).
    static bool isConnectionError(int ioErrno);
    // -1: a behind b, 0: equal, 1: a ahead of b, 2: not comparable (diverged or unknown).
    static int compareProgress(const Instance &a, const Instance &b);
    static QString positionText(const Instance &replica);
};

} // namespace arbor::core
