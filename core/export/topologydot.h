#pragma once

#include "model/topology.h"

#include <QSet>

namespace arbor::core {

// Graphviz DOT: one subgraph per cluster, one node per server labelled host:port and its state, one
// edge per replication link from source to replica (dashed when a thread is stopped, amber and dashed
// while the IO thread connects, red when broken).
class TopologyDot
{
public:
    static QString render(const Topology &topology, const QList<Cluster> &clusters, const QSet<InstanceKey> &downtimed = {},
                          int lagThresholdSeconds = 10);
    // A DOT double-quoted string: " and \ escaped, newlines as \n.
    static QString quote(const QString &text);
};

} // namespace arbor::core
