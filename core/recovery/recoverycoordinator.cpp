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
                    if (!a.isActionable())
                        m_blockedOnce.remove(episodeKey(a));
                    if (m_store) {
                        AnalysisChange c{a.analyzedAt.isValid() ? a.analyzedAt : QDateTime::currentDateTimeUtc(),
                                         a.key, a.clusterName, a.codeName(), analysisCodeName(previous), a.description,
                                         a.structureWarnings};
                        (void)m_store->recordAnalysisChange(c); // the changelog is best effort, never blocks recovery
                    }
                });
    }
    if (state)
        connect(state, &TopologyState::instanceChanged, this,
                [this](const Instance &i, const Instance &) { onInstanceChanged(i); });
    // A blocked failure is retried: acknowledging (from any process sharing the store) or the end of
    // the block period lets it proceed while the failure still stands.
    auto *retry = new QTimer(this);
    retry->setInterval(1000);
    connect(retry, &QTimer::timeout, this, [this] {
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
    if (m_store) {
        if (const auto rules = m_store->readPromotionRules(); rules.ok())
            in.rules = RecoveryPlanner::activeRules(*rules, QDateTime::currentDateTimeUtc());
    }
    if (m_monitor)
        in.history = m_monitor->replicaHistory();
    return RecoveryPlanner::plan(in, m_options, m_probe);
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
                                                             QDateTime::currentDateTimeUtc(), m_fencedUntouched);
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
    auto lock = ClusterLock::acquire(cluster, u"recover %1 %2"_s.arg(RecoveryPlan::kindName(plan.kind), plan.failed.toString()),
                                     u"arbor recovery (%1)"_s.arg(plan.trigger), m_store, kRecoveryLockTtlSeconds);
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
        m_fencedUntouched.insert(uid);
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

void RecoveryCoordinator::onInstanceChanged(const Instance &instance)
{
    const auto it = m_oldMasters.constFind(instance.key);
    if (it == m_oldMasters.constEnd() || !instance.lastCheckValid)
        return;
    const QString uid = *it;
    m_oldMasters.erase(it);
    if (instance.readOnly)
        return;
    fenceOldMaster(instance.key, uid);
}

void RecoveryCoordinator::fenceOldMaster(const InstanceKey &key, const QString &uid)
{
    // It came back writable after being replaced: two writable masters is the one thing to prevent.
    QPointer<RecoveryCoordinator> self(this);
    const ProbeOptions probe = m_probe;
    QThread *thread = QThread::create([self, key, uid, probe] {
        OpsConnection c(key, probe.credentials, probe.connectTimeoutSeconds, qMax(probe.readTimeoutSeconds, 5));
        const auto d = c.dialect();
        QString error = d.ok() ? QString() : d.error();
        if (d.ok()) {
            if (const auto r = c.query(d->setReadOnlyStatement(true)); !r.ok())
                error = r.error();
            else if (const auto back = c.query(u"SELECT @@GLOBAL.read_only AS v"_s);
                     !back.ok() || back->isEmpty() || back->constFirst().value(u"v"_s).toInt() != 1)
                error = u"it does not report read_only=1 afterwards"_s;
        }
        const RecoveryStep step{uid, QDateTime::currentDateTimeUtc(), u"sql"_s,
                                u"old master %1 came back: set read-only"_s.arg(key.toString()), error.isEmpty(), error};
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, step] { if (self) self->saveStep(step); }, Qt::QueuedConnection);
    });
    m_threads.append(thread);
    connect(thread, &QThread::finished, this, [this, thread] {
        m_threads.removeAll(thread);
        thread->deleteLater();
    });
    thread->start();
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
