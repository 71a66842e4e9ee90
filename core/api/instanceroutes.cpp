#include "api/routefiles.h"

#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "model/topologytext.h"
#include "core/recovery/clusterfilter.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {

QJsonArray clusterInstances(ApiRoutes &routes, ServiceNode &node, const Cluster &cluster)
{
    QJsonArray out;
    const Topology &topology = node.state().topology();
    for (const InstanceKey &k : cluster.members) {
        if (const Instance *i = topology.instance(k))
            out.append(routes.instanceJson(*i));
    }
    return out;
}

QJsonObject clusterInfo(ServiceNode &node, const Cluster &cluster)
{
    const RecoveryConfig &recovery = node.config().recovery;
    qint64 lag = 0;
    const Topology &topology = node.state().topology();
    for (const InstanceKey &k : cluster.members) {
        if (const Instance *i = topology.instance(k))
            lag = std::max(lag, i->lagSeconds().value_or(0));
    }
    return QJsonObject{{u"ClusterName"_s, cluster.name},
                       {u"ClusterAlias"_s, cluster.alias.isEmpty() ? cluster.name : cluster.alias},
                       {u"ClusterDomain"_s, u""_s},
                       {u"CountInstances"_s, int(cluster.members.size())},
                       {u"HeuristicLag"_s, lag},
                       {u"HasAutomatedMasterRecovery"_s,
                        recovery.automatic
                            && ClusterFilter::matches(recovery.options.recoverMasterClusterFilters, cluster.name, cluster.alias)},
                       {u"HasAutomatedIntermediateMasterRecovery"_s,
                        recovery.automatic
                            && ClusterFilter::matches(recovery.options.recoverIntermediateMasterClusterFilters,
                                                      cluster.name, cluster.alias)}};
}
} // namespace

void registerInstanceRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // --- instances and clusters
    routes.add("GET", u"instance/:host/:port"_s, Access::Read, [&routes, &node](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        const auto i = node.state().instance(*key);
        if (!i) {
            reply(ApiResponse::error(404, u"Cannot read instance: %1 is not known; discover it first"_s.arg(key->toString())));
            return;
        }
        reply(ApiResponse::json(routes.instanceJson(*i)));
    });
    routes.add("GET", u"clusters"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        QJsonArray out;
        for (const Cluster &c : node.state().topology().clusters())
            out.append(c.name);
        reply(ApiResponse::json(out));
    });
    routes.add("GET", u"clusters-info"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        QJsonArray out;
        for (const Cluster &c : node.state().topology().clusters())
            out.append(clusterInfo(node, c));
        reply(ApiResponse::json(out));
    });
    auto cluster = [&routes, &node](const QString &hint, Reply reply) {
        if (const auto c = RouteParams::clusterOrReply(node, hint, reply))
            reply(ApiResponse::json(clusterInstances(routes, node, *c)));
    };
    routes.add("GET", u"cluster/:hint"_s, Access::Read,
        [cluster](const Params &p, const ApiRequest &, Reply reply) { cluster(p.value(u"hint"_s), std::move(reply)); });
    routes.add("GET", u"cluster/alias/:alias"_s, Access::Read,
        [cluster](const Params &p, const ApiRequest &, Reply reply) { cluster(p.value(u"alias"_s), std::move(reply)); });
    routes.add("GET", u"cluster/instance/:host/:port"_s, Access::Read, [cluster](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto key = RouteParams::keyOrReply(p, reply))
            cluster(key->toString(), std::move(reply));
    });
    routes.add("GET", u"cluster-info/:hint"_s, Access::Read, [&node](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto c = RouteParams::clusterOrReply(node, p.value(u"hint"_s), reply))
            reply(ApiResponse::json(clusterInfo(node, *c)));
    });
    routes.add("GET", u"cluster-info/alias/:alias"_s, Access::Read, [&node](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto c = RouteParams::clusterOrReply(node, p.value(u"alias"_s), reply))
            reply(ApiResponse::json(clusterInfo(node, *c)));
    });
    auto topology = [&node](const QString &hint, Reply reply) {
        const auto c = RouteParams::clusterOrReply(node, hint, reply);
        if (!c)
            return;
        reply(ApiResponse::ok(u""_s, TopologyText::render(node.state().topology(), *c, RouteParams::downtimedKeys(node))));
    };
    routes.add("GET", u"topology/:hint"_s, Access::Read,
        [topology](const Params &p, const ApiRequest &, Reply reply) { topology(p.value(u"hint"_s), std::move(reply)); });
    routes.add("GET", u"topology/:host/:port"_s, Access::Read, [topology](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto key = RouteParams::keyOrReply(p, reply))
            topology(key->toString(), std::move(reply));
    });
    routes.add("GET", u"bulk-instances"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        QList<InstanceKey> keys;
        for (const Instance &i : node.state().instances())
            keys.append(i.key);
        std::sort(keys.begin(), keys.end());
        QJsonArray out;
        for (const InstanceKey &k : keys)
            out.append(QJsonObject{{u"Hostname"_s, k.host()}, {u"Port"_s, k.port()}});
        reply(ApiResponse::json(out));
    });

}

} // namespace arbor::core
