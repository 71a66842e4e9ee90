#pragma once

#include "api/apirequest.h"
#include "api/apiresponse.h"
#include "util/result.h"

#include <QObject>

#include <functional>
#include <memory>

class QHttpServer;

namespace arbor::core {

// The one class that touches QHttpServer (a technical preview in Qt 6.4 whose API changed later):
// it turns every request into an ApiRequest, hands it to one handler, and writes the ApiResponse
// the handler replies with, now or later (replies may be asynchronous).
class HttpApi : public QObject
{
    Q_OBJECT
public:
    using Reply = std::function<void(const ApiResponse &)>;
    using Handler = std::function<void(ApiRequest request, Reply reply)>;

    explicit HttpApi(Handler handler, QObject *parent = nullptr);
    ~HttpApi() override;

    // TLS when certFile and keyFile are set (PEM). Returns the port listened on.
    Result<quint16> listen(const QString &host, int port, const QString &certFile = {}, const QString &keyFile = {});
    bool isTls() const { return m_tls; }
    qint64 requests() const { return m_requests; }

private:
    std::unique_ptr<QHttpServer> m_server;
    Handler m_handler;
    bool m_tls = false;
    qint64 m_requests = 0;
};

} // namespace arbor::core
