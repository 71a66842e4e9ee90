#include "api/apiroutes.h"

#include "analysis/analyzer.h"
#include "api/operationroutes.h"
#include "api/recoveryroutes.h"
#include "api/servicerecovery.h"
#include "ha/servicenode.h"
#include "metrics/prometheustext.h"
#include "model/instancejson.h"
#include "model/topologytext.h"
#include "recovery/clusterfilter.h"
#include "store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

QString stamp(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : u"0001-01-01T00:00:00Z"_s;
}

Result<InstanceKey> keyFrom(const QHash<QString, QString> &p)
{
    bool ok = false;
    const int port = p.value(u"port"_s).toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return Result<InstanceKey>::failure(u"the port \"%1\" is not a number from 1 to 65535"_s.arg(p.value(u"port"_s)));
    return InstanceKey::parse(u"%1:%2"_s.arg(p.value(u"host"_s)).arg(port));
}

ApiResponse badRequest(const QString &why)
{
    return ApiResponse::error(400, why);
}

// "2h", "30m", "45s", "1d" or plain seconds; 0 on a malformed value.
qint64 parseDurationSeconds(const QString &text)
{
    static const QRegularExpression re(u"^(\\d{1,7})([smhd]?)$"_s);
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return 0;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    if (unit == u"m"_s)
        return n * 60;
    if (unit == u"h"_s)
        return n * 3600;
    if (unit == u"d"_s)
        return n * 86400;
    return n;
}

} // namespace

ApiRoutes::ApiRoutes(ServiceNode &node, ServiceRecovery *recovery) : m_node(node), m_recovery(recovery)
{
    configure(node.config());
    registerRoutes();
    registerOperationRoutes();
    m_operations = std::make_unique<OperationRoutes>(*this, node);
    m_recoveryRoutes = std::make_unique<RecoveryRoutes>(*this, node, recovery);
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
    // orchestrator's URLPrefix (behind a proxy at /orchestrator/api/...) and StatusEndpoint (a load
    // balancer's health path): both lead to the same routes as the plain paths.
    if (!m_urlPrefix.isEmpty() && (request.path == m_urlPrefix || request.path.startsWith(m_urlPrefix + u'/')))
        request.path = request.path.mid(m_urlPrefix.size());
    if (!m_statusEndpoint.isEmpty() && request.path == m_statusEndpoint)
        request.path = u"/api/status"_s;
    QStringList segments = request.path.split(u'/', Qt::SkipEmptyParts);
    const bool metrics = segments == QStringList{u"metrics"_s};
    if (!metrics && (segments.isEmpty() || segments.first() != u"api"_s)) {
        reply(ApiResponse::error(404, u"no such path: %1 (the API lives under /api/, metrics at /metrics)"_s.arg(request.path)));
        return;
    }
    if (!metrics)
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

    if (match->access != Access::Public) {
        const ApiAuth::Outcome auth = m_auth.authenticate(request);
        if (!auth.ok) {
            ApiResponse r = ApiResponse::error(auth.status, auth.message);
            r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"arbor\"")));
            reply(r);
            return;
        }
    }
    if (match->access == Access::Write) {
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
    match->action(params, request, std::move(reply));
}

void ApiRoutes::registerRoutes()
{
    ServiceNode &node = m_node;

    auto instanceJson = [this](const Instance &instance) { return this->instanceJson(instance); };
    auto clusterInstances = [&node, instanceJson](const Cluster &cluster) {
        QJsonArray out;
        const Topology &topology = node.state().topology();
        for (const InstanceKey &k : cluster.members) {
            if (const Instance *i = topology.instance(k))
                out.append(instanceJson(*i));
        }
        return out;
    };
    auto clusterInfo = [&node](const Cluster &cluster) {
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
    };
    auto withCluster = [&node](const QString &hint, Reply &reply) -> std::optional<Cluster> {
        auto c = node.state().topology().findCluster(hint);
        if (!c)
            reply(ApiResponse::error(404, u"no known cluster matches \"%1\" (a cluster name, alias or member host:port)"_s.arg(hint)));
        return c;
    };
    auto withKey = [](const Params &p, Reply &reply) -> std::optional<InstanceKey> {
        auto key = keyFrom(p);
        if (!key) {
            reply(badRequest(key.error()));
            return std::nullopt;
        }
        return key.value();
    };
    auto seconds = [&node](const Params &p, Reply &reply) -> std::optional<int> {
        bool ok = false;
        const int s = p.value(u"seconds"_s).toInt(&ok);
        const int max = node.config().metricsRetentionSeconds;
        if (!ok || s < 1 || s > max) {
            reply(badRequest(u"the window \"%1\" must be whole seconds from 1 to %2 (metrics.retentionSeconds)"_s.arg(
                p.value(u"seconds"_s)).arg(max)));
            return std::nullopt;
        }
        return s;
    };

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
    add("GET", u"leader-check"_s, Access::Public, leaderCheck);
    add("GET", u"leader-check/:code"_s, Access::Public, leaderCheck);
    add("GET", u"lb-check"_s, Access::Public, [](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::json(u"OK"_s));
    });
    add("GET", u"_ping"_s, Access::Public, [](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::json(u"OK"_s));
    });
    auto health = [&node](const Params &, const ApiRequest &, Reply reply) {
        const ElectionState &e = node.election();
        auto nodeJson = [](const NodeHealth &n) {
            return QJsonObject{{u"Hostname"_s, n.nodeName},
                               {u"Token"_s, n.token},
                               {u"AppVersion"_s, n.appVersion},
                               {u"FirstSeenActive"_s, stamp(n.startedAt)},
                               {u"LastSeenActive"_s, stamp(n.lastSeen)},
                               {u"ExtraInfo"_s, n.status},
                               {u"Command"_s, u""_s},
                               {u"DBBackend"_s, u""_s},
                               {u"LastReported"_s, stamp(n.lastSeen)},
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
                                           {u"AppVersion"_s, u""_s},
                                           {u"FirstSeenActive"_s, stamp(e.firstSeenActive)},
                                           {u"LastSeenActive"_s, stamp(e.lastSeenActive)},
                                           {u"ExtraInfo"_s, u""_s},
                                           {u"Command"_s, u""_s},
                                           {u"DBBackend"_s, u""_s},
                                           {u"LastReported"_s, stamp({})},
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
            {u"StartedAt"_s, stamp(node.startedAt())},
            {u"BackendOk"_s, e.backendOk},
        };
        QJsonObject body{{u"Code"_s, healthy ? u"OK"_s : u"ERROR"_s},
                         {u"Message"_s, healthy ? u"Application node is healthy"_s
                                                : u"Application node is unhealthy: %1"_s.arg(e.backendError)},
                         {u"Details"_s, details}};
        reply(ApiResponse::json(body, healthy ? 200 : 500));
    };
    add("GET", u"health"_s, Access::Read, health);
    add("GET", u"status"_s, Access::Read, health);

    // --- instances and clusters
    add("GET", u"instance/:host/:port"_s, Access::Read, [&node, instanceJson, withKey](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = withKey(p, reply);
        if (!key)
            return;
        const auto i = node.state().instance(*key);
        if (!i) {
            reply(ApiResponse::error(404, u"Cannot read instance: %1 is not known; discover it first"_s.arg(key->toString())));
            return;
        }
        reply(ApiResponse::json(instanceJson(*i)));
    });
    add("GET", u"clusters"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        QJsonArray out;
        for (const Cluster &c : node.state().topology().clusters())
            out.append(c.name);
        reply(ApiResponse::json(out));
    });
    add("GET", u"clusters-info"_s, Access::Read, [&node, clusterInfo](const Params &, const ApiRequest &, Reply reply) {
        QJsonArray out;
        for (const Cluster &c : node.state().topology().clusters())
            out.append(clusterInfo(c));
        reply(ApiResponse::json(out));
    });
    auto cluster = [clusterInstances, withCluster](const QString &hint, Reply reply) {
        if (const auto c = withCluster(hint, reply))
            reply(ApiResponse::json(clusterInstances(*c)));
    };
    add("GET", u"cluster/:hint"_s, Access::Read,
        [cluster](const Params &p, const ApiRequest &, Reply reply) { cluster(p.value(u"hint"_s), std::move(reply)); });
    add("GET", u"cluster/alias/:alias"_s, Access::Read,
        [cluster](const Params &p, const ApiRequest &, Reply reply) { cluster(p.value(u"alias"_s), std::move(reply)); });
    add("GET", u"cluster/instance/:host/:port"_s, Access::Read, [cluster, withKey](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto key = withKey(p, reply))
            cluster(key->toString(), std::move(reply));
    });
    add("GET", u"cluster-info/:hint"_s, Access::Read, [clusterInfo, withCluster](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto c = withCluster(p.value(u"hint"_s), reply))
            reply(ApiResponse::json(clusterInfo(*c)));
    });
    add("GET", u"cluster-info/alias/:alias"_s, Access::Read, [clusterInfo, withCluster](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto c = withCluster(p.value(u"alias"_s), reply))
            reply(ApiResponse::json(clusterInfo(*c)));
    });
    auto topology = [&node, withCluster](const QString &hint, Reply reply) {
        const auto c = withCluster(hint, reply);
        if (!c)
            return;
        QSet<InstanceKey> downtimed;
        for (auto it = node.state().downtimed().cbegin(); it != node.state().downtimed().cend(); ++it)
            downtimed.insert(it.key());
        reply(ApiResponse::ok(u""_s, TopologyText::render(node.state().topology(), *c, downtimed)));
    };
    add("GET", u"topology/:hint"_s, Access::Read,
        [topology](const Params &p, const ApiRequest &, Reply reply) { topology(p.value(u"hint"_s), std::move(reply)); });
    add("GET", u"topology/:host/:port"_s, Access::Read, [topology, withKey](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto key = withKey(p, reply))
            topology(key->toString(), std::move(reply));
    });
    add("GET", u"bulk-instances"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        QList<InstanceKey> keys;
        for (const Instance &i : node.state().instances())
            keys.append(i.key);
        std::sort(keys.begin(), keys.end());
        QJsonArray out;
        for (const InstanceKey &k : keys)
            out.append(QJsonObject{{u"Hostname"_s, k.host()}, {u"Port"_s, k.port()}});
        reply(ApiResponse::json(out));
    });

    // --- writes
    add("GET", u"discover/:host/:port"_s, Access::Write, [&node, instanceJson, withKey](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = withKey(p, reply);
        if (!key)
            return;
        node.discover(*key, [reply, key, instanceJson](Result<Instance> result) {
            if (!result) {
                reply(ApiResponse::error(500, u"Cannot discover %1: %2"_s.arg(key->toString(), result.error())));
                return;
            }
            reply(ApiResponse::ok(u"Instance discovered: %1"_s.arg(key->toString()), instanceJson(result.value())));
        });
    });
    add("POST", u"bulk-instances"_s, Access::Write, [&node](const Params &, const ApiRequest &request, Reply reply) {
        // The list GET bulk-instances returns, posted back: discover every server at once.
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
        if (error.error != QJsonParseError::NoError || !doc.isArray()) {
            reply(badRequest(u"the body must be a JSON list of {\"Hostname\": ..., \"Port\": ...} as GET /api/bulk-instances "
                             "returns%1"_s.arg(error.error != QJsonParseError::NoError ? u" (%1)"_s.arg(error.errorString()) : QString())));
            return;
        }
        QList<InstanceKey> keys;
        const QJsonArray array = doc.array();
        for (qsizetype n = 0; n < array.size(); ++n) {
            const QJsonObject o = array.at(n).toObject();
            if (!o.value(u"Hostname"_s).isString() || !o.value(u"Port"_s).isDouble()) {
                reply(badRequest(u"item %1 needs a string Hostname and a number Port"_s.arg(n)));
                return;
            }
            auto key = InstanceKey::parse(u"%1:%2"_s.arg(o.value(u"Hostname"_s).toString()).arg(o.value(u"Port"_s).toInt()));
            if (!key) {
                reply(badRequest(u"item %1: %2"_s.arg(n).arg(key.error())));
                return;
            }
            keys.append(key.value());
        }
        const int accepted = node.discoverMany(keys);
        reply(ApiResponse::ok(u"Discovering %1 instances"_s.arg(accepted),
                              QJsonObject{{u"Submitted"_s, int(keys.size())}, {u"Accepted"_s, accepted}}));
    });
    add("GET", u"forget/:host/:port"_s, Access::Write, [&node, withKey](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = withKey(p, reply);
        if (!key)
            return;
        if (auto r = node.forget(*key); !r) {
            reply(ApiResponse::error(500, u"Cannot forget %1: %2"_s.arg(key->toString(), r.error())));
            return;
        }
        reply(ApiResponse::ok(u"Instance forgotten: %1"_s.arg(key->toString()),
                              QJsonObject{{u"Hostname"_s, key->host()}, {u"Port"_s, key->port()}}));
    });
    auto beginDowntime = [&node, withKey](const Params &p, const ApiRequest &request, Reply reply) {
        const auto key = withKey(p, reply);
        if (!key)
            return;
        const QString owner = p.value(u"owner"_s, request.query.queryItemValue(u"owner"_s, QUrl::FullyDecoded));
        const QString reason = p.value(u"reason"_s, request.query.queryItemValue(u"reason"_s, QUrl::FullyDecoded));
        QString duration = p.value(u"duration"_s, request.query.queryItemValue(u"duration"_s));
        if (duration.isEmpty())
            duration = u"1h"_s;
        if (owner.isEmpty() || reason.isEmpty()) {
            reply(badRequest(u"a downtime needs an owner and a reason: /api/begin-downtime/HOST/PORT/OWNER/REASON[/DURATION]"_s));
            return;
        }
        const qint64 secs = parseDurationSeconds(duration);
        if (secs <= 0) {
            reply(badRequest(u"the duration \"%1\" is not a number of seconds or a value like 30m, 2h, 1d"_s.arg(duration)));
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
        d.end = d.begin.addSecs(secs);
        if (auto r = node.beginDowntime(d); !r) {
            reply(ApiResponse::error(500, u"Cannot begin a downtime of %1: %2"_s.arg(key->toString(), r.error())));
            return;
        }
        reply(ApiResponse::ok(u"Downtime begun: %1 until %2"_s.arg(key->toString(), stamp(d.end)),
                              QJsonObject{{u"Hostname"_s, key->host()}, {u"Port"_s, key->port()}}));
    };
    add("GET", u"begin-downtime/:host/:port/:owner/:reason"_s, Access::Write, beginDowntime);
    add("GET", u"begin-downtime/:host/:port/:owner/:reason/:duration"_s, Access::Write, beginDowntime);
    add("GET", u"begin-downtime/:host/:port"_s, Access::Write, beginDowntime);
    add("GET", u"end-downtime/:host/:port"_s, Access::Write, [&node, withKey](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = withKey(p, reply);
        if (!key)
            return;
        if (auto r = node.endDowntime(*key); !r) {
            reply(ApiResponse::error(500, u"Cannot end the downtime of %1: %2"_s.arg(key->toString(), r.error())));
            return;
        }
        reply(ApiResponse::ok(u"Downtime ended: %1"_s.arg(key->toString()),
                              QJsonObject{{u"Hostname"_s, key->host()}, {u"Port"_s, key->port()}}));
    });

    // --- metrics
    add("GET", u"discovery-metrics-raw/:seconds"_s, Access::Read, [&node, seconds](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto s = seconds(p, reply))
            reply(ApiResponse::json(node.pollMetrics().raw(*s)));
    });
    add("GET", u"discovery-metrics-aggregated/:seconds"_s, Access::Read,
        [&node, seconds](const Params &p, const ApiRequest &, Reply reply) {
            if (const auto s = seconds(p, reply))
                reply(ApiResponse::json(node.pollMetrics().aggregated(*s)));
        });
    add("GET", u"backend-query-metrics-aggregated/:seconds"_s, Access::Read,
        [&node, seconds](const Params &p, const ApiRequest &, Reply reply) {
            if (const auto s = seconds(p, reply))
                reply(ApiResponse::json(node.queryMetrics().aggregated(*s)));
        });
    add("GET", u"metrics"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::text(PrometheusText::render(node.metrics()), "text/plain; version=0.0.4; charset=utf-8"));
    });
}

void ApiRoutes::registerOperationRoutes()
{
    ServiceNode &node = m_node;
    // Audit of topology operations (core/ops writes it through the store).
    auto audit = [&node](const Params &p, const ApiRequest &, Reply reply) {
        bool ok = true;
        const int page = p.contains(u"page"_s) ? p.value(u"page"_s).toInt(&ok) : 0;
        if (!ok || page < 0) {
            reply(badRequest(u"the page \"%1\" must be a whole number from 0"_s.arg(p.value(u"page"_s))));
            return;
        }
        auto store = node.store();
        if (!store) {
            reply(ApiResponse::error(503, u"Cannot read the audit: %1"_s.arg(store.error())));
            return;
        }
        constexpr int kPageSize = 50;
        auto entries = store.value()->readAudit(kPageSize * (page + 1));
        if (!entries) {
            reply(ApiResponse::error(503, u"Cannot read the audit: %1"_s.arg(entries.error())));
            return;
        }
        QJsonArray out;
        const QList<AuditEntry> &list = entries.value();
        for (qsizetype i = qsizetype(kPageSize) * page; i < list.size(); ++i) {
            const AuditEntry &e = list.at(i);
            out.append(QJsonObject{{u"AuditId"_s, e.id},
                                   {u"AuditTimestamp"_s, stamp(e.startedAt)},
                                   {u"AuditType"_s, e.operation},
                                   {u"AuditInstanceKey"_s, QJsonObject{{u"Hostname"_s, e.instance.host()},
                                                                       {u"Port"_s, e.instance.port()}}},
                                   {u"Message"_s, e.message},
                                   {u"ClusterName"_s, e.clusterName},
                                   {u"Who"_s, e.who},
                                   {u"From"_s, e.from},
                                   {u"To"_s, e.to},
                                   {u"Method"_s, e.method},
                                   {u"Result"_s, e.result},
                                   {u"DurationMs"_s, e.durationMs}});
        }
        reply(ApiResponse::json(out));
    };
    // Analysis (core/analysis): computed on the spot from this node's topology, so standbys answer too.
    auto analysis = [&node](const QString &clusterHint, Reply reply) {
        QSet<InstanceKey> downtimed;
        for (auto it = node.state().downtimed().cbegin(); it != node.state().downtimed().cend(); ++it)
            downtimed.insert(it.key());
        const Topology &topology = node.state().topology();
        std::optional<Cluster> only;
        if (!clusterHint.isEmpty()) {
            only = topology.findCluster(clusterHint);
            if (!only) {
                reply(ApiResponse::error(404, u"no known cluster matches \"%1\""_s.arg(clusterHint)));
                return;
            }
        }
        QJsonArray out;
        auto key = [](const InstanceKey &k) { return QJsonObject{{u"Hostname"_s, k.host()}, {u"Port"_s, k.port()}}; };
        for (const ReplicationAnalysis &a : Analyzer::analyze(topology, AnalysisOptions{}, downtimed)) {
            if (only && a.clusterName != only->name)
                continue;
            QJsonArray replicas;
            for (const InstanceKey &r : a.replicas)
                replicas.append(key(r));
            out.append(QJsonObject{
                {u"AnalyzedInstanceKey"_s, key(a.key)},
                {u"AnalyzedInstanceMasterKey"_s, key(a.parentKey)},
                {u"ClusterDetails"_s, QJsonObject{{u"ClusterName"_s, a.clusterName}, {u"ClusterAlias"_s, a.clusterAlias}}},
                {u"IsMaster"_s, a.type == ReplicationAnalysis::InstanceType::Master},
                {u"LastCheckValid"_s, a.lastCheckValid},
                {u"CountReplicas"_s, a.countReplicas},
                {u"CountValidReplicas"_s, a.countValidReplicas},
                {u"CountValidReplicatingReplicas"_s, a.countValidReplicatingReplicas},
                {u"CountReplicasFailingToConnectToMaster"_s, a.countReplicasFailingToConnect},
                {u"CountDowntimedReplicas"_s, a.countDowntimedReplicas},
                {u"CountLaggingReplicas"_s, a.countLaggingReplicas},
                {u"Replicas"_s, replicas},
                {u"Analysis"_s, a.codeName()},
                {u"Description"_s, a.description},
                {u"StructureAnalysis"_s, QJsonArray::fromStringList(a.structureWarnings)},
                {u"IsDowntimed"_s, a.isDowntimed},
                {u"IsActionableRecovery"_s, a.isActionable()},
            });
        }
        reply(ApiResponse::ok(u"Analysis"_s, out));
    };
    add("GET", u"replication-analysis"_s, Access::Read,
        [analysis](const Params &, const ApiRequest &, Reply reply) { analysis({}, std::move(reply)); });
    add("GET", u"replication-analysis/:hint"_s, Access::Read,
        [analysis](const Params &p, const ApiRequest &, Reply reply) { analysis(p.value(u"hint"_s), std::move(reply)); });

    add("GET", u"audit"_s, Access::Read, audit);
    add("GET", u"audit/:page"_s, Access::Read, audit);
}

} // namespace arbor::core
