#pragma once

#include <QStringList>

namespace arbor::core {

// The recovery settings, with orchestrator's key names in the comments where the concept is the same.
struct RecoveryOptions
{
    // Hooks (each entry is one command: argv split by Arbor, never a shell; a trailing '&' detaches).
    QStringList onFailureDetectionProcesses;
    QStringList preFailoverProcesses;
    QStringList postMasterFailoverProcesses;
    QStringList postIntermediateMasterFailoverProcesses;
    QStringList postFailoverProcesses;
    QStringList postUnsuccessfulFailoverProcesses;
    QStringList preGracefulTakeoverProcesses;
    QStringList postGracefulTakeoverProcesses;
    int hookTimeoutSeconds = 60; // orchestrator has none: a hung hook hung the recovery
    QString hookShell = QStringLiteral("/bin/sh"); // ProcessesShellCommand: runs hooks written with shell syntax

    // Gating of automatic recovery.
    int recoveryPeriodBlockSeconds = 3600;           // RecoveryPeriodBlockSeconds
    QStringList recoverMasterClusterFilters;         // RecoverMasterClusterFilters ("*" for all)
    QStringList recoverIntermediateMasterClusterFilters; // RecoverIntermediateMasterClusterFilters
    QStringList recoveryIgnoreHostnameFilters;       // RecoveryIgnoreHostnameFilters: regexes on the failed host
    int failureDetectionPeriodBlockSeconds = 3600;   // FailureDetectionPeriodBlockMinutes: detection hooks once per

    // Candidate choice.
    QStringList promotionIgnoreHostnameFilters; // regexes: never promote a matching host
    bool preventCrossDataCenterMasterFailover = false;
    bool preventCrossRegionMasterFailover = false;
    int failMasterPromotionOnLagSeconds = 60;    // never promote a replica lagging more before the failure
    int replicationHistorySeconds = 120;        // ... nor one that did not replicate within this before it
    enum class RelayLogPolicy { Ignore, Delay, Fail };
    RelayLogPolicy relayLogPolicy = RelayLogPolicy::Delay; // Delay/FailMasterPromotionIfSQLThreadNotUpToDate
    int relayLogWaitSeconds = 30;

    // Applying the promotion (orchestrator's failover-detail keys; the defaults are Arbor's).
    bool applyPromotion = true;           // ApplyMySQLPromotionAfterMasterFailover: RESET SLAVE ALL, read_only=0
    bool detachPromotedMasterHost = false; // MasterFailoverDetachReplicaMasterHost: used when applyPromotion is false
    bool detachLostReplicas = false;      // DetachLostReplicasAfterMasterFailover: Master_Host becomes //host
    int postponeReplicaRecoveryOnLagSeconds = 0; // PostponeReplicaRecoveryOnLagMinutes: repointed after the hooks

    // After the promotion.
    int lostReplicasDowntimeSeconds = 3600; // MasterFailoverLostInstancesDowntimeMinutes (which orchestrator ignores)
    int replicaVerifySeconds = 10;          // how long repointed replicas get to show both threads running
    QString arborHost;                      // {orchestratorHost}; the local host name when empty
    // Graceful takeover: the account the old master replicates with from the new one (MariaDB cannot
    // read a replication password back). Empty: the old master is pointed at the new one, not started.
    QString replicationUser;
    QString replicationPassword;
};

} // namespace arbor::core
