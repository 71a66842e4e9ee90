#include "core/recovery/recoverytarget.h"

#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Result<ReplicationAnalysis> RecoveryTarget::choose(const QList<ReplicationAnalysis> &analysis, const Cluster &cluster,
                                                   const std::optional<InstanceKey> &server, bool takeover,
                                                   const QString &takeoverHint)
{
    std::optional<ReplicationAnalysis> target;
    for (const ReplicationAnalysis &a : analysis) {
        if (a.clusterName != cluster.name)
            continue;
        if (takeover ? a.key == cluster.master : (a.isActionable() && (!server || a.key == *server)))
            target = a;
    }
    if (takeover && !target) {
        ReplicationAnalysis a;
        a.key = cluster.master;
        a.clusterName = cluster.name;
        a.clusterAlias = cluster.alias;
        a.description = u"graceful takeover of %1 requested"_s.arg(cluster.master.toString());
        target = a;
    }
    if (target)
        return *target;
    QStringList seen;
    for (const ReplicationAnalysis &a : analysis) {
        if (a.clusterName == cluster.name && (!server || a.key == *server))
            seen << a.key.toString() + u' ' + a.codeName();
    }
    return Result<ReplicationAnalysis>::failure(
        u"%1 has no failure Arbor can recover (%2); for a planned switchover of a live master use %3"_s.arg(
            server ? server->toString() : u"cluster %1"_s.arg(cluster.name),
            seen.isEmpty() ? u"no problem found"_s : seen.join(u", "_s), takeoverHint));
}

} // namespace arbor::core
