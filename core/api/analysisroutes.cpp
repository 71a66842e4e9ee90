#include "api/routefiles.h"

#include "api/routeparams.h"
#include "analysis/analyzer.h"
#include "ha/servicenode.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

void registerAnalysisRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // Analysis (core/analysis): computed on the spot from this node's topology, so standbys answer too.
    auto analysis = [&node](const QString &clusterHint, Reply reply) {
        const QSet<InstanceKey> downtimed = RouteParams::downtimedKeys(node);
        const Topology &topology = node.state().topology();
        std::optional<Cluster> only;
        if (!clusterHint.isEmpty()) {
            only = topology.findCluster(clusterHint);
            if (!only) {
                reply(ApiResponse::error(404, u"no known cluster matches \"%1\""_s.arg(clusterHint)));
                return;
            }
        }
        QJsonArray out;
        const auto key = &RouteParams::keyJson;
        for (const ReplicationAnalysis &a : Analyzer::analyze(topology, AnalysisOptions{}, downtimed)) {
            if (only && a.clusterName != only->name)
                continue;
            QJsonArray replicas;
            for (const InstanceKey &r : a.replicas)
                replicas.append(key(r));
            out.append(QJsonObject{
                {u"AnalyzedInstanceKey"_s, key(a.key)},
                {u"AnalyzedInstanceMasterKey"_s, key(a.parentKey)},
                {u"ClusterDetails"_s, QJsonObject{{u"ClusterName"_s, a.clusterName}, {u"ClusterAlias"_s, a.clusterAlias}}},
                {u"IsMaster"_s, a.type == ReplicationAnalysis::InstanceType::Master},
                {u"LastCheckValid"_s, a.lastCheckValid},
                {u"CountReplicas"_s, a.countReplicas},
                {u"CountValidReplicas"_s, a.countValidReplicas},
                {u"CountValidReplicatingReplicas"_s, a.countValidReplicatingReplicas},
                {u"CountReplicasFailingToConnectToMaster"_s, a.countReplicasFailingToConnect},
                {u"CountDowntimedReplicas"_s, a.countDowntimedReplicas},
                {u"CountLaggingReplicas"_s, a.countLaggingReplicas},
                {u"Replicas"_s, replicas},
                {u"Analysis"_s, a.codeName()},
                {u"Description"_s, a.description},
                {u"StructureAnalysis"_s, QJsonArray::fromStringList(a.structureWarnings)},
                {u"IsDowntimed"_s, a.isDowntimed},
                {u"IsActionableRecovery"_s, a.isActionable()},
            });
        }
        reply(ApiResponse::ok(u"Analysis"_s, out));
    };
    routes.add("GET", u"replication-analysis"_s, Access::Read,
        [analysis](const Params &, const ApiRequest &, Reply reply) { analysis({}, std::move(reply)); });
    routes.add("GET", u"replication-analysis/:hint"_s, Access::Read,
        [analysis](const Params &p, const ApiRequest &, Reply reply) { analysis(p.value(u"hint"_s), std::move(reply)); });
}

} // namespace arbor::core
