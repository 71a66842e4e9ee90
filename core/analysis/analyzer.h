#pragma once

#include "analysis/analysisoptions.h"
#include "analysis/replicationanalysis.h"
#include "model/topology.h"

#include <QDateTime>
#include <QList>
#include <QSet>

namespace arbor::core {

// Turns one Topology snapshot into analysis rows, holistically: a master (or intermediate master) is
// dead only when Arbor cannot reach it AND every replica Arbor can reach agrees it lost it (IO thread
// not running, or connecting with an error). A pure function of its inputs, so tests can drive it
// with tables of made-up snapshots. Returns only rows with a problem or a structure warning.
class Analyzer
{
public:
    static QList<ReplicationAnalysis> analyze(const Topology &topology, const AnalysisOptions &options,
                                              const QSet<InstanceKey> &downtimed = {},
                                              const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Is this reachable replica telling us its source is gone (IO thread not running)?
    static bool agreesSourceLost(const Instance &replica);
    // IO thread down with an IO error while the SQL thread still runs: it cannot connect.
    static bool failingToConnect(const Instance &replica);
    // The structure warnings of a (reachable) server and its direct replicas.
    static QStringList structureWarnings(const Topology &topology, const InstanceKey &key, bool isTopMaster);
};

} // namespace arbor::core
