#pragma once

#include "probe/probeoptions.h"

namespace arbor::core {

struct PollerOptions
{
    ProbeOptions probe;
    int pollIntervalMs = 5000;  // InstancePollSeconds
    int healthyWorkers = 8;     // lane for servers that answered last time
    int backoffWorkers = 4;     // lane for unreachable or hung servers: they never delay the healthy ones
    // While every worker of a lane is blocked on hung servers the lane adds workers, up to this many
    // (threads blocked in a read cost little; a burst of hung servers must not stall the healthy ones).
    int maxWorkersPerLane = 128;
    int stuckAfterMs = 150;     // a worker busy this long is skipped and its next instances move elsewhere
    int maxBackoffFactor = 4;   // failed servers are retried after interval × min(failures, this)
    bool followTopology = true; // add every source and replica a poll reveals (recursive discovery)
    int forgetBlockMs = 15000;  // a forgotten key is not re-discovered for this long (3 × interval)
    int recordHistory = 20000;  // PollRecords kept for metrics
};

} // namespace arbor::core
