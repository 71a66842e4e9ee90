#pragma once

#include "ops/operationplan.h"

#include <QUndoCommand>

namespace arbor::widgets {

// One topology operation on the undo stack. The operation itself runs off the GUI thread, previewed
// and confirmed, through OperationController: a command records what ran and knows the request
// that takes it back (undoRequest) and the one that does it again (redoRequest). undo() and redo()
// only move its state once the controller's run of that request has succeeded, so the stack never
// claims a state the servers are not in.
class OperationCommand : public QUndoCommand
{
public:
    explicit OperationCommand(const core::OperationPlan &executed);

    const core::OperationPlan &executed() const { return m_executed; }
    // Who replicated from whom before the operation, and after.
    const QMap<core::InstanceKey, core::InstanceKey> &sourcesBefore() const { return m_executed.fromSources; }
    const QMap<core::InstanceKey, core::InstanceKey> &sourcesAfter() const { return m_executed.toSources; }

    virtual core::OperationRequest undoRequest() const = 0;
    virtual core::OperationRequest redoRequest() const = 0;
    bool isApplied() const { return m_applied; }

    void undo() override { m_applied = false; }
    void redo() override { m_applied = true; }

protected:
    // A pattern matching exactly these servers' host:port (for relocate-replicas).
    static QString patternFor(const QList<core::InstanceKey> &keys);

private:
    core::OperationPlan m_executed;
    bool m_applied = true; // pushed after the operation ran
};

} // namespace arbor::widgets
