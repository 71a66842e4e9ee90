#include "model/instance.h"

#include <cmath>

namespace arbor::core {

bool Instance::usesGtid() const
{
    return isReplica() && replication->usesGtid();
}

std::optional<qint64> Instance::lagSeconds() const
{
    if (heartbeatLagSeconds)
        return static_cast<qint64>(std::llround(std::max(0.0, *heartbeatLagSeconds)));
    if (isReplica() && replication->secondsBehindSource)
        return std::max<qint64>(0, *replication->secondsBehindSource);
    return std::nullopt;
}

Instance Instance::mergeFailedPoll(const Instance &failed, const Instance &previous)
{
    // An address that answers as another server keeps nothing of what was known there.
    if (failed.lastCheckValid || previous.serverId == 0 || failed.key != previous.key || !failed.identityProblem.isEmpty())
        return failed;
    Instance merged = previous;
    merged.lastChecked = failed.lastChecked;
    merged.lastCheckValid = false;
    merged.lastError = failed.lastError;
    merged.pollLatencyUs = failed.pollLatencyUs;
    return merged;
}

} // namespace arbor::core
