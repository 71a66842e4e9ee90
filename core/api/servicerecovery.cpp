#include "api/servicerecovery.h"

#include "analysis/analysismonitor.h"
#include "analysis/analyzer.h"
#include "ha/servicenode.h"
#include "model/topologystate.h"
#include "core/recovery/recoverycoordinator.h"
#include "core/recovery/recoverytarget.h"
#include "core/recovery/rehearsal.h"

#include <QTimer>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

ServiceRecovery::ServiceRecovery(ServiceNode &node, QObject *parent) : QObject(parent), m_node(node)
{
    m_config = node.config().recovery;
    connect(&node, &ServiceNode::pollingChanged, this, &ServiceRecovery::update);
    connect(&node, &ServiceNode::activeChanged, this, &ServiceRecovery::update);
    update();
}

ServiceRecovery::~ServiceRecovery()
{
    stop();
}

void ServiceRecovery::configure(const RecoveryConfig &config)
{
    m_config = config;
    if (!m_coordinator)
        return;
    const auto options = m_config.resolvedOptions();
    if (!options.ok())
        qCritical().noquote() << u"recovery settings not applied: %1"_s.arg(options.error());
    else
        m_coordinator->setOptions(options.value());
    if (m_monitor)
        m_monitor->setOptions(m_config.analysis);
    update();
}

void ServiceRecovery::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    stopRecovering(true);
    m_retiring.clear(); // their destructors wait for the recoveries still running
    const auto waiters = std::exchange(m_waiters, {});
    for (auto it = waiters.cbegin(); it != waiters.cend(); ++it) {
        RecoveryRecord r;
        r.uid = it.key();
        r.status = u"failed"_s;
        r.message = u"the service stopped before the recovery reported its end; see audit-recovery"_s;
        it.value()(r);
    }
}

void ServiceRecovery::update()
{
    if (m_stopped)
        return;
    if (m_node.isPolling() && !m_coordinator)
        startRecovering();
    else if (!m_node.isPolling() && m_coordinator)
        stopRecovering(false);
    if (m_coordinator) {
        const bool automatic = m_config.automatic && m_node.isActive();
        if (automatic != m_coordinator->isAutomatic())
            qInfo().noquote() << (automatic ? u"automatic recovery on"_s
                                            : u"automatic recovery off (%1)"_s.arg(
                                                  m_config.automatic ? u"no valid lease"_s : u"recovery.automatic is false"_s));
        m_coordinator->setAutomatic(automatic);
    }
}

void ServiceRecovery::startRecovering()
{
    auto store = m_node.store();
    if (!store.ok()) {
        qWarning().noquote() << u"failure detection waits for the backend: %1"_s.arg(store.error());
        return; // tried again at the next change of role
    }
    auto poller = m_node.config().pollerOptions();
    if (!poller.ok()) {
        qCritical().noquote() << u"cannot recover: %1"_s.arg(poller.error());
        return;
    }
    auto options = m_config.resolvedOptions();
    if (!options.ok()) {
        qCritical().noquote() << u"%1; graceful takeovers will leave the old master without replication"_s.arg(options.error());
        options = m_config.options;
    }
    // With the node's poller, a suspected failure re-probes the server and its family at once instead
    // of waiting for their next scheduled polls (orchestrator's "emergent" re-reads).
    m_monitor = std::make_unique<AnalysisMonitor>(&m_node.state(), m_node.poller(), m_config.analysis);
    m_coordinator = std::make_unique<RecoveryCoordinator>(&m_node.state(), m_monitor.get(), m_node.poller(), store.value(),
                                                          options.value(), poller->probe);
    // Called from recovery threads: isActive() reads the election loop's atomic lease deadline. The
    // node outlives every recovery thread (stop() joins them before the node shuts down).
    ServiceNode *node = &m_node;
    m_coordinator->setHoldsLease([node] { return node->isActive(); });
    m_coordinator->setOwnerToken(m_node.token());
    RecoveryCoordinator *c = m_coordinator.get();
    connect(c, &RecoveryCoordinator::recoveryStarted, this, [](const RecoveryRecord &r) {
        qWarning().noquote() << u"recovery %1 started (%2): %3 on %4 in cluster %5"_s.arg(r.uid, r.trigger, r.analysis,
                                                                                          r.failed.toString(), r.clusterName);
    });
    connect(c, &RecoveryCoordinator::recoveryStep, this, [](const RecoveryStep &s) {
        // A statement that changed a server is worth the log's default level: which node ran it, when.
        if (s.ok && s.kind == u"sql"_s)
            qInfo().noquote() << u"recovery %1: %2 %3"_s.arg(s.recoveryUid, s.kind, s.what);
        else if (s.ok)
            qDebug().noquote() << u"recovery %1: %2 %3"_s.arg(s.recoveryUid, s.kind, s.what);
        else
            qWarning().noquote() << u"recovery %1: %2 %3 FAILED: %4"_s.arg(s.recoveryUid, s.kind, s.what, s.detail.trimmed());
    });
    connect(c, &RecoveryCoordinator::recoveryBlocked, this, [](const RecoveryRecord &r, const QString &reason) {
        qWarning().noquote() << u"no automatic recovery of %1 (%2) in cluster %3: %4"_s.arg(r.failed.toString(), r.analysis,
                                                                                             r.clusterName, reason);
    });
    connect(c, &RecoveryCoordinator::recoveryFinished, this, [this, c](const RecoveryRecord &r) {
        if (r.status == u"succeeded"_s)
            qInfo().noquote() << u"recovery %1 succeeded: %2 replaces %3"_s.arg(r.uid, r.successor.toString(), r.failed.toString());
        else
            qWarning().noquote() << u"recovery %1 %2: %3"_s.arg(r.uid, r.status, r.message);
        settleAfter(r);
        if (auto done = m_waiters.take(r.uid))
            done(r);
        Q_EMIT recoveryFinished(r);
        // A retired coordinator goes once its last recovery ended (not from inside its own signal).
        if (c != m_coordinator.get() && c->runningCount() == 0) {
            QTimer::singleShot(0, this, [this, c] {
                std::erase_if(m_retiring, [c](const std::unique_ptr<RecoveryCoordinator> &p) { return p.get() == c; });
            });
        }
    });
    // A standby's picture of the topology is up to a second old; analyse once a poll round has
    // refreshed it, then on every change.
    const ServiceConfig &config = m_node.config();
    const int firstAnalysisMs = (config.pollSeconds + config.connectTimeoutSeconds + config.readTimeoutSeconds) * 1000;
    QTimer::singleShot(firstAnalysisMs, m_monitor.get(), &AnalysisMonitor::analyzeNow);
    qInfo().noquote() << u"failure detection on: %1"_s.arg(m_config.summary());
}

void ServiceRecovery::stopRecovering(bool wait)
{
    if (!m_coordinator)
        return;
    m_coordinator->setAutomatic(false);
    m_monitor.reset();
    if (wait || m_coordinator->runningCount() == 0) {
        m_coordinator.reset();
    } else {
        qWarning().noquote() << u"stopped polling while %1 recovery(ies) run; each stops at its next step unless this "
                                "node holds the lease again"_s.arg(m_coordinator->runningCount());
        m_retiring.push_back(std::move(m_coordinator));
    }
    qInfo().noquote() << u"failure detection off: this node does not poll"_s;
}

void ServiceRecovery::settleAfter(const RecoveryRecord &r)
{
    TopologyState &state = m_node.state();
    // The replaced master's last SHOW SLAVE HOSTS still lists the servers that now replicate from its
    // successor; while it is unreachable that stale list would hang them (and the successor) under it
    // again, and the successor's own death would look like an intermediate master's. Its replicas
    // are history once a recovery moved them.
    if (r.status == u"succeeded"_s && r.kind != u"intermediate-master"_s) {
        if (auto old = state.instance(r.failed); old && !old->lastCheckValid && !old->replicaKeys.isEmpty()) {
            old->replicaKeys.clear();
            state.remove(r.failed); // update() would keep the last valid facts of an unreachable server
            state.update(*old);
        }
    }
    // Every server of the cluster is polled now rather than at its next turn, so the analysis sees
    // the new topology within one round trip.
    QList<InstanceKey> keys{r.failed};
    if (r.successor.isValid())
        keys << r.successor;
    for (const QString &name : {r.clusterName, r.successor.toString()}) {
        if (const auto c = state.topology().findCluster(name))
            keys << c->members;
    }
    m_node.discoverMany(keys);
}

Result<RecoveryPlan> ServiceRecovery::planFor(const InstanceKey &failed, const InstanceKey &candidate, bool takeover,
                                              bool withHooks)
{
    using R = Result<RecoveryPlan>;
    if (!m_coordinator)
        return R::failure(u"node %1 does not poll the topology, so it cannot recover; send it to the active node"_s.arg(
            m_node.nodeName()));
    const Topology &topology = m_node.state().topology();
    const auto cluster = topology.findCluster(failed.toString());
    if (!cluster)
        return R::failure(u"%1 is in no known cluster; discover it first"_s.arg(failed.toString()));
    QSet<InstanceKey> downtimed;
    for (auto it = m_node.state().downtimed().cbegin(); it != m_node.state().downtimed().cend(); ++it)
        downtimed.insert(it.key());
    const QList<ReplicationAnalysis> rows = Analyzer::analyze(topology, m_config.analysis, downtimed);
    const auto target = RecoveryTarget::choose(rows, *cluster, failed, takeover, u"graceful-master-takeover"_s);
    if (!target.ok())
        return R::failure(target.error());
    auto plan = m_coordinator->plan(target.value(), candidate, takeover, u"manual"_s);
    if (plan.ok() && !withHooks) {
        RecoveryOptions &o = plan.value().options;
        for (QStringList *hooks : {&o.onFailureDetectionProcesses, &o.preFailoverProcesses, &o.postMasterFailoverProcesses,
                                   &o.postIntermediateMasterFailoverProcesses, &o.postFailoverProcesses,
                                   &o.postUnsuccessfulFailoverProcesses, &o.preGracefulTakeoverProcesses,
                                   &o.postGracefulTakeoverProcesses})
            hooks->clear();
    }
    return plan;
}

Result<RecoveryPlan> ServiceRecovery::rehearse(const InstanceKey &victim) const
{
    using R = Result<RecoveryPlan>;
    if (!m_coordinator)
        return R::failure(u"node %1 does not poll the topology, so it has no live facts to rehearse on; ask the active node"_s.arg(
            m_node.nodeName()));
    const auto assumed = Rehearsal::assumeDead(m_node.state().topology(), victim);
    if (!assumed.ok())
        return R::failure(assumed.error());
    return m_coordinator->plan(assumed.value(), {}, false, u"rehearsal"_s);
}

void ServiceRecovery::run(RecoveryPlan plan, std::function<void(const RecoveryRecord &)> done)
{
    RecoveryRecord failed;
    failed.uid = plan.uid;
    failed.failed = plan.failed;
    failed.clusterName = plan.hooks.clusterName;
    failed.status = u"failed"_s;
    if (!m_coordinator) {
        failed.message = u"node %1 stopped polling; nothing was changed"_s.arg(m_node.nodeName());
        done(failed);
        return;
    }
    const QString uid = plan.uid;
    m_waiters.insert(uid, std::move(done));
    const auto started = m_coordinator->start(std::move(plan));
    if (!started.ok()) {
        failed.message = started.error();
        if (auto d = m_waiters.take(uid))
            d(failed);
    }
}

} // namespace arbor::core
