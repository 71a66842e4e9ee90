#include "core/recovery/recoverycoordinator.h"

#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "ops/opsconnection.h"
#include "probe/poller.h"
#include "core/recovery/antiflapping.h"
#include "core/recovery/clusterfilter.h"
#include "core/recovery/recoveryexecutor.h"
#include "core/recovery/recoveryplanner.h"
#include "store/store.h"

#include <QDebug>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
// Longer than any recovery (hooks and waits are bounded well below it); released at its end. A node
// that dies mid-recovery leaves a lock that expires on the backend's clock.
constexpr int kRecoveryLockTtlSeconds = 900;

QString episodeKey(const ReplicationAnalysis &a)
{
    return a.clusterName + u'|' + a.key.toString();
}

// Whether @p now is news for the store next to @p written: any change of what the safety checks
// judge (SQL thread broken, lag above the bound), and a healthy replica's last healthy moment at
// most @p refreshSeconds old, so that the checks' window (replicationHistorySeconds) holds for it.
bool historyWorthWriting(const ReplicaHistory &now, const ReplicaHistory *written, int refreshSeconds, int lagBound)
{
    if (!written)
        return true;
    if (now.sqlBrokenSince.isValid() != written->sqlBrokenSince.isValid())
        return true;
    const auto above = [lagBound](const ReplicaHistory &h) { return h.lagAtLastReplicating.value_or(0) > lagBound; };
    if (above(now) != above(*written))
        return true;
    if (now.lastReplicatingAt.isValid() != written->lastReplicatingAt.isValid())
        return true;
    return now.lastReplicatingAt.isValid() && written->lastReplicatingAt.secsTo(now.lastReplicatingAt) >= refreshSeconds;
}

} // namespace

RecoveryCoordinator::RecoveryCoordinator(TopologyState *state, AnalysisMonitor *monitor, Poller *poller, Store *store,
                                         RecoveryOptions options, ProbeOptions probe, QObject *parent)
    : QObject(parent), m_state(state), m_monitor(monitor), m_poller(poller), m_store(store),
      m_options(std::move(options)), m_probe(std::move(probe))
{
    if (monitor) {
        connect(monitor, &AnalysisMonitor::failureConfirmed, this, &RecoveryCoordinator::onFailureConfirmed);
        connect(monitor, &AnalysisMonitor::analysisChanged, this,
                [this](const ReplicationAnalysis &a, AnalysisCode previous) {
                    if (!a.isActionable()) {
                        m_blockedOnce.remove(episodeKey(a));
                        m_lostCandidates.remove(episodeKey(a));
                    }
                    if (m_store) {
                        AnalysisChange c{a.analyzedAt.isValid() ? a.analyzedAt : QDateTime::currentDateTimeUtc(),
                                         a.key, a.clusterName, a.codeName(), analysisCodeName(previous), a.description,
                                         a.structureWarnings};
                        (void)m_store->recordAnalysisChange(c); // the changelog is best effort, never blocks recovery
                    }
                });
    }
    // Failovers this node did not run (another node did, or this process restarted): their old masters
    // are set read-only when they come back, whichever node is active then.
    loadReplacedMasters();
    if (state)
        connect(state, &TopologyState::instanceChanged, this,
                [this](const Instance &i, const Instance &) { onInstanceChanged(i); });
    // A blocked failure is retried: acknowledging (from any process sharing the store) or the end of
    // the block period lets it proceed while the failure still stands.
    auto *retry = new QTimer(this);
    retry->setInterval(1000);
    connect(retry, &QTimer::timeout, this, [this] {
        persistHistory();
        if (!m_automatic || !m_monitor || m_blockedOnce.isEmpty())
            return;
        for (const ReplicationAnalysis &a : m_monitor->current()) {
            if (a.isActionable() && m_blockedOnce.contains(episodeKey(a)))
                onFailureConfirmed(a);
        }
    });
    retry->start();
}

RecoveryCoordinator::~RecoveryCoordinator()
{
    for (QThread *t : std::as_const(m_threads)) {
        t->wait();
        delete t;
    }
}

Result<RecoveryPlan> RecoveryCoordinator::plan(const ReplicationAnalysis &analysis, const InstanceKey &candidate,
                                               bool takeover, const QString &trigger) const
{
    if (!m_state)
        return Result<RecoveryPlan>::failure(u"no topology to plan from"_s);
    RecoveryPlanner::Input in;
    in.topology = &m_state->topology();
    in.analysis = analysis;
    in.candidate = candidate;
    in.takeover = takeover;
    in.trigger = trigger;
    in.excluded = m_lostCandidates.value(episodeKey(analysis));
    if (m_store) {
        if (const auto rules = m_store->readPromotionRules(); rules.ok())
            in.rules = RecoveryPlanner::activeRules(*rules, QDateTime::currentDateTimeUtc());
    }
    in.history = history();
    return RecoveryPlanner::plan(in, m_options, m_probe);
}

void RecoveryCoordinator::persistHistory()
{
    // Only the node that polls and holds the lease knows the present; a fenced one would overwrite it.
    if (!m_store || !m_monitor || (m_holdsLease && !m_holdsLease()))
        return;
    // A node that just became active has seen only the aftermath of a failure: what the store holds
    // (the previous node's history) is the start, never overwritten by an older last healthy moment.
    if (!m_historySeeded) {
        const auto stored = m_store->readReplicaHistory();
        if (!stored.ok()) {
            historyWriteFailed(stored.error());
            return;
        }
        m_historyWritten = stored.value();
        m_historySeeded = true;
    }
    const int refresh = std::clamp(m_options.replicationHistorySeconds / 4, 1, 30);
    const QHash<InstanceKey, ReplicaHistory> now = m_monitor->replicaHistory();
    QHash<InstanceKey, ReplicaHistory> changed;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        const auto w = m_historyWritten.constFind(it.key());
        const ReplicaHistory *written = w == m_historyWritten.cend() ? nullptr : &*w;
        ReplicaHistory merged = it.value();
        if (written && written->lastReplicatingAt.isValid()
            && (!merged.lastReplicatingAt.isValid() || merged.lastReplicatingAt < written->lastReplicatingAt)) {
            merged.lastReplicatingAt = written->lastReplicatingAt;
            merged.lagAtLastReplicating = written->lagAtLastReplicating;
        }
        if (historyWorthWriting(merged, written, refresh, m_options.failMasterPromotionOnLagSeconds))
            changed.insert(it.key(), merged);
    }
    if (changed.isEmpty())
        return;
    if (const auto w = m_store->writeReplicaHistory(changed); !w.ok()) {
        historyWriteFailed(w.error()); // tried again at the next tick: the monitor keeps the truth meanwhile
        return;
    }
    if (!m_historyError.isEmpty())
        qInfo().noquote() << u"the replicas' history is recorded in the backend again"_s;
    m_historyError.clear();
    m_historyWritten.insert(changed);
}

void RecoveryCoordinator::historyWriteFailed(const QString &error)
{
    // Once per kind of error, not every second of a backend outage.
    if (error != m_historyError)
        qWarning().noquote() << u"%1; a node that becomes active now cannot check what the replicas did before a "
                                "failure"_s.arg(error);
    m_historyError = error;
}

QHash<InstanceKey, ReplicaHistory> RecoveryCoordinator::history() const
{
    QHash<InstanceKey, ReplicaHistory> out = m_monitor ? m_monitor->replicaHistory() : QHash<InstanceKey, ReplicaHistory>();
    if (!m_store || !m_monitor)
        return out; // no monitor (the CLI): no history, and the checks that need one are skipped
    const auto stored = m_store->readReplicaHistory();
    if (!stored.ok())
        return out;
    for (auto it = stored->cbegin(); it != stored->cend(); ++it) {
        const auto mine = out.constFind(it.key());
        if (mine == out.cend() || (it->lastReplicatingAt.isValid()
                                   && (!mine->lastReplicatingAt.isValid() || mine->lastReplicatingAt < it->lastReplicatingAt)))
            out.insert(it.key(), it.value());
    }
    return out;
}

std::optional<QString> RecoveryCoordinator::automaticBlockReason(const ReplicationAnalysis &a) const
{
    if (m_store) {
        const auto disabled = m_store->readRecoveriesDisabled();
        if (disabled.ok() && disabled->has_value())
            return u"automatic recoveries are disabled globally (%1)"_s.arg(**disabled);
    }
    const bool intermediate = isDeadIntermediateMasterCode(a.code);
    const QStringList &filters = intermediate ? m_options.recoverIntermediateMasterClusterFilters
                                              : m_options.recoverMasterClusterFilters;
    if (!ClusterFilter::matches(filters, a.clusterName, a.clusterAlias))
        return u"cluster %1 matches no %2 (%3)"_s.arg(a.clusterName,
                                                     intermediate ? u"RecoverIntermediateMasterClusterFilters"_s
                                                                  : u"RecoverMasterClusterFilters"_s,
                                                     filters.isEmpty() ? u"empty"_s : filters.join(u", "_s));
    if (a.isDowntimed)
        return u"%1 is downtimed"_s.arg(a.key.toString());
    for (const QString &pattern : m_options.recoveryIgnoreHostnameFilters) {
        if (QRegularExpression(pattern).match(a.key.host()).hasMatch())
            return u"%1 matches RecoveryIgnoreHostnameFilters (%2)"_s.arg(a.key.toString(), pattern);
    }
    if (isRecovering(a.clusterName))
        return u"a recovery of cluster %1 is already running"_s.arg(a.clusterName);
    if (m_store) {
        const auto blocking = AntiFlapping::blockingRecovery(*m_store, a.clusterName, a.clusterAlias, a.key,
                                                             m_options.recoveryPeriodBlockSeconds,
                                                             QDateTime::currentDateTimeUtc(), m_notBlocking);
        if (!blocking.ok())
            return u"the store could not be read to check the block period (%1)"_s.arg(blocking.error());
        if (blocking->has_value())
            return AntiFlapping::explain(**blocking, m_options.recoveryPeriodBlockSeconds);
    }
    return std::nullopt;
}

void RecoveryCoordinator::onFailureConfirmed(const ReplicationAnalysis &analysis)
{
    if (!m_automatic || !analysis.isActionable() || analysis.code == AnalysisCode::LockedSemiSyncMaster)
        return;
    // The history as of the failure is what the node after this one needs, should this one die now.
    persistHistory();
    reclaimAbandoned(analysis.clusterName);
    if (const auto reason = automaticBlockReason(analysis)) {
        const QString episode = episodeKey(analysis);
        if (!m_blockedOnce.contains(episode)) {
            m_blockedOnce.insert(episode);
            if (isRecovering(analysis.clusterName))
                return; // not worth a record: the running recovery is about this very failure
            RecoveryRecord r;
            r.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
            r.clusterName = analysis.clusterName;
            r.clusterAlias = analysis.clusterAlias;
            r.failed = analysis.key;
            r.analysis = analysis.codeName();
            r.kind = isDeadIntermediateMasterCode(analysis.code) ? u"intermediate-master"_s : u"master"_s;
            r.trigger = u"automatic"_s;
            r.status = u"blocked"_s;
            r.message = *reason;
            r.startedAt = r.endedAt = QDateTime::currentDateTimeUtc();
            saveRecord(r);
            Q_EMIT recoveryBlocked(r, *reason);
        }
        return;
    }
    m_blockedOnce.remove(episodeKey(analysis));
    auto p = plan(analysis, {}, false, u"automatic"_s);
    if (!p.ok()) {
        RecoveryRecord r;
        r.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        r.clusterName = analysis.clusterName;
        r.failed = analysis.key;
        r.analysis = analysis.codeName();
        r.trigger = u"automatic"_s;
        r.status = u"failed"_s;
        r.message = p.error();
        r.startedAt = r.endedAt = QDateTime::currentDateTimeUtc();
        saveRecord(r);
        Q_EMIT recoveryFinished(r);
        return;
    }
    // OnFailureDetectionProcesses run once per FailureDetectionPeriodBlockMinutes for one failed server.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto last = m_detectionHooksRun.constFind(analysis.key);
    p.value().runDetectionHooks = last == m_detectionHooksRun.cend()
                                  || last->secsTo(now) >= m_options.failureDetectionPeriodBlockSeconds;
    if (p.value().runDetectionHooks)
        m_detectionHooksRun.insert(analysis.key, now);
    if (auto started = start(std::move(p).value()); !started.ok()) {
        // Most often an operation holds the cluster lock (an operator's relocate the master died
        // under). A failure is confirmed once per episode: retried each second while it stands (the
        // blocked-retry timer), or the dead master would stay dead.
        qWarning().noquote() << u"recovery of %1 not started: %2; retrying while the failure stands"_s.arg(
            analysis.key.toString(), started.error());
        m_blockedOnce.insert(episodeKey(analysis));
    }
}

Result<QString> RecoveryCoordinator::start(RecoveryPlan plan)
{
    const QString cluster = plan.hooks.clusterName;
    if (isRecovering(cluster))
        return Result<QString>::failure(u"a recovery of cluster %1 is already running; wait for it"_s.arg(cluster));
    persistHistory();
    reclaimAbandoned(cluster);
    // The lock's token is the recovery's uid: a node that finds the recovery abandoned can free it.
    auto lock = ClusterLock::acquire(cluster, u"recover %1 %2"_s.arg(RecoveryPlan::kindName(plan.kind), plan.failed.toString()),
                                     u"arbor recovery (%1)"_s.arg(plan.trigger), m_store, kRecoveryLockTtlSeconds, plan.uid);
    if (!lock.ok())
        return Result<QString>::failure(u"cannot recover now: %1"_s.arg(lock.error()));
    m_locks.emplace(plan.uid, std::move(lock).value());
    m_runningClusters.insert(cluster);
    RecoveryRecord r;
    r.uid = plan.uid;
    r.clusterName = cluster;
    r.clusterAlias = plan.hooks.clusterAlias;
    r.failed = plan.failed;
    r.analysis = plan.kind == RecoveryPlan::Kind::GracefulTakeover ? u"GracefulMasterTakeover"_s : plan.analysis.codeName();
    r.kind = RecoveryPlan::kindName(plan.kind);
    r.trigger = plan.trigger;
    r.status = u"running"_s;
    r.owner = m_ownerToken;
    r.successor = plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster ? plan.target : plan.choice.chosen;
    r.lostReplicas = plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster ? plan.orphansLost : plan.choice.lost;
    r.explanation = plan.explanation;
    r.startedAt = QDateTime::currentDateTimeUtc();
    saveRecord(r);
    m_plans.insert(plan.uid, plan);
    Q_EMIT recoveryStarted(r);

    RecoveryCallbacks callbacks;
    QPointer<RecoveryCoordinator> self(this);
    callbacks.step = [self](const RecoveryStep &s) {
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, s] { if (self) self->saveStep(s); }, Qt::QueuedConnection);
    };
    callbacks.holdsLease = m_holdsLease;
    const QString uid = plan.uid;
    QThread *thread = QThread::create([self, uid, plan = std::move(plan), callbacks]() mutable {
        RecoveryExecutor executor(std::move(plan), callbacks);
        const RecoveryOutcome outcome = executor.run();
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, uid, outcome] { if (self) self->finish(uid, outcome); },
                                      Qt::QueuedConnection);
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeAll(thread);
        thread->deleteLater();
    });
    thread->start();
    return uid;
}

void RecoveryCoordinator::finish(const QString &uid, const RecoveryOutcome &outcome)
{
    const RecoveryPlan plan = m_plans.take(uid);
    RecoveryRecord r = m_records.value(uid);
    r.status = outcome.status;
    if (outcome.successor.isValid())
        r.successor = outcome.successor;
    else if (outcome.status != u"succeeded"_s)
        r.successor = InstanceKey();
    r.lostReplicas = outcome.lost;
    r.message = outcome.message;
    r.endedAt = QDateTime::currentDateTimeUtc();
    saveRecord(r);
    m_runningClusters.remove(r.clusterName);
    m_locks.erase(uid);
    // Stopped at its fence before changing anything: when this node holds the lease again and the
    // failure still stands, it tries again (the retry timer), and this attempt does not block it.
    if (outcome.fenced && !outcome.changedServers && plan.trigger == u"automatic"_s) {
        m_notBlocking.insert(uid);
        m_blockedOnce.insert(episodeKey(plan.analysis));
    }
    // Its candidate died before the promotion and nothing else changed: the same failure is tried
    // again (by the retry timer, within a second) without that candidate, and this attempt does not
    // block it. Each attempt excludes one more replica, so the retries end.
    if (outcome.candidateLost.isValid() && plan.kind == RecoveryPlan::Kind::DeadMaster) {
        m_notBlocking.insert(uid);
        m_lostCandidates[episodeKey(plan.analysis)].insert(outcome.candidateLost);
        if (plan.trigger == u"automatic"_s)
            m_blockedOnce.insert(episodeKey(plan.analysis));
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_store) {
        for (const InstanceKey &k : outcome.lost) {
            Downtime d{k, u"arbor"_s, u"lost-in-recovery %1"_s.arg(uid), now,
                       now.addSecs(m_options.lostReplicasDowntimeSeconds)};
            if (const auto w = m_store->beginDowntime(d); !w.ok())
                saveStep(RecoveryStep{uid, now, u"info"_s, u"could not downtime lost replica %1"_s.arg(k.toString()), false, w.error()});
            else
                saveStep(RecoveryStep{uid, now, u"info"_s, u"downtimed lost replica %1 (lost-in-recovery)"_s.arg(k.toString())});
        }
        // The cluster's alias follows its master.
        if (outcome.status == u"succeeded"_s && plan.kind != RecoveryPlan::Kind::DeadIntermediateMaster
            && !r.clusterAlias.isEmpty() && outcome.successor.isValid()) {
            (void)m_store->setClusterAlias(r.clusterName, QString());
            (void)m_store->setClusterAlias(outcome.successor.toString(), r.clusterAlias);
            saveStep(RecoveryStep{uid, now, u"info"_s, u"alias %1 moved to cluster %2"_s.arg(r.clusterAlias, outcome.successor.toString())});
        }
    }
    if (plan.kind == RecoveryPlan::Kind::DeadMaster && outcome.successor.isValid()) {
        m_oldMasters.insert(plan.failed, uid);
        if (m_state) {
            if (const auto i = m_state->instance(plan.failed); i && i->lastCheckValid)
                onInstanceChanged(*i);
        }
    }
    if (m_poller) {
        for (const Instance &i : plan.facts)
            m_poller->pollNow(i.key);
    }
    Q_EMIT recoveryFinished(r);
}

void RecoveryCoordinator::loadReplacedMasters()
{
    if (!m_store)
        return;
    const auto recent = m_store->readRecoveries(200);
    if (!recent.ok()) {
        qWarning().noquote() << u"old masters replaced by earlier failovers are not known (%1): one that comes back "
                                "writable is not set read-only"_s.arg(recent.error());
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 window = std::max(m_options.recoveryPeriodBlockSeconds, 86400);
    QSet<InstanceKey> settled; // newest first: a later recovery of the same server (or its promotion) decides
    for (const RecoveryRecord &r : *recent) {
        if (r.successor.isValid())
            settled.insert(r.successor); // promoted since: a master by right
        if (r.status != u"succeeded"_s || r.kind != RecoveryPlan::kindName(RecoveryPlan::Kind::DeadMaster)
            || r.startedAt.secsTo(now) > window || settled.contains(r.failed) || m_oldMasters.contains(r.failed))
            continue;
        settled.insert(r.failed);
        const auto steps = m_store->readRecoverySteps(r.uid);
        if (!steps.ok())
            continue;
        const QString back = oldMasterBack(r.failed);
        if (std::none_of(steps->cbegin(), steps->cend(), [&](const RecoveryStep &s) { return s.ok && s.what.startsWith(back); }))
            m_oldMasters.insert(r.failed, r.uid);
    }
}

QString RecoveryCoordinator::oldMasterBack(const InstanceKey &key)
{
    return u"old master %1 came back"_s.arg(key.toString());
}

void RecoveryCoordinator::onInstanceChanged(const Instance &instance)
{
    const auto it = m_oldMasters.constFind(instance.key);
    if (it == m_oldMasters.constEnd() || !instance.lastCheckValid || m_fencing.contains(instance.key))
        return;
    if (m_holdsLease && !m_holdsLease())
        return; // the active node fences it; this one is about to stop
    const QString uid = *it;
    if (instance.readOnly) {
        m_oldMasters.erase(it);
        saveStep(RecoveryStep{uid, QDateTime::currentDateTimeUtc(), u"info"_s,
                              u"%1 read-only: left as it is"_s.arg(oldMasterBack(instance.key))});
        return;
    }
    if (const auto at = m_fenceRetryAt.constFind(instance.key);
        at != m_fenceRetryAt.cend() && QDateTime::currentDateTimeUtc() < *at)
        return;
    m_fencing.insert(instance.key);
    fenceOldMaster(instance.key, uid);
}

void RecoveryCoordinator::fenceDone(const RecoveryStep &step, const InstanceKey &key)
{
    m_fencing.remove(key);
    if (step.ok) {
        m_oldMasters.remove(key);
        m_fenceRetryAt.remove(key);
    } else {
        m_fenceRetryAt.insert(key, QDateTime::currentDateTimeUtc().addSecs(10)); // tried again on a later poll
    }
    if (!step.what.isEmpty())
        saveStep(step);
}

void RecoveryCoordinator::fenceOldMaster(const InstanceKey &key, const QString &uid)
{
    // It came back writable after being replaced: two writable masters is the one thing to prevent.
    // Only under the lease, like every statement a recovery runs (asked again just before it).
    QPointer<RecoveryCoordinator> self(this);
    const ProbeOptions probe = m_probe;
    const std::function<bool()> holdsLease = m_holdsLease;
    QThread *thread = QThread::create([self, key, uid, probe, holdsLease] {
        OpsConnection c(key, probe.credentials, probe.connectTimeoutSeconds, qMax(probe.readTimeoutSeconds, 5));
        const auto d = c.dialect();
        QString error = d.ok() ? QString() : d.error();
        if (d.ok() && holdsLease && !holdsLease()) {
            const RecoveryStep none{uid, QDateTime::currentDateTimeUtc(), u"sql"_s, QString(), false, QString()};
            if (self)
                QMetaObject::invokeMethod(self.data(), [self, none, key] { if (self) self->fenceDone(none, key); },
                                          Qt::QueuedConnection);
            return;
        }
        if (d.ok()) {
            if (const auto r = c.query(d->setReadOnlyStatement(true)); !r.ok())
                error = r.error();
            else if (const auto back = c.query(u"SELECT @@GLOBAL.read_only AS v"_s);
                     !back.ok() || back->isEmpty() || back->constFirst().value(u"v"_s).toInt() != 1)
                error = u"it does not report read_only=1 afterwards"_s;
        }
        const RecoveryStep step{uid, QDateTime::currentDateTimeUtc(), u"sql"_s,
                                u"%1: set read-only"_s.arg(oldMasterBack(key)), error.isEmpty(), error};
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, step, key] { if (self) self->fenceDone(step, key); },
                                      Qt::QueuedConnection);
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeAll(thread);
        thread->deleteLater();
    });
    thread->start();
}

void RecoveryCoordinator::reclaimAbandoned(const QString &clusterName)
{
    if (!m_store || m_ownerToken.isEmpty() || (m_holdsLease && !m_holdsLease()))
        return;
    const auto recent = m_store->readRecoveries(50, clusterName);
    if (!recent.ok())
        return; // the block check that follows reads the store too, and says why it cannot
    for (RecoveryRecord r : *recent) {
        // A record without an owner is the CLI's or the desktop's: a process this node cannot judge.
        if (r.status != u"running"_s || r.owner.isEmpty() || r.owner == m_ownerToken || m_records.contains(r.uid))
            continue;
        int changes = 0;
        QString last;
        if (const auto steps = m_store->readRecoverySteps(r.uid); steps.ok()) {
            for (const RecoveryStep &s : *steps) {
                changes += s.kind == u"sql"_s && s.ok ? 1 : 0;
                last = s.what;
            }
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString state = changes == 0 ? u"it had changed no server"_s
                                           : u"it had changed servers (%1 SQL step(s)); check its steps"_s.arg(changes);
        r.status = u"abandoned"_s;
        r.endedAt = now;
        r.message = u"abandoned: node %1 ran it but no longer holds the active-node lease (killed, frozen or cut off; it "
                    "is fenced if it wakes) and never reported its end; %2, its last step: %3. Node %4 holds the lease "
                    "and takes over."_s.arg(r.owner.left(8), state, last.isEmpty() ? u"none"_s : last, m_ownerToken.left(8));
        (void)m_store->writeRecovery(r); // not this node's record: m_records stays as it is
        saveStep(RecoveryStep{r.uid, now, u"info"_s, r.message});
        AuditEntry a;
        a.startedAt = now;
        a.who = u"arbor node %1"_s.arg(m_ownerToken.left(8));
        a.operation = u"abandon-recovery"_s;
        a.clusterName = r.clusterName;
        a.instance = r.failed;
        a.from = u"node %1"_s.arg(r.owner.left(8));
        a.method = r.uid;
        a.result = u"ok"_s;
        a.message = r.message;
        (void)m_store->writeAudit(a);
        (void)m_store->unlockCluster(r.clusterName, r.uid);
        qWarning().noquote() << u"recovery %1 of %2 %3"_s.arg(r.uid, r.failed.toString(), r.message);
    }
}

void RecoveryCoordinator::saveRecord(const RecoveryRecord &record)
{
    m_records.insert(record.uid, record);
    if (m_store)
        (void)m_store->writeRecovery(record);
}

void RecoveryCoordinator::saveStep(const RecoveryStep &step)
{
    if (m_store)
        (void)m_store->appendRecoveryStep(step);
    Q_EMIT recoveryStep(step);
}

std::optional<RecoveryRecord> RecoveryCoordinator::record(const QString &uid) const
{
    const auto it = m_records.constFind(uid);
    if (it == m_records.constEnd())
        return std::nullopt;
    return *it;
}

} // namespace arbor::core
