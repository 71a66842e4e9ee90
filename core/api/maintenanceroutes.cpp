#include "api/routefiles.h"

#include "api/apiinput.h"
#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "util/duration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

void registerMaintenanceRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // --- writes
    routes.add("GET", u"discover/:host/:port"_s, Access::Write, [&routes, &node](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        node.discover(*key, [&routes, reply, key](Result<Instance> result) {
            if (!result) {
                reply(ApiResponse::error(500, u"Cannot discover %1: %2"_s.arg(key->toString(), result.error())));
                return;
            }
            reply(ApiResponse::ok(u"Instance discovered: %1"_s.arg(key->toString()), routes.instanceJson(result.value())));
        });
    });
    routes.add("POST", u"bulk-instances"_s, Access::Write, [&node](const Params &, const ApiRequest &request, Reply reply) {
        // The list GET bulk-instances returns, posted back: discover every server at once.
        const auto keys = ApiInput::instanceList(request.body, node.config().maxBulkInstances);
        if (!keys) {
            reply(RouteParams::badRequest(keys.error()));
            return;
        }
        const int accepted = node.discoverMany(keys.value());
        reply(ApiResponse::ok(u"Discovering %1 instances"_s.arg(accepted),
                              QJsonObject{{u"Submitted"_s, int(keys.value().size())}, {u"Accepted"_s, accepted}}));
    });
    routes.add("GET", u"forget/:host/:port"_s, Access::Write, [&node](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        if (auto r = node.forget(*key); !r) {
            reply(ApiResponse::error(500, u"Cannot forget %1: %2"_s.arg(key->toString(), r.error())));
            return;
        }
        reply(ApiResponse::ok(u"Instance forgotten: %1"_s.arg(key->toString()),
                              QJsonObject{{u"Hostname"_s, key->host()}, {u"Port"_s, key->port()}}));
    });
    auto beginDowntime = [&node](const Params &p, const ApiRequest &request, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        const QString owner = p.value(u"owner"_s, request.query.queryItemValue(u"owner"_s, QUrl::FullyDecoded));
        const QString reason = p.value(u"reason"_s, request.query.queryItemValue(u"reason"_s, QUrl::FullyDecoded));
        QString duration = p.value(u"duration"_s, request.query.queryItemValue(u"duration"_s));
        if (duration.isEmpty())
            duration = u"1h"_s;
        if (owner.isEmpty() || reason.isEmpty()) {
            reply(RouteParams::badRequest(u"a downtime needs an owner and a reason: /api/begin-downtime/HOST/PORT/OWNER/REASON[/DURATION]"_s));
            return;
        }
        const auto secs = Duration::parseSeconds(duration);
        if (!secs) {
            reply(RouteParams::badRequest(secs.error()));
            return;
        }
        if (!node.state().instance(*key)) {
            reply(ApiResponse::error(404, u"Cannot begin a downtime: %1 is not known; discover it first"_s.arg(key->toString())));
            return;
        }
        Downtime d;
        d.key = *key;
        d.owner = owner;
        d.reason = reason;
        d.begin = QDateTime::currentDateTimeUtc();
        d.end = d.begin.addSecs(secs.value());
        if (auto r = node.beginDowntime(d); !r) {
            reply(ApiResponse::error(500, u"Cannot begin a downtime of %1: %2"_s.arg(key->toString(), r.error())));
            return;
        }
        reply(ApiResponse::ok(u"Downtime begun: %1 until %2"_s.arg(key->toString(), RouteParams::stamp(d.end)),
                              QJsonObject{{u"Hostname"_s, key->host()}, {u"Port"_s, key->port()}}));
    };
    routes.add("GET", u"begin-downtime/:host/:port/:owner/:reason"_s, Access::Write, beginDowntime);
    routes.add("GET", u"begin-downtime/:host/:port/:owner/:reason/:duration"_s, Access::Write, beginDowntime);
    routes.add("GET", u"begin-downtime/:host/:port"_s, Access::Write, beginDowntime);
    routes.add("GET", u"end-downtime/:host/:port"_s, Access::Write, [&node](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        if (auto r = node.endDowntime(*key); !r) {
            reply(ApiResponse::error(500, u"Cannot end the downtime of %1: %2"_s.arg(key->toString(), r.error())));
            return;
        }
        reply(ApiResponse::ok(u"Downtime ended: %1"_s.arg(key->toString()),
                              QJsonObject{{u"Hostname"_s, key->host()}, {u"Port"_s, key->port()}}));
    });

}

} // namespace arbor::core
