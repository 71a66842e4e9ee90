#include "api/routefiles.h"

#include "api/apiroutes.h"
#include "api/routeparams.h"
#include "ha/servicenode.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {
const QString kNoRaft = u"Arbor's election is a lease in the shared backend, not raft"_s;
} // namespace

void registerLeadershipRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // orchestrator-client asks routed-leader-check when no listed node answers leader-check: any
    // node can tell where the active node is, so this answers as leader-check does.
    routes.add("GET", u"routed-leader-check"_s, Access::Public, [&node](const Params &, const ApiRequest &, Reply reply) {
        if (node.isActive())
            reply(ApiResponse::json(u"OK"_s));
        else
            reply(ApiResponse::json(u"Not leader"_s, 404));
    });
    routes.add("GET", u"raft-state"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        // orchestrator-client checks for the word "Leader" here before it asks raft-leader.
        reply(ApiResponse::json(node.isActive() ? u"Leader"_s : u"Follower"_s));
    });
    routes.add("GET", u"raft-leader"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        const ElectionState &e = node.election();
        if (e.activeNodeName.isEmpty()) {
            reply(ApiResponse::error(503, u"no node holds the lease right now (%1)"_s.arg(kNoRaft)));
            return;
        }
        reply(ApiResponse::json(u"%1 (the active node; %2)"_s.arg(e.activeNodeName, kNoRaft)));
    });
    routes.add("GET", u"raft-health"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        if (!node.backendOk()) {
            reply(ApiResponse::error(500, u"unhealthy: the backend does not answer (%1)"_s.arg(kNoRaft)));
            return;
        }
        reply(ApiResponse::json(u"healthy (the backend answers; %1)"_s.arg(kNoRaft)));
    });
    routes.add("GET", u"raft-peers"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        QJsonArray out;
        for (const NodeHealth &n : node.election().nodes)
            out.append(n.apiUrl.isEmpty() ? n.nodeName : n.apiUrl);
        reply(ApiResponse::json(out));
    });
    auto refuse = [](const Params &, const ApiRequest &request, Reply reply) {
        reply(ApiResponse::error(501, u"%1 is not supported: %2; the active node keeps the lease until it stops or loses "
                                      "the backend (stop it to hand over)"_s.arg(request.path, kNoRaft)));
    };
    for (const QString &pattern : {u"raft-yield/:node"_s, u"raft-yield-hint/:hint"_s, u"raft-add-peer/:addr"_s,
                                   u"raft-remove-peer/:addr"_s, u"raft-snapshot"_s})
        routes.add("GET", pattern, Access::Read, refuse);
}

} // namespace arbor::core
