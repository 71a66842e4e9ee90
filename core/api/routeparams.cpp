#include "api/routeparams.h"

#include "api/apiinput.h"

#include "ha/servicenode.h"
#include "model/topology.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Result<InstanceKey> RouteParams::key(const ApiRoutes::Params &p, const QString &host, const QString &port)
{
    return ApiInput::key(p.value(host), p.value(port));
}

QJsonObject RouteParams::keyJson(const InstanceKey &k)
{
    return QJsonObject{{u"Hostname"_s, k.isValid() ? k.host() : QString()}, {u"Port"_s, k.isValid() ? k.port() : 0}};
}

QString RouteParams::stamp(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : u"0001-01-01T00:00:00Z"_s;
}

QString RouteParams::stampOrEmpty(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QString();
}

std::optional<int> RouteParams::pageOrReply(const QString &text, ApiRoutes::Reply &reply)
{
    auto p = ApiInput::page(text);
    if (!p) {
        reply(badRequest(p.error()));
        return std::nullopt;
    }
    return p.value();
}

std::optional<InstanceKey> RouteParams::keyOrReply(const ApiRoutes::Params &p, ApiRoutes::Reply &reply)
{
    auto k = key(p);
    if (!k) {
        reply(badRequest(k.error()));
        return std::nullopt;
    }
    return k.value();
}

std::optional<Cluster> RouteParams::clusterOrReply(ServiceNode &node, const QString &hint, ApiRoutes::Reply &reply)
{
    auto c = node.state().topology().findCluster(hint);
    if (!c)
        reply(ApiResponse::error(404, u"no known cluster matches \"%1\" (a cluster name, alias or member host:port)"_s.arg(hint)));
    return c;
}

QString RouteParams::backendName(ServiceNode &node)
{
    const auto options = node.config().storeOptions();
    if (!options.ok())
        return {};
    if (options->kind == StoreOptions::Kind::Sqlite)
        return options->path;
    return options->host.contains(u':') ? u"[%1]:%2"_s.arg(options->host).arg(options->port)
                                        : u"%1:%2"_s.arg(options->host).arg(options->port);
}

QSet<InstanceKey> RouteParams::downtimedKeys(ServiceNode &node)
{
    QSet<InstanceKey> out;
    for (auto it = node.state().downtimed().cbegin(); it != node.state().downtimed().cend(); ++it)
        out.insert(it.key());
    return out;
}

} // namespace arbor::core
