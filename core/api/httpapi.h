#pragma once

#include "api/apirequest.h"
#include "api/apiresponse.h"
#include "api/httpconnection.h"
#include "util/result.h"

#include <QHash>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <memory>

namespace arbor::core {

class HttpListener;

// The API's HTTP server, owned end to end so that a hostile client meets limits before it costs
// anything: Arbor's own listening socket (plain or TLS), a cap on open connections (in all, and per
// client address so one client cannot take them all; trusted proxies are exempt from the latter),
// and per connection a strict HTTP/1.1 reader with head, body and idle limits (HttpConnection).
// Every complete request becomes an ApiRequest for one handler, whose ApiResponse is written now or
// later (replies may be asynchronous). Qt 6.4's QHttpServer buffered any body whole, before the
// handler could refuse it, and had no timeouts: it is no longer used.
class HttpApi : public QObject
{
    Q_OBJECT
public:
    using Reply = std::function<void(const ApiResponse &)>;
    using Handler = std::function<void(ApiRequest request, Reply reply)>;

    struct Options
    {
        HttpConnection::Options connection;
        int maxConnections = 512;
        int maxConnectionsPerClient = 256; // addresses in trustedProxies are not counted
        QList<QHostAddress> trustedProxies;
    };

    explicit HttpApi(Handler handler, QObject *parent = nullptr);
    ~HttpApi() override;

    // Applies to connections accepted from now on.
    void setOptions(const Options &options);
    // maxBodyBytes, maxConnections and trustedProxies of @p config.
    static Options optionsFor(const ServiceConfig &config);

    // TLS when certFile and keyFile are set (PEM). Returns the port listened on.
    Result<quint16> listen(const QString &host, int port, const QString &certFile = {}, const QString &keyFile = {});
    bool isTls() const { return m_tls; }
    qint64 requests() const { return m_requests; }
    int openConnections() const { return int(m_open); }
    qint64 refusedConnections() const { return m_refusedConnections; }

private:
    void accept(qintptr descriptor);
    bool isTrustedProxy(const QHostAddress &peer) const;

    std::unique_ptr<HttpListener> m_listener;
    Handler m_handler;
    Options m_options;
    QSslConfiguration m_tlsConfig;
    bool m_tls = false;
    qint64 m_requests = 0;
    qint64 m_open = 0;
    qint64 m_refusedConnections = 0;
    qint64 m_lastRefusalLog = 0;
    QHash<QString, int> m_perClient;
};

} // namespace arbor::core
