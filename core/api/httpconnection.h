#pragma once

#include "api/apirequest.h"
#include "api/apiresponse.h"
#include "api/httprequestparser.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace arbor::core {

// One client connection of the API: reads one request at a time within the limits and deadlines
// below, hands the complete request to the handler, writes its answer, and then reads the next
// (keep-alive). It reads from the socket only as much as the current request may still hold, so a
// client sending more than allowed is answered (413, 431) without the rest being buffered, and a
// client that stops sending is closed when its deadline passes (408), so it holds no connection for
// long. Errors it answers itself close the connection, with a short lingering read so that the
// client sees the answer instead of a reset.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        HttpLimits limits;
        int headTimeoutMs = 10000;     // from the first byte of a request (or the accept) to its end of head
        int bodyTimeoutMs = 30000;     // from the end of head to the end of the body
        int keepAliveTimeoutMs = 30000; // idle between requests
    };
    using Reply = std::function<void(const ApiResponse &)>;
    using Handler = std::function<void(ApiRequest request, Reply reply)>;

    // Takes ownership of @p socket (connected; for TLS, encryption already started).
    HttpConnection(QTcpSocket *socket, const Options &options, Handler handler, QObject *parent = nullptr);
    ~HttpConnection() override;

    qint64 requests() const { return m_requests; }

Q_SIGNALS:
    // The connection is closed; the owner deletes this object (later).
    void closed();

private:
    enum class State { Head, Body, Handling, Closing, Closed };

    void pull();
    void process();
    void startRequest(const HttpHead &head);
    void write(const ApiResponse &response, bool keepAlive, bool headOnly);
    // Answers @p status with @p message and closes.
    void refuse(int status, const QString &message);
    void onTimeout();
    void onDisconnected();
    void abortNow();
    void finishClosing();

    QTcpSocket *m_socket;
    Options m_options;
    Handler m_handler;
    State m_state = State::Head;
    QByteArray m_buffer;
    HttpHead m_head;
    bool m_headStarted = false; // the current request's first byte arrived (its head deadline runs)
    QTimer m_deadline;
    qint64 m_requests = 0;
    quint64 m_generation = 0;   // which request a reply belongs to
    qint64 m_drained = 0;       // bytes read and dropped while closing
};

} // namespace arbor::core
