#include "rawhttp.h"

#include <QDeadlineTimer>
#include <QTcpSocket>

namespace arbor::testsupport {

RawHttpConnection::RawHttpConnection() : m_socket(std::make_unique<QTcpSocket>()) {}

RawHttpConnection::~RawHttpConnection() = default;

bool RawHttpConnection::connectTo(quint16 port, const QHostAddress &from, int timeoutMs)
{
    if (!from.isNull() && !m_socket->bind(from))
        return false;
    m_socket->connectToHost(QHostAddress::LocalHost, port);
    return m_socket->waitForConnected(timeoutMs);
}

bool RawHttpConnection::send(const QByteArray &bytes)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    if (m_socket->write(bytes) != bytes.size())
        return false;
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(5000))
            return false;
    }
    return true;
}

RawHttpReply RawHttpConnection::readReply(int timeoutMs, bool toHead)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        m_buffer += m_socket->readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            RawHttpReply reply;
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    reply.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = toHead ? 0 : reply.headers.value("content-length", "0").toLongLong();
            if (m_buffer.size() >= end + 4 + length) {
                reply.status = statusLine.value(1).toInt();
                reply.body = m_buffer.mid(end + 4, length);
                m_buffer.remove(0, end + 4 + length);
                return reply;
            }
        }
        if (deadline.hasExpired() || m_socket->state() != QAbstractSocket::ConnectedState)
            return {};
        m_socket->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
}

bool RawHttpConnection::waitForClosed(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (m_socket->state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        m_buffer += m_socket->readAll();
        m_socket->waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    return m_socket->state() != QAbstractSocket::ConnectedState;
}

bool RawHttpConnection::isOpen() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

QByteArray RawHttpConnection::get(const QByteArray &path, quint16 port, const QByteArray &credentials,
                                  const QByteArray &extraHeaders)
{
    QByteArray r = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    if (!credentials.isEmpty())
        r += "Authorization: Basic " + credentials.toBase64() + "\r\n";
    return r + extraHeaders + "\r\n";
}

RawHttpReply rawHttpExchange(quint16 port, const QByteArray &request, int timeoutMs, const QHostAddress &from)
{
    RawHttpConnection c;
    if (!c.connectTo(port, from) || !c.send(request))
        return {};
    return c.readReply(timeoutMs);
}

} // namespace arbor::testsupport
