// The desktop's connected mode without a GUI: one real `arbor --service` process on a MariaDB
// backend watching a 5-server sandbox tree; a ServiceSource reads its HTTP API into a
// TopologyState (5 servers, the right parents), lists the node as active, and turns a wrong
// password and a dead URL into one clear sentence each. The lag-history route answers what the
// service polled, and a ServiceSource with a LagHistory fills it from there (connected-mode charts).
#include "history/laghistory.h"
#include "history/lagpointjson.h"
#include "resultassert.h"
#include "model/topologystate.h"
#include "remote/servicesource.h"
#include "sandbox.h"
#include "servicebackend.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "waitfor.h"

#include <QFile>
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
    QString hookMarker() const { return m_dir.filePath(u"hook-ran"_s); }
    ServiceSource::Options options(const QString &password = u"ro-secret"_s) const
    {
        return connectedOptions(m_service->port(), u"ro"_s, password);
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
        QJsonObject json = readOnlyServiceConfig(backend.value(), m_topology, m_service->listenAddress());
        json.insert(u"node"_s, QJsonObject{{u"name"_s, u"srcnode"_s}});
        // A hook that a rehearsal lists and never runs.
        json.insert(u"PostMasterFailoverProcesses"_s, QJsonArray{u"touch %1 {failedHost}"_s.arg(hookMarker())});
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

    void lagHistoryRouteAnswersWhatTheServicePolled()
    {
        // Polls every second (topology section): a few seconds give several points per server.
        const QString cluster = m_topology.key(0).toString();
        const QString path = u"/api/arbor/lag-history/cluster/%1?seconds=120"_s.arg(cluster);
        QJsonObject body;
        QVERIFY2(waitFor([&] {
                     const ServiceReply r = m_service->get(path, u"ro"_s, 5000);
                     body = r.object();
                     const QJsonArray servers = body.value(u"Servers"_s).toArray();
                     if (r.status != 200 || servers.size() != 5)
                         return false;
                     for (const QJsonValue &v : servers) {
                         if (v.toObject().value(u"Points"_s).toArray().size() < 2)
                             return false;
                     }
                     return true;
                 },
                         30000),
                 qPrintable(QString::fromUtf8(QJsonDocument(body).toJson()).left(2000) + log().right(1000)));
        QCOMPARE(body.value(u"ClusterName"_s).toString(), cluster);
        QCOMPARE(body.value(u"Seconds"_s).toInt(), 120);
        QVERIFY(body.value(u"Polling"_s).toBool());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const QJsonValue &v : body.value(u"Servers"_s).toArray()) {
            const QJsonObject o = v.toObject();
            const bool isMaster = o.value(u"Port"_s).toInt() == m_topology.port(0);
            const QList<LagPoint> points = LagPointJson::fromJson(o.value(u"Points"_s).toArray());
            for (const LagPoint &p : points) {
                QVERIFY(p.atMs > now - 130 * 1000 && p.atMs <= now + 1000);
                QVERIFY(p.hasPoll()); // every server answered its polls
                if (isMaster)
                    QVERIFY(!p.hasLag()); // a source has no lag
            }
            QCOMPARE(points.constLast().hasLag(), !isMaster);
        }

        // One server; bad windows and unknown servers are refused with the reason.
        const ServiceReply one = m_service->get(u"/api/arbor/lag-history/127.0.0.1/%1?seconds=60"_s.arg(m_topology.port(3)), u"ro"_s, 5000);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.object().value(u"Port"_s).toInt(), m_topology.port(3));
        QVERIFY(!one.object().value(u"Points"_s).toArray().isEmpty());
        for (const QString &bad : {u"0"_s, u"86401"_s, u"abc"_s, u"-5"_s}) {
            const ServiceReply r = m_service->get(u"/api/arbor/lag-history/127.0.0.1/%1?seconds=%2"_s.arg(m_topology.port(3)).arg(bad),
                                                  u"ro"_s, 5000);
            QCOMPARE(r.status, 400);
            QVERIFY2(r.message().contains(u"seconds="_s) && r.message().contains(u"86400"_s), qPrintable(r.message()));
        }
        QCOMPARE(m_service->get(u"/api/arbor/lag-history/127.0.0.1/%1"_s.arg(freeLocalPort()), u"ro"_s, 5000).status, 404);
        QCOMPARE(m_service->get(u"/api/arbor/lag-history/cluster/nosuch"_s, u"ro"_s, 5000).status, 404);
    }

    void rehearseRouteTouchesNothing()
    {
        // What the service would do if the master died now (the same plan as `recover --rehearse`).
        const QString path = u"/api/arbor/rehearse-recovery/127.0.0.1/%1"_s.arg(m_topology.port(0));
        ServiceReply r;
        QVERIFY2(waitFor([&] { r = m_service->get(path, u"ro"_s, 10000); return r.status == 200; }, 20000),
                 qPrintable(QString::number(r.status) + u' ' + QString::fromUtf8(r.body)));
        const QJsonObject o = r.object();
        QCOMPARE(o.value(u"Analysis"_s).toString(), u"DeadMaster"_s);
        QCOMPARE(o.value(u"Failed"_s).toObject().value(u"Port"_s).toInt(), m_topology.port(0));
        const int successor = o.value(u"Successor"_s).toObject().value(u"Port"_s).toInt();
        QVERIFY2(successor == m_topology.port(1) || successor == m_topology.port(2), qPrintable(QString::fromUtf8(r.body)));
        QVERIFY(!o.value(u"Explanation"_s).toString().isEmpty());
        // The ranking names both direct replicas with their rules and reasons.
        QSet<int> ranked;
        for (const QJsonValue &v : o.value(u"Ranking"_s).toArray()) {
            ranked.insert(v.toObject().value(u"Port"_s).toInt());
            QVERIFY(!v.toObject().value(u"PromotionRule"_s).toString().isEmpty());
            QVERIFY(!v.toObject().value(u"Reason"_s).toString().isEmpty());
        }
        QVERIFY(ranked.contains(m_topology.port(1)) && ranked.contains(m_topology.port(2)));
        // The resulting tree: four survivors, the successor at the root, the other direct replica under it,
        // 3 and 4 still under 1.
        QHash<int, int> sourceOf;
        for (const QJsonValue &v : o.value(u"ResultingTree"_s).toArray()) {
            const QJsonObject n = v.toObject();
            sourceOf.insert(n.value(u"Port"_s).toInt(), n.value(u"Source"_s).isNull() ? 0 : n.value(u"Source"_s).toObject().value(u"Port"_s).toInt());
        }
        const int other = successor == m_topology.port(1) ? m_topology.port(2) : m_topology.port(1);
        QCOMPARE(sourceOf.size(), 4);
        QCOMPARE(sourceOf.value(successor, -1), 0);
        QCOMPARE(sourceOf.value(other), successor);
        QCOMPARE(sourceOf.value(m_topology.port(3)), m_topology.port(1));
        QCOMPARE(sourceOf.value(m_topology.port(4)), m_topology.port(1));
        bool promotes = false;
        for (const QJsonValue &v : o.value(u"Changes"_s).toArray())
            promotes |= v.toObject().value(u"Change"_s).toString() == u"promote"_s
                        && v.toObject().value(u"Server"_s).toObject().value(u"Port"_s).toInt() == successor;
        QVERIFY(promotes);
        // The hook that would run, as configured; it did not run.
        const QJsonArray hooks = o.value(u"Hooks"_s).toArray();
        QCOMPARE(hooks.size(), 1);
        QCOMPARE(hooks.at(0).toObject().value(u"Name"_s).toString(), u"PostMasterFailoverProcesses"_s);
        QCOMPARE(hooks.at(0).toObject().value(u"Commands"_s).toArray().at(0).toString(), u"touch %1 {failedHost}"_s.arg(hookMarker()));
        QVERIFY(!QFile::exists(hookMarker()));
        QVERIFY(!QString::fromUtf8(r.body).contains(u"secret"_s)); // no credentials in the answer
        // The cluster form rehearses its master; a leaf has nothing to rehearse; unknown servers are 404.
        const ServiceReply byCluster = m_service->get(u"/api/arbor/rehearse-recovery/%1"_s.arg(m_topology.key(0).toString()), u"ro"_s, 10000);
        QCOMPARE(byCluster.status, 200);
        QCOMPARE(byCluster.object().value(u"Failed"_s).toObject().value(u"Port"_s).toInt(), m_topology.port(0));
        const ServiceReply leaf = m_service->get(u"/api/arbor/rehearse-recovery/127.0.0.1/%1"_s.arg(m_topology.port(4)), u"ro"_s, 10000);
        QCOMPARE(leaf.status, 409);
        QVERIFY2(leaf.message().contains(u"no replicas"_s), qPrintable(leaf.message()));
        QCOMPARE(m_service->get(u"/api/arbor/rehearse-recovery/127.0.0.1/%1"_s.arg(freeLocalPort()), u"ro"_s, 10000).status, 404);
        // The servers are as they were.
        auto ro = m_topology.query(0, u"SELECT @@read_only AS v"_s);
        QVERIFY(ro.ok() && ro->constFirst().value(u"v"_s).toInt() == 0);
        for (const auto &[replica, source] : {std::pair{1, 0}, std::pair{2, 0}, std::pair{3, 1}, std::pair{4, 1}}) {
            auto status = m_topology.query(replica, u"SHOW SLAVE STATUS"_s);
            QVERIFY(status.ok() && !status->isEmpty());
            QCOMPARE(status->constFirst().value(u"Master_Port"_s).toInt(), m_topology.port(source));
        }
    }

    void fillsTheLagHistoryFromTheService()
    {
        TopologyState state;
        LagHistory history;
        ServiceSource source(&state, options());
        source.setLagHistory(&history);
        QSignalSpy updated(&source, &ServiceSource::historyUpdated);
        source.start();
        QVERIFY2(waitFor([&] { return history.keys().size() == 5; }, 30000), qPrintable(source.lastError()));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const int before = int(history.series(m_topology.key(1), now - 3600 * 1000, now + 1000, 100000).size());
        QVERIFY(before >= 1);
        QVERIFY(history.latest(m_topology.key(1))->hasLag());
        QVERIFY(!history.latest(m_topology.key(0))->hasLag());
        // Later rounds add the new polls only: points keep arriving, none twice.
        QVERIFY(waitFor([&] {
            const qint64 t = QDateTime::currentMSecsSinceEpoch();
            return history.series(m_topology.key(1), now - 3600 * 1000, t + 1000, 100000).size() >= before + 2;
        }, 15000));
        const qint64 t = QDateTime::currentMSecsSinceEpoch();
        const QList<LagPoint> points = history.series(m_topology.key(1), t - 3600 * 1000, t + 1000, 100000);
        for (qsizetype i = 1; i < points.size(); ++i)
            QVERIFY(points.at(i).atMs > points.at(i - 1).atMs);
        QVERIFY(!updated.isEmpty());
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
