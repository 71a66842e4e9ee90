// Three real `arbor --service` processes on one shared MariaDB backend: exactly one is active, a
// SIGKILLed active node is replaced within lease + 2 s, SIGTERM hands over at once, and a backend
// outage stops automatic recovery (no lease) while polling goes on, until the backend returns.
#include "resultassert.h"
#include "sandbox.h"
#include "servicebackend.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "waitfor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

namespace {
constexpr int kLeaseSeconds = 4;
constexpr int kNodes = 3;

} // namespace

class TestServiceHa : public QObject
{
    Q_OBJECT

    Sandbox m_backend{{SandboxShape::Single, 1, true}};
    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_nodes[kNodes];

    ServiceReply get(int node, const QString &path, int timeoutMs = 3000)
    {
        return m_nodes[node]->get(path, {}, timeoutMs);
    }

    bool alive(int i) const { return m_nodes[i] && m_nodes[i]->isRunning(); }

    // Nodes answering 200 on leader-check, among the running ones.
    QList<int> activeNodes()
    {
        QList<int> out;
        for (int i = 0; i < kNodes; ++i) {
            if (alive(i) && get(i, u"/api/leader-check"_s).status == 200)
                out.append(i);
        }
        return out;
    }

    double metric(int node, const QString &name)
    {
        const ServiceReply r = get(node, u"/metrics"_s);
        for (const QByteArray &line : r.body.split('\n')) {
            if (line.startsWith(name.toUtf8() + ' '))
                return line.mid(name.size() + 1).toDouble();
        }
        return -1;
    }

    qint64 successfulPolls(int node)
    {
        return get(node, u"/api/discovery-metrics-aggregated/5"_s).object().value(u"SuccessfulDiscoveries"_s).toInteger();
    }

    void startNode(int i)
    {
        ServiceProcess &n = *m_nodes[i];
        n.start();
        QVERIFY(n.waitForStarted());
        QVERIFY2(n.waitForPing(20000), qPrintable(logOf(i)));
    }

    QString logOf(int i, qsizetype tail = 3000) const { return m_nodes[i]->log(tail); }

    // Samples every node for durationMs: never more than one active at a sample.
    void assertAtMostOneActiveFor(int durationMs)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < durationMs) {
            const QList<int> active = activeNodes();
            QVERIFY2(active.size() <= 1, "two nodes answered leader-check 200 at the same sample");
        }
    }

    int waitForOneActive(int timeoutMs, int excluding = -1)
    {
        int found = -1;
        bool tooMany = false;
        waitFor(
            [&] {
                const QList<int> active = activeNodes();
                tooMany = tooMany || active.size() > 1;
                if (active.size() == 1 && active.first() != excluding)
                    found = active.first();
                return found >= 0;
            },
            timeoutMs);
        if (tooMany)
            return -2;
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY(m_dir.isValid());
        const auto backend = startServiceBackend(m_backend, u"arbor_ha"_s, m_dir.path());
        QVERIFY_RESULT(backend);
        for (int i = 0; i < kNodes; ++i) {
            m_nodes[i] = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), u"node%1"_s.arg(i));
            const QJsonObject config{
                {u"backend"_s, backend.value()},
                {u"topology"_s, serviceTopologySection(m_backend)},
                {u"election"_s, QJsonObject{{u"leaseSeconds"_s, kLeaseSeconds}}},
                {u"node"_s, QJsonObject{{u"name"_s, u"node%1"_s.arg(i)}}},
                {u"api"_s, QJsonObject{{u"listen"_s, m_nodes[i]->listenAddress()}, {u"anonymous"_s, u"operator"_s}}},
                {u"log"_s, QJsonObject{{u"level"_s, u"info"_s}}},
            };
            const auto written = m_nodes[i]->writeConfig(config);
            QVERIFY_RESULT(written);
        }
        // All three at once: migrations and the first election race, as on a real cluster start.
        for (const auto &n : m_nodes)
            n->start();
        for (int i = 0; i < kNodes; ++i)
            QVERIFY2(m_nodes[i]->waitForPing(30000), qPrintable(logOf(i)));
    }

    void cleanupTestCase()
    {
        for (const auto &n : m_nodes) {
            if (n)
                n->stop();
        }
    }

    void exactlyOneActiveAndItPolls()
    {
        const int active = waitForOneActive(15000);
        QVERIFY2(active >= 0, "no single active node within 15 s");
        assertAtMostOneActiveFor(3000);
        QCOMPARE(activeNodes(), QList<int>{active});
        QVERIFY(waitFor([&] { return successfulPolls(active) > 0; }, 10000));
        for (int i = 0; i < kNodes; ++i) {
            if (i == active)
                continue;
            QCOMPARE(metric(i, u"arbor_is_polling"_s), 0.0); // standbys do not poll
            // ...but answer reads, from what the active node wrote.
            QVERIFY(waitFor([&] {
                return get(i, u"/api/instance/127.0.0.1/%1"_s.arg(m_backend.port(0))).status == 200;
            }, 10000));
            // and refuse writes, pointing at the active node
            const ServiceReply w = get(i, u"/api/discover/127.0.0.1/%1"_s.arg(m_backend.port(0)));
            QCOMPARE(w.status, 503);
            QVERIFY2(w.object().value(u"Message"_s).toString().contains(u"node%1"_s.arg(active)), w.body.constData());
        }
        const QJsonObject health = get(active, u"/api/health"_s).object().value(u"Details"_s).toObject();
        QCOMPARE(health.value(u"IsActiveNode"_s).toBool(), true);
        QCOMPARE(health.value(u"AvailableNodes"_s).toArray().size(), kNodes);
    }

    // The active node holds a named lock on the backend; when its process dies the server frees it, the
    // standbys waiting on it learn at once, and one takes the lease as soon as the dead node missed a
    // renewal. The lease (4 s) was renewed at most a second before the kill, so by expiry nobody
    // could be active again within 2.5 s.
    void sigkillOfActiveIsReplacedBeforeItsLeaseCouldExpire()
    {
        const int active = waitForOneActive(10000);
        QVERIFY(active >= 0);
        QVERIFY2(waitFor([&] { return metric(active, u"arbor_leader_lock_held"_s) == 1.0; }, 5000), qPrintable(logOf(active)));
        for (int i = 0; i < kNodes; ++i) {
            if (i != active)
                QVERIFY2(waitFor([&] { return metric(i, u"arbor_leader_lock_watched"_s) == 1.0; }, 5000), qPrintable(logOf(i)));
        }
        m_nodes[active]->sendSignal(SIGKILL);
        QVERIFY(m_nodes[active]->waitForFinished(5000));
        QElapsedTimer t;
        t.start();
        const int next = waitForOneActive(2500, active);
        const qint64 took = t.elapsed();
        QVERIFY2(next != -2, "two nodes were active at once during the takeover");
        QVERIFY2(next >= 0, "no node took over before the lease could have expired");
        qInfo("takeover after SIGKILL with the leader lock: %lld ms (lease %d s)", took, kLeaseSeconds);
        QVERIFY2(logOf(next).contains(u"took the lease at once"_s), qPrintable(logOf(next)));
        startNode(active);
        assertAtMostOneActiveFor(1000);
        QCOMPARE(activeNodes(), QList<int>{next});
    }

    void sigkillOfActiveIsReplacedWithinLeasePlusTwoSeconds()
    {
        const int active = waitForOneActive(10000);
        QVERIFY(active >= 0);
        m_nodes[active]->sendSignal(SIGKILL);
        QVERIFY(m_nodes[active]->waitForFinished(5000));
        QElapsedTimer t;
        t.start();
        const int next = waitForOneActive((kLeaseSeconds + 2) * 1000 + 1000, active);
        const qint64 took = t.elapsed();
        QVERIFY2(next != -2, "two nodes were active at once during the takeover");
        QVERIFY2(next >= 0, "no node took over");
        qInfo("takeover after SIGKILL: %lld ms (lease %d s)", took, kLeaseSeconds);
        QVERIFY2(took <= (kLeaseSeconds + 2) * 1000, qPrintable(u"took %1 ms"_s.arg(took)));
        const qint64 before = successfulPolls(next);
        QVERIFY2(waitFor([&] { return successfulPolls(next) > before; }, 5000), "the new active node does not poll");
        startNode(active); // back to three
        assertAtMostOneActiveFor(2000);
        QCOMPARE(activeNodes(), QList<int>{next}); // a returning node does not steal the lease
    }

    void sigtermHandsOverAtOnce()
    {
        const int active = waitForOneActive(10000);
        QVERIFY(active >= 0);
        QElapsedTimer t;
        t.start();
        m_nodes[active]->sendSignal(SIGTERM);
        const int next = waitForOneActive(kLeaseSeconds * 1000, active);
        const qint64 took = t.elapsed();
        QVERIFY2(next >= 0, "nobody took over after SIGTERM");
        qInfo("handover after SIGTERM: %lld ms", took);
        QVERIFY2(took < 2500, qPrintable(u"handover took %1 ms; it must not wait for the lease to expire"_s.arg(took)));
        QVERIFY2(m_nodes[active]->waitForFinished(10000),
                 qPrintable(logOf(active)));
        QCOMPARE(m_nodes[active]->process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_nodes[active]->process().exitCode(), 0);
        QVERIFY2(logOf(active).contains(u"gave up the active role"_s), qPrintable(logOf(active)));
        startNode(active);
    }

    void backendOutageStopsRecoveryButNotPolling()
    {
        const int active = waitForOneActive(10000);
        QVERIFY(active >= 0);
        auto killed = m_backend.kill(0);
        QVERIFY_RESULT(killed);
        // No lease can be renewed: within the lease nobody is active (no automatic recovery) ...
        QVERIFY2(waitFor([&] { return activeNodes().isEmpty(); }, (kLeaseSeconds + 2) * 1000), "a node kept its lease without a backend");
        // ... but the node that was active keeps polling in memory, and says so.
        QCOMPARE(metric(active, u"arbor_is_polling"_s), 1.0);
        QCOMPARE(metric(active, u"arbor_backend_up"_s), 0.0);
        const ServiceReply health = get(active, u"/api/health"_s);
        QCOMPARE(health.status, 500);
        QVERIFY2(health.object().value(u"Details"_s).toObject().value(u"Status"_s).toString().contains(u"polling"_s), health.body.constData());
        for (int i = 0; i < kNodes; ++i) {
            if (i != active && alive(i))
                QCOMPARE(metric(i, u"arbor_is_polling"_s), 0.0);
        }
        assertAtMostOneActiveFor(1500);
        QVERIFY(activeNodes().isEmpty());

        auto restarted = m_backend.restart(0);
        QVERIFY_RESULT(restarted);
        const int after = waitForOneActive(20000); // reconnect backoff is at most 10 s
        QVERIFY2(after >= 0, "no node became active after the backend returned");
        QVERIFY(waitFor([&] { return metric(after, u"arbor_backend_up"_s) == 1.0; }, 5000));
        const qint64 before = successfulPolls(after);
        QVERIFY2(waitFor([&] { return successfulPolls(after) > before; }, 8000), "polling did not resume");
        // The node that polled through the outage learns within a renewal who is active now.
        auto polling = [&] {
            int n = 0;
            for (int i = 0; i < kNodes; ++i)
                n += alive(i) && metric(i, u"arbor_is_polling"_s) == 1.0 ? 1 : 0;
            return n;
        };
        QVERIFY2(waitFor([&] { return polling() == 1; }, 3000), qPrintable(u"%1 nodes poll"_s.arg(polling())));
        const QString log = logOf(active, 1 << 20);
        QVERIFY2(log.contains(u"backend unreachable"_s), qPrintable(log.right(3000)));
        // One line per 30 s about failed snapshot writes, however many batches failed.
        QVERIFY2(log.count(u"could not write instance snapshots"_s) <= 2, qPrintable(log.right(3000)));
    }
};

QTEST_GUILESS_MAIN(TestServiceHa)
#include "tst_service_ha.moc"
