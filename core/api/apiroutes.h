#pragma once

#include "api/apiauth.h"
#include "api/apirequest.h"
#include "api/apiresponse.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace arbor::core {

class ServiceNode;

// Arbor's HTTP API: orchestrator's paths and response shapes under /api/ (so scripts carry over),
// Prometheus text at /metrics. Any node answers reads; writes are served by the active node and
// refused elsewhere (HTTP 503 naming the active node and its URL). Errors are JSON
// {Code: "ERROR", Message, Details}: 400 bad input, 401 unauthenticated, 403 not allowed, 404 unknown.
class ApiRoutes
{
public:
    using Reply = std::function<void(const ApiResponse &)>;

    explicit ApiRoutes(ServiceNode &node);
    void configure(const ServiceConfig &config);
    void handle(ApiRequest request, Reply reply);

    // Every registered path pattern (for docs and tests).
    QStringList patterns() const;

private:
    enum class Access { Public, Read, Write };
    using Params = QHash<QString, QString>;
    using Action = std::function<void(const Params &, const ApiRequest &, Reply)>;
    struct Route
    {
        QByteArray method;
        QStringList pattern; // literal segments and :names
        Access access;
        Action action;
    };

    void add(const QByteArray &method, const QString &pattern, Access access, Action action);
    void registerRoutes();
    void registerOperationRoutes();

    ServiceNode &m_node;
    ApiAuth m_auth;
    bool m_readOnly = false;
    QList<Route> m_routes;
};

} // namespace arbor::core
