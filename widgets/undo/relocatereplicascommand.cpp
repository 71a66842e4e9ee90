#include "undo/relocatereplicascommand.h"

namespace arbor::widgets {

using namespace arbor::core;

RelocateReplicasCommand::RelocateReplicasCommand(const OperationPlan &executed) : OperationCommand(executed)
{
    m_from = executed.request.instance;
    m_to = executed.request.target;
    for (auto it = executed.toSources.cbegin(); it != executed.toSources.cend(); ++it) {
        if (it.value() == m_to)
            m_moved << it.key();
    }
    setText(tr("relocate %n replica(s) of %1 below %2", nullptr, int(m_moved.size())).arg(m_from.toString(), m_to.toString()));
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
