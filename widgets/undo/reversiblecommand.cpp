#include "undo/reversiblecommand.h"

namespace arbor::widgets {

using namespace arbor::core;

ReversibleCommand::ReversibleCommand(const OperationPlan &executed, OperationRequest undo)
    : OperationCommand(executed), m_undo(std::move(undo)), m_redo(executed.request)
{
    setText(describe(m_redo));
}

ReversibleCommand *ReversibleCommand::create(const OperationPlan &executed)
{
    const OperationRequest &done = executed.request;
    OperationRequest undo;
    undo.instance = done.instance;
    switch (done.kind) {
    case OperationKind::StartReplica: undo.kind = OperationKind::StopReplica; break;
    case OperationKind::StopReplica: undo.kind = OperationKind::StartReplica; break;
    case OperationKind::SetReadOnly: undo.kind = OperationKind::SetWriteable; break;
    case OperationKind::SetWriteable: undo.kind = OperationKind::SetReadOnly; break;
    case OperationKind::DetachReplica: undo.kind = OperationKind::ReattachReplica; break;
    case OperationKind::ReattachReplica: undo.kind = OperationKind::DetachReplica; break;
    case OperationKind::EnableGtid: undo.kind = OperationKind::DisableGtid; break;
    case OperationKind::DisableGtid: undo.kind = OperationKind::EnableGtid; break;
    case OperationKind::TakeMaster: {
        // The old source is now the replica: it takes its place back.
        const InstanceKey oldSource = executed.fromSources.value(done.instance);
        if (!oldSource.isValid())
            return nullptr;
        undo.kind = OperationKind::TakeMaster;
        undo.instance = oldSource;
        break;
    }
    default:
        return nullptr;
    }
    return new ReversibleCommand(executed, undo);
}

QString ReversibleCommand::describe(const OperationRequest &request)
{
    const QString k = request.instance.toString();
    switch (request.kind) {
    case OperationKind::StartReplica: return tr("start replication on %1").arg(k);
    case OperationKind::StopReplica: return tr("stop replication on %1").arg(k);
    case OperationKind::SetReadOnly: return tr("set %1 read-only").arg(k);
    case OperationKind::SetWriteable: return tr("set %1 writeable").arg(k);
    case OperationKind::DetachReplica: return tr("detach %1 from its source").arg(k);
    case OperationKind::ReattachReplica: return tr("reattach %1 to its source").arg(k);
    case OperationKind::EnableGtid: return tr("enable GTID on %1").arg(k);
    case OperationKind::DisableGtid: return tr("disable GTID on %1").arg(k);
    case OperationKind::TakeMaster: return tr("%1 takes over from its source").arg(k);
    default: {
        OperationPlan p;
        p.request = request;
        return p.title();
    }
    }
}

} // namespace arbor::widgets
