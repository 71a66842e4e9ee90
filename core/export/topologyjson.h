#pragma once

#include "model/topology.h"
#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QSet>

namespace arbor::core {

// A snapshot of clusters as one JSON document: every server's facts (InstanceJson, orchestrator's
// field names) plus the tree as nested keys, so scripts read either. It re-imports as discovery seeds.
//   {"Format":"arbor-topology","FormatVersion":1,"Generated":"...","Clusters":[
//     {"Name":..,"Alias":..,"Master":"h:p","Tree":{"Key":"h:p","Replicas":[...]},
//      "Instances":[{...InstanceJson..., "Downtimed":false}]}]}
class TopologyJson
{
public:
    static QJsonObject toJson(const Topology &topology, const QList<Cluster> &clusters,
                              const QSet<InstanceKey> &downtimed = {});
    static QByteArray toText(const Topology &topology, const QList<Cluster> &clusters,
                             const QSet<InstanceKey> &downtimed = {});

    // The servers' facts as exported; fails with a sentence naming what is wrong with the file.
    static Result<QList<Instance>> instancesFromText(const QByteArray &text);
    // Every server of the file, masters first: what `arbor import` hands to discovery.
    static Result<QList<InstanceKey>> seedsFromText(const QByteArray &text);
};

} // namespace arbor::core
