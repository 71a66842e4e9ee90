#pragma once

#include "model/instance.h"
#include "model/topology.h"
#include "ops/refusal.h"

#include <optional>

namespace arbor::core {

// The rules a move must pass before anything runs, each refusal one sentence naming the rule and the
// servers. Pure functions of poll snapshots: cheap enough to call for every drop target while dragging.
// Names and semantics follow orchestrator's CanReplicateFrom / CanMove / CheckMoveViaGTID.
class Legality
{
public:
    struct Options
    {
        // orchestrator's ReasonableMaintenanceReplicationLagSeconds: coordinate moves need replicas
        // within this lag, and a delayed source above it needs an equally delayed replica.
        qint64 maxLagSeconds = 20;
        // A replica without filters must not move below a source with filters (it would miss data).
        bool verifyFilters = true;
    };

    // Can @p replica replicate from @p source at all (binary logs, versions, formats, ids, filters, delay)?
    static std::optional<Refusal> canReplicateFrom(const Instance &replica, const Instance &source, const Options &options);
    // Never below itself or one of its own replicas (direct or not).
    static std::optional<Refusal> checkNoCycle(const Topology &topology, const InstanceKey &replica, const InstanceKey &target);
    // Both replication threads running, no error, lag within the bound: a coordinate move needs to know
    // exactly where the replica is.
    static std::optional<Refusal> canMoveByCoordinates(const Instance &replica, const Options &options);
    // GTID positioning usable from @p target: same GTID family, MySQL gtid_mode ON on both, and the
    // target has not purged transactions the replica still needs.
    static std::optional<Refusal> canMoveByGtid(const Instance &replica, const Instance &target);
    // Reachable and recently checked.
    static std::optional<Refusal> checkReachable(const Instance &instance, const QString &role);
    // True when @p replica replicates by GTID and @p target can serve it by GTID.
    static bool gtidUsable(const Instance &replica, const Instance &target);

    // STATEMENT < MIXED < ROW; unknown formats rank as ROW (no false refusals).
    static int binlogFormatRank(const QString &format);
};

} // namespace arbor::core
