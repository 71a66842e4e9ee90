#pragma once

#include "model/instance.h"

namespace arbor::core {

// One word for how a server is doing, shared by the CLI tree, the GUI and the API.
enum class InstanceHealth { Ok, Lagging, ReplicationStopped, ReplicationBroken, Unreachable };

InstanceHealth healthOf(const Instance &instance, int lagThresholdSeconds);
QString healthName(InstanceHealth health); // "ok", "lagging", "stopped", "broken", "unreachable"
// Higher is worse; lets a cluster show its worst member.
int healthSeverity(InstanceHealth health);

} // namespace arbor::core
