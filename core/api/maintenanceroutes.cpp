#include "api/routefiles.h"

#include "api/apiinput.h"
#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "store/store.h"
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
    routes.add("GET", u"async-discover/:host/:port"_s, Access::Write, [&node](const Params &p, const ApiRequest &, Reply reply) {
        // Answers at once; the probe's outcome shows in instance/HOST/PORT and the log.
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        node.discover(*key, [](Result<Instance>) {});
        reply(ApiResponse::ok(u"Asynchronous discovery initiated for Instance: %1"_s.arg(key->toString()),
                              QJsonObject{{u"Key"_s, RouteParams::keyJson(*key)}}));
    });
    routes.add("GET", u"forget-cluster/:hint"_s, Access::Write, [&node](const Params &p, const ApiRequest &, Reply reply) {
        const auto c = RouteParams::clusterOrReply(node, p.value(u"hint"_s), reply);
        if (!c)
            return;
        QJsonArray forgotten;
        for (const InstanceKey &k : c->members) {
            if (auto r = node.forget(k); !r) {
                reply(ApiResponse::error(500, u"Cannot forget cluster %1: %2 (forgotten so far: %3)"_s.arg(
                                                  c->name, r.error()).arg(forgotten.size())));
                return;
            }
            forgotten.append(RouteParams::keyJson(k));
        }
        reply(ApiResponse::ok(u"Cluster forgotten: %1"_s.arg(c->name), forgotten));
    });
    routes.add("GET", u"snapshot-topologies"_s, Access::Write, [&node](const Params &, const ApiRequest &, Reply reply) {
        // Arbor keeps every server's latest facts in the backend (and lag history beside them); a
        // snapshot writes what this node knows now, so the backend matches memory at this instant.
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, u"Cannot snapshot topologies: %1"_s.arg(store.error())));
            return;
        }
        const QList<Instance> instances = node.state().instances();
        if (auto w = store.value()->writeInstances(instances); !w.ok()) {
            reply(ApiResponse::error(500, u"Cannot snapshot topologies: %1"_s.arg(w.error())));
            return;
        }
        reply(ApiResponse::ok(u"Topology Snapshot completed"_s,
                              u"%1 instances of %2 clusters written to the backend"_s.arg(instances.size()).arg(
                                  node.state().topology().clusters().size())));
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
