#pragma once

#include "undo/operationcommand.h"

#include <QCoreApplication>

namespace arbor::widgets {

// One replica moved below a new source (relocate, move-below, move-up, repoint). Undo relocates it
// back below the source it had; Arbor picks the method again on the facts of that moment.
class RelocateCommand : public OperationCommand
{
    Q_DECLARE_TR_FUNCTIONS(RelocateCommand)
public:
    explicit RelocateCommand(const core::OperationPlan &executed);

    core::InstanceKey replica() const { return m_replica; }
    core::InstanceKey originalSource() const { return m_from; }
    core::InstanceKey newSource() const { return m_to; }

    core::OperationRequest undoRequest() const override;
    core::OperationRequest redoRequest() const override;

private:
    core::InstanceKey m_replica;
    core::InstanceKey m_from;
    core::InstanceKey m_to;
};

} // namespace arbor::widgets
