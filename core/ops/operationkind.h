#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace arbor::core {

// Every topology operation Arbor runs. Names follow orchestrator's CLI, so scripts and habits carry over.
enum class OperationKind {
    Relocate,          // smart: picks GTID, a coordinate move-below/move-up, or a repoint
    RelocateReplicas,  // every replica of an instance (optionally matching a pattern) below a target
    MoveUp,            // below the grandparent
    MoveUpReplicas,    // every replica of an instance below the instance's source
    MoveBelow,         // below a sibling
    Repoint,           // CHANGE MASTER to the same (or an equivalent) source again
    TakeSiblings,      // every sibling moves below the instance
    TakeMaster,        // swap with its source: the source becomes its replica
    MakeCoMaster,      // the top master also replicates from this replica
    RegroupReplicas,   // the most advanced replica becomes the source of its siblings
    StartReplica,
    StopReplica,
    RestartReplica,
    ResetReplica,      // RESET SLAVE ALL: forgets the source for good
    DetachReplica,     // reversible: Master_Host becomes //host
    ReattachReplica,
    SetReadOnly,
    SetWriteable,
    EnableGtid,        // GTID positioning on this replica (MariaDB slave_pos, MySQL auto-position)
    DisableGtid,       // back to file:pos at the current executed coordinates
    MoveGtid,          // relocate, by GTID only (orchestrator's move-gtid / move-below-gtid)
    MoveReplicasGtid,  // relocate-replicas, by GTID only
    RepointReplicas,   // every replica of an instance pointed at it again, at its own position
    StopReplicaNice,   // IO thread first, then SQL once it applied the relay log
    SkipQuery,         // skip the one transaction the SQL thread fails on
    EnableSemiSyncMaster,
    DisableSemiSyncMaster,
    EnableSemiSyncReplica,
    DisableSemiSyncReplica,
    DelayReplication,  // MASTER_DELAY = argument seconds, the threads left as they were
    FlushBinaryLogs,
    PurgeBinaryLogs,   // PURGE BINARY LOGS TO argument, refused while a replica still reads an older one
    GtidErrantResetMaster,  // remove a replica's errant GTIDs from its own binary log state (RESET MASTER)
    GtidErrantInjectEmpty,  // MySQL: commit the errant GTIDs as empty transactions on the cluster master
};

class OperationKinds
{
public:
    static QString name(OperationKind kind);
    static std::optional<OperationKind> fromName(const QString &name); // also orchestrator's *-slave* synonyms
    static QList<OperationKind> all();
    // Operations that take a second server (the new source, the sibling).
    static bool needsTarget(OperationKind kind);
    static bool acceptsTarget(OperationKind kind);
    // Operations that change which server replicates from which (refactorings); the rest only
    // toggle state on one server.
    static bool changesTopology(OperationKind kind);
    // The name of the extra value the operation takes (delay-replication: "seconds",
    // purge-binary-logs: "binlog"), or empty.
    static QString argumentName(OperationKind kind);
    // One line for help texts.
    static QString summary(OperationKind kind);
};

} // namespace arbor::core
