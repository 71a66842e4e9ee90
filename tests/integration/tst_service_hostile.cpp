// The HTTP API of a real `arbor --service` (SQLite backend, no topology server needed) under the
// requests a hostile or careless client sends: floods of wrong passwords, anonymous writes, forged
// cross-site browser requests, out-of-range parameters; and servers that never answer again.
#include "api/passwordhash.h"
#include "model/instance.h"
#include "rawhttp.h"
#include "resultassert.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "store/store.h"
#include "waitfor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestServiceHostile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_service;   // users op, ro, slow (full-cost hash)
    std::unique_ptr<ServiceProcess> m_anonymous; // no users
    std::unique_ptr<ServiceProcess> m_tight;     // 16 connections, 2 s head timeout, 3 s idle
    quint16 m_unseenPort = 0;

    quint16 port() const { return quint16(m_service->port()); }

    QJsonObject config(const QString &name, const QJsonObject &api, const QJsonObject &extra = {}) const
    {
        QJsonObject c{
            {u"backend"_s, QJsonObject{{u"kind"_s, u"sqlite"_s}, {u"sqliteFile"_s, m_dir.filePath(name + u".sqlite3"_s)}}},
            {u"topology"_s, QJsonObject{{u"credentialsFile"_s, m_dir.filePath(u"topology.cnf"_s)}, {u"pollSeconds"_s, 1},
                                        {u"connectTimeoutSeconds"_s, 1}, {u"readTimeoutSeconds"_s, 1}}},
            {u"node"_s, QJsonObject{{u"name"_s, name}}},
            {u"api"_s, api},
        };
        for (auto it = extra.begin(); it != extra.end(); ++it)
            c.insert(it.key(), it.value());
        return c;
    }

    bool startService(std::unique_ptr<ServiceProcess> &service, const QString &name, QJsonObject api,
                      const QJsonObject &extra = {})
    {
        service = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), name);
        api.insert(u"listen"_s, service->listenAddress());
        if (!service->writeConfig(config(name, api, extra)).ok())
            return false;
        service->start();
        return service->waitForStarted() && service->waitForPing(20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        std::signal(SIGPIPE, SIG_IGN); // writes to a connection the server reset must fail, not kill the test
        QFile credentials(m_dir.filePath(u"topology.cnf"_s));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[client]\nuser=arbor\npassword=unused\n");
        credentials.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        credentials.close();

        // A server the store knows, seen last 300 hours ago, on a port where nothing listens.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        m_unseenPort = probe.serverPort();
        probe.close();
        {
            Store store(StoreOptions::sqlite(m_dir.filePath(u"main.sqlite3"_s)));
            QVERIFY_RESULT(store.open());
            Instance gone;
            gone.key = InstanceKey(u"127.0.0.1"_s, m_unseenPort);
            gone.serverId = 77;
            gone.version = u"10.11.6-MariaDB-log"_s;
            gone.lastCheckValid = true;
            gone.lastChecked = QDateTime::currentDateTimeUtc().addSecs(-300 * 3600);
            gone.lastSeen = gone.lastChecked;
            QVERIFY_RESULT(store.writeInstances({gone}));
        }

        QJsonObject slow = serviceUser(u"slow"_s, u"operator"_s);
        slow.insert(u"passwordHash"_s, PasswordHash::make(servicePassword(u"slow"_s))); // full cost, as in production
        const QJsonObject api{{u"users"_s, QJsonArray{serviceUser(u"op"_s, u"operator"_s),
                                                      serviceUser(u"ro"_s, u"read-only"_s), slow}},
                              {u"maxBulkInstances"_s, 3}};
        QVERIFY(startService(m_service, u"main"_s, api, QJsonObject{{u"UnseenInstanceForgetHours"_s, 1}}));
        QVERIFY(startService(m_anonymous, u"open"_s, QJsonObject{}));
        QVERIFY(startService(m_tight, u"tight"_s,
                             QJsonObject{{u"users"_s, QJsonArray{serviceUser(u"op"_s, u"operator"_s)}},
                                         {u"maxConnections"_s, 16}, {u"headerTimeoutSeconds"_s, 2},
                                         {u"idleTimeoutSeconds"_s, 3}}));
        // Both wait to be the active node (writes are only taken there).
        QVERIFY(waitFor([&] { return m_service->get(u"/api/leader-check"_s, {}, 2000).status == 200; }, 20000));
        QVERIFY(waitFor([&] { return m_anonymous->get(u"/api/leader-check"_s, {}, 2000).status == 200; }, 20000));
        QCOMPARE(m_service->get(u"/api/clusters"_s, u"op"_s, 5000).status, 200);
    }

    void cleanupTestCase()
    {
        if (m_service)
            m_service->stop();
        if (m_anonymous)
            m_anonymous->stop();
        if (m_tight)
            m_tight->stop();
    }

    void keepAlivePipeliningAndHead()
    {
        const quint16 p = quint16(m_tight->port());
        RawHttpConnection c;
        QVERIFY(c.connectTo(p));
        // Two requests in one write: two answers, in order, on the same connection.
        QVERIFY(c.send(RawHttpConnection::get("/api/lb-check", p) + RawHttpConnection::get("/api/_ping", p)));
        RawHttpReply a = c.readReply(5000);
        RawHttpReply b = c.readReply(5000);
        QCOMPARE(a.status, 200);
        QCOMPARE(b.status, 200);
        QCOMPARE(a.body, QByteArray("\"OK\""));
        QVERIFY(c.send("HEAD /api/lb-check HTTP/1.1\r\nHost: x\r\n\r\n"));
        RawHttpReply head = c.readReply(5000, true);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.headers.value("content-length"), QByteArray("4")); // what GET sends, without the body
        QVERIFY(c.send("GET /api/lb-check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        QCOMPARE(c.readReply(5000).status, 200);
        QVERIFY(c.waitForClosed(5000));
    }

    void oversizedHeadsAndBodiesAreRefusedBeforeTheyAreRead()
    {
        const quint16 p = quint16(m_tight->port());
        RawHttpReply r = rawHttpExchange(p, RawHttpConnection::get("/api/lb-check", p, {}, "X-Big: " + QByteArray(20000, 'a') + "\r\n"));
        QCOMPARE(r.status, 431);
        r = rawHttpExchange(p, "POST /api/bulk-instances HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        QCOMPARE(r.status, 411);

        // 300 MB announced: answered 413 as soon as the head is in, and the rest is never buffered.
        RawHttpConnection c;
        QVERIFY(c.connectTo(p));
        QVERIFY(c.send("POST /api/bulk-instances HTTP/1.1\r\nHost: x\r\nAuthorization: Basic "
                       + QByteArray("op:op-secret").toBase64() + "\r\nContent-Length: 300000000\r\n\r\n"
                       + QByteArray(65536, '[')));
        r = c.readReply(5000);
        QCOMPARE(r.status, 413);
        QVERIFY2(r.body.contains("api.maxBodyBytes"), r.body.constData());
        const QByteArray chunk(1024 * 1024, ' ');
        int sent = 0;
        while (sent < 300 && c.send(chunk))
            ++sent;
        QVERIFY2(sent < 300, "the server read a 300 MB body it had refused");
        QFile status(u"/proc/%1/status"_s.arg(m_tight->process().processId()));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QByteArray text = status.readAll();
        const qsizetype at = text.indexOf("VmHWM:");
        const qint64 peakKb = text.mid(at + 6, text.indexOf('\n', at) - at - 6).trimmed().split(' ').first().toLongLong();
        QVERIFY2(peakKb > 0 && peakKb < 150 * 1024, qPrintable(u"peak RSS %1 kB"_s.arg(peakKb)));
    }

    // Slow-loris: a head sent a byte at a time is cut off at its deadline (408), whatever the pace.
    void slowHeadsAreClosedAtTheirDeadline()
    {
        const quint16 p = quint16(m_tight->port());
        RawHttpConnection c;
        QVERIFY(c.connectTo(p));
        QVERIFY(c.send("GET /api/lb-check HTTP/1.1\r\nHost: x\r\n"));
        QElapsedTimer timer;
        timer.start();
        bool open = true;
        while (open && timer.elapsed() < 10000) {
            open = c.send("X") && !c.waitForClosed(300);
        }
        QVERIFY2(!open, "a head sent a byte every 300 ms was held open for 10 s");
        QVERIFY2(timer.elapsed() < 6000, qPrintable(u"closed after %1 ms"_s.arg(timer.elapsed())));
    }

    // 16 connections at most, 8 per client: the 9th idle one from one address is closed at once,
    // others still get through, and idle ones are closed at the head deadline.
    void connectionsAreCapped()
    {
        const quint16 p = quint16(m_tight->port());
        const QHostAddress hog(u"127.0.0.5"_s);
        std::vector<std::unique_ptr<RawHttpConnection>> idle;
        for (int i = 0; i < 8; ++i) {
            idle.push_back(std::make_unique<RawHttpConnection>());
            QVERIFY(idle.back()->connectTo(p, hog));
        }
        // The server accepts in the order the kernel completed the handshakes: the ninth comes last.
        QElapsedTimer timer;
        timer.start();
        RawHttpConnection ninth;
        QVERIFY(ninth.connectTo(p, hog));
        QVERIFY(ninth.waitForClosed(1500));
        QVERIFY(timer.elapsed() < 1500);
        for (const auto &c : idle)
            QVERIFY(c->isOpen());
        QCOMPARE(rawHttpExchange(p, RawHttpConnection::get("/api/lb-check", p)).status, 200);
        for (const auto &c : idle)
            QVERIFY(c->waitForClosed(6000));
    }

    // 80 wrong passwords at once from one address: lb-check still answers at once, the address is
    // told to wait (429, Retry-After), and a correct password from another address still signs in.
    void wrongPasswordsNeitherStallNorGoOnForever()
    {
        const QHostAddress attacker(u"127.0.0.3"_s);
        constexpr int kFlood = 80;
        std::vector<std::unique_ptr<RawHttpConnection>> flood;
        for (int i = 0; i < kFlood; ++i) {
            auto c = std::make_unique<RawHttpConnection>();
            QVERIFY(c->connectTo(port(), attacker));
            QVERIFY(c->send(RawHttpConnection::get("/api/clusters", port(), "slow:wrong-" + QByteArray::number(i))));
            flood.push_back(std::move(c));
        }
        QElapsedTimer timer;
        timer.start();
        const RawHttpReply lb = rawHttpExchange(port(), RawHttpConnection::get("/api/lb-check", port()), 10000);
        QCOMPARE(lb.status, 200);
        // Generous: the 80 hashes in a row took 4-7 s on the request thread.
        QVERIFY2(timer.elapsed() < 2000, qPrintable(u"lb-check took %1 ms"_s.arg(timer.elapsed())));

        int refused = 0;
        int tooMany = 0;
        QByteArray retryAfter;
        for (auto &c : flood) {
            const RawHttpReply r = c->readReply(20000);
            QVERIFY2(r.status == 401 || r.status == 429, qPrintable(QString::number(r.status)));
            refused += r.status == 401;
            if (r.status == 429) {
                ++tooMany;
                retryAfter = r.headers.value("retry-after");
                QVERIFY2(QString::fromUtf8(r.body).contains(u"127.0.0.3"_s), r.body.constData());
            }
        }
        QVERIFY2(tooMany > 0, qPrintable(u"%1 refused with 401, none with 429"_s.arg(refused)));
        QVERIFY2(retryAfter.toInt() >= 1, retryAfter.constData());
        QVERIFY2(refused <= 10, qPrintable(u"%1 password checks failed before the limit"_s.arg(refused)));
        // Wrong passwords one at a time reach the failure limit (10 a minute)...
        bool limited = false;
        for (int i = 0; i < 12 && !limited; ++i) {
            const RawHttpReply r = rawHttpExchange(
                port(), RawHttpConnection::get("/api/clusters", port(), "slow:again-" + QByteArray::number(i)), 10000, attacker);
            limited = r.status == 429 && r.body.contains("failed sign-ins");
        }
        QVERIFY(limited);
        // ...then the right password from that address waits too; from elsewhere it works.
        QCOMPARE(rawHttpExchange(port(), RawHttpConnection::get("/api/clusters", port(), "slow:slow-secret"), 10000, attacker)
                     .status,
                 429);
        QCOMPARE(rawHttpExchange(port(), RawHttpConnection::get("/api/clusters", port(), "slow:slow-secret"), 10000,
                                 QHostAddress(u"127.0.0.4"_s))
                     .status,
                 200);
    }

    void anonymousCallersMayReadButNeverWrite()
    {
        QCOMPARE(m_anonymous->get(u"/api/clusters"_s, {}, 5000).status, 200);
        const ServiceReply discover = m_anonymous->get(u"/api/discover/127.0.0.1/%1"_s.arg(m_unseenPort), {}, 5000);
        QCOMPARE(discover.status, 401);
        QVERIFY2(discover.message().contains(u"api.anonymous"_s), discover.body.constData());
        QCOMPARE(m_anonymous->request("POST", u"/api/bulk-instances"_s, {}, "[]", 5000).status, 401);
        QCOMPARE(m_anonymous->get(u"/api/begin-downtime/127.0.0.1/3306/me/test/1h"_s, {}, 5000).status, 401);
        QVERIFY2(m_anonymous->log().contains(u"anonymous callers may read"_s), qPrintable(m_anonymous->log()));
    }

    // ":PORT" (orchestrator's ListenAddress form) and 0.0.0.0 reach every interface of the machine: the
    // start-up line says so, as a warning; a loopback bind does not (the main service's log).
    void bindsToEveryInterfaceAreLogged_data()
    {
        QTest::addColumn<QString>("form");
        QTest::newRow(":PORT") << u":%1"_s;
        QTest::newRow("0.0.0.0:PORT") << u"0.0.0.0:%1"_s;
    }

    void bindsToEveryInterfaceAreLogged()
    {
        QFETCH(QString, form);
        const QString name = form.startsWith(u':') ? u"everywhere-port"_s : u"everywhere-any"_s; // a log of its own
        ServiceProcess open(QStringLiteral(ARBOR_BINARY), m_dir.path(), name);
        QJsonObject c = config(name, QJsonObject{});
        QJsonObject api = c.value(u"api"_s).toObject();
        api.insert(u"listen"_s, form.arg(open.port()));
        c.insert(u"api"_s, api);
        QVERIFY_RESULT(open.writeConfig(c));
        open.start();
        QVERIFY(open.waitForStarted());
        QVERIFY(open.waitForPing(20000)); // over 127.0.0.1, which every-interface includes
        QVERIFY2(open.log().contains(u"listening on every interface"_s), qPrintable(open.log()));
        open.stop();
        QVERIFY2(!m_service->log().contains(u"listening on every interface"_s), qPrintable(m_service->log()));
    }

    void crossSiteBrowserWritesAreRefused()
    {
        const QByteArray path = "/api/end-downtime/127.0.0.1/" + QByteArray::number(m_unseenPort);
        const QByteArray host = "127.0.0.1:" + QByteArray::number(port());
        for (const QByteArray &header : {QByteArray("Origin: http://evil.example\r\n"),
                                         QByteArray("Origin: null\r\n"),
                                         QByteArray("Origin: http://127.0.0.1:1\r\n"),
                                         QByteArray("Sec-Fetch-Site: cross-site\r\n")}) {
            const RawHttpReply r = rawHttpExchange(port(), RawHttpConnection::get(path, port(), "op:op-secret", header));
            QCOMPARE(r.status, 403);
            QVERIFY2(r.body.contains("cross-site"), r.body.constData());
        }
        // The API's own origin and a same-origin fetch are writes like any other; reads ignore Origin.
        QVERIFY(rawHttpExchange(port(), RawHttpConnection::get(path, port(), "op:op-secret", "Origin: http://" + host + "\r\n"))
                    .status != 403);
        QVERIFY(rawHttpExchange(port(), RawHttpConnection::get(path, port(), "op:op-secret", "Sec-Fetch-Site: same-origin\r\n"))
                    .status != 403);
        QCOMPARE(rawHttpExchange(port(), RawHttpConnection::get("/api/clusters", port(), "op:op-secret",
                                                                "Origin: http://evil.example\r\n"))
                     .status,
                 200);
    }

    void parametersAreBounded()
    {
        for (const QString &path : {u"/api/audit/42949673"_s, u"/api/audit/99999999999999999999"_s, u"/api/audit/-1"_s,
                                    u"/api/audit-recovery/42949673"_s, u"/api/audit-failure-detection/99999999999"_s}) {
            const ServiceReply r = m_service->get(path, u"op"_s, 5000);
            QCOMPARE(r.status, 400);
            QVERIFY2(r.message().contains(u"page"_s), qPrintable(path + u": "_s + r.message()));
        }
        QCOMPARE(m_service->get(u"/api/audit/100000"_s, u"op"_s, 5000).status, 200);
        QJsonArray four;
        for (int i = 0; i < 4; ++i)
            four.append(QJsonObject{{u"Hostname"_s, u"127.0.0.1"_s}, {u"Port"_s, 20000 + i}});
        const ServiceReply bulk = m_service->request("POST", u"/api/bulk-instances"_s, u"op"_s, QJsonDocument(four).toJson(), 5000);
        QCOMPARE(bulk.status, 400);
        QVERIFY2(bulk.message().contains(u"api.maxBulkInstances"_s), qPrintable(bulk.message()));
        const ServiceReply port = m_service->request("POST", u"/api/bulk-instances"_s, u"op"_s,
                                                     R"([{"Hostname": "127.0.0.1", "Port": 1e300}])", 5000);
        QCOMPARE(port.status, 400);
    }

    // UnseenInstanceForgetHours: 1, and the store's server was seen 300 h ago: the active node forgets
    // it after its first failed poll and says so in the audit.
    void serversUnseenTooLongAreForgottenInTheAudit()
    {
        const QString key = u"127.0.0.1:%1"_s.arg(m_unseenPort);
        QJsonObject forgotten;
        QVERIFY2(waitFor([&] {
            for (const QJsonValue &v : m_service->get(u"/api/audit"_s, u"op"_s, 5000).array()) {
                const QJsonObject e = v.toObject();
                if (e.value(u"AuditType"_s).toString() == u"forget"_s
                    && e.value(u"AuditInstanceKey"_s).toObject().value(u"Port"_s).toInt() == m_unseenPort) {
                    forgotten = e;
                    return true;
                }
            }
            return false;
        }, 20000), qPrintable(m_service->log(4000)));
        QVERIFY2(forgotten.value(u"Message"_s).toString().contains(u"UnseenInstanceForgetHours"_s),
                 qPrintable(forgotten.value(u"Message"_s).toString()));
        QCOMPARE(forgotten.value(u"Result"_s).toString(), u"ok"_s);
        QCOMPARE(m_service->get(u"/api/instance/127.0.0.1/%1"_s.arg(m_unseenPort), u"op"_s, 5000).status, 404);
        QVERIFY(m_service->log().contains(key));
    }
};

QTEST_GUILESS_MAIN(TestServiceHostile)
#include "tst_service_hostile.moc"
