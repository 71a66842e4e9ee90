#pragma once

#include "ops/operationoptions.h"
#include "ops/operationrunner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>

class QUndoStack;
class QWidget;

namespace arbor::core {
class Poller;
class Store;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

class ActivityLog;
class OperationCommand;
class OperationJob;

// Runs topology operations from the window: plans on the current poll facts, shows the preview,
// runs what was confirmed off the GUI thread (OperationJob) with progress, logs the outcome, re-polls
// the servers it touched, and keeps the undo stack: one command per operation that ran; undo and redo
// are operations too, previewed and judged by the same legality rules on the facts of that moment,
// and refused with the reason when they no longer hold. One operation at a time.
class OperationController : public QObject
{
    Q_OBJECT
public:
    // Shows a plan (possibly refused) and returns true to run it. Tests replace the dialog.
    using Previewer = std::function<bool(const core::OperationPlan &plan, const QStringList &factWarnings, const QString &heading)>;

    OperationController(core::Poller *poller, core::TopologyState *state, core::Store *store, ActivityLog *log,
                        QWidget *dialogParent);
    ~OperationController() override;

    void setPreviewer(Previewer previewer) { m_preview = std::move(previewer); }
    void setOperationOptions(const core::OperationOptions &options) { m_options = options; }
    const core::OperationOptions &operationOptions() const { return m_options; }
    QUndoStack *undoStack() const { return m_stack; }

    bool isBusy() const { return m_job != nullptr; }
    QString busyReason() const;

    // Plans @p request on the current facts, previews it and runs it when confirmed; false when
    // nothing runs (refused, cancelled, busy).
    bool request(const core::OperationRequest &request);
    bool undo();
    bool redo();

    // Operations that have an inverse Arbor can run (reset-replica and make-co-master have none).
    static bool isUndoable(core::OperationKind kind);

    // The plan @p request would follow now, from the poll facts (no server contact).
    core::OperationPlan planNow(const core::OperationRequest &request) const;
    // Milliseconds from the confirmation of the last operation to its outcome (-1 before any).
    qint64 lastRunMs() const { return m_lastRunMs; }
    // The moment the last operation was confirmed (QElapsedTimer clock), for latency figures.
    const QElapsedTimer &confirmedClock() const { return m_confirmed; }

Q_SIGNALS:
    void started(const arbor::core::OperationPlan &plan);
    void progress(int done, int total, const QString &text);
    void finished(bool ok, const QString &message);
    void statusMessage(const QString &message);
    void busyChanged(bool busy);

private:
    enum class Mode { New, Undo, Redo };
    bool start(const core::OperationRequest &request, Mode mode, OperationCommand *command);
    void onFinished(const core::OperationRunner::Outcome &outcome);
    OperationCommand *commandFor(const core::OperationPlan &executed) const;
    OperationCommand *commandAt(int index) const;
    QStringList driftWarnings(const OperationCommand *command, bool undoing) const;

    core::Poller *m_poller;
    core::TopologyState *m_state;
    core::Store *m_store;
    ActivityLog *m_log;
    QPointer<QWidget> m_parent;
    QUndoStack *m_stack;
    Previewer m_preview;
    core::OperationOptions m_options;

    OperationJob *m_job = nullptr;
    Mode m_mode = Mode::New;
    OperationCommand *m_command = nullptr; // the command being undone or redone
    core::OperationPlan m_previewed;
    QElapsedTimer m_confirmed;
    qint64 m_lastRunMs = -1;
};

} // namespace arbor::widgets
