#include "model/instancehealth.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

InstanceHealth healthOf(const Instance &instance, int lagThresholdSeconds)
{
    if (!instance.lastCheckValid)
        return InstanceHealth::Unreachable;
    if (!instance.isReplica())
        return InstanceHealth::Ok;
    const ReplicationState &r = *instance.replication;
    if (r.hasError() || (r.ioThread == ReplicationState::ThreadState::Connecting && !r.lastIoError.isEmpty()))
        return InstanceHealth::ReplicationBroken;
    if (!r.isHealthy())
        return r.ioThread == ReplicationState::ThreadState::Connecting ? InstanceHealth::ReplicationBroken
                                                                       : InstanceHealth::ReplicationStopped;
    const auto lag = instance.lagSeconds();
    if (lag && *lag > lagThresholdSeconds)
        return InstanceHealth::Lagging;
    return InstanceHealth::Ok;
}

QString healthName(InstanceHealth health)
{
    switch (health) {
    case InstanceHealth::Ok: return u"ok"_s;
    case InstanceHealth::Lagging: return u"lagging"_s;
    case InstanceHealth::ReplicationStopped: return u"stopped"_s;
    case InstanceHealth::ReplicationBroken: return u"broken"_s;
    case InstanceHealth::Unreachable: return u"unreachable"_s;
    }
    return u"unknown"_s;
}

int healthSeverity(InstanceHealth health)
{
    return static_cast<int>(health);
}

} // namespace arbor::core
