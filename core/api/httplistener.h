#pragma once

#include <QTcpServer>

namespace arbor::core {

// The API's listening socket: hands each accepted descriptor to HttpApi, which wraps it in a plain or
// a TLS socket itself (QTcpServer would make a plain QTcpSocket of it).
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

Q_SIGNALS:
    void descriptorAccepted(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override { Q_EMIT descriptorAccepted(descriptor); }
};

} // namespace arbor::core
