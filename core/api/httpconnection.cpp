#include "api/httpconnection.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <sys/socket.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
constexpr qint64 kReadChunk = 64 * 1024;
constexpr qint64 kMaxDrainBytes = 1024 * 1024; // read and dropped after an error answer, at most
constexpr int kLingerMs = 2000;

QByteArray reason(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 423: return "Locked";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const Options &options, Handler handler, QObject *parent)
    : QObject(parent), m_socket(socket), m_options(options), m_handler(std::move(handler))
{
    m_socket->setParent(this);
    // Qt reads from the kernel only this far ahead of what this class takes: the rest waits in the
    // kernel and, past its buffer, at the client (TCP flow control).
    m_socket->setReadBufferSize(kReadChunk);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::pull);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_state == State::Closing && m_socket->bytesToWrite() == 0)
            finishClosing();
    });
    if (auto *tls = qobject_cast<QSslSocket *>(m_socket)) {
        connect(tls, &QSslSocket::encrypted, this, &HttpConnection::pull);
        connect(tls, &QSslSocket::sslErrors, tls, [tls](const QList<QSslError> &) { tls->abort(); });
    }
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            abortNow();
    });
    m_deadline.start(m_options.headTimeoutMs); // the TLS handshake and the first head
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::pull()
{
    if (m_state == State::Closing) {
        // After an error answer: drop what the client still sends, a bounded amount.
        const QByteArray dropped = m_socket->read(kReadChunk);
        m_drained += dropped.size();
        if (m_drained > kMaxDrainBytes)
            abortNow();
        return;
    }
    if (m_state == State::Handling || m_state == State::Closed)
        return; // one request at a time; the next waits in the socket
    for (;;) {
        qint64 room = 0;
        if (m_state == State::Head)
            room = m_options.limits.maxHeadBytes + 4 - m_buffer.size();
        else
            room = m_head.headBytes + m_head.contentLength - m_buffer.size();
        const qint64 take = std::min(room, kReadChunk);
        if (take > 0 && m_socket->bytesAvailable() > 0) {
            const QByteArray chunk = m_socket->read(take);
            m_buffer += chunk;
        }
        const State before = m_state;
        const qsizetype size = m_buffer.size();
        process();
        if (m_state == State::Handling || m_state == State::Closing || m_state == State::Closed)
            return;
        // Go on while this round made progress and the socket holds more.
        if (m_socket->bytesAvailable() == 0 || (m_state == before && m_buffer.size() == size && take <= 0))
            return;
    }
}

void HttpConnection::process()
{
    if (m_state == State::Head) {
        // Stray CR LF between requests (after a POST body) is allowed before a request line.
        qsizetype skip = 0;
        while (m_buffer.size() >= skip + 2 && m_buffer.at(skip) == '\r' && m_buffer.at(skip + 1) == '\n')
            skip += 2;
        if (skip > 0)
            m_buffer.remove(0, skip);
        if (m_buffer.isEmpty())
            return;
        if (!m_headStarted) {
            m_headStarted = true;
            m_deadline.start(m_options.headTimeoutMs);
        }
        const auto parsed = HttpRequestParser::parseHead(m_buffer, m_options.limits);
        if (parsed.status == HttpRequestParser::Status::NeedMore)
            return;
        if (parsed.status == HttpRequestParser::Status::Error) {
            refuse(parsed.httpStatus, parsed.error);
            return;
        }
        m_head = parsed.head;
        m_state = State::Body;
        m_deadline.start(m_options.bodyTimeoutMs);
        if (m_head.expectContinue && m_buffer.size() < m_head.headBytes + m_head.contentLength)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (m_state == State::Body && m_buffer.size() >= m_head.headBytes + m_head.contentLength)
        startRequest(m_head);
}

void HttpConnection::startRequest(const HttpHead &head)
{
    m_deadline.stop();
    m_state = State::Handling;
    ++m_requests;
    const quint64 generation = ++m_generation;
    ApiRequest r;
    r.method = head.method;
    const QUrl url = QUrl::fromEncoded("http://localhost" + head.target);
    r.path = url.path();
    r.query = QUrlQuery(url);
    for (const auto &[name, value] : head.headers) {
        const QByteArray lower = name.toLower();
        if (r.headers.contains(lower))
            r.headers[lower] += ", " + value; // repeated headers are one comma-separated list
        else
            r.headers.insert(lower, value);
    }
    r.body = m_buffer.mid(head.headBytes, head.contentLength);
    m_buffer.remove(0, head.headBytes + head.contentLength);
    r.peer = m_socket->peerAddress();
    const bool keepAlive = head.keepAlive;
    const bool headOnly = head.method == "HEAD";
    QPointer<HttpConnection> self(this);
    m_handler(std::move(r), [self, generation, keepAlive, headOnly](const ApiResponse &response) {
        if (!self || self->m_generation != generation || self->m_state != State::Handling)
            return; // the client went away, or a second answer to one request
        self->write(response, keepAlive, headOnly);
    });
}

void HttpConnection::write(const ApiResponse &response, bool keepAlive, bool headOnly)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!headOnly)
        out += response.body;
    m_socket->write(out);
    if (!keepAlive) {
        m_state = State::Closing;
        m_deadline.start(kLingerMs);
        if (m_socket->bytesToWrite() == 0)
            finishClosing();
        return;
    }
    m_state = State::Head;
    m_headStarted = false;
    m_deadline.start(m_options.keepAliveTimeoutMs);
    // The next request may be waiting already (pipelined, or in the socket's buffer).
    QMetaObject::invokeMethod(this, &HttpConnection::pull, Qt::QueuedConnection);
}

void HttpConnection::refuse(int status, const QString &message)
{
    ApiResponse r = ApiResponse::error(status, message);
    m_state = State::Handling;
    ++m_generation;
    write(r, false, false);
}

void HttpConnection::finishClosing()
{
    // Plain TCP: say "no more from us" but keep reading a little, so that a client still sending
    // the body we refused reads our answer instead of a reset. TLS closes at once (its close
    // alert is the end); the deadline ends the lingering either way.
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (qobject_cast<QSslSocket *>(m_socket)) {
        m_socket->disconnectFromHost();
        return;
    }
    m_socket->flush();
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    pull();
}

void HttpConnection::onTimeout()
{
    switch (m_state) {
    case State::Head:
        if (!m_headStarted) {
            abortNow(); // idle between requests, or never sent anything: just close
            return;
        }
        refuse(408, u"the request head did not arrive within %1 s"_s.arg(m_options.headTimeoutMs / 1000));
        return;
    case State::Body:
        refuse(408, u"the request body did not arrive within %1 s"_s.arg(m_options.bodyTimeoutMs / 1000));
        return;
    case State::Closing:
        abortNow();
        return;
    case State::Handling:
    case State::Closed:
        return;
    }
}

void HttpConnection::abortNow()
{
    m_socket->abort();
    onDisconnected();
}

void HttpConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_deadline.stop();
    Q_EMIT closed();
}

} // namespace arbor::core
