#pragma once

#include "model/topology.h"

#include <QSet>

namespace arbor::core {

// The CLI's tree, in orchestrator's ASCII format so scripts and eyes carry over:
//   127.0.0.1:3306     [0s,ok,10.11.6-MariaDB-log,rw,ROW,>>]
//   + 127.0.0.1:3307   [0s,ok,10.11.6-MariaDB-log,ro,ROW,>>,GTID]
class TopologyText
{
public:
    static QString render(const Topology &topology, const Cluster &cluster, const QSet<InstanceKey> &downtimed = {},
                          int lagThresholdSeconds = 10);
    static QString describe(const Instance &instance, bool downtimed, int lagThresholdSeconds);
    // orchestrator's topology-tabulated: the same tokens as columns separated by '|', each column
    // padded to its widest cell, so the text lines up for people and splits on '|' for scripts.
    static QString renderTabulated(const Topology &topology, const Cluster &cluster, const QSet<InstanceKey> &downtimed = {},
                                   int lagThresholdSeconds = 10);
};

} // namespace arbor::core
