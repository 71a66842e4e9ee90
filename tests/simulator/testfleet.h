#pragma once

#include "simulator.h"

#include <memory>

namespace arbor::simulator {

// A small simulated replication tree for a test: @p servers in one cluster (server 0 the master),
// @p fanout replicas per server breadth first, no moving lag, one event loop.
FleetOptions smallTree(FlavourKind kind, int servers, int fanout);
// Starts a simulator on @p options; nullptr, with a warning that says why, when it cannot listen.
std::unique_ptr<Simulator> startSimulator(const FleetOptions &options);

} // namespace arbor::simulator
