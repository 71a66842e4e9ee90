#pragma once

#include "probe/probeoptions.h"

#include <QList>
#include <QRegularExpression>

namespace arbor::core {

struct PollerOptions
{
    ProbeOptions probe;
    int pollIntervalMs = 5000;  // InstancePollSeconds
    int healthyWorkers = 8;     // lane for servers that answered last time
    int backoffWorkers = 4;     // lane for unreachable or hung servers: they never delay the healthy ones
    // When polls wait while workers wait on servers, a lane adds threads, up to this many (a thread
    // blocked in a read costs little; 500 servers hanging at once at a 5 s interval and a 2 s read
    // timeout block ~200 threads at the peak). Threads beyond the configured ones exit when idle.
    int maxWorkersPerLane = 384;
    int blockedAfterMs = 50;    // a poll running this long waits on its server (healthy ones take ~1 ms)
    int queueWaitMs = 20;       // a poll queued this long with no idle worker lets a lane grow
    int idleThreadRetireMs = 30000; // threads beyond the configured ones exit after idling this long
    int maxBackoffFactor = 4;   // failed servers are retried after interval × min(failures, this)
    bool batchStatements = true; // a poll's statements in one round trip (see ProbeOptions)
    bool followTopology = true; // add every source and replica a poll reveals (recursive discovery)
    // orchestrator's DiscoveryIgnore{,Replica,Master}HostnameFilters: matched against "host:port";
    // a match is not followed into (seeds and explicit discovery still are).
    QList<QRegularExpression> ignoreHostnameFilters;
    QList<QRegularExpression> ignoreReplicaHostnameFilters;
    QList<QRegularExpression> ignoreSourceHostnameFilters;
    int forgetBlockMs = 15000;  // a forgotten key is not re-discovered for this long (3 × interval)
    int recordHistory = 20000;  // PollRecords kept for metrics
};

} // namespace arbor::core
