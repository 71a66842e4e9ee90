#include "api/routefiles.h"

#include "api/apiroutes.h"
#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "model/topologytext.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {

QList<Instance> sorted(QList<Instance> instances)
{
    std::sort(instances.begin(), instances.end(), [](const Instance &a, const Instance &b) { return a.key < b.key; });
    return instances;
}

QJsonArray toArray(ApiRoutes &routes, const QList<Instance> &instances)
{
    QJsonArray out;
    for (const Instance &i : instances)
        out.append(routes.instanceJson(i));
    return out;
}

// orchestrator's ReadClusterMaster: the top of the tree, and only while it takes writes (a read-only
// top is no master to send writes to, so scripts asking "where do I write" get an error).
std::optional<Instance> writableMaster(ServiceNode &node, const Cluster &cluster)
{
    const Instance *m = node.state().topology().instance(cluster.master);
    if (!m || m->readOnly)
        return std::nullopt;
    return *m;
}

bool usable(ServiceNode &node, const Instance &i)
{
    return i.lastCheckValid && !node.state().downtimed().contains(i.key);
}

// orchestrator's GetClusterOSCReplicas, the replicas a pt-online-schema-change should watch for lag:
// up to two intermediate masters and one replica below each, then up to two direct replicas of the
// master without replicas of their own. Unreachable and downtimed servers are left out.
QList<Instance> oscReplicas(ServiceNode &node, const Cluster &cluster)
{
    const Topology &t = node.state().topology();
    QList<Instance> out;
    auto add = [&](const InstanceKey &k) {
        const Instance *i = t.instance(k);
        if (i && usable(node, *i) && std::none_of(out.cbegin(), out.cend(), [&](const Instance &o) { return o.key == k; }))
            out << *i;
    };
    QList<InstanceKey> direct = t.childrenOf(cluster.master);
    std::sort(direct.begin(), direct.end());
    int intermediates = 0;
    int leaves = 0;
    for (const InstanceKey &k : std::as_const(direct)) {
        const QList<InstanceKey> below = t.childrenOf(k);
        if (!below.isEmpty() && intermediates < 2) {
            ++intermediates;
            add(k);
            add(*std::min_element(below.cbegin(), below.cend()));
        }
    }
    for (const InstanceKey &k : std::as_const(direct)) {
        if (t.childrenOf(k).isEmpty() && leaves < 2) {
            ++leaves;
            add(k);
        }
    }
    return out;
}
} // namespace

void registerInventoryRoutes(ApiRoutes &routes, ServiceNode &node)
{
    routes.add("GET", u"instance-replicas/:host/:port"_s, Access::Read,
               [&routes, &node](const Params &p, const ApiRequest &, Reply reply) {
                   const auto key = RouteParams::keyOrReply(p, reply);
                   if (!key)
                       return;
                   if (!node.state().instance(*key)) {
                       reply(ApiResponse::error(404, u"Cannot read instance: %1 is not known; discover it first"_s.arg(key->toString())));
                       return;
                   }
                   QList<Instance> replicas;
                   for (const Instance &i : node.state().instances()) {
                       if (i.isReplica() && i.sourceKey() == *key)
                           replicas << i;
                   }
                   reply(ApiResponse::json(toArray(routes, sorted(replicas))));
               });
    routes.add("GET", u"master/:hint"_s, Access::Read, [&routes, &node](const Params &p, const ApiRequest &, Reply reply) {
        const auto c = RouteParams::clusterOrReply(node, p.value(u"hint"_s), reply);
        if (!c)
            return;
        const auto m = writableMaster(node, *c);
        if (!m) {
            reply(ApiResponse::error(404, u"No masters found for %1: its top server %2 is read-only or unknown"_s.arg(
                                              c->name, c->master.toString())));
            return;
        }
        reply(ApiResponse::json(routes.instanceJson(*m)));
    });
    routes.add("GET", u"masters"_s, Access::Read, [&routes, &node](const Params &, const ApiRequest &, Reply reply) {
        QList<Instance> masters;
        for (const Cluster &c : node.state().topology().clusters()) {
            if (const auto m = writableMaster(node, c))
                masters << *m;
        }
        reply(ApiResponse::json(toArray(routes, sorted(masters))));
    });
    routes.add("GET", u"all-instances"_s, Access::Read, [&routes, &node](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::json(toArray(routes, sorted(node.state().instances()))));
    });
    auto downtimed = [&routes, &node](const Params &p, const ApiRequest &, Reply reply) {
        std::optional<Cluster> cluster;
        if (p.contains(u"hint"_s)) {
            cluster = RouteParams::clusterOrReply(node, p.value(u"hint"_s), reply);
            if (!cluster)
                return;
        }
        QList<Instance> out;
        for (const Instance &i : node.state().instances()) {
            if (node.state().downtimed().contains(i.key) && (!cluster || cluster->members.contains(i.key)))
                out << i;
        }
        reply(ApiResponse::json(toArray(routes, sorted(out))));
    };
    routes.add("GET", u"downtimed"_s, Access::Read, downtimed);
    routes.add("GET", u"downtimed/:hint"_s, Access::Read, downtimed);
    for (const QString &name : {u"cluster-osc-replicas"_s, u"cluster-osc-slaves"_s}) {
        routes.add("GET", name + u"/:hint"_s, Access::Read, [&routes, &node](const Params &p, const ApiRequest &, Reply reply) {
            if (const auto c = RouteParams::clusterOrReply(node, p.value(u"hint"_s), reply))
                reply(ApiResponse::json(toArray(routes, oscReplicas(node, *c))));
        });
    }
    auto tabulated = [&node](const QString &hint, Reply reply) {
        const auto c = RouteParams::clusterOrReply(node, hint, reply);
        if (!c)
            return;
        reply(ApiResponse::ok(u"Topology for cluster %1"_s.arg(c->name),
                              TopologyText::renderTabulated(node.state().topology(), *c, RouteParams::downtimedKeys(node))));
    };
    routes.add("GET", u"topology-tabulated/:hint"_s, Access::Read,
               [tabulated](const Params &p, const ApiRequest &, Reply reply) { tabulated(p.value(u"hint"_s), std::move(reply)); });
    routes.add("GET", u"topology-tabulated/:host/:port"_s, Access::Read, [tabulated](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto key = RouteParams::keyOrReply(p, reply))
            tabulated(key->toString(), std::move(reply));
    });
}

} // namespace arbor::core
