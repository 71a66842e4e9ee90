#include "ops/opssession.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

OpsSession::OpsSession(const QList<Instance> &facts)
{
    for (const Instance &i : facts)
        m_facts.insert(i.key, i);
}

OpsSession::~OpsSession() = default;

const Instance *OpsSession::fact(const InstanceKey &key) const
{
    const auto it = m_facts.constFind(key);
    return it == m_facts.constEnd() ? nullptr : &it.value();
}

Instance *OpsSession::mutableFact(const InstanceKey &key)
{
    m_topology.reset();
    const auto it = m_facts.find(key);
    return it == m_facts.end() ? nullptr : &it.value();
}

void OpsSession::setFact(const Instance &instance)
{
    m_facts.insert(instance.key, instance);
    m_topology.reset();
}

const Topology &OpsSession::topology() const
{
    if (!m_topology)
        m_topology = Topology::build(m_facts.values());
    return *m_topology;
}

Dialect OpsSession::dialectOf(const InstanceKey &key) const
{
    const Instance *i = fact(key);
    return i ? Dialect::forServer(i->version, i->versionComment) : Dialect();
}

void OpsSession::record(OperationPlan::Step::Kind kind, const InstanceKey &server, const QString &sql, const QString &purpose)
{
    OperationPlan::Step step{kind, server, sql, purpose};
    if (m_progress)
        m_progress(m_stepIndex, step);
    ++m_stepIndex;
    m_plan.steps.append(std::move(step));
}

Result<void> OpsSession::execute(const InstanceKey &server, const QString &sql, const QString &purpose)
{
    if (sql.isEmpty())
        return Result<void>::failure(u"no statement could be built for %1 (%2)"_s.arg(server.toString(), purpose));
    // The plan is previewed, logged and audited: it shows the statement without its password.
    record(OperationPlan::Step::Kind::Statement, server, Dialect::redacted(sql), purpose);
    auto rows = run(server, sql);
    if (!rows.ok())
        return Result<void>::failure(rows.error());
    return Result<void>::success();
}

void OpsSession::noteMove(const InstanceKey &replica, const InstanceKey &newSource)
{
    Instance *r = mutableFact(replica);
    if (!r)
        return;
    if (!m_plan.fromSources.contains(replica))
        m_plan.fromSources.insert(replica, r->sourceKey());
    m_plan.toSources.insert(replica, newSource);
    if (!r->replication)
        r->replication = ReplicationState();
    const InstanceKey old = r->replication->sourceKey;
    r->replication->sourceKey = newSource;
    if (Instance *o = mutableFact(old))
        o->replicaKeys.removeAll(replica);
    if (Instance *n = mutableFact(newSource); n && !n->replicaKeys.contains(replica))
        n->replicaKeys.append(replica);
}

void OpsSession::noteSourceGone(const InstanceKey &replica)
{
    Instance *r = mutableFact(replica);
    if (!r || !r->replication)
        return;
    if (!m_plan.fromSources.contains(replica))
        m_plan.fromSources.insert(replica, r->sourceKey());
    m_plan.toSources.insert(replica, InstanceKey());
    if (Instance *o = mutableFact(r->replication->sourceKey))
        o->replicaKeys.removeAll(replica);
    r->replication.reset();
}

void OpsSession::setRollback(const QString &description, RollbackFn fn)
{
    m_rollbackDescription = description;
    m_rollback = std::move(fn);
    if (!description.isEmpty() && !m_plan.rollback.contains(description))
        m_plan.rollback.append(description);
}

void OpsSession::clearRollback()
{
    m_rollback = nullptr;
    m_rollbackDescription.clear();
}

Result<QString> OpsSession::runRollback()
{
    if (!m_rollback)
        return QString();
    RollbackFn fn = std::move(m_rollback);
    m_rollback = nullptr;
    return fn();
}

Result<void> OpsSession::refuse(const Refusal &refusal)
{
    if (!m_plan.refusal)
        m_plan.refusal = refusal;
    return Result<void>::failure(refusal.toString());
}

void OpsSession::warn(const QString &warning)
{
    if (!m_plan.warnings.contains(warning))
        m_plan.warnings.append(warning);
}

void OpsSession::setMethod(const QString &method)
{
    if (m_plan.method.isEmpty())
        m_plan.method = method;
    else if (!m_plan.method.contains(method))
        m_plan.method += u", "_s + method;
}

} // namespace arbor::core
