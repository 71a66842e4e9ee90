#include "undo/relocatecommand.h"

namespace arbor::widgets {

using namespace arbor::core;

RelocateCommand::RelocateCommand(const OperationPlan &executed) : OperationCommand(executed)
{
    m_replica = executed.request.instance;
    m_from = executed.fromSources.value(m_replica);
    m_to = executed.toSources.value(m_replica, executed.request.target);
    setText(tr("relocate %1 below %2").arg(m_replica.toString(), m_to.toString()));
}

OperationRequest RelocateCommand::undoRequest() const
{
    OperationRequest r;
    r.kind = OperationKind::Relocate;
    r.instance = m_replica;
    r.target = m_from;
    return r;
}

OperationRequest RelocateCommand::redoRequest() const
{
    OperationRequest r;
    r.kind = OperationKind::Relocate;
    r.instance = m_replica;
    r.target = m_to;
    return r;
}

} // namespace arbor::widgets
