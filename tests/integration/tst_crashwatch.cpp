// Crash detection by connection (issue 16): with a 30 s poll interval, a SIGKILLed master or
// intermediate master is confirmed dead long before any scheduled poll could have noticed, because the
// poller watches each source's idle connection for EOF; a SIGSTOPped master (no EOF) still waits for the
// poll's read timeout and the replicas' agreement; a restart within the grace period gives no failover.
#include "resultassert.h"
#include "sandbox.h"
#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "probe/poller.h"

#include <QHash>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {
constexpr int kIntervalMs = 30000;
} // namespace

class TestCrashWatch : public QObject
{
    Q_OBJECT

    // 0 -> {1, 2}, 1 -> {3, 4}: a master and an intermediate master, both sources. Replicas keep a dead
    // source's link for a minute (slave_net_timeout), so only EOF can make them agree quickly.
    Sandbox m_sandbox{{SandboxShape::Tree, 5, true, {}, 60}};
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<TopologyState> m_state;
    std::unique_ptr<AnalysisMonitor> m_monitor;
    QList<ReplicationAnalysis> m_confirmed;
    QList<InstanceKey> m_lost;
    QHash<InstanceKey, qint64> m_lastPollFinished;

    bool polledOk(int i) const
    {
        const auto instance = m_state->instance(m_sandbox.key(i));
        return instance && instance->lastCheckValid;
    }

    QString describe(int i) const
    {
        const auto instance = m_state->instance(m_sandbox.key(i));
        return u"%1: %2, last poll finished %5 ms ago, %6 queued, polled %3 (%4)"_s.arg(m_sandbox.key(i).toString(),
                                               analysisCodeName(codeOf(i).value_or(AnalysisCode::NoProblem)),
                                               instance && instance->lastCheckValid ? u"ok"_s : u"failed"_s,
                                               instance ? instance->lastError : QString())
            .arg(m_poller->now() - m_lastPollFinished.value(m_sandbox.key(i)))
            .arg(m_poller->queuedPolls());
    }

    std::optional<AnalysisCode> codeOf(int i) const
    {
        const auto row = m_monitor->analysisOf(m_sandbox.key(i));
        return row ? std::optional<AnalysisCode>(row->code) : std::nullopt;
    }

    // Polls every server now and waits for the answers: no scheduled poll is due for interval/2 after.
    void pollAllNow(const QList<int> &servers)
    {
        const qint64 since = m_poller->now();
        for (const int i : servers)
            m_poller->pollNow(m_sandbox.key(i));
        QVERIFY(waitFor(
            [&] {
                for (const int i : servers) {
                    if (m_lastPollFinished.value(m_sandbox.key(i)) < since)
                        return false;
                }
                return true;
            },
            10000));
    }

    // Milliseconds until the earliest scheduled poll of these servers could start: a poll finishing at t
    // schedules the next one at or after t + interval/2 (Poller::onPolled).
    qint64 untilFirstScheduledPoll(const QList<int> &servers) const
    {
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (const int i : servers)
            earliest = std::min(earliest, m_lastPollFinished.value(m_sandbox.key(i)) + kIntervalMs / 2);
        return earliest - m_poller->now();
    }

    void killAndExpect(int victim, const QList<int> &cluster, const QString &codePrefix)
    {
        QVERIFY(waitFor([&] { return m_poller->isWatched(m_sandbox.key(victim)); }, 5000));
        pollAllNow(cluster);
        QVERIFY(waitFor([&] { return m_poller->isWatched(m_sandbox.key(victim)); }, 5000));
        m_confirmed.clear();
        const qint64 budget = untilFirstScheduledPoll(cluster) - 1000;
        QVERIFY2(budget > 5000, qPrintable(u"only %1 ms before a scheduled poll"_s.arg(budget)));
        QVERIFY(m_sandbox.kill(victim).ok());
        const InstanceKey key = m_sandbox.key(victim);
        const bool confirmed = waitFor(
            [&] {
                for (const ReplicationAnalysis &a : std::as_const(m_confirmed)) {
                    if (a.key == key)
                        return true;
                }
                return false;
            },
            int(budget));
        QVERIFY2(confirmed, qPrintable(u"%1 was not confirmed dead within %2 ms, before any scheduled poll"_s.arg(
                                key.toString()).arg(budget)));
        QVERIFY(m_lost.contains(key));
        const ReplicationAnalysis row = *std::find_if(m_confirmed.cbegin(), m_confirmed.cend(),
                                                      [&](const ReplicationAnalysis &a) { return a.key == key; });
        QVERIFY2(analysisCodeName(row.code).startsWith(codePrefix), qPrintable(row.description));
        QVERIFY2(untilFirstScheduledPoll(cluster) > 0, "a scheduled poll ran before the confirmation");
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        const auto started = m_sandbox.start();
        QVERIFY_RESULT(started);
        PollerOptions po;
        po.probe.credentials = Credentials(m_sandbox.user(), m_sandbox.password());
        po.probe.connectTimeoutSeconds = 1;
        po.probe.readTimeoutSeconds = 1;
        po.pollIntervalMs = kIntervalMs;
        QVERIFY(po.probe.crashWatch); // on by default
        m_poller = std::make_unique<Poller>(po);
        m_state = std::make_unique<TopologyState>();
        connect(m_poller.get(), &Poller::instancePolled, m_state.get(), &TopologyState::update);
        connect(m_poller.get(), &Poller::pollRecorded, this,
                [this](const PollRecord &r) { m_lastPollFinished.insert(r.key, r.finished); });
        connect(m_poller.get(), &Poller::connectionLost, this, [this](const InstanceKey &k) { m_lost.append(k); });
        m_monitor = std::make_unique<AnalysisMonitor>(m_state.get(), m_poller.get());
        connect(m_monitor.get(), &AnalysisMonitor::failureConfirmed, this,
                [this](const ReplicationAnalysis &a) { m_confirmed.append(a); });
        m_poller->addInstance(m_sandbox.key(0));
        m_poller->start();
        QVERIFY(waitFor([&] { return m_poller->isSettled() && m_state->instances().size() == 5; }, 20000));
        // Sources are watched, leaves are not.
        QVERIFY(waitFor([&] { return m_poller->isWatched(m_sandbox.key(0)) && m_poller->isWatched(m_sandbox.key(1)); }, 5000));
        QVERIFY(!m_poller->isWatched(m_sandbox.key(2)));
        QVERIFY(!m_poller->isWatched(m_sandbox.key(3)));
    }

    void sigstopOfMasterStillNeedsReplicasAgreement()
    {
        m_confirmed.clear();
        m_lost.clear();
        QVERIFY(m_sandbox.pause(0).ok());
        m_poller->pollNow(m_sandbox.key(0)); // the timeout path: a hung server sends no EOF
        QVERIFY2(waitFor([&] { return codeOf(0) == AnalysisCode::UnreachableMaster; }, 10000),
                 qPrintable(analysisCodeName(codeOf(0).value_or(AnalysisCode::NoProblem))));
        // Its replicas still replicate (their link has not timed out): unreachable, not dead.
        QVERIFY(polledOk(1) && polledOk(2));
        QVERIFY(m_confirmed.isEmpty());
        QVERIFY(!m_lost.contains(m_sandbox.key(0)));
        QVERIFY(m_sandbox.resume(0).ok());
        QVERIFY(waitFor([&] { return polledOk(0) && codeOf(0).value_or(AnalysisCode::NoProblem) == AnalysisCode::NoProblem; }, 10000));
        QVERIFY(m_confirmed.isEmpty());
    }

    // A restart and a crash look the same to every connection (both end in EOF, and the replicas lose
    // their link either way), so with the default grace of 0 a master that is down when Arbor looks is
    // failed over. With a grace period, Arbor keeps re-probing through it, sees the master back and
    // acts on nothing, although the next scheduled poll is up to 30 s away.
    void restartWithinTheGracePeriodIsNoFailover()
    {
        AnalysisOptions options = m_monitor->options();
        options.gracePeriodMs = 20000;
        m_monitor->setOptions(options);
        QVERIFY(waitFor([&] { return m_poller->isWatched(m_sandbox.key(0)); }, 5000));
        m_confirmed.clear();
        m_lost.clear();
        QVERIFY(m_sandbox.kill(0).ok()); // down (crashed, or stopping for a restart) ...
        QVERIFY2(waitFor([&] { return codeOf(0) == AnalysisCode::DeadMaster; }, 10000), qPrintable(describe(0)));
        QVERIFY(m_lost.contains(m_sandbox.key(0)));
        QVERIFY(m_sandbox.restart(0).ok()); // ... and back, well within the grace
        QVERIFY2(waitFor(
                     [&] {
                         const auto replica = m_state->instance(m_sandbox.key(1));
                         return polledOk(0) && codeOf(0).value_or(AnalysisCode::NoProblem) == AnalysisCode::NoProblem && replica && replica->replication
                                && replica->replication->isHealthy();
                     },
                     15000),
                 qPrintable(analysisCodeName(codeOf(0).value_or(AnalysisCode::NoProblem))));
        QVERIFY2(m_confirmed.isEmpty(), qPrintable(m_confirmed.isEmpty() ? QString() : m_confirmed.first().description));
        options.gracePeriodMs = 0;
        m_monitor->setOptions(options);
    }

    void sigkillOfIntermediateMasterIsConfirmedBeforeAnyPoll()
    {
        killAndExpect(1, {0, 1, 2, 3, 4}, u"DeadIntermediateMaster"_s);
    }

    void sigkillOfMasterIsConfirmedBeforeAnyPoll()
    {
        killAndExpect(0, {0, 2}, u"DeadMaster"_s);
    }

    void cleanupTestCase()
    {
        m_monitor.reset();
        if (m_poller)
            m_poller->stop();
        m_poller.reset();
        m_sandbox.stop();
    }
};

QTEST_GUILESS_MAIN(TestCrashWatch)
#include "tst_crashwatch.moc"
