#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>

#include <memory>

class QTcpSocket;

namespace arbor::testsupport {

// One HTTP answer as it came over the wire.
struct RawHttpReply
{
    int status = -1; // -1: no complete answer (closed, timed out)
    QHash<QByteArray, QByteArray> headers; // names lower-case
    QByteArray body;
};

// A plain TCP connection to an HTTP server that sends exactly the bytes a test gives it: for
// requests no well-behaved client library would send (huge heads, bodies that never come, bytes
// one at a time, forged Origin headers) and for many connections at once. Blocking, with deadlines;
// the server must run in another process or thread.
class RawHttpConnection
{
public:
    RawHttpConnection();
    ~RawHttpConnection();
    RawHttpConnection(const RawHttpConnection &) = delete;
    RawHttpConnection &operator=(const RawHttpConnection &) = delete;

    // Connects to 127.0.0.1:@p port, from @p from when set (any 127.x.y.z works on Linux).
    bool connectTo(quint16 port, const QHostAddress &from = {}, int timeoutMs = 5000);
    // False once the server closed the connection (a write then fails).
    bool send(const QByteArray &bytes);
    // Reads one complete answer (Content-Length framed; an answer to HEAD has no body) within @p timeoutMs.
    RawHttpReply readReply(int timeoutMs, bool toHead = false);
    // True once the server closed the connection, waiting up to @p timeoutMs.
    bool waitForClosed(int timeoutMs);
    bool isOpen() const;

    // "GET path HTTP/1.1" with Host 127.0.0.1:port, the extra header lines and Basic credentials
    // (user:password) when given.
    static QByteArray get(const QByteArray &path, quint16 port, const QByteArray &credentials = {},
                          const QByteArray &extraHeaders = {});

private:
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

// connectTo, send, readReply and close: one request on its own connection.
RawHttpReply rawHttpExchange(quint16 port, const QByteArray &request, int timeoutMs = 10000,
                             const QHostAddress &from = {});

} // namespace arbor::testsupport
