#include "actions/operationcontroller.h"

#include "actions/operationjob.h"
#include "dialogs/operationpreviewdialog.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "probe/poller.h"
#include "store/store.h"
#include "undo/relocatecommand.h"
#include "undo/relocatereplicascommand.h"
#include "undo/reversiblecommand.h"

#include <QUndoStack>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

OperationController::OperationController(Poller *poller, TopologyState *state, Store *store, ActivityLog *log,
                                         QWidget *dialogParent)
    : QObject(dialogParent), m_poller(poller), m_state(state), m_store(store), m_log(log), m_parent(dialogParent),
      m_stack(new QUndoStack(this))
{
    m_preview = [this](const OperationPlan &plan, const QStringList &warnings, const QString &heading) {
        OperationPreviewDialog dialog(plan, warnings, m_parent, heading);
        dialog.checkTransactions(m_poller->options().probe);
        return dialog.exec() == QDialog::Accepted && plan.isLegal();
    };
}

OperationController::~OperationController()
{
    delete m_job; // waits for a running operation: leaving it half done is worse than waiting
}

QString OperationController::busyReason() const
{
    if (!m_job)
        return {};
    OperationPlan p;
    p.request = m_job->request();
    return tr("an operation is running (%1): wait for it to finish").arg(p.title());
}

OperationPlan OperationController::planNow(const OperationRequest &request) const
{
    return OperationRunner::plan(m_state->instances(), request, m_options);
}

OperationCommand *OperationController::commandAt(int index) const
{
    if (index < 0 || index >= m_stack->count())
        return nullptr;
    return const_cast<OperationCommand *>(static_cast<const OperationCommand *>(m_stack->command(index)));
}

bool OperationController::request(const OperationRequest &request)
{
    return start(request, Mode::New, nullptr);
}

bool OperationController::undo()
{
    OperationCommand *command = commandAt(m_stack->index() - 1);
    if (!command)
        return false;
    return start(command->undoRequest(), Mode::Undo, command);
}

bool OperationController::redo()
{
    OperationCommand *command = commandAt(m_stack->index());
    if (!command)
        return false;
    return start(command->redoRequest(), Mode::Redo, command);
}

QStringList OperationController::driftWarnings(const OperationCommand *command, bool undoing) const
{
    // The servers may have moved since (by hand, by a recovery): say so before acting on old memory.
    QStringList out;
    const auto &expected = undoing ? command->sourcesAfter() : command->sourcesBefore();
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const auto now = m_state->instance(it.key());
        const InstanceKey source = now ? now->sourceKey() : InstanceKey();
        if (now && source != it.value())
            out << tr("%1 now replicates from %2, not from %3 as when this was recorded")
                       .arg(it.key().toString(), source.isValid() ? source.toString() : tr("no source"), it.value().toString());
    }
    return out;
}

bool OperationController::start(const OperationRequest &request, Mode mode, OperationCommand *command)
{
    const QString what = mode == Mode::Undo ? tr("Undo %1").arg(command->text())
                         : mode == Mode::Redo ? tr("Redo %1").arg(command->text())
                                              : QString();
    if (m_job) {
        const QString message = busyReason();
        m_log->add(ActivityLog::Level::Warning, request.instance, message);
        Q_EMIT statusMessage(message);
        return false;
    }
    const QList<Instance> facts = m_state->instances();
    const OperationPlan plan = OperationRunner::plan(facts, request, m_options);
    QStringList warnings = OperationPreviewDialog::factWarnings(plan, facts);
    if (command)
        warnings = driftWarnings(command, mode == Mode::Undo) + warnings;
    else if (!isUndoable(request.kind))
        warnings.prepend(tr("This cannot be undone: it is not put on the undo stack."));
    const bool confirmed = m_preview(plan, warnings, what);
    const QString title = what.isEmpty() ? plan.title() : what;
    if (plan.refusal) {
        const QString message = mode == Mode::New    ? tr("%1 refused: %2").arg(title, plan.refusal->toString())
                                : mode == Mode::Undo ? tr("cannot undo %1: %2").arg(command->text(), plan.refusal->toString())
                                                     : tr("cannot redo %1: %2").arg(command->text(), plan.refusal->toString());
        m_log->add(ActivityLog::Level::Error, request.instance, message);
        Q_EMIT statusMessage(message);
        return false;
    }
    if (!confirmed) {
        m_log->add(ActivityLog::Level::Info, request.instance, tr("%1: cancelled").arg(title));
        Q_EMIT statusMessage(tr("%1: cancelled").arg(title));
        return false;
    }
    m_confirmed.start();
    m_mode = mode;
    m_command = command;
    m_previewed = plan;

    OperationRunner::Options options;
    options.probe = m_poller->options().probe;
    options.operation = m_options;
    options.who = qEnvironmentVariable("USER", u"unknown"_s) + u"@desktop"_s;
    std::optional<StoreOptions> store;
    if (m_store)
        store = m_store->options();
    m_job = new OperationJob(options, store, facts, request, this);
    const int total = int(plan.steps.size());
    connect(m_job, &OperationJob::progress, this, [this, total](int index, const OperationPlan::Step &step) {
        const QString text = tr("step %1 of %2 on %3: %4").arg(index + 1).arg(std::max(total, index + 1)).arg(step.server.toString(), step.sql);
        m_log->add(ActivityLog::Level::Info, step.server, text);
        Q_EMIT progress(index + 1, std::max(total, index + 1), text);
    });
    connect(m_job, &OperationJob::reprobeRequested, this, [this](const QList<InstanceKey> &keys) {
        for (const InstanceKey &k : keys)
            m_poller->pollNow(k); // the canvas shows the new shape now, not at the next interval
    });
    connect(m_job, &OperationJob::finished, this, &OperationController::onFinished);
    m_log->add(ActivityLog::Level::Operation, request.instance, tr("%1: running (%2)").arg(title, plan.method));
    Q_EMIT started(plan);
    Q_EMIT busyChanged(true);
    m_job->start();
    return true;
}

bool OperationController::isUndoable(OperationKind kind)
{
    switch (kind) {
    case OperationKind::ResetReplica:   // the source and position are forgotten for good
    case OperationKind::MakeCoMaster:   // undoing would mean RESET SLAVE ALL on the master
    case OperationKind::RestartReplica: // leaves the state it found
        return false;
    default:
        return true;
    }
}

OperationCommand *OperationController::commandFor(const OperationPlan &executed) const
{
    if (!isUndoable(executed.request.kind))
        return nullptr;
    switch (executed.request.kind) {
    case OperationKind::Relocate:
    case OperationKind::MoveBelow:
    case OperationKind::MoveUp:
    case OperationKind::Repoint: {
        const InstanceKey from = executed.fromSources.value(executed.request.instance);
        if (executed.toSources.size() == 1 && from.isValid() && executed.toSources.first() != from)
            return new RelocateCommand(executed);
        return nullptr; // a repoint to the same source changed nothing to undo
    }
    case OperationKind::RelocateReplicas:
    case OperationKind::MoveUpReplicas:
    case OperationKind::TakeSiblings:
    case OperationKind::RegroupReplicas:
        return RelocateReplicasCommand::fits(executed) ? new RelocateReplicasCommand(executed) : nullptr;
    default:
        return ReversibleCommand::create(executed);
    }
}

void OperationController::onFinished(const OperationRunner::Outcome &outcome)
{
    m_lastRunMs = m_confirmed.elapsed();
    OperationJob *job = m_job;
    m_job = nullptr;
    job->deleteLater();
    const InstanceKey key = job->request().instance;
    QString message = outcome.message;
    if (outcome.ok) {
        m_log->add(ActivityLog::Level::Operation, key, message);
        switch (m_mode) {
        case Mode::New:
            if (OperationCommand *c = commandFor(outcome.executed))
                m_stack->push(c); // already done: the command's redo() only records that
            break;
        case Mode::Undo:
            if (m_command == commandAt(m_stack->index() - 1))
                m_stack->undo();
            break;
        case Mode::Redo:
            if (m_command == commandAt(m_stack->index()))
                m_stack->redo();
            break;
        }
    } else {
        m_log->add(ActivityLog::Level::Error, key, message);
    }
    m_command = nullptr;
    Q_EMIT statusMessage(message);
    Q_EMIT busyChanged(false);
    Q_EMIT finished(outcome.ok, message);
}

} // namespace arbor::widgets
