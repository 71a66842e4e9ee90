#pragma once

#include "model/instance.h"
#include "ops/operationkind.h"
#include "settings/appsettings.h"
#include "util/result.h"

#include <QMainWindow>
#include <QSet>

#include <functional>
#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QProgressBar;

namespace arbor::core {
class AnalysisMonitor;
class HistorySampler;
class LagHistory;
class Poller;
class RecoveryCoordinator;
class Store;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

class ActivityLog;
class ClusterListWidget;
class DragController;
class MaintenanceActions;
class OperationController;
class ChartsPanel;
class RecoveryPanel;
class TrayNotifier;
class ServerDetailsWidget;
class TopologyScene;
class TopologyView;

// The desktop window: clusters on the left, the live canvas in the centre, the selected server's
// facts on the right, the activity log at the bottom and poll health in the status bar. Write
// actions are confirmed, run off the GUI thread, logged, and followed by an immediate re-poll.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // store may be null (no downtime/forget persistence); settings may be null (nothing persists).
    MainWindow(core::Poller *poller, core::TopologyState *state, core::Store *store = nullptr,
               AppSettings *settings = nullptr, QWidget *parent = nullptr);
    // The app's own failure detection and recovery (app/guimode.cpp makes them once); the
    // constructor above makes a manual-only pair for the window alone (tests, connected mode).
    MainWindow(core::Poller *poller, core::TopologyState *state, core::Store *store, AppSettings *settings,
               core::AnalysisMonitor *monitor, core::RecoveryCoordinator *coordinator, QWidget *parent = nullptr);
    ~MainWindow() override;

    TopologyScene *scene() const { return m_scene; }
    TopologyView *view() const { return m_view; }
    ClusterListWidget *clusterList() const { return m_clusters; }
    ServerDetailsWidget *details() const { return m_details; }
    ActivityLog *activityLog() const { return m_log; }
    QLabel *statusLabel() const { return m_status; }
    DragController *dragController() const { return m_drag; }
    OperationController *operations() const { return m_ops; }
    RecoveryPanel *recoveryPanel() const { return m_recovery; }
    ChartsPanel *charts() const { return m_charts; }
    TrayNotifier *tray() const { return m_tray; }
    // Adds the charts dock (lag history), tray notifications fed by @p sampler (may be null) and the
    // Settings menu (language, mute). Call once, after construction.
    void attachHistory(core::LagHistory *history, core::HistorySampler *sampler);

    // Asks the user before forgetting a server; tests replace it. Operations on servers are
    // confirmed in the operation preview (OperationController::setPreviewer).
    void setConfirmer(std::function<bool(const QString &title, const QString &text)> confirmer);
    // Plans, previews and runs one operation on @p key through the operation controller (the one
    // write path); false when nothing runs.
    bool requestOperation(core::OperationKind kind, const core::InstanceKey &key, const core::InstanceKey &target = {});
    void refreshNow(const core::InstanceKey &key);
    core::Result<void> beginDowntime(const core::InstanceKey &key, const QString &reason, int minutes);
    core::Result<void> endDowntime(const core::InstanceKey &key);
    core::Result<void> forget(const core::InstanceKey &key);
    // Adds seeds to the poller (discovery runs off the GUI thread); a seed that does not answer is
    // reported with its name and the cause. Returns how many were new.
    int addServers(const QList<core::InstanceKey> &seeds);
    // How File → Recent, Manage connections → Open and Connect to service start a new window;
    // tests replace it.
    void setLauncher(std::function<void(const QStringList &arguments)> launcher) { m_launcher = std::move(launcher); }
    void setTheme(AppSettings::Theme theme);
    void setHorizontalTrees(bool horizontal);
    void exportSnapshot(bool allClusters);
    // The promotion rules editor (modal), with the selected server preselected.
    void openPromotionRules();
    // Connected mode: the views follow a service's API, so the actions that would act on servers
    // from this desktop stay disabled, with @p reason as their tooltip (also refused on drop).
    void setConnectedMode(const QString &reason);
    bool isConnectedMode() const { return !m_connectedReason.isEmpty(); }
    // Connected mode: Rehearse… asks the service (it touches no server, so it stays enabled).
    void setRehearser(std::function<void(const core::InstanceKey &victim)> rehearser);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void setupOperations();
    void updateUndoActions();
    void buildMenus();
    void showContextMenu(const QPoint &pos);
    void onSelectionChanged();
    void onClusterSelected(const QString &name);
    void onInstanceChanged(const core::Instance &now, const core::Instance &before);
    void updateStatus();
    void updateActions();
    void loadDowntimes();
    void askBeginDowntime(const core::InstanceKey &key);
    void askAddServers();
    void askConnectToService();
    void openConnection(const QString &name);
    void startArbor(QStringList arguments);
    void restoreLayout();
    void saveLayout();
    core::InstanceKey selectedServer() const;
    // Why operations cannot start now (connected mode, one already running), or empty.
    QString operationsUnavailable() const;

    core::Poller *m_poller;
    core::TopologyState *m_state;
    core::Store *m_store;
    AppSettings *m_settings;
    TopologyScene *m_scene;
    TopologyView *m_view;
    ClusterListWidget *m_clusters;
    ServerDetailsWidget *m_details;
    ActivityLog *m_log;
    QLabel *m_status;
    std::unique_ptr<MaintenanceActions> m_maintenance; // downtime and forget: the store writes
    DragController *m_drag = nullptr;     // drag and drop on the canvas
    OperationController *m_ops = nullptr; // preview, run, undo/redo of topology operations
    QProgressBar *m_progress = nullptr;
    RecoveryPanel *m_recovery = nullptr;
    ChartsPanel *m_charts = nullptr;
    TrayNotifier *m_tray = nullptr;
    std::function<bool(const QString &, const QString &)> m_confirm;
    QHash<QString, QAction *> m_actions;
    QActionGroup *m_themeGroup = nullptr;
    bool m_applyingPalette = false;
    bool m_statusPending = false;
    bool m_layoutRestored = false; // the saved dock layout was applied
    bool m_docksSized = false;
    bool m_autoFit = true;  // fit on each layout until discovery settles or the user zooms
    bool m_fitting = false; // our own fit, not the user's zoom
    QString m_connectedReason; // empty: local mode
    QSet<core::InstanceKey> m_pendingSeeds; // added by the user, not yet polled once
    std::function<void(const QStringList &)> m_launcher;
    std::function<void(const core::InstanceKey &)> m_rehearser; // empty: the local recovery panel rehearses
};

} // namespace arbor::widgets
