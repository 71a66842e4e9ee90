#pragma once

#include "analysis/replicationanalysis.h"
#include "model/topology.h"
#include "util/result.h"

#include <QList>

#include <optional>

namespace arbor::core {

// What a manual recovery acts on, the same for the CLI (`arbor recover`) and the API
// (recover/..., graceful-master-takeover/...): the actionable failure of @p server in @p cluster, or
// with no server the cluster's actionable failure; for a planned takeover the cluster's master,
// healthy or not. When there is nothing to recover, the sentence lists what the analysis found and
// names @p takeoverHint (the CLI's option or the API's path) for a planned switchover.
class RecoveryTarget
{
public:
    static Result<ReplicationAnalysis> choose(const QList<ReplicationAnalysis> &analysis, const Cluster &cluster,
                                              const std::optional<InstanceKey> &server, bool takeover,
                                              const QString &takeoverHint);
};

} // namespace arbor::core
