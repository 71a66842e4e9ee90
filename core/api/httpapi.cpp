#include "api/httpapi.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "OTHER";
    }
}
} // namespace

HttpApi::HttpApi(Handler handler, QObject *parent)
    : QObject(parent), m_server(std::make_unique<QHttpServer>()), m_handler(std::move(handler))
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        ++m_requests;
        ApiRequest r;
        r.method = methodName(request.method());
        r.path = request.url().path();
        r.query = request.query();
        for (const auto &[name, value] : request.headers())
            r.headers.insert(name.toLower(), value);
        r.body = request.body();
        r.peer = request.remoteAddress();
        // The responder may outlive this call (asynchronous replies); the socket it writes to is
        // checked before writing, since the client may have gone meanwhile.
        auto holder = std::make_shared<QHttpServerResponder>(std::move(responder));
        QPointer<QTcpSocket> socket(holder->socket());
        m_handler(std::move(r), [holder, socket](const ApiResponse &response) {
            if (!socket)
                return;
            holder->writeStatusLine(QHttpServerResponder::StatusCode(response.status));
            holder->writeHeader("Content-Type", response.contentType);
            holder->writeHeader("Content-Length", QByteArray::number(response.body.size()));
            for (const auto &[name, value] : response.headers)
                holder->writeHeader(name, value);
            holder->writeBody(response.body);
        });
    });
}

HttpApi::~HttpApi() = default;

Result<quint16> HttpApi::listen(const QString &host, int port, const QString &certFile, const QString &keyFile)
{
    if (!certFile.isEmpty()) {
        if (!QSslSocket::supportsSsl())
            return Result<quint16>::failure(
                u"cannot serve the API over TLS: no TLS library is available to Qt (install libssl3)"_s);
        QFile cert(certFile);
        QFile key(keyFile);
        if (!cert.open(QIODevice::ReadOnly))
            return Result<quint16>::failure(u"cannot read the TLS certificate %1: %2"_s.arg(certFile, cert.errorString()));
        if (!key.open(QIODevice::ReadOnly))
            return Result<quint16>::failure(u"cannot read the TLS key %1: %2"_s.arg(keyFile, key.errorString()));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(cert.readAll(), QSsl::Pem);
        const QByteArray keyData = key.readAll();
        QSslKey sslKey(keyData, QSsl::Rsa, QSsl::Pem);
        if (sslKey.isNull())
            sslKey = QSslKey(keyData, QSsl::Ec, QSsl::Pem);
        if (chain.isEmpty())
            return Result<quint16>::failure(u"the TLS certificate %1 holds no PEM certificate"_s.arg(certFile));
        if (sslKey.isNull())
            return Result<quint16>::failure(
                u"the TLS key %1 is not an unencrypted PEM RSA or EC private key"_s.arg(keyFile));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificateChain(chain);
        tls.setPrivateKey(sslKey);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server->sslSetup(tls);
        m_tls = true;
    }
    const QHostAddress address = host == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    const quint16 bound = m_server->listen(address, quint16(port));
    if (bound == 0)
        return Result<quint16>::failure(
            u"cannot listen for the API on %1:%2: the port is in use or the address is not on this machine"_s.arg(host).arg(port));
    return bound;
}

} // namespace arbor::core
