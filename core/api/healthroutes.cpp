#include "api/routefiles.h"

#include "api/routeparams.h"
#include "ha/servicenode.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

void registerHealthRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // --- health, for load balancers and people
    auto leaderCheck = [&node](const Params &p, const ApiRequest &, Reply reply) {
        if (node.isActive()) {
            reply(ApiResponse::json(u"OK"_s));
            return;
        }
        bool ok = false;
        int code = p.value(u"code"_s).toInt(&ok);
        if (!ok || code < 200 || code > 599)
            code = 404;
        reply(ApiResponse::json(u"Not leader"_s, code));
    };
    routes.add("GET", u"leader-check"_s, Access::Public, leaderCheck);
    routes.add("GET", u"leader-check/:code"_s, Access::Public, leaderCheck);
    routes.add("GET", u"lb-check"_s, Access::Public, [](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::json(u"OK"_s));
    });
    routes.add("GET", u"_ping"_s, Access::Public, [](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::json(u"OK"_s));
    });
    auto health = [&node](const Params &, const ApiRequest &, Reply reply) {
        const ElectionState &e = node.election();
        // Every node shares the backend, so this node's is the active node's; the version is what the
        // active node wrote into its node_health row.
        const QString backend = RouteParams::backendName(node);
        QString activeVersion;
        for (const NodeHealth &n : e.nodes) {
            if (n.nodeName == e.activeNodeName)
                activeVersion = n.appVersion;
        }
        auto nodeJson = [backend](const NodeHealth &n) {
            return QJsonObject{{u"Hostname"_s, n.nodeName},
                               {u"Token"_s, n.token},
                               {u"AppVersion"_s, n.appVersion},
                               {u"FirstSeenActive"_s, RouteParams::stamp(n.startedAt)},
                               {u"LastSeenActive"_s, RouteParams::stamp(n.lastSeen)},
                               {u"ExtraInfo"_s, n.status},
                               {u"Command"_s, u""_s},
                               {u"DBBackend"_s, backend},
                               {u"LastReported"_s, RouteParams::stamp(n.lastSeen)},
                               {u"Role"_s, n.role},
                               {u"ApiURL"_s, n.apiUrl},
                               {u"Host"_s, n.hostname},
                               {u"Available"_s, n.available}};
        };
        QJsonArray available;
        QJsonArray all;
        for (const NodeHealth &n : e.nodes) {
            all.append(nodeJson(n));
            if (n.available && n.role != u"stopped"_s)
                available.append(nodeJson(n));
        }
        const bool healthy = e.backendOk;
        QJsonObject details{
            {u"Healthy"_s, healthy},
            {u"Hostname"_s, node.nodeName()},
            {u"Token"_s, node.token()},
            {u"IsActiveNode"_s, node.isActive()},
            {u"ActiveNode"_s, QJsonObject{{u"Hostname"_s, e.activeNodeName},
                                           {u"Token"_s, e.activeToken},
                                           {u"AppVersion"_s, activeVersion},
                                           {u"FirstSeenActive"_s, RouteParams::stamp(e.firstSeenActive)},
                                           {u"LastSeenActive"_s, RouteParams::stamp(e.lastSeenActive)},
                                           {u"ExtraInfo"_s, u""_s},
                                           {u"Command"_s, u""_s},
                                           {u"DBBackend"_s, e.activeNodeName.isEmpty() ? QString() : backend},
                                           {u"LastReported"_s, RouteParams::stamp(e.lastSeenActive)},
                                           {u"ApiURL"_s, e.activeApiUrl}}},
            {u"Error"_s, healthy ? QJsonValue(QJsonValue::Null) : QJsonValue(e.backendError)},
            {u"AvailableNodes"_s, available},
            {u"RaftLeader"_s, u""_s},
            {u"IsRaftLeader"_s, false},
            {u"RaftLeaderURI"_s, u""_s},
            {u"RaftAdvertise"_s, u""_s},
            {u"RaftHealthyMembers"_s, QJsonValue::Null},
            // Arbor's own: what the desktop's status view shows.
            {u"Nodes"_s, all},
            {u"IsPolling"_s, node.isPolling()},
            {u"Status"_s, node.status()},
            {u"Version"_s, QStringLiteral(ARBOR_VERSION)},
            {u"StartedAt"_s, RouteParams::stamp(node.startedAt())},
            {u"BackendOk"_s, e.backendOk},
        };
        QJsonObject body{{u"Code"_s, healthy ? u"OK"_s : u"ERROR"_s},
                         {u"Message"_s, healthy ? u"Application node is healthy"_s
                                                : u"Application node is unhealthy: %1"_s.arg(e.backendError)},
                         {u"Details"_s, details}};
        reply(ApiResponse::json(body, healthy ? 200 : 500));
    };
    routes.add("GET", u"health"_s, Access::Read, health);
    routes.add("GET", u"status"_s, Access::Read, health);

}

} // namespace arbor::core
