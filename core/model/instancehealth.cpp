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
    using Thread = ReplicationState::ThreadState;
    // Connecting with an error (2003 source down, 1045 bad password, ...) is a link that does not work.
    if (r.hasError() || (r.ioThread == Thread::Connecting && !r.lastIoError.isEmpty()))
        return InstanceHealth::ReplicationBroken;
    // Connecting without one is the IO thread's first moments after START SLAVE or a relocation. A
    // stopped SQL thread beside it will not start by itself, so that stays "stopped".
    if (r.ioThread == Thread::Connecting && r.sqlThread != Thread::Stopped)
        return InstanceHealth::Connecting;
    if (!r.isHealthy())
        return InstanceHealth::ReplicationStopped;
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
    case InstanceHealth::Connecting: return u"connecting"_s;
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
