#include "ops/operationrunner.h"

#include "ops/clusterlock.h"
#include "ops/plansession.h"
#include "ops/refactoring.h"
#include "ops/replicationcontrol.h"
#include "ops/servercontrol.h"
#include "store/store.h"

#include <QElapsedTimer>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

OperationRunner::OperationRunner(Options options) : m_options(std::move(options))
{
}

namespace {
// Rollbacks registered by an operation refer to its object: keep it alive until the runner is done.
Result<void> dispatchTo(OpsSession &session, const OperationRequest &request, Refactoring &refactoring,
                        ReplicationControl &control, ServerControl &server)
{
    session.plan().request = request;
    if (session.fact(request.instance))
        session.plan().clusterName = session.topology().clusterNameOf(request.instance);
    if (OperationKinds::needsTarget(request.kind) && !request.target.isValid())
        return session.refuse({u"needs-target"_s, u"%1 needs a target server"_s.arg(OperationKinds::name(request.kind))});
    if (Refactoring::handles(request.kind))
        return refactoring.run(request);
    if (ServerControl::handles(request.kind))
        return server.run(request);
    return control.run(request);
}
} // namespace

Result<void> OperationRunner::dispatch(OpsSession &session, const OperationRequest &request, const OperationOptions &options)
{
    Refactoring refactoring(session, options);
    ReplicationControl control(session, options);
    ServerControl server(session, options);
    auto r = dispatchTo(session, request, refactoring, control, server);
    session.clearRollback(); // its objects end here
    return r;
}

OperationPlan OperationRunner::plan(const QList<Instance> &facts, const OperationRequest &request, const OperationOptions &options)
{
    PlanSession session(facts);
    auto r = dispatch(session, request, options);
    OperationPlan plan = session.plan();
    if (!r.ok() && !plan.refusal)
        plan.refusal = Refusal{u"cannot-plan"_s, r.error()};
    return plan;
}

void OperationRunner::refreshInvolved(LiveSession &session, const OperationRequest &request) const
{
    QList<InstanceKey> keys;
    QSet<InstanceKey> seen;
    auto add = [&](const InstanceKey &k) {
        if (k.isValid() && !seen.contains(k)) {
            seen.insert(k);
            keys << k;
        }
    };
    auto sourceOf = [&](const InstanceKey &k) {
        const Instance *i = session.fact(k);
        return i ? i->sourceKey() : InstanceKey();
    };
    // The instance first: its fresh facts name its source and replicas.
    (void)session.refresh(request.instance);
    seen.insert(request.instance);
    add(request.target);
    add(sourceOf(request.instance));
    add(sourceOf(sourceOf(request.instance)));
    switch (request.kind) {
    case OperationKind::RelocateReplicas:
    case OperationKind::MoveUpReplicas:
    case OperationKind::RegroupReplicas:
    case OperationKind::MoveReplicasGtid:
    case OperationKind::RepointReplicas:
    case OperationKind::PurgeBinaryLogs:
        for (const InstanceKey &k : session.topology().childrenOf(request.instance))
            add(k);
        break;
    case OperationKind::TakeSiblings:
        for (const InstanceKey &k : session.topology().childrenOf(sourceOf(request.instance)))
            add(k);
        break;
    default:
        break;
    }
    for (const InstanceKey &k : keys)
        (void)session.refresh(k);
    if (request.target.isValid())
        add(sourceOf(request.target));
    for (const InstanceKey &k : keys) {
        if (!session.fact(k) || session.fact(k)->lastChecked.isNull())
            (void)session.refresh(k);
    }
}

OperationPlan OperationRunner::planFresh(const QList<Instance> &facts, const OperationRequest &request)
{
    LiveSession fresh(facts, m_options.probe, m_options.timeouts);
    refreshInvolved(fresh, request);
    QList<Instance> updated;
    for (const InstanceKey &k : fresh.topology().keys())
        updated << *fresh.fact(k);
    return plan(updated, request, m_options.operation);
}

OperationRunner::Outcome OperationRunner::run(const QList<Instance> &facts, const OperationRequest &request)
{
    QElapsedTimer timer;
    timer.start();
    const QDateTime started = QDateTime::currentDateTimeUtc();
    Outcome outcome;

    LiveSession session(facts, m_options.probe, m_options.timeouts);
    QString cluster = session.topology().clusterNameOf(request.instance);
    if (cluster.isEmpty())
        cluster = request.instance.toString();
    session.plan().clusterName = cluster;
    session.plan().request = request;

    AuditEntry audit;
    audit.startedAt = started;
    audit.who = m_options.who;
    audit.operation = OperationKinds::name(request.kind);
    audit.clusterName = cluster;
    audit.instance = request.instance;
    audit.to = request.target.isValid() ? request.target.toString() : QString();

    auto finish = [&](bool ok, const QString &result, const QString &message) {
        outcome.ok = ok;
        outcome.result = result;
        outcome.message = message;
        outcome.executed = session.plan();
        outcome.durationMs = timer.elapsed();
        audit.result = result;
        audit.message = message;
        audit.method = session.plan().method;
        QStringList from;
        for (auto it = session.plan().fromSources.cbegin(); it != session.plan().fromSources.cend(); ++it) {
            if (!from.contains(it.value().toString()))
                from << it.value().toString();
        }
        if (from.isEmpty()) {
            if (const Instance *i = session.fact(request.instance); i && i->isReplica())
                from << i->sourceKey().toString();
        }
        audit.from = from.join(u","_s);
        if (audit.to.isEmpty() && !session.plan().toSources.isEmpty())
            audit.to = session.plan().toSources.first().toString();
        audit.durationMs = outcome.durationMs;
        if (m_options.store) {
            if (auto w = m_options.store->writeAudit(audit); !w.ok())
                outcome.message += u" (the audit row could not be written: %1)"_s.arg(w.error());
        }
        if (m_options.audit)
            m_options.audit(audit);
        return outcome;
    };

    const QString title = [&] {
        OperationPlan p;
        p.request = request;
        return p.title();
    }();
    const QString notActive = u"%1 not run: this node does not hold the active-node lease; ask the active node"_s.arg(title);
    if (m_options.holdsLease && !m_options.holdsLease())
        return finish(false, u"fenced"_s, notActive);
    auto lock = ClusterLock::acquire(cluster, title, m_options.who, m_options.store, m_options.lockTtlSeconds);
    if (!lock.ok())
        return finish(false, u"busy"_s, lock.error());

    refreshInvolved(session, request);
    session.setProgress(m_options.progress);
    session.setLeaseCheck(m_options.holdsLease);
    Refactoring refactoring(session, m_options.operation);
    ReplicationControl control(session, m_options.operation);
    ServerControl server(session, m_options.operation);
    const Result<void> result = dispatchTo(session, request, refactoring, control, server);
    Outcome done;
    if (session.fenced()) {
        // No rollback either: the new active node decides what the cluster needs.
        done = finish(false, u"fenced"_s, u"%1 stopped after %2 step(s): %3; nothing more was changed, the servers are as "
                                          "the executed steps left them"_s.arg(title).arg(session.stepsRun()).arg(result.error()));
    } else if (result.ok()) {
        done = finish(true, u"ok"_s, u"%1: done (%2) in %3 ms"_s.arg(title, session.plan().method).arg(timer.elapsed()));
    } else if (session.plan().refusal && session.stepsRun() == 0) {
        done = finish(false, u"refused"_s, u"%1 refused: %2"_s.arg(title, session.plan().refusal->toString()));
    } else if (!session.hasRollback()) {
        done = finish(false, u"failed"_s, u"%1 failed: %2"_s.arg(title, result.error()));
    } else {
        const Result<QString> undone = session.runRollback();
        if (undone.ok())
            done = finish(false, u"rolled back"_s, u"%1 failed: %2. Rolled back: %3."_s.arg(title, result.error(), undone.value()));
        else
            done = finish(false, u"failed"_s, u"%1 failed: %2. %3."_s.arg(title, result.error(), undone.error()));
    }
    lock.value().reset();
    if (m_options.reprobe)
        m_options.reprobe(session.plan().touched());
    return done;
}

} // namespace arbor::core
