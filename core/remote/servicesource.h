#pragma once

#include "model/instance.h"
#include "util/result.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace arbor::core {

class LagHistory;
class TopologyState;

// The desktop's connected mode: instead of polling servers itself, it reads a running Arbor
// service's HTTP API every few seconds and feeds the same TopologyState the views already follow.
// One refresh round is GET /api/health (the service nodes), GET /api/clusters, then
// GET /api/cluster/<name> for each; servers the service no longer knows are removed.
class ServiceSource : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl baseUrl; // e.g. http://arbor-1:3000 (with or without a trailing /api)
        QString user; // empty: no Authorization header
        QString password;
        int refreshMs = 5000;
        int timeoutMs = 10000;
    };

    // One service node, as /api/health lists it.
    struct Node
    {
        QString name;
        QString host;
        QString version;
        QString role; // active, standby, stopped
        QString apiUrl;
        QString status;
        QDateTime started;
        QDateTime lastSeen;
        bool available = false;
        bool active = false;
    };

    ServiceSource(TopologyState *state, const Options &options, QObject *parent = nullptr);
    ~ServiceSource() override;

    // Connected-mode charts: after each cluster's refresh, its lag history since the last round
    // (GET /api/arbor/lag-history/cluster/<name>) is recorded into @p history. Null: none.
    void setLagHistory(LagHistory *history) { m_history = history; }

    // GET /api/arbor/rehearse-recovery/<host>/<port>: the service's rehearsal of @p victim dying now
    // (read-only), or the sentence saying why there is none; @p done runs on this thread.
    void rehearse(const InstanceKey &victim, std::function<void(Result<QJsonObject>)> done);

    void start(); // a first round at once, then every refreshMs
    void stop();
    void refreshNow(); // ignored while a round is running

    const Options &options() const { return m_options; }
    QList<Node> nodes() const { return m_nodes; }
    // The node that answered (its own name), and whether its backend is reachable.
    QString answeringNode() const { return m_answeringNode; }
    bool backendOk() const { return m_backendOk; }
    QString lastError() const { return m_lastError; } // empty after a clean round
    QDateTime lastRefresh() const { return m_lastRefresh; }
    bool isRefreshing() const { return m_pending > 0; }

Q_SIGNALS:
    // A round completed without error: the state matches the service.
    void refreshed();
    void nodesChanged();
    // New lag points of @p cluster were recorded into the lag history.
    void historyUpdated(const QString &cluster);
    // A round failed: one sentence (service unreachable, wrong credentials, not an Arbor service...).
    void errorOccurred(const QString &message);

private:
    QNetworkReply *get(const QString &path, const QUrlQuery &query = {});
    void finishRequest();
    // Null document and a sentence in *error when the reply is unusable.
    QJsonDocument readReply(QNetworkReply *reply, const QString &path, QString *error, bool acceptServerError = false);
    void onHealth(QNetworkReply *reply);
    void onClusters(QNetworkReply *reply);
    void onCluster(QNetworkReply *reply, const QString &name);
    void requestHistory(const QString &cluster);
    void onHistory(QNetworkReply *reply, const QString &cluster);
    void fail(const QString &message);
    QString serviceText() const;

    TopologyState *m_state;
    Options m_options;
    QNetworkAccessManager *m_http;
    QTimer m_timer;
    int m_pending = 0;
    QString m_roundError;
    QSet<InstanceKey> m_seen;
    QHash<QString, QString> m_aliases;
    QHash<QString, QString> m_lastAliases;
    QHash<InstanceKey, QString> m_downtimed;
    QList<Node> m_nodes;
    QString m_answeringNode;
    bool m_backendOk = true;
    QString m_lastError;
    QDateTime m_lastRefresh;
    LagHistory *m_history = nullptr;
    QHash<InstanceKey, qint64> m_historyUntil; // the newest point recorded per server
    QSet<QString> m_historyPending;            // one request per cluster at a time
};

} // namespace arbor::core
