// The HTTP API over real HTTPS (QNetworkAccessManager on 127.0.0.1) of a real `arbor --service`
// watching a sandbox: orchestrator's paths and fields, users and roles, bad input, errors as JSON.
#include "resultassert.h"
#include "sandbox.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "waitfor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QProcess>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

class TestServiceApi : public QObject
{
    Q_OBJECT

    Sandbox m_sandbox{{SandboxShape::Star, 3, true}};
    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_service;

    ServiceReply request(const QByteArray &method, const QString &path, const QString &user = u"op"_s,
                         const QByteArray &body = {})
    {
        return m_service->request(method, path, user, body, 15000);
    }
    ServiceReply get(const QString &path, const QString &user = u"op"_s) { return request("GET", path, user); }

    QString master() const { return u"127.0.0.1/%1"_s.arg(m_sandbox.port(0)); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend for Qt");
        QVERIFY(m_dir.isValid());
        auto started = m_sandbox.start();
        QVERIFY_RESULT(started);

        const QString cert = m_dir.filePath(u"cert.pem"_s);
        const QString key = m_dir.filePath(u"key.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, key,
                                     u"-out"_s, cert, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            QSKIP("openssl could not make a test certificate");

        m_service = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), u"service"_s,
                                                     ServiceProcess::Output::ForwardErrors);
        m_service->setTls(true);
        const QJsonObject config{
            {u"backend"_s, QJsonObject{{u"kind"_s, u"sqlite"_s}, {u"sqliteFile"_s, m_dir.filePath(u"arbor.sqlite3"_s)}}},
            {u"topology"_s, QJsonObject{{u"credentialsFile"_s, m_sandbox.credentialsFile()}, {u"pollSeconds"_s, 1}}},
            {u"node"_s, QJsonObject{{u"name"_s, u"api-node"_s}}},
            {u"api"_s, QJsonObject{{u"listen"_s, m_service->listenAddress()},
                                   {u"tls"_s, QJsonObject{{u"certFile"_s, cert}, {u"keyFile"_s, key}}},
                                   {u"users"_s, QJsonArray{serviceUser(u"op"_s, u"operator"_s),
                                                           serviceUser(u"ro"_s, u"read-only"_s)}}}},
        };
        const auto written = m_service->writeConfig(config);
        QVERIFY_RESULT(written);
        m_service->start();
        QVERIFY(m_service->waitForStarted());
        QVERIFY(waitFor([&] { return get(u"/api/leader-check"_s, {}).status == 200; }, 20000));
    }

    void cleanupTestCase()
    {
        if (m_service)
            m_service->stop();
    }

    // `arbor --service` execs arbor-service: same PID, and no desktop library mapped (RSS of a node).
    void serviceRunsWithoutTheDesktopLibraries()
    {
        QFile maps(u"/proc/%1/maps"_s.arg(m_service->process().processId()));
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray mapped = maps.readAll();
        QVERIFY(mapped.contains("libQt6Core.so"));
        QVERIFY(mapped.contains("/arbor-service"));
        for (const char *library : {"libQt6Widgets.so", "libQt6Gui.so", "libQt6Charts.so"})
            QVERIFY2(!mapped.contains(library), library);
    }

    void authenticationIsRequired()
    {
        ServiceReply r = get(u"/api/clusters"_s, {});
        QCOMPARE(r.status, 401);
        QVERIFY(r.contentType.startsWith("application/json"));
        QCOMPARE(r.object().value(u"Code"_s).toString(), u"ERROR"_s);
        QVERIFY(!r.message().isEmpty());
        QNetworkRequest wrong(QUrl(u"https://127.0.0.1:%1/api/clusters"_s.arg(m_service->port())));
        r = request("GET", u"/api/clusters"_s, u"nobody"_s);
        QCOMPARE(r.status, 401);
        QCOMPARE(get(u"/api/lb-check"_s, {}).status, 200); // load balancers need no credentials
    }

    void discoverAndReadInOrchestratorShapes()
    {
        ServiceReply r = get(u"/api/discover/"_s + master());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(u"Code"_s).toString(), u"OK"_s);
        const QJsonObject details = r.object().value(u"Details"_s).toObject();
        QCOMPARE(details.value(u"Key"_s).toObject().value(u"Port"_s).toInt(), m_sandbox.port(0));
        // The poller follows the replicas.
        QVERIFY(waitFor([&] { return get(u"/api/cluster/"_s + master().replace(u'/', u':')).array().size() == 3; }, 15000));
        const QJsonArray cluster = get(u"/api/cluster/"_s + master().replace(u'/', u':')).array();
        for (const QJsonValue &v : cluster) {
            const QJsonObject i = v.toObject();
            for (const QString &field : {u"Key"_s, u"MasterKey"_s, u"Slave_SQL_Running"_s, u"Slave_IO_Running"_s,
                                         u"SecondsBehindMaster"_s, u"ClusterName"_s, u"ReadOnly"_s, u"Version"_s,
                                         u"IsDowntimed"_s, u"ReplicationDepth"_s})
                QVERIFY2(i.contains(field), qPrintable(field));
            QCOMPARE(i.value(u"ClusterName"_s).toString(), m_sandbox.key(0).toString());
        }
        const ServiceReply instance = get(u"/api/instance/127.0.0.1/%1"_s.arg(m_sandbox.port(1)));
        QCOMPARE(instance.status, 200);
        QCOMPARE(instance.object().value(u"MasterKey"_s).toObject().value(u"Port"_s).toInt(), m_sandbox.port(0));

        QCOMPARE(get(u"/api/clusters"_s).array(), QJsonArray{m_sandbox.key(0).toString()});
        const QJsonObject info = get(u"/api/clusters-info"_s).array().first().toObject();
        QCOMPARE(info.value(u"CountInstances"_s).toInt(), 3);
        for (const QString &f : {u"ClusterName"_s, u"ClusterAlias"_s, u"ClusterDomain"_s, u"HeuristicLag"_s,
                                 u"HasAutomatedMasterRecovery"_s})
            QVERIFY(info.contains(f));
        QCOMPARE(get(u"/api/cluster-info/"_s + m_sandbox.key(0).toString()).object().value(u"CountInstances"_s).toInt(), 3);
        const ServiceReply topology = get(u"/api/topology/"_s + master());
        QCOMPARE(topology.status, 200);
        const QString tree = topology.object().value(u"Details"_s).toString();
        QVERIFY2(tree.startsWith(m_sandbox.key(0).toString()) && tree.contains(u"+ 127.0.0.1:"_s), qPrintable(tree));

        const QJsonArray bulk = get(u"/api/bulk-instances"_s).array();
        QCOMPARE(bulk.size(), 3);
        QVERIFY(bulk.first().toObject().contains(u"Hostname"_s) && bulk.first().toObject().value(u"Port"_s).isDouble());
        // Posted back, the list is discovered at once.
        const ServiceReply posted = request("POST", u"/api/bulk-instances"_s, u"op"_s, QJsonDocument(bulk).toJson());
        QCOMPARE(posted.status, 200);
        QCOMPARE(posted.object().value(u"Details"_s).toObject().value(u"Accepted"_s).toInt(), 3);
    }

    void readOnlyUserMayReadButNotWrite()
    {
        QCOMPARE(get(u"/api/instance/"_s + master(), u"ro"_s).status, 200);
        const ServiceReply refused = get(u"/api/discover/"_s + master(), u"ro"_s);
        QCOMPARE(refused.status, 403);
        QVERIFY2(refused.message().contains(u"read-only"_s), qPrintable(refused.message()));
        QCOMPARE(get(u"/api/begin-downtime/"_s + master() + u"/me/test"_s, u"ro"_s).status, 403);
        QCOMPARE(request("POST", u"/api/bulk-instances"_s, u"ro"_s, "[]").status, 403);
    }

    void badInputGets400WithAReason()
    {
        ServiceReply r = get(u"/api/instance/127.0.0.1/notaport"_s);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.message().contains(u"port"_s), qPrintable(r.message()));
        r = get(u"/api/discover/bad;host/3306"_s);
        QCOMPARE(r.status, 400);
        r = get(u"/api/discovery-metrics-raw/0"_s);
        QCOMPARE(r.status, 400);
        QVERIFY(r.message().contains(u"seconds"_s));
        r = request("POST", u"/api/bulk-instances"_s, u"op"_s, "{not json");
        QCOMPARE(r.status, 400);
        r = request("POST", u"/api/bulk-instances"_s, u"op"_s, R"([{"Hostname": "h"}])");
        QCOMPARE(r.status, 400);
        QVERIFY(r.message().contains(u"Port"_s));
        r = get(u"/api/begin-downtime/"_s + master() + u"/me/why/forever"_s);
        QCOMPARE(r.status, 400);
        QVERIFY(r.message().contains(u"duration"_s));
        QCOMPARE(get(u"/api/no-such-thing"_s).status, 404);
        QCOMPARE(get(u"/nothing"_s).status, 404);
        QCOMPARE(get(u"/api/cluster/nope:1"_s).status, 404);
        QCOMPARE(get(u"/api/instance/10.9.9.9/3306"_s).status, 404);
        QCOMPARE(request("DELETE", u"/api/clusters"_s).status, 405);
    }

    void downtimeAndForget()
    {
        const QString replica = u"127.0.0.1/%1"_s.arg(m_sandbox.port(2));
        QCOMPARE(get(u"/api/begin-downtime/"_s + replica + u"/dba/maintenance/30m"_s).status, 200);
        QCOMPARE(get(u"/api/instance/"_s + replica).object().value(u"IsDowntimed"_s).toBool(), true);
        QCOMPARE(get(u"/api/end-downtime/"_s + replica).status, 200);
        QCOMPARE(get(u"/api/instance/"_s + replica).object().value(u"IsDowntimed"_s).toBool(), false);
        const ServiceReply forgotten = get(u"/api/forget/"_s + replica);
        QCOMPARE(forgotten.status, 200);
        QCOMPARE(forgotten.object().value(u"Code"_s).toString(), u"OK"_s);
    }

    void healthLeaderCheckMetrics()
    {
        const ServiceReply health = get(u"/api/health"_s);
        QCOMPARE(health.status, 200);
        const QJsonObject d = health.object().value(u"Details"_s).toObject();
        QCOMPARE(d.value(u"Healthy"_s).toBool(), true);
        QCOMPARE(d.value(u"IsActiveNode"_s).toBool(), true);
        QCOMPARE(d.value(u"ActiveNode"_s).toObject().value(u"Hostname"_s).toString(), u"api-node"_s);
        QCOMPARE(d.value(u"AvailableNodes"_s).toArray().size(), 1);
        QCOMPARE(get(u"/api/status"_s).status, 200);
        const ServiceReply leader = get(u"/api/leader-check"_s, {});
        QCOMPARE(leader.status, 200);
        QCOMPARE(leader.body, QByteArray("\"OK\""));

        QVERIFY(waitFor([&] { return !get(u"/api/discovery-metrics-raw/60"_s).array().isEmpty(); }, 5000));
        const QJsonObject raw = get(u"/api/discovery-metrics-raw/60"_s).array().first().toObject();
        for (const QString &f : {u"Timestamp"_s, u"Hostname"_s, u"Port"_s, u"BackendLatencySeconds"_s,
                                 u"InstanceLatencySeconds"_s, u"TotalLatencySeconds"_s, u"Err"_s})
            QVERIFY2(raw.contains(f), qPrintable(f));
        const QJsonObject agg = get(u"/api/discovery-metrics-aggregated/60"_s).object();
        QVERIFY(agg.value(u"SuccessfulDiscoveries"_s).toInt() > 0);
        QVERIFY(agg.contains(u"P95TotalSeconds"_s) && agg.contains(u"MedianInstanceSeconds"_s));
        const QJsonObject backend = get(u"/api/backend-query-metrics-aggregated/60"_s).object();
        QVERIFY(backend.value(u"Count"_s).toInt() > 0);
        QVERIFY(backend.contains(u"P95LatencySeconds"_s));
        const ServiceReply metrics = get(u"/metrics"_s);
        QCOMPARE(metrics.status, 200);
        QVERIFY(metrics.contentType.startsWith("text/plain"));
        QVERIFY(metrics.body.contains("\narbor_is_active 1\n"));
        QVERIFY(metrics.body.contains("# TYPE arbor_poll_attempts_total counter"));
        // Both lanes of the poller run at least one thread each.
        const auto threads = QRegularExpression(u"\narbor_poll_threads (\\d+)\n"_s).match(QString::fromUtf8(metrics.body));
        QVERIFY2(threads.hasMatch() && threads.captured(1).toInt() >= 2, metrics.body.constData());
        QVERIFY(metrics.body.contains("\narbor_polls_waiting_for_thread "));
        const ServiceReply analysis = get(u"/api/replication-analysis"_s);
        QCOMPARE(analysis.status, 200);
        QCOMPARE(analysis.object().value(u"Code"_s).toString(), u"OK"_s);
        QVERIFY(analysis.object().value(u"Details"_s).isArray());
        QCOMPARE(get(u"/api/audit"_s).status, 200);
        QVERIFY(get(u"/api/audit"_s).array().isEmpty() || get(u"/api/audit"_s).array().first().isObject());
    }
};

QTEST_GUILESS_MAIN(TestServiceApi)
#include "tst_service_api.moc"
