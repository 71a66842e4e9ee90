#include "testfleet.h"

#include <QtGlobal>

namespace arbor::simulator {

FleetOptions smallTree(FlavourKind kind, int servers, int fanout)
{
    FleetOptions o;
    o.servers = servers;
    o.clusterSize = servers;
    o.fanout = fanout;
    o.laggingShare = 0;
    o.flavour = kind;
    o.threads = 1;
    return o;
}

std::unique_ptr<Simulator> startSimulator(const FleetOptions &options)
{
    auto sim = std::make_unique<Simulator>(options);
    if (auto started = sim->start(); !started.ok()) {
        qWarning("%s", qPrintable(started.error()));
        return nullptr;
    }
    return sim;
}

} // namespace arbor::simulator
