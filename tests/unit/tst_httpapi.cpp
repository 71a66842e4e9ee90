// HttpApi and HttpConnection on 127.0.0.1 with a trivial handler (its own thread, so the test's
// blocking raw client can talk to it): keep-alive, pipelining, HEAD, 100-continue, and each limit
// (head, body, deadlines, connection caps) answered without the handler ever seeing the request.
#include "api/httpapi.h"
#include "rawhttp.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {
// An HttpApi living in its own thread; the handler echoes method, path and body size.
class Server
{
public:
    explicit Server(const HttpApi::Options &options)
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(&m_context, [this, options] {
            m_api = new HttpApi([this](ApiRequest r, HttpApi::Reply reply) {
                ++m_handled;
                m_lastBody = r.body.size();
                reply(ApiResponse::json(QJsonObject{{u"method"_s, QString::fromLatin1(r.method)}, {u"path"_s, r.path},
                                                    {u"body"_s, int(r.body.size())}}));
            });
            m_api->setOptions(options);
            const auto port = m_api->listen(u"127.0.0.1"_s, 0);
            m_port = port ? port.value() : 0;
        }, Qt::BlockingQueuedConnection);
    }
    ~Server()
    {
        QMetaObject::invokeMethod(&m_context, [this] { delete m_api; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    int handled() const { return m_handled; }
    qint64 lastBody() const { return m_lastBody; }

private:
    QThread m_thread;
    QObject m_context;
    HttpApi *m_api = nullptr;
    quint16 m_port = 0;
    std::atomic<int> m_handled{0};
    std::atomic<qint64> m_lastBody{0};
};

HttpApi::Options quick()
{
    HttpApi::Options o;
    o.connection.headTimeoutMs = 600;
    o.connection.bodyTimeoutMs = 600;
    o.connection.keepAliveTimeoutMs = 800;
    o.connection.limits.maxBodyBytes = 1000;
    o.maxConnections = 8;
    o.maxConnectionsPerClient = 4;
    return o;
}

QByteArray get(const QByteArray &path) { return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"; }
} // namespace

class TestHttpApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { std::signal(SIGPIPE, SIG_IGN); }

    void keepAlivePipeliningHeadAndBodies()
    {
        Server s(quick());
        QVERIFY(s.port() != 0);
        RawHttpConnection c;
        QVERIFY(c.connectTo(s.port()));
        QVERIFY(c.send(get("/a") + get("/b%20c?x=1")));
        RawHttpReply a = c.readReply(3000);
        RawHttpReply b = c.readReply(3000);
        QCOMPARE(a.status, 200);
        QVERIFY2(a.body.contains("\"path\":\"/a\""), a.body.constData());
        QVERIFY2(b.body.contains("\"path\":\"/b c\""), b.body.constData());
        QVERIFY(c.send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n"));
        RawHttpReply head = c.readReply(3000, true);
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QVERIFY(head.headers.value("content-length").toInt() > 0);
        QVERIFY(c.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
        QCOMPARE(c.readReply(3000).status, 100);
        QVERIFY(c.send("12345"));
        RawHttpReply post = c.readReply(3000);
        QCOMPARE(post.status, 200);
        QCOMPARE(s.lastBody(), qint64(5));
        QCOMPARE(s.handled(), 4);
        // Idle after the last answer: closed at the keep-alive deadline.
        QVERIFY(c.waitForClosed(5000));
    }

    void limitsAreAnsweredBeforeTheHandler()
    {
        Server s(quick());
        RawHttpReply r = rawHttpExchange(s.port(), "GET / HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n");
        QCOMPARE(r.status, 431);
        r = rawHttpExchange(s.port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n");
        QCOMPARE(r.status, 413);
        QVERIFY2(r.body.contains("api.maxBodyBytes"), r.body.constData());
        r = rawHttpExchange(s.port(), "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        QCOMPARE(r.status, 411);
        r = rawHttpExchange(s.port(), "GET / HTTP/1.1\nHost: x\n\n");
        QCOMPARE(r.status, 400);
        QCOMPARE(s.handled(), 0);
        // 413 comes while the client is still sending; what it sends afterwards is not read for long.
        RawHttpConnection c;
        QVERIFY(c.connectTo(s.port()));
        QVERIFY(c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n"));
        QCOMPARE(c.readReply(3000).status, 413);
        int sent = 0;
        const QByteArray chunk(1 << 20, 'x');
        while (sent < 100 && c.send(chunk))
            ++sent;
        QVERIFY2(sent < 100, "100 MB of a refused body were read");
    }

    void slowClientsMeetTheirDeadlines()
    {
        Server s(quick());
        RawHttpConnection slow;
        QVERIFY(slow.connectTo(s.port()));
        QVERIFY(slow.send("GET / HTTP/1.1\r\nHost: x\r\n"));
        bool open = true;
        for (int i = 0; i < 40 && open; ++i)
            open = slow.send("X") && !slow.waitForClosed(100);
        QVERIFY2(!open, "a head sent a byte every 100 ms was held for 4 s");
        RawHttpConnection body;
        QVERIFY(body.connectTo(s.port()));
        QVERIFY(body.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12"));
        QCOMPARE(body.readReply(3000).status, 408);
        RawHttpConnection silent;
        QVERIFY(silent.connectTo(s.port()));
        QVERIFY(silent.waitForClosed(3000));
        QCOMPARE(s.handled(), 0);
    }

    void connectionsAreCapped()
    {
        Server s(quick());
        std::vector<std::unique_ptr<RawHttpConnection>> held;
        for (int i = 0; i < 4; ++i) {
            held.push_back(std::make_unique<RawHttpConnection>());
            QVERIFY(held.back()->connectTo(s.port(), QHostAddress(u"127.0.0.7"_s)));
        }
        RawHttpConnection fifth;
        QVERIFY(fifth.connectTo(s.port(), QHostAddress(u"127.0.0.7"_s)));
        QVERIFY(fifth.waitForClosed(400)); // long before the 600 ms head deadline
        QCOMPARE(rawHttpExchange(s.port(), get("/lb")).status, 200); // another address gets in
    }
};

QTEST_GUILESS_MAIN(TestHttpApi)
#include "tst_httpapi.moc"
