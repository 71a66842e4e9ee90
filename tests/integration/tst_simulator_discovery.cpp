// Arbor's discovery and poller on a simulated fleet of 1,000 MariaDB servers (100 trees of 10),
// through the ordinary QMYSQL driver: every server found from one leaf per tree, each with the
// right source, and a poller that keeps a 2 s schedule while 10% of the fleet is dead or hung.
#include "resultassert.h"
#include "simulator.h"
#include "waitfor.h"

#include "model/topology.h"
#include "probe/discovery.h"
#include "probe/poller.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::simulator;
using namespace arbor::testsupport;

class TestSimulatorDiscovery : public QObject
{
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;

    PollerOptions options() const
    {
        PollerOptions o;
        o.probe.credentials = Credentials(u"arbor"_s, u"arbor"_s);
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 1;
        return o;
    }

    // The whole fleet on one poller at a 2 s interval, every poll recorded. True once each was polled.
    static PollerOptions fleetOptions(PollerOptions o)
    {
        o.pollIntervalMs = 2000;
        o.followTopology = false;
        return o;
    }
    bool pollWholeFleet(Poller &poller, std::vector<PollRecord> &records)
    {
        connect(&poller, &Poller::pollRecorded, this, [&records](const PollRecord &r) { records.push_back(r); });
        for (int i = 0; i < m_sim->size(); ++i)
            poller.addInstance(m_sim->key(i));
        poller.start();
        return waitFor([&] { return poller.isSettled(); }, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        FleetOptions o;
        o.servers = 1000;
        o.clusterSize = 10;
        o.fanout = 3;
        m_sim = std::make_unique<Simulator>(o);
        auto started = m_sim->start();
        QVERIFY_RESULT(started);
    }

    void cleanupTestCase() { m_sim.reset(); }

    void discoversTheWholeFleetWithTheRightParents()
    {
        QList<InstanceKey> seeds;
        for (int c = 0; c < m_sim->fleet().clusterCount(); ++c)
            seeds << m_sim->key(c * 10 + 9); // a leaf: discovery must climb and descend
        QElapsedTimer t;
        t.start();
        const auto outcome = Discovery::run(seeds, options(), 45000);
        qInfo("discovered %lld servers in %lld ms", qlonglong(outcome.instances.size()), qlonglong(t.elapsed()));
        QVERIFY(outcome.complete);
        QCOMPARE(outcome.instances.size(), 1000);
        for (const Instance &i : outcome.instances)
            QVERIFY2(i.lastCheckValid, qPrintable(i.key.toString() + u": "_s + i.lastError));
        const Topology topology = Topology::build(outcome.instances);
        QCOMPARE(topology.clusters().size(), 100);
        for (int i = 0; i < m_sim->size(); ++i) {
            const int source = m_sim->fleet().sourceOf(i);
            QCOMPARE(topology.parentOf(m_sim->key(i)), source < 0 ? InstanceKey() : m_sim->key(source));
        }
    }

    void healthyScheduleHoldsWhileTenPercentFail()
    {
        // 50 dead and 50 hung leaves (no tree loses a source, so nobody else changes).
        for (int c = 0; c < 100; ++c)
            m_sim->setNetworkFault(c * 10 + 8, c % 2 ? NetworkFault::Dead : NetworkFault::Hung);
        Poller poller(fleetOptions(options()));
        std::vector<PollRecord> records;
        QVERIFY(pollWholeFleet(poller, records));
        // Steady state: from 4 s after settling, for 6 s (three rounds).
        const qint64 from = poller.now() + 4000;
        QVERIFY(waitFor([&] { return poller.now() > from + 6000 + 1000; }, 20000));
        poller.stop();
        int healthy = 0;
        int late = 0;
        for (const PollRecord &r : records) {
            if (r.due < from || r.due >= from + 6000 || r.backoffLane)
                continue;
            ++healthy;
            if (r.latenessMs() > 500)
                ++late;
        }
        qInfo("healthy polls in 6 s: %d, started more than 500 ms late: %d", healthy, late);
        // Three rounds of 900 healthy servers; the margin is for a 2-core machine shared with builds.
        QVERIFY2(healthy >= 900 * 3 * 9 / 10, qPrintable(QString::number(healthy)));
        QVERIFY2(late <= healthy / 50, qPrintable(QString::number(late)));
        for (int c = 0; c < 100; ++c)
            m_sim->setNetworkFault(c * 10 + 8, NetworkFault::None);
    }

    void serversHangingAtOnceBlockOneThreadEachAndThreadsRetire()
    {
        // The transition, not the steady state: 50 servers hang while being polled. Each blocks one
        // thread for a read timeout (2 s); the healthy lane must grow so the other 950 stay on time,
        // and shrink back once the servers answer again.
        PollerOptions o = fleetOptions(options());
        o.idleThreadRetireMs = 1000;
        Poller poller(o);
        std::vector<PollRecord> records;
        QVERIFY(pollWholeFleet(poller, records));
        const int configured = o.healthyWorkers + o.backoffWorkers;
        // On a loaded machine the first pass can look like waiting on servers and grow a lane for a
        // moment; extra threads retire after idleThreadRetireMs, so the start is the configured size.
        QTRY_COMPARE_WITH_TIMEOUT(poller.workerThreads(), configured, 10000);
        // Steady state first: every server polled in its own slot of the interval.
        const qint64 steady = poller.now() + o.pollIntervalMs + 1000;
        QVERIFY(waitFor([&] { return poller.now() > steady; }, 10000));

        QSet<quint16> hungPorts;
        for (int c = 0; c < 50; ++c) {
            m_sim->setNetworkFault(c * 20 + 9, NetworkFault::Hung);
            hungPorts.insert(m_sim->key(c * 20 + 9).port());
        }
        const qint64 faultAt = poller.now();
        QVERIFY(waitFor([&] { return poller.now() > faultAt + 2 * o.pollIntervalMs + 1000; }, 20000));
        int healthy = 0;
        int late = 0;
        for (const PollRecord &r : records) {
            if (r.due < faultAt || r.due >= faultAt + 2 * o.pollIntervalMs || hungPorts.contains(r.key.port()))
                continue;
            ++healthy;
            late += r.latenessMs() > 500 ? 1 : 0;
        }
        qInfo("after 50 servers hung at once: healthy polls %d, more than 500 ms late %d; poll threads peaked at %d",
              healthy, late, poller.peakWorkerThreads());
        QVERIFY2(healthy >= 950 * 2 * 9 / 10, qPrintable(QString::number(healthy)));
        QVERIFY2(late <= healthy / 50, qPrintable(QString::number(late)));
        QVERIFY2(poller.peakWorkerThreads() > configured, "the lanes never grew while servers hung");

        for (int c = 0; c < 50; ++c)
            m_sim->setNetworkFault(c * 20 + 9, NetworkFault::None);
        // Back on the healthy lane, and the extra threads idle long enough to exit.
        QVERIFY2(waitFor([&] { return poller.workerThreads() == configured; }, 30000),
                 qPrintable(QString::number(poller.workerThreads())));
        poller.stop();
    }
};

QTEST_GUILESS_MAIN(TestSimulatorDiscovery)
#include "tst_simulator_discovery.moc"
