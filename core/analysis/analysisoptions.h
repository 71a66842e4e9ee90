#pragma once

namespace arbor::core {

struct AnalysisOptions
{
    // A replica lagging more than this counts as lagging (ReasonableReplicationLagSeconds).
    int reasonableReplicationLagSeconds = 10;
    // Wait this long with an actionable code before confirming it (orchestrator #1219); 0 acts at once.
    int gracePeriodMs = 0;
    // LockedSemiSyncMasterHypothesis becomes LockedSemiSyncMaster after persisting this long.
    int reasonableLockedSemiSyncMasterMs = 10000;
    // While a master is in trouble, re-probe it and its replicas at most this often.
    int reprobeIntervalMs = 100;
    // ... and for at most this long after the trouble began (then the normal schedule takes over).
    int reprobeWindowMs = 30000;
};

} // namespace arbor::core
