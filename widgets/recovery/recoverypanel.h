#pragma once

#include "analysis/replicationanalysis.h"
#include "panels/activitylog.h"
#include "core/recovery/recoveryplan.h"
#include "model/recoveryrecord.h"
#include "util/result.h"

#include <QHash>
#include <QWidget>

#include <functional>
#include <optional>

class QFrame;
class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace arbor::core {
class AnalysisMonitor;
class Poller;
class RecoveryCoordinator;
class Store;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

// Failures, as the desktop sees them: the current analysis of every cluster (orchestrator's codes,
// with the holistic reason and the counts behind it), a banner while something actionable stands,
// and the recoveries with their steps. The desktop detects but never recovers on its own: "Recover..."
// shows the plan (candidate ranking, steps) and runs it only after the user confirms it.
class RecoveryPanel : public QWidget
{
    Q_OBJECT
public:
    // Gets the plan about to run and notes for the user; returns the plan to run (the user may have
    // picked another candidate) or nullopt to cancel. The default shows a RecoveryDialog.
    using Confirmer = std::function<std::optional<core::RecoveryPlan>(const core::RecoveryPlan &plan, const QStringList &notes)>;

    // Shows what @p monitor detects and starts recoveries through @p coordinator (both the app's, made
    // once by app/guimode.cpp; the panel makes the coordinator manual-only). @p store may be null.
    RecoveryPanel(core::AnalysisMonitor *monitor, core::RecoveryCoordinator *coordinator, core::TopologyState *state,
                  core::Store *store, QWidget *parent = nullptr);
    ~RecoveryPanel() override;

    core::AnalysisMonitor *monitor() const { return m_monitor; }
    core::RecoveryCoordinator *coordinator() const { return m_coordinator; }
    QTreeWidget *analysisView() const { return m_analysis; }
    QTreeWidget *timeline() const { return m_timeline; }
    QPushButton *recoverButton() const { return m_recover; }
    QFrame *banner() const { return m_banner; }
    QString bannerText() const;

    // The rows shown now, newest analysis.
    QList<core::ReplicationAnalysis> analyses() const { return m_rows; }
    void setConfirmer(Confirmer confirmer);
    // Plans the recovery of @p failed's actionable failure, asks, and starts it. Returns the recovery
    // id, or why nothing was started (no actionable failure, cancelled, already recovering...).
    core::Result<QString> recover(const core::InstanceKey &failed);
    // Planned switchover (graceful master takeover): @p designated, a replica of its cluster's
    // master, takes over; shows the plan (candidate ranking, every step, the hooks) first and runs it
    // only when confirmed. Returns the recovery id, or why nothing started.
    core::Result<QString> promote(const core::InstanceKey &designated);
    // Failover → Rehearse…: what Arbor would do if @p victim (a master, or an intermediate master)
    // died now: the plan on the live facts, shown read only. Touches no server, runs no hook.
    core::Result<core::RecoveryPlan> rehearse(const core::InstanceKey &victim);
    // Shows a rehearsal's plan read only (the viewer, else the recovery dialog with the drawn tree);
    // connected mode hands it the plan the service made. @p replan may be empty.
    void showRehearsal(const core::RecoveryPlan &plan, const QStringList &notes,
                       const std::function<core::Result<core::RecoveryPlan>(const core::InstanceKey &)> &replan = {});
    // Shows a rehearsal's plan; tests replace it.
    void setRehearsalViewer(std::function<void(const core::RecoveryPlan &plan, const QStringList &notes)> viewer)
    {
        m_rehearsalViewer = std::move(viewer);
    }
    core::InstanceKey selectedFailure() const;
    // True when @p key has a failure this panel would offer to recover.
    bool canRecover(const core::InstanceKey &key) const;
    // Ends the block period of a recovery (orchestrator's ack-cluster-recoveries) with who and why.
    core::Result<int> acknowledge(const QString &uid, const QString &comment);
    void selectFailure(const core::InstanceKey &key);

Q_SIGNALS:
    void logMessage(arbor::widgets::ActivityLog::Level level, const arbor::core::InstanceKey &key, const QString &text);
    void serverActivated(const arbor::core::InstanceKey &key);
    void recoveryFinished(const arbor::core::RecoveryRecord &record);

public:
    // When set (connected mode: nothing is polled here), recovery is not offered and the buttons say why.
    void setRecoveryUnavailable(const QString &reason);

private:
    void refresh();
    void scheduleRefresh();
    void updateButtons();
    void onAnalysisChanged(const core::ReplicationAnalysis &analysis, core::AnalysisCode previous);
    void loadHistory();
    QTreeWidgetItem *recoveryItem(const core::RecoveryRecord &record);
    void addStep(const core::RecoveryStep &step);
    QStringList notesFor(const core::ReplicationAnalysis &analysis) const;
    bool isOffered(const core::ReplicationAnalysis &analysis) const;

    core::TopologyState *m_state;
    core::Store *m_store;
    core::AnalysisMonitor *m_monitor;
    core::RecoveryCoordinator *m_coordinator;
    Confirmer m_confirm;
    std::function<void(const core::RecoveryPlan &, const QStringList &)> m_rehearsalViewer;
    QList<core::ReplicationAnalysis> m_rows;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_bannerRecover;
    QString m_unavailableReason;
    QTreeWidget *m_analysis;
    QTreeWidget *m_timeline;
    QPushButton *m_recover;
    QPushButton *m_reanalyse;
    QPushButton *m_acknowledge;
    QTimer *m_refreshTimer;
    core::InstanceKey m_bannerKey;
    QHash<core::InstanceKey, core::InstanceKey> m_replaced; // masters this window replaced -> successor
};

} // namespace arbor::widgets
