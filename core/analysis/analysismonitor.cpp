#include "analysis/analysismonitor.h"

#include "analysis/analyzer.h"
#include "probe/poller.h"

#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

bool ioRunning(const Instance &i)
{
    return i.lastCheckValid && i.replication && i.replication->ioThread == ReplicationState::ThreadState::Running;
}

} // namespace

bool AnalysisMonitor::isUnconfirmedTrouble(const ReplicationAnalysis &row) const
{
    // Confirmed codes go to recovery; the others that concern a master keep the re-probes going. An
    // actionable code in its grace period is re-probed too: a master that restarts within the grace
    // must be seen back before it is confirmed dead, whatever the poll interval.
    if (!isMasterTrouble(row.code))
        return false;
    if (!isActionable(row.code))
        return true;
    return m_options.gracePeriodMs > 0 && !m_episodes.value(row.key).confirmed;
}

AnalysisMonitor::AnalysisMonitor(TopologyState *state, Poller *poller, AnalysisOptions options, QObject *parent)
    : QObject(parent), m_state(state), m_poller(poller), m_options(options)
{
    m_elapsed.start();
    m_analyzeTimer.setSingleShot(true);
    m_analyzeTimer.setInterval(0);
    connect(&m_analyzeTimer, &QTimer::timeout, this, &AnalysisMonitor::analyzeNow);
    m_graceTimer.setSingleShot(true);
    connect(&m_graceTimer, &QTimer::timeout, this, &AnalysisMonitor::analyzeNow);
    connect(&m_reprobeTimer, &QTimer::timeout, this, &AnalysisMonitor::onReprobeTick);
    connect(state, &TopologyState::instanceAdded, this, [this](const Instance &i) {
        updateHistory(i);
        if (!i.lastCheckValid)
            reprobeFamily(i.key);
        scheduleAnalysis();
    });
    connect(state, &TopologyState::instanceChanged, this, &AnalysisMonitor::onInstance);
    connect(state, &TopologyState::instanceRemoved, this, &AnalysisMonitor::scheduleAnalysis);
    connect(state, &TopologyState::structureChanged, this, &AnalysisMonitor::scheduleAnalysis);
    // A source's idle connection ended: it may have died this millisecond. Re-probe it and its replicas
    // now, and let the usual rule decide (a restart or a dropped connection looks the same here).
    if (poller)
        connect(poller, &Poller::connectionLost, this, &AnalysisMonitor::reprobeFamily);
}

qint64 AnalysisMonitor::nowMs() const
{
    return m_clock ? m_clock() : m_elapsed.elapsed();
}

std::optional<ReplicationAnalysis> AnalysisMonitor::analysisOf(const InstanceKey &key) const
{
    const auto it = m_current.constFind(key);
    if (it == m_current.constEnd())
        return std::nullopt;
    return *it;
}

void AnalysisMonitor::updateHistory(const Instance &instance)
{
    if (!instance.lastCheckValid || !instance.replication)
        return;
    ReplicaHistory &h = m_history[instance.key];
    const ReplicationState &r = *instance.replication;
    if (r.isHealthy()) {
        h.lastReplicatingAt = instance.lastChecked.isValid() ? instance.lastChecked : QDateTime::currentDateTimeUtc();
        h.lagAtLastReplicating = instance.lagSeconds();
    }
    const bool sqlBroken = r.sqlThread != ReplicationState::ThreadState::Running || r.lastSqlErrno != 0;
    if (!sqlBroken)
        h.sqlBrokenSince = QDateTime();
    else if (!h.sqlBrokenSince.isValid())
        h.sqlBrokenSince = QDateTime::currentDateTimeUtc();
}

void AnalysisMonitor::onInstance(const Instance &instance, const Instance &before)
{
    updateHistory(instance);
    const bool lost = before.lastCheckValid && !instance.lastCheckValid;
    const bool ioDown = ioRunning(before) && !ioRunning(instance) && instance.lastCheckValid;
    if (lost || ioDown)
        reprobeFamily(instance.key);
    scheduleAnalysis();
}

void AnalysisMonitor::scheduleAnalysis()
{
    if (m_analyzeTimer.isActive())
        return;
    // One analysis covers the whole fleet, and with thousands of servers a snapshot changes with
    // nearly every poll: analysing after each one took the whole thread (the API and the poll results
    // waited behind it). Leave at least four times an analysis' duration free between two, at most
    // 200 ms: nothing for a small fleet (microseconds), a bounded delay for a large one.
    qint64 gapMs = 0;
    if (m_sinceAnalysis.isValid())
        gapMs = std::clamp<qint64>(4 * m_lastAnalysisUs / 1000 - m_sinceAnalysis.elapsed(), 0, 200);
    m_analyzeTimer.start(int(gapMs));
}

void AnalysisMonitor::reprobeFamily(const InstanceKey &key)
{
    if (!m_state)
        return;
    // The family as of the last analysis, which runs after every change of a small fleet and within
    // a few analysis durations on a large one; a server it does not know yet takes the current one.
    const Topology &t = m_family && m_family->instance(key) ? *m_family : m_state->topology();
    QList<InstanceKey> keys{key};
    const InstanceKey parent = t.parentOf(key);
    if (parent.isValid()) {
        keys << parent << t.childrenOf(parent);
    } else if (const Instance *i = t.instance(key); i && i->isReplica()) {
        keys << i->sourceKey(); // a source this topology does not hold (yet)
    }
    keys << t.childrenOf(key);
    reprobe(keys);
}

void AnalysisMonitor::reprobe(QList<InstanceKey> keys)
{
    if (!m_poller)
        return;
    const qint64 now = nowMs();
    QList<InstanceKey> done;
    QSet<InstanceKey> seen;
    for (const InstanceKey &k : keys) {
        if (!k.isValid() || seen.contains(k))
            continue;
        seen.insert(k);
        const auto last = m_lastReprobe.constFind(k);
        if (last != m_lastReprobe.constEnd() && now - *last < m_options.reprobeIntervalMs) {
            // Re-probed a moment ago: do it again when the interval has passed, not never (an EOF that
            // arrives right after a re-probe is news).
            const bool armed = !m_deferred.isEmpty();
            m_deferred.insert(k);
            if (!armed)
                QTimer::singleShot(int(std::max<qint64>(1, m_options.reprobeIntervalMs - (now - *last))), this, [this] {
                    const QSet<InstanceKey> deferred = std::exchange(m_deferred, {});
                    reprobe(QList<InstanceKey>(deferred.cbegin(), deferred.cend()));
                });
            continue;
        }
        m_deferred.remove(k);
        m_lastReprobe.insert(k, now);
        m_poller->pollNow(k);
        done.append(k);
    }
    if (!done.isEmpty())
        Q_EMIT reprobed(done);
}

void AnalysisMonitor::onReprobeTick()
{
    const qint64 now = nowMs();
    for (auto it = m_troubleSince.begin(); it != m_troubleSince.end();) {
        const auto row = m_current.constFind(it.key());
        if (row == m_current.constEnd() || !isUnconfirmedTrouble(*row)
            || now - it.value() > m_options.reprobeWindowMs) {
            it = m_troubleSince.erase(it);
            continue;
        }
        reprobe(QList<InstanceKey>{row->key} + row->replicas);
        ++it;
    }
    if (m_troubleSince.isEmpty())
        m_reprobeTimer.stop();
}

void AnalysisMonitor::analyzeNow()
{
    if (!m_state)
        return;
    QElapsedTimer took;
    took.start();
    const qint64 now = nowMs();
    QSet<InstanceKey> downtimed;
    for (auto it = m_state->downtimed().constBegin(); it != m_state->downtimed().constEnd(); ++it)
        downtimed.insert(it.key());
    const Topology &topology = m_state->topology();
    m_family = topology;
    QHash<InstanceKey, ReplicationAnalysis> next;
    for (ReplicationAnalysis &row : Analyzer::analyze(topology, m_options, downtimed)) {
        if (row.code == AnalysisCode::LockedSemiSyncMasterHypothesis) {
            const qint64 since = m_semiSyncSince.value(row.key, now);
            m_semiSyncSince.insert(row.key, since);
            if (now - since >= m_options.reasonableLockedSemiSyncMasterMs) {
                row.code = AnalysisCode::LockedSemiSyncMaster;
                row.description = u"master %1 is locked: semi-sync commits block, too few semi-sync replicas."_s.arg(
                    row.key.toString());
            }
        } else {
            m_semiSyncSince.remove(row.key);
        }
        next.insert(row.key, row);
    }

    const QHash<InstanceKey, ReplicationAnalysis> previous = std::exchange(m_current, next);
    QSet<InstanceKey> keys;
    for (auto it = previous.constBegin(); it != previous.constEnd(); ++it)
        keys.insert(it.key());
    for (auto it = next.constBegin(); it != next.constEnd(); ++it)
        keys.insert(it.key());

    QList<std::pair<ReplicationAnalysis, AnalysisCode>> changes;
    for (const InstanceKey &k : keys) {
        const AnalysisCode before = previous.contains(k) ? previous.value(k).code : AnalysisCode::NoProblem;
        ReplicationAnalysis row;
        if (next.contains(k)) {
            row = next.value(k);
        } else {
            row = previous.value(k);
            row.code = AnalysisCode::NoProblem;
            row.structureWarnings.clear();
            row.description = u"%1 is fine again."_s.arg(k.toString());
        }
        if (row.code != before)
            changes.append({row, before});
        if (isUnconfirmedTrouble(row) && !m_troubleSince.contains(k)) {
            m_troubleSince.insert(k, now);
            reprobe(QList<InstanceKey>{k} + row.replicas);
            if (!m_reprobeTimer.isActive())
                m_reprobeTimer.start(m_options.reprobeIntervalMs);
        }
    }

    QList<ReplicationAnalysis> confirmed;
    qint64 nextGrace = -1;
    for (auto it = m_episodes.begin(); it != m_episodes.end();) {
        if (!next.contains(it.key()) || !isActionable(next.value(it.key()).code))
            it = m_episodes.erase(it);
        else
            ++it;
    }
    for (const ReplicationAnalysis &row : std::as_const(next)) {
        if (!row.isActionable())
            continue;
        Episode &e = m_episodes[row.key];
        if (e.code == AnalysisCode::NoProblem)
            e = Episode{row.code, now, false};
        e.code = row.code;
        if (e.confirmed)
            continue;
        const qint64 remaining = e.since + m_options.gracePeriodMs - now;
        if (remaining <= 0) {
            e.confirmed = true;
            confirmed.append(row);
        } else if (nextGrace < 0 || remaining < nextGrace) {
            nextGrace = remaining;
        }
    }
    if (nextGrace >= 0)
        m_graceTimer.start(int(nextGrace));

    // What the slots of these signals do (recording, recovering) is not the analysis' own cost.
    m_lastAnalysisUs = took.nsecsElapsed() / 1000;
    m_sinceAnalysis.start();
    ++m_runs;
    for (const auto &[row, before] : std::as_const(changes))
        Q_EMIT analysisChanged(row, before);
    for (const ReplicationAnalysis &row : std::as_const(confirmed))
        Q_EMIT failureConfirmed(row);
}

} // namespace arbor::core
