// orchestrator's discovery and HTTP keys in a real `arbor --service` watching a real MariaDB sandbox,
// checked over HTTP as a user of the API sees them: DiscoveryIgnoreReplicaHostnameFilters and
// DiscoveryIgnoreHostnameFilters keep a server out (the replica filter never a master),
// DiscoverByShowSlaveHosts=false finds replicas by the processlist only, DefaultInstancePort completes
// a bare seed, URLPrefix serves every route under the prefix (/web/status too) and StatusEndpoint
// answers the health check at its own path, as orchestrator registers it (outside the prefix).
#include "resultassert.h"
#include "sandbox.h"
#include "sandboxservice.h"
#include "serviceconfig.h"
#include "waitfor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

class TestServiceOrchestratorKeys : public QObject
{
    Q_OBJECT

    Sandbox m_sandbox{{SandboxShape::Star, 3, true}}; // 0 <- {1, 2}

    QStringList clusterOf(SandboxService &s) const
    {
        QStringList out;
        for (const QJsonValue &v : s.service().get(u"/api/cluster/"_s + m_sandbox.key(0).toString(), s.user(), 5000).array()) {
            const QJsonObject k = v.toObject().value(u"Key"_s).toObject();
            out << u"%1:%2"_s.arg(k.value(u"Hostname"_s).toString()).arg(k.value(u"Port"_s).toInt());
        }
        out.sort();
        return out;
    }
    // The master was polled twice more: whatever one of its polls listed has been discovered and polled
    // since, so a server kept out is kept out for good, not just not found yet.
    bool masterPolledTwice(SandboxService &s) const
    {
        const QString path = u"/api/instance/127.0.0.1/%1"_s.arg(m_sandbox.port(0));
        auto lastChecked = [&] {
            return s.service().get(path, s.user(), 5000).object().value(u"Arbor"_s).toObject().value(u"LastChecked"_s).toString();
        };
        QString last = lastChecked();
        int changes = 0;
        return waitFor([&] {
            const QString now = lastChecked();
            if (!now.isEmpty() && now != last) {
                last = now;
                ++changes;
            }
            return changes >= 2;
        }, 10000);
    }
    QJsonObject seededBy(const QString &seed) const
    {
        QJsonObject topology = serviceTopologySection(m_sandbox);
        topology.insert(u"seeds"_s, QJsonArray{seed});
        return topology;
    }
    QJsonArray portFilter(int index) const { return QJsonArray{u":%1$"_s.arg(m_sandbox.port(index))}; }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY_RESULT(m_sandbox.start());
    }

    // One service per row, its orchestrator keys at the top level of the config; the servers of the
    // sandbox (by index) the service shows in the master's cluster.
    void discovery_data()
    {
        QTest::addColumn<QJsonObject>("keys");
        QTest::addColumn<QList<int>>("found");
        QTest::newRow("DiscoveryIgnoreReplicaHostnameFilters")
            << QJsonObject{{u"DiscoveryIgnoreReplicaHostnameFilters"_s, portFilter(2)}} << QList<int>{0, 1};
        QTest::newRow("DiscoveryIgnoreReplicaHostnameFilters never keeps a master out")
            << QJsonObject{{u"topology"_s, seededBy(m_sandbox.key(1).toString())},
                           {u"DiscoveryIgnoreReplicaHostnameFilters"_s, portFilter(0)}}
            << QList<int>{0, 1, 2};
        QTest::newRow("DiscoveryIgnoreHostnameFilters")
            << QJsonObject{{u"DiscoveryIgnoreHostnameFilters"_s, portFilter(1)}} << QList<int>{0, 2};
        // Without SHOW SLAVE HOSTS the replicas are seen only as processlist hosts, whose ports orchestrator
        // (and Arbor) take to be the master's: the sandbox's replicas, on other ports, are not found.
        QTest::newRow("DiscoverByShowSlaveHosts=true") << QJsonObject{{u"DiscoverByShowSlaveHosts"_s, true}} << QList<int>{0, 1, 2};
        QTest::newRow("DiscoverByShowSlaveHosts=false") << QJsonObject{{u"DiscoverByShowSlaveHosts"_s, false}} << QList<int>{0};
        QTest::newRow("DefaultInstancePort")
            << QJsonObject{{u"topology"_s, seededBy(u"127.0.0.1"_s)}, {u"DefaultInstancePort"_s, m_sandbox.port(0)}}
            << QList<int>{0, 1, 2};
    }

    void discovery()
    {
        QFETCH(QJsonObject, keys);
        QFETCH(QList<int>, found);
        SandboxService s(QStringLiteral(ARBOR_BINARY), m_sandbox, u"keys-node"_s, u"ro"_s, u"read-only"_s);
        QVERIFY_RESULT(s.start(keys, int(found.size())));
        QVERIFY2(masterPolledTwice(s), "the master's Arbor.LastChecked did not advance twice in 10 s");
        QStringList expected;
        for (int i : found)
            expected << m_sandbox.key(i).toString();
        expected.sort();
        QCOMPARE(clusterOf(s), expected);
    }

    // DetectClusterAliasQuery names the cluster from its master's answer and wins over ClusterNameToAlias;
    // a query that fails leaves a warning on the master and the pattern's name.
    void detectClusterAliasQuery_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("warning");
        QTest::newRow("answers") << u"SELECT CONCAT('shard-', @@port)"_s << u"shard-%1"_s.arg(m_sandbox.port(0)) << QString();
        QTest::newRow("fails") << u"SELECT alias FROM no_such_schema.no_such_table"_s << u"from-pattern"_s
                               << u"DetectClusterAliasQuery failed"_s;
    }

    void detectClusterAliasQuery()
    {
        QFETCH(QString, query);
        QFETCH(QString, alias);
        QFETCH(QString, warning);
        SandboxService s(QStringLiteral(ARBOR_BINARY), m_sandbox, u"alias-node"_s, u"ro"_s, u"read-only"_s);
        QVERIFY_RESULT(s.start({{u"DetectClusterAliasQuery"_s, query},
                                {u"ClusterNameToAlias"_s, QJsonObject{{u".*"_s, u"from-pattern"_s}}}}, 3));
        QVERIFY2(masterPolledTwice(s), "the master's Arbor.LastChecked did not advance twice in 10 s");
        const ServiceReply byAlias = s.service().get(u"/api/cluster/alias/"_s + alias, s.user(), 5000);
        QVERIFY2(byAlias.status == 200, qPrintable(u"%1 %2"_s.arg(byAlias.status).arg(QString::fromUtf8(byAlias.body.left(300)))));
        QCOMPARE(byAlias.array().size(), 3);
        const QJsonObject master =
            s.service().get(u"/api/instance/127.0.0.1/%1"_s.arg(m_sandbox.port(0)), s.user(), 5000).object();
        QCOMPARE(master.value(u"SuggestedClusterAlias"_s).toString(), alias);
        const QString warnings = QString::fromUtf8(QJsonDocument(master.value(u"Arbor"_s).toObject().value(u"Warnings"_s).toArray()).toJson());
        if (warning.isEmpty())
            QVERIFY2(!warnings.contains(u"DetectClusterAliasQuery"_s), qPrintable(warnings));
        else
            QVERIFY2(warnings.contains(warning) && warnings.contains(u"no_such_schema"_s), qPrintable(warnings));
    }

    // One service, every kind of route under the prefix: the API's, the status page, the health check.
    void urlPrefixAndStatusEndpoint()
    {
        SandboxService s(QStringLiteral(ARBOR_BINARY), m_sandbox, u"prefix-node"_s, u"ro"_s, u"read-only"_s);
        QVERIFY_RESULT(s.start({{u"URLPrefix"_s, u"/orchestrator"_s}, {u"StatusEndpoint"_s, u"/health"_s}}));
        const QString instance = u"/api/instance/127.0.0.1/%1"_s.arg(m_sandbox.port(0));
        for (const QString &path : {u"/api/leader-check"_s, u"/api/status"_s, u"/api/clusters-info"_s, instance,
                                    u"/api/replication-analysis"_s, u"/api/cluster/"_s + m_sandbox.key(0).toString(),
                                    u"/web/status"_s}) {
            const ServiceReply under = s.service().get(u"/orchestrator"_s + path, s.user(), 5000);
            QVERIFY2(under.status == 200, qPrintable(u"%1: %2 %3"_s.arg(path).arg(under.status).arg(QString::fromUtf8(under.body.left(200)))));
        }
        QCOMPARE(s.service().get(u"/orchestrator/api/instance/127.0.0.1/1"_s, s.user(), 5000).status, 404);
        QCOMPARE(s.service().get(u"/orchestrator/api/no-such-route"_s, s.user(), 5000).status, 404);
        // As in orchestrator, the API is not also served without the prefix; the 404 names where it is.
        for (const QString &path : {u"/api/status"_s, u"/api/leader-check"_s, u"/web/status"_s}) {
            const ServiceReply bare = s.service().get(path, s.user(), 5000);
            QCOMPARE(bare.status, 404);
            QVERIFY2(bare.body.contains("/orchestrator/api/"), bare.body.constData());
        }
        QCOMPARE(s.service().get(u"/metrics"_s, s.user(), 5000).status, 200);
        // The health check: behind the same basic auth as every route (orchestrator's too), 200 while
        // this node leads, with orchestrator's status body.
        QCOMPARE(s.service().get(u"/health"_s, {}, 5000).status, 401);
        const ServiceReply health = s.service().get(u"/health"_s, s.user(), 5000);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.object().value(u"Code"_s).toString(), u"OK"_s);
        QVERIFY(health.object().value(u"Details"_s).toObject().contains(u"ActiveNode"_s));
        QCOMPARE(s.service().get(u"/healthz"_s, s.user(), 5000).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServiceOrchestratorKeys)
#include "tst_service_orchestrator_keys.moc"
