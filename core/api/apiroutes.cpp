#include "api/apiroutes.h"

#include "api/maintenancelockroutes.h"
#include "api/operationroutes.h"
#include "api/routefiles.h"
#include "api/recoveryroutes.h"
#include "api/servicerecovery.h"
#include "api/tagroutes.h"
#include "ha/servicenode.h"
#include "model/gtiderrant.h"
#include "model/instancejson.h"

#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {


ApiRoutes::ApiRoutes(ServiceNode &node, ServiceRecovery *recovery) : m_node(node), m_recovery(recovery)
{
    configure(node.config());
    registerHealthRoutes(*this, node);
    registerInstanceRoutes(*this, node);
    registerMaintenanceRoutes(*this, node);
    registerMetricsRoutes(*this, node);
    registerAnalysisRoutes(*this, node);
    registerAuditRoutes(*this, node);
    registerHistoryRoutes(*this, node);
    m_operations = std::make_unique<OperationRoutes>(*this, node);
    m_recoveryRoutes = std::make_unique<RecoveryRoutes>(*this, node, recovery);
    registerInventoryRoutes(*this, node);
    registerLeadershipRoutes(*this, node);
    m_maintenanceLocks = std::make_unique<MaintenanceLockRoutes>(*this, node);
    m_tagRoutes = std::make_unique<TagRoutes>(*this, node);
    registerUnsupportedRoutes(*this);
    registerWebStatusRoutes(*this, node);
}

ApiRoutes::~ApiRoutes() = default;

QJsonObject ApiRoutes::instanceJson(const Instance &instance) const
{
    const Topology &topology = m_node.state().topology();
    QJsonObject o = InstanceJson::toJson(instance);
    const QString cluster = topology.clusterNameOf(instance.key);
    o.insert(u"ClusterName"_s, cluster);
    const auto c = topology.findCluster(cluster);
    o.insert(u"SuggestedClusterAlias"_s, c ? c->alias : QString());
    o.insert(u"ReplicationDepth"_s, topology.depthOf(instance.key));
    const auto downtime = m_node.state().downtimed().constFind(instance.key);
    o.insert(u"IsDowntimed"_s, downtime != m_node.state().downtimed().cend());
    o.insert(u"DowntimeReason"_s, downtime != m_node.state().downtimed().cend() ? *downtime : QString());
    const Instance *source = instance.isReplica() ? topology.instance(instance.sourceKey()) : nullptr;
    o.insert(u"GtidErrant"_s, source ? GtidErrant::of(instance, *source) : QString());
    return o;
}

void ApiRoutes::configure(const ServiceConfig &config)
{
    m_auth.configure(config);
    m_readOnly = config.readOnly;
    m_urlPrefix = config.urlPrefix;
    m_statusEndpoint = config.statusEndpoint;
}

QStringList ApiRoutes::patterns() const
{
    QStringList out;
    for (const Route &r : m_routes)
        out.append(QString::fromLatin1(r.method) + u' ' + r.pattern.join(u'/'));
    return out;
}

void ApiRoutes::add(const QByteArray &method, const QString &pattern, Access access, Action action)
{
    m_routes.append({method, pattern.split(u'/', Qt::SkipEmptyParts), access, std::move(action)});
}

void ApiRoutes::handle(ApiRequest request, Reply reply)
{
    // orchestrator's URLPrefix (behind a proxy at /orchestrator/api/...): the API and the status page
    // live under the prefix only, as orchestrator registers them. StatusEndpoint (a load balancer's health
    // path) is outside it, as in orchestrator, and /metrics answers at both (a scraper asks the node).
    if (!m_urlPrefix.isEmpty()) {
        if (request.path == m_urlPrefix || request.path.startsWith(m_urlPrefix + u'/')) {
            request.path = request.path.mid(m_urlPrefix.size());
        } else if (request.path != u"/metrics"_s && request.path != m_statusEndpoint) {
            reply(ApiResponse::error(404, u"no such path: %1 (URLPrefix is set: this node serves its API under %2/api/ "
                                          "and its status page at %2/web/status)"_s.arg(request.path, m_urlPrefix)));
            return;
        }
    }
    if (!m_statusEndpoint.isEmpty() && request.path == m_statusEndpoint)
        request.path = u"/api/status"_s;
    QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    const bool metrics = segments == QStringList{u"metrics"_s};
    const bool web = !segments.isEmpty() && segments.first() == u"web"_s; // the status page, routed as "web/..."
    if (!metrics && !web && (segments.isEmpty() || segments.first() != u"api"_s)) {
        reply(ApiResponse::error(404, u"no such path: %1 (the API lives under /api/, metrics at /metrics, the status page at "
                                      "/web/status)"_s.arg(request.path)));
        return;
    }
    if (!metrics && !web)
        segments.removeFirst();

    const Route *match = nullptr;
    Params params;
    bool pathKnown = false;
    for (const Route &route : std::as_const(m_routes)) {
        if (route.pattern.size() != segments.size())
            continue;
        Params p;
        bool ok = true;
        for (qsizetype i = 0; i < segments.size() && ok; ++i) {
            const QString &part = route.pattern.at(i);
            if (part.startsWith(u':'))
                p.insert(part.mid(1), segments.at(i));
            else
                ok = part == segments.at(i);
        }
        if (!ok)
            continue;
        pathKnown = true;
        if (route.method == request.method || (route.method == "GET" && request.method == "HEAD")) {
            match = &route;
            params = p;
            break;
        }
    }
    if (!match) {
        if (pathKnown)
            reply(ApiResponse::error(405, u"%1 is not allowed on %2"_s.arg(QString::fromLatin1(request.method), request.path)));
        else
            reply(ApiResponse::error(404, u"no such API endpoint: %1"_s.arg(request.path)));
        return;
    }

    if (match->access == Access::Write) {
        if (const QString why = crossSiteRefusal(request); !why.isEmpty()) {
            reply(ApiResponse::error(403, why));
            return;
        }
    }
    if (match->access == Access::Public) {
        match->action(params, request, std::move(reply));
        return;
    }
    // The password check may finish later, on the event loop: the route is found again by its index
    // (routes are only added at construction).
    const qsizetype index = match - m_routes.constData();
    m_auth.authenticate(std::move(request), [this, index, params, reply = std::move(reply)](const ApiAuth::Outcome &auth,
                                                                                          ApiRequest authed) mutable {
        if (!auth.ok) {
            ApiResponse r = ApiResponse::error(auth.status, auth.message);
            if (auth.status == 401)
                r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"arbor\"")));
            if (auth.retryAfterSeconds > 0)
                r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(auth.retryAfterSeconds)));
            reply(r);
            return;
        }
        authorized(m_routes.at(index), params, std::move(authed), std::move(reply));
    });
}

QString ApiRoutes::crossSiteRefusal(const ApiRequest &request)
{
    // A browser sends these on its own; scripts and orchestrator-client do not. A page on another
    // site could otherwise make a signed-in operator's browser run writes by GET (which
    // orchestrator-client needs, so writes cannot simply require POST).
    if (request.headers.value("sec-fetch-site").trimmed().toLower() == "cross-site")
        return u"cross-site request refused: a page on another site asked this browser to change something "
               "(Sec-Fetch-Site: cross-site); call the API directly or from its own origin"_s;
    if (!request.headers.contains("origin"))
        return {};
    const QByteArray origin = request.headers.value("origin").trimmed();
    const QUrl url(QString::fromLatin1(origin));
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == u"https"_s ? 443 : 80;
    auto refusal = [&origin] {
        return u"cross-site request refused: the Origin %1 is not this API's own address (the Host header); "
               "writes are not taken from pages of other sites"_s.arg(QString::fromLatin1(origin));
    };
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s))
        return refusal(); // "null" (sandboxed frames, file: pages) and anything unparseable
    const QUrl host(u"%1://%2"_s.arg(scheme, QString::fromLatin1(request.headers.value("host").trimmed())));
    if (!host.isValid() || host.host().isEmpty() || host.host().compare(url.host(), Qt::CaseInsensitive) != 0
        || host.port(defaultPort) != url.port(defaultPort))
        return refusal();
    return {};
}

void ApiRoutes::authorized(const Route &route, const Params &params, ApiRequest request, Reply reply)
{
    if (route.access == Access::Write) {
        if (request.anonymous && request.role != ServiceConfig::Role::Operator) {
            ApiResponse r = ApiResponse::error(
                401, u"authentication required: %1 changes something, and anonymous callers may only read (list users "
                     "under api.users, or set api.anonymous to \"operator\" to allow anyone)"_s.arg(request.path));
            r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"arbor\"")));
            reply(r);
            return;
        }
        if (m_readOnly) {
            reply(ApiResponse::error(403, u"this Arbor service is read-only (api.readOnly): writes are refused"_s));
            return;
        }
        if (request.role != ServiceConfig::Role::Operator) {
            reply(ApiResponse::error(403, u"user %1 is read-only: %2 needs an operator"_s.arg(request.user, request.path)));
            return;
        }
        if (!m_node.isActive()) {
            const ElectionState &e = m_node.election();
            const QString where = e.activeNodeName.isEmpty()
                                      ? u"no node is active right now; retry in a few seconds"_s
                                      : u"send it to the active node %1 at %2"_s.arg(e.activeNodeName, e.activeApiUrl);
            ApiResponse r = ApiResponse::error(
                503, u"node %1 is not the active node, so it does not take writes: %2"_s.arg(m_node.nodeName(), where),
                QJsonObject{{u"ActiveNode"_s, e.activeNodeName}, {u"ActiveNodeURL"_s, e.activeApiUrl}});
            if (!e.activeApiUrl.isEmpty())
                r.headers.append(qMakePair(QByteArray("X-Arbor-Active-Node"), e.activeApiUrl.toUtf8()));
            reply(r);
            return;
        }
    }
    route.action(params, request, std::move(reply));
}

} // namespace arbor::core
