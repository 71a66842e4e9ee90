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

} // namespace arbor::core
