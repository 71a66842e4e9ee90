#pragma once

#include "undo/operationcommand.h"

#include <QCoreApplication>

namespace arbor::widgets {

// An operation whose inverse is another operation on known servers: stop/start replication,
// read-only/writeable, detach/reattach, GTID on/off, and take-master (undone by the old source
// taking the master back). Undo runs the inverse request; redo runs the original one again.
class ReversibleCommand : public OperationCommand
{
    Q_DECLARE_TR_FUNCTIONS(ReversibleCommand)
public:
    ReversibleCommand(const core::OperationPlan &executed, core::OperationRequest undo);

    // The command for @p executed when its kind has an inverse that needs no other memory, else null.
    static ReversibleCommand *create(const core::OperationPlan &executed);

    core::OperationRequest undoRequest() const override { return m_undo; }
    core::OperationRequest redoRequest() const override { return m_redo; }

    // One line for the undo menu entry: "stop replication on h:p".
    static QString describe(const core::OperationRequest &request);

private:
    core::OperationRequest m_undo;
    core::OperationRequest m_redo;
};

} // namespace arbor::widgets
