// The poller on a real sandbox: a stopped replica, a killed server and a hung (SIGSTOPped) server are
// each seen within one poll interval, while the other servers keep their schedule.
#include "resultassert.h"
#include "sandbox.h"
#include "waitfor.h"

#include "model/instancehealth.h"
#include "model/topologystate.h"
#include "probe/poller.h"

#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {
constexpr int kInterval = 2000;
// Scheduling noise on a loaded 2-core machine; far below one interval.
constexpr int kSlackMs = 1000;
} // namespace

class TestPoller : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<TopologyState> m_state;
    std::vector<PollRecord> m_records;

    InstanceHealth health(int i) const
    {
        const auto instance = m_state->instance(m_sandbox->key(i));
        return instance ? healthOf(*instance, 10) : InstanceHealth::Unreachable;
    }

    // Every server but `except` was polled at least `minPolls` times in [from, to], each on time.
    void verifyOthersOnSchedule(int except, qint64 from, qint64 to, int minPolls)
    {
        for (int i = 0; i < m_sandbox->size(); ++i) {
            if (i == except)
                continue;
            int polls = 0;
            qint64 worst = 0;
            for (const PollRecord &r : m_records) {
                if (r.key != m_sandbox->key(i) || r.due < from || r.due > to)
                    continue;
                ++polls;
                worst = std::max(worst, r.latenessMs());
                QVERIFY2(r.ok, qPrintable(r.key.toString()));
                QVERIFY2(r.latenessMs() < kSlackMs,
                         qPrintable(u"%1 was polled %2 ms late"_s.arg(r.key.toString()).arg(r.latenessMs())));
            }
            qInfo("%s: %d polls, worst lateness %lld ms", qPrintable(m_sandbox->key(i).toString()), polls, worst);
            QVERIFY2(polls >= minPolls, qPrintable(u"%1 polled %2 times, expected at least %3"_s
                                                       .arg(m_sandbox->key(i).toString()).arg(polls).arg(minPolls)));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        m_sandbox = std::make_unique<Sandbox>(SandboxOptions{SandboxShape::Tree, 5, true});
        auto started = m_sandbox->start();
        QVERIFY_RESULT(started);
        PollerOptions o;
        o.probe.credentials = Credentials(m_sandbox->user(), m_sandbox->password());
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 1;
        o.pollIntervalMs = kInterval;
        m_poller = std::make_unique<Poller>(o);
        m_state = std::make_unique<TopologyState>();
        connect(m_poller.get(), &Poller::instancePolled, m_state.get(), &TopologyState::update);
        connect(m_poller.get(), &Poller::pollRecorded, this, [this](const PollRecord &r) { m_records.push_back(r); });
        m_poller->addInstance(m_sandbox->key(2));
        m_poller->start();
        QVERIFY(waitFor([this] { return m_poller->isSettled() && m_state->instances().size() == 5; }, 15000));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(health(i), InstanceHealth::Ok);
    }

    // A failed check must not leave a server paused for the next one.
    void cleanup()
    {
        for (int i = 0; i < m_sandbox->size(); ++i) {
            if (m_sandbox->isRunning(i))
                (void)m_sandbox->resume(i);
        }
    }

    void cleanupTestCase()
    {
        m_poller.reset();
        m_sandbox.reset();
    }

    void stoppedReplicationSeenWithinOneInterval()
    {
        QVERIFY(m_sandbox->execute(3, u"STOP SLAVE"_s).ok());
        const qint64 changed = m_poller->now();
        QVERIFY(waitFor([this] { return health(3) == InstanceHealth::ReplicationStopped; }, kInterval + kSlackMs));
        QVERIFY(m_poller->now() - changed <= kInterval + kSlackMs);
        QVERIFY(m_sandbox->execute(3, u"START SLAVE"_s).ok());
        QVERIFY(waitFor([this] { return health(3) == InstanceHealth::Ok; }, 2 * kInterval + kSlackMs));
    }

    void hungServerDoesNotDelayOthers()
    {
        const qint64 from = m_poller->now();
        QVERIFY(m_sandbox->pause(4).ok());
        // Seen within one interval plus the read timeout it takes to call a silent server hung.
        QVERIFY(waitFor([this] { return health(4) == InstanceHealth::Unreachable; }, kInterval + 1000 + kSlackMs));
        QVERIFY(waitFor([this, from] { return m_poller->now() - from > 3 * kInterval; }, 4 * kInterval));
        const qint64 to = m_poller->now() - kInterval;
        QVERIFY(m_sandbox->resume(4).ok());
        verifyOthersOnSchedule(4, from, to, 2);
        QVERIFY(waitFor([this] { return health(4) == InstanceHealth::Ok; }, 6 * kInterval));
    }

    void killedServerSeenWithinOneInterval()
    {
        const qint64 from = m_poller->now();
        QVERIFY(m_sandbox->kill(3).ok());
        QVERIFY(waitFor([this] { return health(3) == InstanceHealth::Unreachable; }, kInterval + kSlackMs));
        const auto seen = m_state->instance(m_sandbox->key(3));
        QVERIFY2(seen->lastError.contains(u"127.0.0.1:"_s), qPrintable(seen->lastError));
        QVERIFY(waitFor([this, from] { return m_poller->now() - from > 2 * kInterval; }, 3 * kInterval));
        verifyOthersOnSchedule(3, from, m_poller->now() - kInterval, 1);
        // It comes back: the backoff lane notices.
        QVERIFY(m_sandbox->restart(3).ok());
        QVERIFY(m_sandbox->execute(3, u"START SLAVE"_s).ok());
        QVERIFY(waitFor([this] { return health(3) == InstanceHealth::Ok; }, 6 * kInterval));
    }

    void forgottenInstanceIsNotPolled()
    {
        m_poller->forgetInstance(m_sandbox->key(4));
        QVERIFY(!m_poller->contains(m_sandbox->key(4)));
        // Its source still lists it, yet the forget block keeps it out for a while.
        const qint64 from = m_poller->now();
        QVERIFY(waitFor([this, from] { return m_poller->now() - from > kInterval + 500; }, 2 * kInterval));
        QVERIFY(!m_poller->contains(m_sandbox->key(4)));
    }
};

QTEST_GUILESS_MAIN(TestPoller)
#include "tst_poller.moc"
