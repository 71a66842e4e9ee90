#include "undo/relocatereplicascommand.h"

namespace arbor::widgets {

using namespace arbor::core;

namespace {
// The replicas whose source changed, when they all moved from one source to one other.
bool movedTogether(const OperationPlan &executed, QList<InstanceKey> *moved, InstanceKey *from, InstanceKey *to)
{
    for (auto it = executed.toSources.cbegin(); it != executed.toSources.cend(); ++it) {
        const InstanceKey before = executed.fromSources.value(it.key());
        if (before == it.value())
            continue; // stayed (the regrouped replica keeps its source)
        if (!moved->isEmpty() && (before != *from || it.value() != *to))
            return false;
        *from = before;
        *to = it.value();
        moved->append(it.key());
    }
    return !moved->isEmpty() && from->isValid() && to->isValid();
}
} // namespace

RelocateReplicasCommand::RelocateReplicasCommand(const OperationPlan &executed) : OperationCommand(executed)
{
    movedTogether(executed, &m_moved, &m_from, &m_to);
    if (executed.request.kind == OperationKind::RelocateReplicas)
        setText(tr("relocate %n replica(s) of %1 below %2", nullptr, int(m_moved.size())).arg(m_from.toString(), m_to.toString()));
    else
        setText(tr("%1 (%n replica(s) from %2 to %3)", nullptr, int(m_moved.size()))
                    .arg(executed.title(), m_from.toString(), m_to.toString()));
}

bool RelocateReplicasCommand::fits(const OperationPlan &executed)
{
    QList<InstanceKey> moved;
    InstanceKey from, to;
    return movedTogether(executed, &moved, &from, &to);
}

OperationRequest RelocateReplicasCommand::undoRequest() const
{
    OperationRequest r;
    r.kind = OperationKind::RelocateReplicas;
    r.instance = m_to;
    r.target = m_from;
    r.pattern = patternFor(m_moved);
    return r;
}

OperationRequest RelocateReplicasCommand::redoRequest() const
{
    OperationRequest r;
    r.kind = OperationKind::RelocateReplicas;
    r.instance = m_from;
    r.target = m_to;
    r.pattern = patternFor(m_moved);
    return r;
}

} // namespace arbor::widgets
