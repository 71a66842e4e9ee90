#include "api/routefiles.h"

#include "api/apiinput.h"
#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "history/lagpointjson.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {
constexpr int kDefaultSeconds = 300;
constexpr int kMaxSeconds = int(LagHistory::kMinutesKeepMs / 1000);
// Per server and answer: every poll of an hour at 1 s, or a day's minutes; older points are merged
// (the worst of each bucket), as the charts draw them.
constexpr int kMaxPoints = 3600;

// The ?seconds window, or nullopt after replying 400.
std::optional<int> windowOrReply(const ApiRequest &request, Reply &reply)
{
    if (!request.query.hasQueryItem(u"seconds"_s))
        return kDefaultSeconds;
    auto s = ApiInput::seconds(request.query.queryItemValue(u"seconds"_s, QUrl::FullyDecoded), kMaxSeconds, u"seconds"_s);
    if (!s.ok()) {
        reply(RouteParams::badRequest(s.error()));
        return std::nullopt;
    }
    return s.value();
}

QJsonObject serverHistory(ServiceNode &node, const InstanceKey &key, int seconds)
{
    const LagHistory &history = node.lagHistory();
    const qint64 now = history.now();
    QJsonObject o = RouteParams::keyJson(key);
    o.insert(u"Points"_s, LagPointJson::toJson(history.series(key, now - qint64(seconds) * 1000, now, kMaxPoints)));
    return o;
}
} // namespace

void registerHistoryRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // The cluster form first: "cluster" would otherwise be taken for a host.
    routes.add("GET", u"arbor/lag-history/cluster/:clusterHint"_s, Access::Read, [&node](const Params &p, const ApiRequest &r, Reply reply) {
        const auto seconds = windowOrReply(r, reply);
        if (!seconds)
            return;
        const auto cluster = RouteParams::clusterOrReply(node, p.value(u"clusterHint"_s), reply);
        if (!cluster)
            return;
        QJsonArray servers;
        for (const InstanceKey &k : cluster->members)
            servers.append(serverHistory(node, k, *seconds));
        reply(ApiResponse::json(QJsonObject{{u"ClusterName"_s, cluster->name},
                                            {u"Seconds"_s, *seconds},
                                            {u"Polling"_s, node.isPolling()},
                                            {u"Servers"_s, servers}}));
    });
    routes.add("GET", u"arbor/lag-history/:host/:port"_s, Access::Read, [&node](const Params &p, const ApiRequest &r, Reply reply) {
        const auto seconds = windowOrReply(r, reply);
        if (!seconds)
            return;
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        if (!node.state().topology().instance(*key)) {
            reply(ApiResponse::error(404, u"%1 is not a known server"_s.arg(key->toString())));
            return;
        }
        QJsonObject o = serverHistory(node, *key, *seconds);
        o.insert(u"Seconds"_s, *seconds);
        o.insert(u"Polling"_s, node.isPolling());
        reply(ApiResponse::json(o));
    });
}

} // namespace arbor::core
