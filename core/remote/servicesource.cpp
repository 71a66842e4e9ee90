#include "servicesource.h"

#include "history/laghistory.h"
#include "history/lagpointjson.h"
#include "model/instancejson.h"
#include "model/topologystate.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
constexpr qint64 kHistoryFirstSeconds = 3600; // what the charts' 1-hour window draws from raw polls

QDateTime parseStamp(const QString &text)
{
    // The service writes "0001-01-01T00:00:00Z" for "never", as orchestrator does.
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    return t.isValid() && t.date().year() > 1 ? t : QDateTime();
}
} // namespace

ServiceSource::ServiceSource(TopologyState *state, const Options &options, QObject *parent)
    : QObject(parent), m_state(state), m_options(options), m_http(new QNetworkAccessManager(this))
{
    m_timer.setInterval(std::max(500, m_options.refreshMs));
    connect(&m_timer, &QTimer::timeout, this, &ServiceSource::refreshNow);
}

ServiceSource::~ServiceSource() = default;

void ServiceSource::start()
{
    m_timer.start();
    refreshNow();
}

void ServiceSource::stop()
{
    m_timer.stop();
}

QString ServiceSource::serviceText() const
{
    return m_options.baseUrl.toDisplayString(QUrl::RemoveUserInfo);
}

QNetworkReply *ServiceSource::get(const QString &path, const QUrlQuery &query)
{
    QUrl url = m_options.baseUrl;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    if (base.endsWith(u"/api"_s))
        base.chop(4);
    url.setPath(base + u"/api/"_s + path, QUrl::TolerantMode);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_options.timeoutMs);
    if (!m_options.user.isEmpty())
        request.setRawHeader("Authorization", "Basic " + (m_options.user + u':' + m_options.password).toUtf8().toBase64());
    return m_http->get(request);
}

void ServiceSource::refreshNow()
{
    if (m_pending > 0)
        return;
    m_roundError.clear();
    m_seen.clear();
    m_aliases.clear();
    m_downtimed.clear();
    m_pending = 2;
    QNetworkReply *health = get(u"health"_s);
    connect(health, &QNetworkReply::finished, this, [this, health] { onHealth(health); });
    QNetworkReply *clusters = get(u"clusters"_s);
    connect(clusters, &QNetworkReply::finished, this, [this, clusters] { onClusters(clusters); });
}

QJsonDocument ServiceSource::readReply(QNetworkReply *reply, const QString &path, QString *error, bool acceptServerError)
{
    reply->deleteLater();
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QByteArray body = reply->readAll();
    if (status == 0) {
        *error = tr("Cannot reach the Arbor service at %1: %2; check the URL and that the service is running.")
                     .arg(serviceText(), reply->errorString());
        return {};
    }
    if (status == 401) {
        *error = m_options.user.isEmpty()
                     ? tr("The Arbor service at %1 requires credentials (HTTP 401); connect with --api-user.").arg(serviceText())
                     : tr("The Arbor service at %1 refused user \"%2\" (HTTP 401); check the API user and password.")
                           .arg(serviceText(), m_options.user);
        return {};
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = tr("The server at %1 answered GET /api/%2 with HTTP %3 but no JSON; is this the URL of an Arbor service?")
                     .arg(serviceText(), path)
                     .arg(status);
        return {};
    }
    if (status >= 300 && !(acceptServerError && status == 500)) {
        const QString message = doc.object().value(u"Message"_s).toString();
        *error = tr("The Arbor service at %1 answered GET /api/%2 with HTTP %3: %4")
                     .arg(serviceText(), path)
                     .arg(status)
                     .arg(message.isEmpty() ? tr("no reason given") : message);
        return {};
    }
    return doc;
}

void ServiceSource::onHealth(QNetworkReply *reply)
{
    QString error;
    const QJsonDocument doc = readReply(reply, u"health"_s, &error, true);
    if (doc.isNull()) {
        fail(error);
        finishRequest();
        return;
    }
    // HTTP 500 here still lists the nodes: the node serves, but its backend is down.
    const QJsonObject details = doc.object().value(u"Details"_s).toObject();
    const QString activeName = details.value(u"ActiveNode"_s).toObject().value(u"Hostname"_s).toString();
    QList<Node> nodes;
    for (const QJsonValue &v : details.value(u"Nodes"_s).toArray()) {
        const QJsonObject o = v.toObject();
        Node n;
        n.name = o.value(u"Hostname"_s).toString();
        n.host = o.value(u"Host"_s).toString();
        n.version = o.value(u"AppVersion"_s).toString();
        n.role = o.value(u"Role"_s).toString();
        n.apiUrl = o.value(u"ApiURL"_s).toString();
        n.status = o.value(u"ExtraInfo"_s).toString();
        n.started = parseStamp(o.value(u"FirstSeenActive"_s).toString());
        n.lastSeen = parseStamp(o.value(u"LastSeenActive"_s).toString());
        n.available = o.value(u"Available"_s).toBool();
        n.active = n.role == u"active"_s && (activeName.isEmpty() || activeName == n.name);
        nodes.append(n);
    }
    m_answeringNode = details.value(u"Hostname"_s).toString();
    m_backendOk = details.value(u"BackendOk"_s).toBool(true);
    if (!m_backendOk) {
        fail(tr("The Arbor service node %1 at %2 cannot reach its backend: %3; the views show what it had in memory.")
                 .arg(m_answeringNode, serviceText(), details.value(u"Error"_s).toString()));
    }
    m_nodes = nodes;
    Q_EMIT nodesChanged();
    finishRequest();
}

void ServiceSource::onClusters(QNetworkReply *reply)
{
    QString error;
    const QJsonDocument doc = readReply(reply, u"clusters"_s, &error);
    if (doc.isNull() || !doc.isArray()) {
        fail(error.isEmpty() ? tr("The Arbor service at %1 answered GET /api/clusters with something other than a list.")
                                   .arg(serviceText())
                             : error);
        finishRequest();
        return;
    }
    for (const QJsonValue &v : doc.array()) {
        const QString name = v.toString();
        if (name.isEmpty())
            continue;
        ++m_pending;
        const QString path = u"cluster/"_s + QString::fromLatin1(QUrl::toPercentEncoding(name, ":"));
        QNetworkReply *r = get(path);
        connect(r, &QNetworkReply::finished, this, [this, r, name] { onCluster(r, name); });
    }
    finishRequest();
}

void ServiceSource::onCluster(QNetworkReply *reply, const QString &name)
{
    QString error;
    const QJsonDocument doc = readReply(reply, u"cluster/"_s + name, &error);
    if (doc.isNull() || !doc.isArray()) {
        // A cluster that vanished between the two requests (404) is not an error worth showing.
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 404)
            fail(error);
        finishRequest();
        return;
    }
    for (const QJsonValue &v : doc.array()) {
        const QJsonObject o = v.toObject();
        auto instance = InstanceJson::fromJson(o);
        if (!instance.ok()) {
            fail(tr("The Arbor service at %1 sent a server of cluster %2 that cannot be read: %3")
                     .arg(serviceText(), name, instance.error()));
            continue;
        }
        const Instance &i = instance.value();
        m_seen.insert(i.key);
        const QString alias = o.value(u"SuggestedClusterAlias"_s).toString();
        const QString cluster = o.value(u"ClusterName"_s).toString();
        if (!alias.isEmpty() && !cluster.isEmpty() && alias != cluster)
            m_aliases.insert(cluster, alias);
        if (o.value(u"IsDowntimed"_s).toBool())
            m_downtimed.insert(i.key, o.value(u"DowntimeReason"_s).toString());
        m_state->update(i);
    }
    requestHistory(name);
    finishRequest();
}

void ServiceSource::rehearse(const InstanceKey &victim, std::function<void(Result<QJsonObject>)> done)
{
    const QString path = u"arbor/rehearse-recovery/%1/%2"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(victim.host())))
                             .arg(victim.port());
    QNetworkReply *r = get(path);
    connect(r, &QNetworkReply::finished, this, [this, r, path, done = std::move(done)] {
        QString error;
        const QJsonDocument doc = readReply(r, path, &error);
        if (doc.isNull() || !doc.isObject())
            done(Result<QJsonObject>::failure(error.isEmpty() ? tr("The Arbor service at %1 sent no rehearsal.").arg(serviceText()) : error));
        else
            done(doc.object());
    });
}

void ServiceSource::requestHistory(const QString &cluster)
{
    if (!m_history || m_historyPending.contains(cluster))
        return;
    // Since the oldest of the cluster's newest points, with a little overlap (points already
    // recorded are skipped); an hour the first time.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 since = now - kHistoryFirstSeconds * 1000;
    bool all = true;
    qint64 oldestNewest = now;
    if (const auto c = m_state->topology().findCluster(cluster)) {
        for (const InstanceKey &k : c->members) {
            const auto it = m_historyUntil.constFind(k);
            if (it == m_historyUntil.constEnd()) {
                all = false;
                break;
            }
            oldestNewest = std::min(oldestNewest, *it);
        }
    }
    if (all && !m_historyUntil.isEmpty())
        since = std::max(since, oldestNewest - 1000);
    const qint64 seconds = std::clamp<qint64>((now - since + 999) / 1000, 1, kHistoryFirstSeconds);
    QUrlQuery query;
    query.addQueryItem(u"seconds"_s, QString::number(seconds));
    m_historyPending.insert(cluster);
    QNetworkReply *r = get(u"arbor/lag-history/cluster/"_s + QString::fromLatin1(QUrl::toPercentEncoding(cluster, ":")), query);
    connect(r, &QNetworkReply::finished, this, [this, r, cluster] { onHistory(r, cluster); });
}

void ServiceSource::onHistory(QNetworkReply *reply, const QString &cluster)
{
    m_historyPending.remove(cluster);
    QString error;
    // An older service without the route (404), or a cluster gone: no charts, not a failed round.
    const QJsonDocument doc = readReply(reply, u"arbor/lag-history/cluster/"_s + cluster, &error);
    if (doc.isNull() || !m_history)
        return;
    bool added = false;
    for (const QJsonValue &v : doc.object().value(u"Servers"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const auto key = InstanceKey::parse(o.value(u"Hostname"_s).toString() + u':'
                                            + QString::number(o.value(u"Port"_s).toInt()));
        if (!key.ok())
            continue;
        qint64 until = m_historyUntil.value(key.value(), std::numeric_limits<qint64>::min());
        for (const LagPoint &p : LagPointJson::fromJson(o.value(u"Points"_s).toArray())) {
            if (p.atMs <= until)
                continue;
            m_history->record(key.value(), p.atMs, p.lagSeconds, p.pollMs);
            until = p.atMs;
            added = true;
        }
        if (until != std::numeric_limits<qint64>::min())
            m_historyUntil.insert(key.value(), until);
    }
    if (added)
        Q_EMIT historyUpdated(cluster);
}

void ServiceSource::fail(const QString &message)
{
    if (m_roundError.isEmpty())
        m_roundError = message;
}

void ServiceSource::finishRequest()
{
    if (--m_pending > 0)
        return;
    m_pending = 0;
    // Removal needs a complete picture: after any failure the last known servers stay.
    if (m_roundError.isEmpty()) {
        const QList<Instance> known = m_state->instances();
        for (const Instance &i : known) {
            if (!m_seen.contains(i.key))
                m_state->remove(i.key);
        }
    }
    if (m_roundError.isEmpty() || !m_seen.isEmpty()) {
        m_state->setDowntimed(m_downtimed);
        // setAliases relayouts every tree: only when they changed.
        if (m_aliases != m_lastAliases) {
            m_lastAliases = m_aliases;
            m_state->setAliases(m_aliases);
        }
    }
    if (m_roundError.isEmpty()) {
        m_lastError.clear();
        m_lastRefresh = QDateTime::currentDateTimeUtc();
        Q_EMIT refreshed();
    } else {
        m_lastError = m_roundError;
        Q_EMIT errorOccurred(m_lastError);
    }
}

} // namespace arbor::core
