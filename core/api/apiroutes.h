#pragma once

#include "api/apiauth.h"
#include "api/apirequest.h"
#include "api/apiresponse.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>

namespace arbor::core {

struct Instance;
class ServiceNode;
class MaintenanceLockRoutes;
class OperationRoutes;
class RecoveryRoutes;
class TagRoutes;
class ServiceRecovery;

// Arbor's HTTP API: orchestrator's paths and response shapes under /api/ (so scripts carry over),
// Prometheus text at /metrics. Any node answers reads; writes are served by the active node and
// refused elsewhere (HTTP 503 naming the active node and its URL). Errors are JSON
// {Code: "ERROR", Message, Details}: 400 bad input, 401 unauthenticated, 403 not allowed, 404 unknown,
// 429 too many failed sign-ins (with Retry-After). Writes from a browser's cross-site request are 403.
class ApiRoutes
{
public:
    using Reply = std::function<void(const ApiResponse &)>;

    // @p recovery may be null: the recovery endpoints then answer 503.
    explicit ApiRoutes(ServiceNode &node, ServiceRecovery *recovery = nullptr);
    ~ApiRoutes(); // waits for topology operations still running
    void configure(const ServiceConfig &config);
    void handle(ApiRequest request, Reply reply);

    // Every registered path pattern (for docs and tests).
    QStringList patterns() const;

    // Public: no credentials (load balancers). Read: any user, any node. Write: an operator, on the
    // active node only (a standby answers 503 naming the active node).
    enum class Access { Public, Read, Write };
    using Params = QHash<QString, QString>;
    using Action = std::function<void(const Params &, const ApiRequest &, Reply)>;
    // For the route files (healthroutes.cpp, instanceroutes.cpp, ...): a pattern is "name/:param/...".
    void add(const QByteArray &method, const QString &pattern, Access access, Action action);
    // orchestrator's instance JSON plus ClusterName, ReplicationDepth, IsDowntimed, ...
    QJsonObject instanceJson(const Instance &instance) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList pattern; // literal segments and :names
        Access access;
        Action action;
    };

    QString m_urlPrefix;      // URLPrefix
    QString m_statusEndpoint; // StatusEndpoint
    // Why a write is refused as a browser's cross-site request (empty: it is not one).
    static QString crossSiteRefusal(const ApiRequest &request);
    // After authentication: the write rules (anonymous, read-only, role, active node), then the action.
    void authorized(const Route &route, const Params &params, ApiRequest request, Reply reply);

    ServiceNode &m_node;
    ServiceRecovery *m_recovery = nullptr;
    std::unique_ptr<OperationRoutes> m_operations;
    std::unique_ptr<RecoveryRoutes> m_recoveryRoutes;
    std::unique_ptr<MaintenanceLockRoutes> m_maintenanceLocks;
    std::unique_ptr<TagRoutes> m_tagRoutes;
    ApiAuth m_auth;
    bool m_readOnly = false;
    QList<Route> m_routes;
};

} // namespace arbor::core
