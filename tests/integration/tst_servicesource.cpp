// The desktop's connected mode without a GUI: one real `arbor --service` process on a MariaDB
// backend watching a 5-server sandbox tree; a ServiceSource reads its HTTP API into a
// TopologyState (5 servers, the right parents), lists the node as active, and turns a wrong
// password and a dead URL into one clear sentence each.
#include "resultassert.h"
#include "model/topologystate.h"
#include "remote/servicesource.h"
#include "sandbox.h"
#include "servicebackend.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "waitfor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestServiceSource : public QObject
{
    Q_OBJECT

    Sandbox m_backend{{SandboxShape::Single, 1, true}};
    Sandbox m_topology{{SandboxShape::Tree, 5, true}}; // 0 <- {1 <- {3, 4}, 2}
    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_service;

    QString log() const { return m_service->log(); }
    ServiceSource::Options options(const QString &password = u"ro-secret"_s) const
    {
        ServiceSource::Options o;
        o.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_service->port()));
        o.user = u"ro"_s;
        o.password = password;
        o.refreshMs = 1000;
        o.timeoutMs = 5000;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY(m_dir.isValid());
        const auto backend = startServiceBackend(m_backend, u"arbor_src"_s, m_dir.path());
        QVERIFY_RESULT(backend);
        auto started = m_topology.start();
        QVERIFY_RESULT(started);

        m_service = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), u"node"_s);
        const QJsonObject json{
            {u"backend"_s, backend.value()},
            {u"topology"_s, serviceTopologySection(m_topology)},
            {u"election"_s, QJsonObject{{u"leaseSeconds"_s, 4}}},
            {u"node"_s, QJsonObject{{u"name"_s, u"srcnode"_s}}},
            {u"api"_s, QJsonObject{{u"listen"_s, m_service->listenAddress()},
                                   {u"users"_s, QJsonArray{serviceUser(u"ro"_s, u"read-only"_s)}}}},
        };
        const auto written = m_service->writeConfig(json);
        QVERIFY_RESULT(written);
        m_service->start();
        QVERIFY(m_service->waitForStarted());
    }

    void cleanupTestCase()
    {
        if (m_service)
            m_service->stop();
    }

    void fillsTheStateWithTheTree()
    {
        TopologyState state;
        ServiceSource source(&state, options());
        source.start();
        // The service needs a moment to start, win the lease and discover the tree.
        QVERIFY2(waitFor([&] { return state.instances().size() == 5 && source.lastError().isEmpty(); }, 30000),
                 qPrintable(source.lastError() + u"\n"_s + log().right(2000)));
        const Topology &t = state.topology();
        QCOMPARE(t.clusters().size(), 1);
        QCOMPARE(t.parentOf(m_topology.key(0)), InstanceKey());
        QCOMPARE(t.parentOf(m_topology.key(1)), m_topology.key(0));
        QCOMPARE(t.parentOf(m_topology.key(2)), m_topology.key(0));
        QCOMPARE(t.parentOf(m_topology.key(3)), m_topology.key(1));
        QCOMPARE(t.parentOf(m_topology.key(4)), m_topology.key(1));
        for (const Instance &i : state.instances())
            QVERIFY2(i.lastCheckValid, qPrintable(i.key.toString()));

        // The status view's facts: the one node, active, with its version and times.
        QVERIFY(waitFor([&] { return !source.nodes().isEmpty() && source.nodes().constFirst().active; }, 10000));
        const ServiceSource::Node n = source.nodes().constFirst();
        QCOMPARE(source.nodes().size(), 1);
        QCOMPARE(n.name, u"srcnode"_s);
        QCOMPARE(n.role, u"active"_s);
        QCOMPARE(n.version, QStringLiteral(ARBOR_VERSION));
        QVERIFY(n.started.isValid());
        QVERIFY(n.lastSeen.isValid());
        QVERIFY(qAbs(n.lastSeen.secsTo(QDateTime::currentDateTimeUtc())) < 30);
        QVERIFY(source.backendOk());

        // Later rounds keep the same servers: nothing is removed and re-added.
        QSignalSpy removed(&state, &TopologyState::instanceRemoved);
        QSignalSpy refreshed(&source, &ServiceSource::refreshed);
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(removed.size(), 0);
    }

    void wrongPasswordIsOneClearSentence()
    {
        TopologyState state;
        ServiceSource source(&state, options(u"wrong"_s));
        QSignalSpy errors(&source, &ServiceSource::errorOccurred);
        source.start();
        QVERIFY(errors.wait(10000));
        const QString message = errors.constFirst().constFirst().toString();
        QVERIFY2(message.contains(u"401"_s) && message.contains(u"\"ro\""_s) && message.contains(u"password"_s),
                 qPrintable(message));
        QCOMPARE(source.lastError(), message);
        QVERIFY(state.instances().isEmpty());
    }

    void deadUrlIsOneClearSentence()
    {
        TopologyState state;
        ServiceSource::Options o = options();
        o.baseUrl = QUrl(u"http://127.0.0.1:%1/api"_s.arg(freeLocalPort())); // nothing listens there
        ServiceSource source(&state, o);
        QSignalSpy errors(&source, &ServiceSource::errorOccurred);
        source.start();
        QVERIFY(errors.wait(10000));
        const QString message = errors.constFirst().constFirst().toString();
        QVERIFY2(message.startsWith(u"Cannot reach the Arbor service at http://127.0.0.1:"_s) && message.contains(u"running"_s),
                 qPrintable(message));
        QVERIFY(state.instances().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServiceSource)
#include "tst_servicesource.moc"
