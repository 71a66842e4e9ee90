#pragma once

#include "undo/operationcommand.h"

#include <QCoreApplication>

namespace arbor::widgets {

// Several replicas of one source moved below a new source together (relocate-replicas, a dragged
// group, take-siblings, regroup-replicas, move-up-replicas). Undo moves exactly the replicas that moved back below their old source, and redo moves
// exactly those again: replicas that stayed, or arrived since, are left alone.
class RelocateReplicasCommand : public OperationCommand
{
    Q_DECLARE_TR_FUNCTIONS(RelocateReplicasCommand)
public:
    explicit RelocateReplicasCommand(const core::OperationPlan &executed);
    // Whether @p executed moved its replicas from one source to one other (what this command undoes).
    static bool fits(const core::OperationPlan &executed);

    QList<core::InstanceKey> moved() const { return m_moved; }
    core::InstanceKey originalSource() const { return m_from; }
    core::InstanceKey newSource() const { return m_to; }

    core::OperationRequest undoRequest() const override;
    core::OperationRequest redoRequest() const override;

private:
    QList<core::InstanceKey> m_moved;
    core::InstanceKey m_from;
    core::InstanceKey m_to;
};

} // namespace arbor::widgets
