#pragma once

#include <QtGlobal>

#include <cmath>
#include <limits>

namespace arbor::core {

// One point of a server's history: a poll (raw), or the worst of a minute or of a display bucket.
// NaN means "not known": a source has no lag, an unreachable server has neither value.
struct LagPoint
{
    qint64 atMs = 0; // wall clock, ms since the epoch, UTC
    double lagSeconds = std::numeric_limits<double>::quiet_NaN();
    double pollMs = std::numeric_limits<double>::quiet_NaN();

    bool hasLag() const { return !std::isnan(lagSeconds); }
    bool hasPoll() const { return !std::isnan(pollMs); }
};

// The lag across a cluster's replicas in one time bucket.
struct ClusterLagPoint
{
    qint64 atMs = 0;
    double maxSeconds = 0;
    double p95Seconds = 0;
    int replicas = 0; // how many had a known lag in the bucket
};

} // namespace arbor::core
