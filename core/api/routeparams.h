#pragma once

#include "api/apiresponse.h"
#include "api/apiroutes.h"
#include "model/instancekey.h"
#include "util/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSet>

#include <optional>

namespace arbor::core {

struct Cluster;
class ServiceNode;

// Short names for the route files (`using namespace route;`).
namespace route {
using Params = ApiRoutes::Params;
using Reply = ApiRoutes::Reply;
using Access = ApiRoutes::Access;
} // namespace route

// What every route file reads from a path and writes into a body the same way: instance keys from
// :host/:port segments, keys as orchestrator's {Hostname, Port}, timestamps, the 400 answer.
class RouteParams
{
public:
    // The key in the segments named @p host and @p port ("host"/"port" in most routes).
    static Result<InstanceKey> key(const ApiRoutes::Params &p, const QString &host = QStringLiteral("host"),
                                   const QString &port = QStringLiteral("port"));
    // {Hostname, Port}; an invalid key gives {"", 0}.
    static QJsonObject keyJson(const InstanceKey &k);
    // UTC ISO 8601; an invalid time is orchestrator's zero time 0001-01-01T00:00:00Z.
    static QString stamp(const QDateTime &t);
    // UTC ISO 8601; an invalid time is the empty string (recovery records).
    static QString stampOrEmpty(const QDateTime &t);
    static ApiResponse badRequest(const QString &why) { return ApiResponse::error(400, why); }

    // The page in @p text (ApiInput::page: 0 to 100000), or nullopt after replying 400.
    static std::optional<int> pageOrReply(const QString &text, ApiRoutes::Reply &reply);

    // The key of :host/:port, or nullopt after replying 400 with the reason.
    static std::optional<InstanceKey> keyOrReply(const ApiRoutes::Params &p, ApiRoutes::Reply &reply);
    // The cluster a name, alias or member host:port names, or nullopt after replying 404.
    static std::optional<Cluster> clusterOrReply(ServiceNode &node, const QString &hint, ApiRoutes::Reply &reply);
    // orchestrator's DBBackend: the backend's host:port, or the SQLite file (never a user or password).
    static QString backendName(ServiceNode &node);
    // The servers in downtime now, for the analysis and the topology text.
    static QSet<InstanceKey> downtimedKeys(ServiceNode &node);
};

} // namespace arbor::core
