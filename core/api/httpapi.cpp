#include "api/httpapi.h"

#include "api/httplistener.h"

#include <QDateTime>
#include <QDebug>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QString clientKey(const QHostAddress &peer)
{
    bool mapped = false;
    const quint32 v4 = peer.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4).toString() : peer.toString();
}
} // namespace

HttpApi::HttpApi(Handler handler, QObject *parent)
    : QObject(parent), m_listener(std::make_unique<HttpListener>()), m_handler(std::move(handler))
{
    connect(m_listener.get(), &HttpListener::descriptorAccepted, this, &HttpApi::accept);
}

HttpApi::~HttpApi() = default;

void HttpApi::setOptions(const Options &options)
{
    m_options = options;
}

HttpApi::Options HttpApi::optionsFor(const ServiceConfig &config)
{
    Options o;
    o.connection.limits.maxBodyBytes = config.maxBodyBytes;
    o.connection.headTimeoutMs = config.headerTimeoutSeconds * 1000;
    o.connection.bodyTimeoutMs = config.headerTimeoutSeconds * 3000;
    o.connection.keepAliveTimeoutMs = config.idleTimeoutSeconds * 1000;
    o.maxConnections = config.maxConnections;
    o.maxConnectionsPerClient = std::max(4, config.maxConnections / 2);
    for (const QString &a : config.trustedProxies)
        o.trustedProxies.append(QHostAddress(a));
    return o;
}

bool HttpApi::isTrustedProxy(const QHostAddress &peer) const
{
    for (const QHostAddress &a : m_options.trustedProxies) {
        if (a.isEqual(peer, QHostAddress::TolerantConversion))
            return true;
    }
    return false;
}

void HttpApi::accept(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket : new QTcpSocket;
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    const QString key = clientKey(peer);
    const bool counted = !isTrustedProxy(peer);
    if (m_open >= m_options.maxConnections || (counted && m_perClient.value(key) >= m_options.maxConnectionsPerClient)) {
        // Over the cap: closed at once, before a byte is read. One log line a minute at most.
        ++m_refusedConnections;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastRefusalLog > 60000) {
            m_lastRefusalLog = now;
            qWarning().noquote() << u"API: refusing connections from %1: %2 open (api.maxConnections %3, %4 per client)"_s
                                        .arg(key)
                                        .arg(m_open)
                                        .arg(m_options.maxConnections)
                                        .arg(m_options.maxConnectionsPerClient);
        }
        socket->abort();
        delete socket;
        return;
    }
    ++m_open;
    if (counted)
        ++m_perClient[key];
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        tls->setSslConfiguration(m_tlsConfig);
        tls->startServerEncryption();
    }
    auto *connection = new HttpConnection(socket, m_options.connection,
                                          [this](ApiRequest request, Reply reply) {
                                              ++m_requests;
                                              m_handler(std::move(request), std::move(reply));
                                          },
                                          this);
    connect(connection, &HttpConnection::closed, this, [this, connection, key, counted] {
        --m_open;
        if (counted) {
            auto it = m_perClient.find(key);
            if (it != m_perClient.end() && --*it <= 0)
                m_perClient.erase(it);
        }
        connection->deleteLater();
    });
}

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
        m_tlsConfig = tls;
        m_tls = true;
    }
    const QHostAddress address = host == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    m_listener->setMaxPendingConnections(m_options.maxConnections);
    if (!m_listener->listen(address, quint16(port)))
        return Result<quint16>::failure(
            u"cannot listen for the API on %1:%2: the port is in use or the address is not on this machine"_s.arg(host).arg(port));
    return m_listener->serverPort();
}

} // namespace arbor::core
