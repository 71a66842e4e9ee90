#pragma once

#include "model/instance.h"

namespace arbor::core {

// One word for how a server is doing, shared by the CLI tree, the GUI and the API. Declared from best
// to worst: the numeric value is the severity. Connecting is a replica whose IO thread is (re)connecting
// without an error, as every replica is for a moment after START SLAVE or a relocation: worth a look
// if it stays, no alarm.
enum class InstanceHealth { Ok, Lagging, Connecting, ReplicationStopped, ReplicationBroken, Unreachable };
// How many states there are, for arrays indexed by InstanceHealth.
inline constexpr int kInstanceHealthCount = int(InstanceHealth::Unreachable) + 1;

InstanceHealth healthOf(const Instance &instance, int lagThresholdSeconds);
QString healthName(InstanceHealth health); // "ok", "lagging", "connecting", "stopped", "broken", "unreachable"
// Higher is worse; lets a cluster show its worst member.
int healthSeverity(InstanceHealth health);

} // namespace arbor::core
