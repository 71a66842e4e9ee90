#pragma once

#include <QStringList>

namespace arbor::core {

// orchestrator's cluster filter syntax (inst/cluster.go: filtersMatchCluster): an exact cluster name,
// an exact alias, "alias=NAME", "alias~=REGEX", "*", or a regular expression on the cluster name.
class ClusterFilter
{
public:
    static bool matches(const QStringList &filters, const QString &clusterName, const QString &alias);
};

} // namespace arbor::core
