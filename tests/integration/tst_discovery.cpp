// Discovery on real MariaDB sandboxes: from any member the whole cluster, with the right parent links.
#include "resultassert.h"
#include "sandbox.h"

#include "model/topology.h"
#include "model/topologytext.h"
#include "probe/discovery.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestDiscovery : public QObject
{
    Q_OBJECT

private:
    PollerOptions optionsFor(const Sandbox &sandbox) const
    {
        PollerOptions o;
        o.probe.credentials = Credentials(sandbox.user(), sandbox.password());
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 1;
        return o;
    }

    void verifyTree(const Sandbox &sandbox, const QList<Instance> &instances, int first, int count)
    {
        QCOMPARE(instances.size(), count);
        for (const Instance &i : instances)
            QVERIFY2(i.lastCheckValid, qPrintable(i.key.toString() + u": "_s + i.lastError));
        const Topology topology = Topology::build(instances);
        QCOMPARE(topology.clusters().size(), 1);
        QCOMPARE(topology.clusters().first().name, sandbox.key(first).toString());
        for (int j = first; j < first + count; ++j) {
            const int source = sandbox.sourceOf(j);
            const InstanceKey expected = source < 0 ? InstanceKey() : sandbox.key(source);
            QCOMPARE(topology.parentOf(sandbox.key(j)), expected);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
    }

    void treeFromEveryMember()
    {
        Sandbox sandbox({SandboxShape::Tree, 5, true});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        for (int seed = 0; seed < sandbox.size(); ++seed) {
            const auto outcome = Discovery::run({sandbox.key(seed)}, optionsFor(sandbox), 20000);
            QVERIFY(outcome.complete);
            verifyTree(sandbox, outcome.instances, 0, 5);
        }
        // The facts a DBA reads in the tree are the servers' own.
        const auto outcome = Discovery::run({sandbox.key(3)}, optionsFor(sandbox), 20000);
        const Topology topology = Topology::build(outcome.instances);
        const Instance *leaf = topology.instance(sandbox.key(3));
        QVERIFY(leaf);
        QVERIFY(leaf->usesGtid());
        QVERIFY(leaf->readOnly);
        QCOMPARE(leaf->serverId, 4);
        QCOMPARE(leaf->binlogFormat, u"ROW"_s);
        QCOMPARE(leaf->flavour, Flavour::MariaDB);
        const Instance *master = topology.instance(sandbox.key(0));
        QVERIFY(!master->readOnly);
        QVERIFY(!master->isReplica());
        QCOMPARE(master->replicaKeys.size(), 2);
        const QString text = TopologyText::render(topology, topology.clusters().first());
        QCOMPARE(text.count(u'\n'), 5);
        QVERIFY2(text.startsWith(sandbox.key(0).toString()), qPrintable(text));
        QVERIFY2(text.contains(u"    + "_s) == false && text.contains(u"  + "_s + sandbox.key(3).toString()), qPrintable(text));
    }

    void binlogPositionChain()
    {
        Sandbox sandbox({SandboxShape::Chain, 3, false});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        const auto outcome = Discovery::run({sandbox.key(2)}, optionsFor(sandbox), 20000);
        QVERIFY(outcome.complete);
        verifyTree(sandbox, outcome.instances, 0, 3);
        for (const Instance &i : outcome.instances) {
            QVERIFY(!i.usesGtid());
            if (i.isReplica())
                QVERIFY(i.replication->execCoordinates.isValid());
        }
    }

    void twoClustersStaySeparate()
    {
        Sandbox sandbox({SandboxShape::TwoClusters, 4, true});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        const auto first = Discovery::run({sandbox.key(1)}, optionsFor(sandbox), 20000);
        verifyTree(sandbox, first.instances, 0, 2);
        const auto second = Discovery::run({sandbox.key(3)}, optionsFor(sandbox), 20000);
        verifyTree(sandbox, second.instances, 2, 2);
        const auto both = Discovery::run({sandbox.key(0), sandbox.key(2)}, optionsFor(sandbox), 20000);
        QCOMPARE(Topology::build(both.instances).clusters().size(), 2);
    }

    void wrongPasswordSaysSo()
    {
        Sandbox sandbox({SandboxShape::Single});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        PollerOptions o = optionsFor(sandbox);
        o.probe.credentials = Credentials(sandbox.user(), u"wrong-password"_s);
        const auto outcome = Discovery::run({sandbox.key(0)}, o, 20000);
        QCOMPARE(outcome.instances.size(), 1);
        QVERIFY(!outcome.instances.first().lastCheckValid);
        QVERIFY2(outcome.instances.first().lastError.contains(u"access denied"_s), qPrintable(outcome.instances.first().lastError));
    }

    void refusedPortSaysSo()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const int port = probe.serverPort();
        probe.close(); // nothing listens there now
        const auto outcome = Discovery::run({InstanceKey(u"127.0.0.1"_s, port)}, PollerOptions{}, 20000);
        QCOMPARE(outcome.instances.size(), 1);
        QVERIFY2(outcome.instances.first().lastError.contains(u"refused"_s), qPrintable(outcome.instances.first().lastError));
    }

    void notAMysqlServerSaysSo()
    {
        // A port that speaks something else (here: an HTTP-like banner, then close).
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, &server, [&server] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                s->write("HTTP/1.0 400 Bad Request\r\n\r\n");
                s->flush();
                s->disconnectFromHost();
            }
        });
        PollerOptions o;
        o.probe.credentials = Credentials(u"arbor"_s, u"x"_s);
        o.probe.connectTimeoutSeconds = 1;
        const auto outcome = Discovery::run({InstanceKey(u"127.0.0.1"_s, server.serverPort())}, o, 20000);
        QCOMPARE(outcome.instances.size(), 1);
        const QString error = outcome.instances.first().lastError;
        QVERIFY2(error.contains(u"did not answer as a MySQL/MariaDB server"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDiscovery)
#include "tst_discovery.moc"
