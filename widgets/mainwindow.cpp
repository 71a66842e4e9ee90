#include "mainwindow.h"


#include "actions/maintenanceactions.h"
#include "actions/operationcontroller.h"
#include "actions/operationmenu.h"
#include "canvas/dragcontroller.h"
#include "connection/addserversdialog.h"
#include "connection/manageconnectionsdialog.h"
#include "connection/secretstore.h"
#include "canvas/groupitem.h"
#include "charts/chartsdock.h"
#include "charts/chartspanel.h"
#include "history/historysampler.h"
#include "history/laghistory.h"
#include "tray/healthnotifications.h"
#include "tray/traynotifier.h"
#include "canvas/servercard.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "dialogs/downtimedialog.h"
#include "widgets/export/snapshotexporter.h"
#include "analysis/analysismonitor.h"
#include "model/instancehealth.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "panels/clusterlistwidget.h"
#include "panels/serverdetailswidget.h"
#include "probe/poller.h"
#include "promotion/promotionruleseditor.h"
#include "core/recovery/recoverycoordinator.h"
#include "widgets/recovery/recoverypanel.h"
#include "settings/darkpalette.h"
#include "store/store.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

// The icons are compiled into this static library; its resources must be registered by name.
static void initArborResources()
{
    Q_INIT_RESOURCE(arbor);
}

namespace arbor::widgets {

using namespace arbor::core;

MainWindow::MainWindow(Poller *poller, TopologyState *state, Store *store, AppSettings *settings, QWidget *parent)
    : MainWindow(poller, state, store, settings, nullptr, nullptr, parent)
{
}

MainWindow::MainWindow(Poller *poller, TopologyState *state, Store *store, AppSettings *settings, AnalysisMonitor *monitor,
                       RecoveryCoordinator *coordinator, QWidget *parent)
    : QMainWindow(parent), m_poller(poller), m_state(state), m_store(store), m_settings(settings),
      m_scene(new TopologyScene(state, this)), m_view(new TopologyView(m_scene, this)),
      m_clusters(new ClusterListWidget(state, this)), m_details(new ServerDetailsWidget(state, this)),
      m_log(new ActivityLog(this)), m_status(new QLabel(this)),
      m_maintenance(std::make_unique<MaintenanceActions>(store, state, poller, m_log))
{
    initArborResources();
    setWindowTitle(tr("Arbor — replication topologies"));
    setWindowIcon(QIcon(u":/icons/arbor.svg"_s));
    setObjectName(u"MainWindow"_s);
    setCentralWidget(m_view);
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
               == QMessageBox::Yes;
    };

    auto dock = [this](const QString &title, const QString &name, QWidget *w, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(title, this);
        d->setObjectName(name);
        d->setWidget(w);
        d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
        addDockWidget(area, d);
        return d;
    };
    QDockWidget *left = dock(tr("Clusters"), u"clustersDock"_s, m_clusters, Qt::LeftDockWidgetArea);
    QDockWidget *right = dock(tr("Server"), u"detailsDock"_s, m_details, Qt::RightDockWidgetArea);
    QDockWidget *bottom = dock(tr("Activity"), u"activityDock"_s, m_log, Qt::BottomDockWidgetArea);
    // Failures beside the activity log: detection and manual recovery (the desktop never fails over alone).
    if (!monitor)
        monitor = new AnalysisMonitor(state, poller, {}, this);
    if (!coordinator)
        coordinator = new RecoveryCoordinator(state, monitor, poller, store, RecoveryOptions{}, poller->options().probe, this);
    m_recovery = new RecoveryPanel(monitor, coordinator, state, store, this);
    QDockWidget *failures = dock(tr("Failures"), u"failuresDock"_s, m_recovery, Qt::BottomDockWidgetArea);
    splitDockWidget(bottom, failures, Qt::Horizontal);
    connect(m_recovery, &RecoveryPanel::logMessage, m_log, &ActivityLog::add);
    connect(m_recovery, &RecoveryPanel::serverActivated, this, [this](const InstanceKey &key) { m_scene->selectServer(key); });
    connect(m_recovery->monitor(), &AnalysisMonitor::failureConfirmed, failures, [failures] {
        failures->show(); // a dead master must not hide in a closed dock
        failures->raise();
    });
    resizeDocks({left, right}, {300, 300}, Qt::Horizontal);
    statusBar()->addPermanentWidget(m_status, 1);

    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
    if (m_store) {
        // Tags (orchestrator's tag/untag, set by the service or `arbor tag`) live beside the servers.
        m_details->setTagReader([store = m_store](const InstanceKey &key) {
            auto read = store->readTags(key);
            return read.ok() ? read.value() : QList<InstanceTag>();
        });
        m_clusters->setTagsReader([store = m_store] {
            auto all = store->readAllTags();
            return all.ok() ? all.value() : QHash<InstanceKey, QList<InstanceTag>>();
        });
    }
    connect(m_scene, &TopologyScene::serverActivated, this, [this](const InstanceKey &key) { m_details->showServer(key); });
    connect(m_clusters, &ClusterListWidget::clusterSelected, this, &MainWindow::onClusterSelected);
    connect(m_clusters, &ClusterListWidget::serverMatched, this, [this](const InstanceKey &key) {
        m_scene->selectServer(key);
        if (QGraphicsItem *item = m_scene->serverItem(key))
            m_view->ensureVisible(item, 60, 60);
    });
    connect(state, &TopologyState::instanceChanged, this, &MainWindow::onInstanceChanged);
    connect(state, &TopologyState::instanceAdded, this, [this](const Instance &i) {
        if (m_pendingSeeds.remove(i.key) && !i.lastCheckValid) {
            // A server the user added: say which one and why, where they look.
            const QString text = tr("could not add %1: %2").arg(i.key.toString(), i.lastError);
            m_log->add(ActivityLog::Level::Error, i.key, text);
            statusBar()->showMessage(text, 20000);
            return;
        }
        m_log->add(ActivityLog::Level::Info, i.key, i.lastCheckValid ? tr("discovered") : tr("discovered, not answering: %1").arg(i.lastError));
    });
    connect(state, &TopologyState::downtimedChanged, this, [this] {
        m_clusters->refreshNow();
        updateActions();
    });
    connect(poller, &Poller::pollRecorded, this, [this] {
        // Counting every poll is cheap; formatting the label for each of thousands is not.
        if (m_statusPending)
            return;
        m_statusPending = true;
        QTimer::singleShot(250, this, [this] {
            m_statusPending = false;
            updateStatus();
        });
    });
    connect(m_scene, &TopologyScene::layoutChanged, this, [this] {
        // The first view shows the clusters whole: fit again on each layout while discovery still
        // finds servers (the first layout may hold only the seed), until the poller has settled or
        // the user zooms. The cluster of last session if there is one, else everything.
        if (!m_autoFit || m_scene->serverItems().isEmpty())
            return;
        if (m_poller->isSettled())
            m_autoFit = false;
        QTimer::singleShot(0, this, [this] {
            m_fitting = true;
            const QString last = m_settings ? m_settings->lastCluster() : QString();
            if (!last.isEmpty() && m_scene->clusterNames().contains(last)) {
                m_clusters->selectCluster(last);
                m_view->fitCluster(last);
            } else {
                m_view->fitAll();
            }
            m_fitting = false;
        });
    });
    connect(m_view, &TopologyView::zoomChanged, this, [this] {
        if (!m_fitting)
            m_autoFit = false; // the user chose a zoom: leave it
    });

    setupOperations();
    buildActions();
    buildMenus();
    if (m_settings) {
        m_scene->setLagThreshold(m_settings->lagThresholdSeconds());
        m_scene->setFoldThreshold(m_settings->foldThreshold());
        m_clusters->setLagThreshold(m_settings->lagThresholdSeconds());
        m_details->setLagThreshold(m_settings->lagThresholdSeconds());
        setHorizontalTrees(m_settings->horizontalTrees());
        setTheme(m_settings->theme());
    } else {
        setTheme(AppSettings::Theme::System);
    }
    loadDowntimes();
    resize(1400, 860);
    restoreLayout();
    updateStatus();
    updateActions();
}

MainWindow::~MainWindow()
{
    disconnect(m_scene, nullptr, this, nullptr);
    // The children go after this class's members: a non-empty undo stack announces its clearing
    // then, and the window must not hear it with its actions already gone.
    if (m_ops) {
        disconnect(m_ops->undoStack(), nullptr, this, nullptr);
        disconnect(m_ops, nullptr, this, nullptr);
    }
}

void MainWindow::setConfirmer(std::function<bool(const QString &, const QString &)> confirmer)
{
    m_confirm = std::move(confirmer);
}

void MainWindow::buildActions()
{
    auto add = [this](const QString &id, const QString &text, const QKeySequence &shortcut, auto slot) {
        auto *a = new QAction(text, this);
        a->setObjectName(id);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        m_actions.insert(id, a);
        return a;
    };
    add(u"refresh"_s, tr("&Refresh now"), QKeySequence::Refresh, [this] { refreshNow(selectedServer()); });
    // One write path: these go through the operation controller (preview, cluster lock, legality,
    // audit, re-probe, undo) like every refactoring.
    add(u"startReplication"_s, tr("&Start replication..."), {}, [this] { requestOperation(OperationKind::StartReplica, selectedServer()); });
    add(u"stopReplication"_s, tr("S&top replication..."), {}, [this] { requestOperation(OperationKind::StopReplica, selectedServer()); });
    add(u"setReadOnly"_s, tr("Set &read-only..."), {}, [this] { requestOperation(OperationKind::SetReadOnly, selectedServer()); });
    add(u"setWriteable"_s, tr("Set &writeable..."), {}, [this] { requestOperation(OperationKind::SetWriteable, selectedServer()); });
    add(u"beginDowntime"_s, tr("&Begin downtime..."), {}, [this] { askBeginDowntime(selectedServer()); });
    add(u"endDowntime"_s, tr("&End downtime"), {}, [this] {
        if (auto r = endDowntime(selectedServer()); !r.ok())
            QMessageBox::warning(this, tr("End downtime"), r.error());
    });
    add(u"forget"_s, tr("&Forget"), QKeySequence::Delete, [this] {
        const InstanceKey key = selectedServer();
        if (!key.isValid()
            || !m_confirm(tr("Forget server"),
                          tr("Forget %1? Arbor stops polling it and removes it from the store; it comes back if a "
                             "neighbour still lists it.")
                              .arg(key.toString())))
            return;
        if (auto r = forget(key); !r.ok())
            QMessageBox::warning(this, tr("Forget server"), r.error());
    });
    add(u"copyKey"_s, tr("&Copy host:port"), QKeySequence::Copy, [this] {
        if (const InstanceKey key = selectedServer(); key.isValid())
            QGuiApplication::clipboard()->setText(key.toString());
    });
    add(u"expandGroup"_s, tr("Show &each replica"), {}, [this] {
        if (const InstanceKey key = selectedServer(); key.isValid())
            m_scene->setExpanded(key, true);
    });
    add(u"foldGroup"_s, tr("&Fold replicas"), {}, [this] {
        const InstanceKey key = selectedServer();
        const InstanceKey parent = m_state->topology().parentOf(key);
        if (m_scene->isExpanded(key))
            m_scene->setExpanded(key, false);
        else if (parent.isValid())
            m_scene->setExpanded(parent, false);
    });
    add(u"fit"_s, tr("&Fit to window"), QKeySequence(u"F"_s), [this] { m_view->fitAll(); });
    add(u"zoomIn"_s, tr("Zoom &in"), QKeySequence::ZoomIn, [this] { m_view->zoomIn(); });
    add(u"zoomOut"_s, tr("Zoom &out"), QKeySequence::ZoomOut, [this] { m_view->zoomOut(); });
    add(u"actualSize"_s, tr("&Actual size"), QKeySequence(u"Ctrl+0"_s), [this] { m_view->setZoom(1.0); });
    QAction *horizontal = add(u"horizontal"_s, tr("&Horizontal trees"), QKeySequence(u"Ctrl+L"_s), [this](bool on) {
        setHorizontalTrees(on);
    });
    horizontal->setCheckable(true);
    add(u"exportCluster"_s, tr("&Export cluster..."), QKeySequence(u"Ctrl+E"_s), [this] { exportSnapshot(false); });
    add(u"exportAll"_s, tr("Export &all clusters..."), QKeySequence(u"Ctrl+Shift+E"_s), [this] { exportSnapshot(true); });
    add(u"promotionRules"_s, tr("&Promotion rules..."), {}, [this] { openPromotionRules(); });
    add(u"recover"_s, tr("Re&cover..."), {}, [this] {
        // The server picked on the canvas when it has a failure, else the row picked in the Failures panel.
        const InstanceKey server = selectedServer();
        const InstanceKey failed = m_recovery->canRecover(server) ? server : m_recovery->selectedFailure();
        if (const auto r = m_recovery->recover(failed); !r.ok() && r.error() != RecoveryPanel::tr("cancelled"))
            QMessageBox::information(this, tr("Recover"), r.error());
    });
    add(u"promote"_s, tr("&Promote to master (planned)..."), {}, [this] {
        // Graceful takeover: the preview shows the ranking, every step and the hooks before anything runs.
        if (const auto r = m_recovery->promote(selectedServer()); !r.ok() && r.error() != RecoveryPanel::tr("cancelled"))
            QMessageBox::information(this, tr("Promote to master"), r.error());
    });
    add(u"rehearse"_s, tr("Re&hearse a failover..."), {}, [this] {
        const InstanceKey key = selectedServer();
        if (m_rehearser) {
            m_rehearser(key);
            return;
        }
        if (const auto r = m_recovery->rehearse(key); !r.ok())
            QMessageBox::information(this, tr("Rehearse a failover"), r.error());
    });
    add(u"search"_s, tr("&Search"), QKeySequence::Find, [this] {
        m_clusters->searchBox()->setFocus();
        m_clusters->searchBox()->selectAll();
    });
    add(u"addServers"_s, tr("&Add servers..."), QKeySequence(u"Ctrl+N"_s), [this] { askAddServers(); });
    add(u"connectService"_s, tr("Connect to &service..."), {}, [this] { askConnectToService(); });
    add(u"manageConnections"_s, tr("&Manage connections..."), {}, [this] {
        ManageConnectionsDialog dialog(m_settings, this);
        connect(&dialog, &ManageConnectionsDialog::openRequested, this, [this, &dialog](const QString &name) {
            openConnection(name);
            dialog.accept();
        });
        dialog.exec();
    });
    add(u"quit"_s, tr("&Quit"), QKeySequence::Quit, [this] { close(); });

    m_themeGroup = new QActionGroup(this);
    const std::pair<AppSettings::Theme, QString> themes[] = {
        {AppSettings::Theme::System, tr("&System colours")}, {AppSettings::Theme::Light, tr("&Light")},
        {AppSettings::Theme::Dark, tr("&Dark")}};
    for (const auto &[theme, text] : themes) {
        QAction *a = m_themeGroup->addAction(text);
        a->setCheckable(true);
        a->setData(int(theme));
        connect(a, &QAction::triggered, this, [this, t = theme] { setTheme(t); });
    }
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions.value(u"addServers"_s));
    file->addAction(m_actions.value(u"connectService"_s));
    QMenu *recent = file->addMenu(tr("&Recent"));
    recent->setObjectName(u"recentMenu"_s);
    connect(recent, &QMenu::aboutToShow, this, [this, recent] {
        recent->clear();
        const QList<ConnectionProfile> profiles = m_settings ? m_settings->connections() : QList<ConnectionProfile>();
        for (const ConnectionProfile &p : profiles) {
            QAction *a = recent->addAction(tr("%1 (%2@%3)").arg(p.name, p.user, p.seed));
            a->setToolTip(tr("Open a new window on this connection"));
            connect(a, &QAction::triggered, this, [this, name = p.name] { openConnection(name); });
        }
        if (profiles.isEmpty())
            recent->addAction(tr("No saved connections"))->setEnabled(false);
    });
    file->addAction(m_actions.value(u"manageConnections"_s));
    file->addSeparator();
    file->addAction(m_actions.value(u"exportCluster"_s));
    file->addAction(m_actions.value(u"exportAll"_s));
    file->addSeparator();
    file->addAction(m_actions.value(u"quit"_s));
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_actions.value(u"undo"_s));
    edit->addAction(m_actions.value(u"redo"_s));
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (const char *id : {"fit", "zoomIn", "zoomOut", "actualSize", "horizontal", "search"})
        view->addAction(m_actions.value(QLatin1String(id)));
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->addActions(m_themeGroup->actions());
    view->addSeparator();
    for (QDockWidget *d : findChildren<QDockWidget *>())
        view->addAction(d->toggleViewAction());
    QMenu *server = menuBar()->addMenu(tr("&Server"));
    server->addAction(m_actions.value(u"refresh"_s));
    // The same entries as the canvas's context menu, judged when the menu opens.
    QMenu *operations = server->addMenu(tr("&Operations"));
    operations->setObjectName(u"operationsMenu"_s);
    connect(operations, &QMenu::aboutToShow, this, [this, operations] {
        OperationMenu::clear(operations);
        if (const InstanceKey key = selectedServer(); key.isValid() && m_state->instance(key))
            OperationMenu::fill(operations, key, *m_state, m_ops, operationsUnavailable());
        else
            operations->addAction(tr("Select a server on the canvas first"))->setEnabled(false);
    });
    server->addSeparator();
    for (const char *id : {"beginDowntime", "endDowntime", "forget", "copyKey"})
        server->addAction(m_actions.value(QLatin1String(id)));

    QMenu *failover = menuBar()->addMenu(tr("F&ailover"));
    failover->addAction(m_actions.value(u"recover"_s));
    failover->addAction(m_actions.value(u"promote"_s));
    failover->addAction(m_actions.value(u"rehearse"_s));
    failover->addAction(m_actions.value(u"promotionRules"_s));

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const char *id : {"refresh", "fit", "zoomIn", "zoomOut", "horizontal", "exportCluster"})
        bar->addAction(m_actions.value(QLatin1String(id)));
    bar->addSeparator();
    bar->addAction(m_actions.value(u"undo"_s));
    bar->addAction(m_actions.value(u"redo"_s));
}

InstanceKey MainWindow::selectedServer() const
{
    return m_scene->selectedKey();
}

QString MainWindow::operationsUnavailable() const
{
    if (!m_connectedReason.isEmpty())
        return m_connectedReason;
    return m_ops->busyReason();
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    QGraphicsItem *item = m_view->itemAt(pos);
    if (item && !item->isSelected() && (item->type() == ServerItem::Type || item->type() == GroupItem::Type)) {
        m_scene->clearSelection();
        item->setSelected(true);
    }
    const InstanceKey key = selectedServer();
    if (!key.isValid())
        return;
    QMenu menu(this);
    QAction *title = menu.addAction(key.toString());
    title->setEnabled(false);
    menu.addSeparator();
    if (item && item->type() == GroupItem::Type) {
        menu.addAction(m_actions.value(u"expandGroup"_s));
    } else {
        menu.addAction(m_actions.value(u"refresh"_s));
        menu.addSeparator();
        // Every refactoring and control operation, judged now by the plan the drag and the run use.
        OperationMenu::fill(&menu, key, *m_state, m_ops, operationsUnavailable());
        menu.addSeparator();
        for (const char *id : {"beginDowntime", "endDowntime", "forget"})
            menu.addAction(m_actions.value(QLatin1String(id)));
        menu.addSeparator();
        if (m_recovery->canRecover(key))
            menu.addAction(m_actions.value(u"recover"_s));
        menu.addAction(m_actions.value(u"promote"_s));
        menu.addAction(m_actions.value(u"rehearse"_s));
        menu.addAction(m_actions.value(u"promotionRules"_s));
        menu.addAction(m_actions.value(u"copyKey"_s));
        if (m_scene->isExpanded(key) || m_scene->isExpanded(m_state->topology().parentOf(key)))
            menu.addAction(m_actions.value(u"foldGroup"_s));
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void MainWindow::updateActions()
{
    const InstanceKey key = selectedServer();
    const auto instance = key.isValid() ? m_state->instance(key) : std::nullopt;
    const bool server = instance.has_value() && m_scene->serverItem(key);
    const bool replica = server && instance->replication.has_value();
    const bool downtimed = m_state->downtimed().contains(key);
    m_actions.value(u"refresh"_s)->setEnabled(server);
    m_actions.value(u"startReplication"_s)->setEnabled(replica && !instance->replication->isHealthy());
    m_actions.value(u"stopReplication"_s)->setEnabled(replica && instance->replication->ioThread != ReplicationState::ThreadState::Stopped);
    m_actions.value(u"setReadOnly"_s)->setEnabled(server && instance->lastCheckValid && !instance->readOnly);
    m_actions.value(u"setWriteable"_s)->setEnabled(server && instance->lastCheckValid && instance->readOnly);
    m_actions.value(u"beginDowntime"_s)->setEnabled(server && m_store && !downtimed);
    m_actions.value(u"endDowntime"_s)->setEnabled(server && m_store && downtimed);
    m_actions.value(u"forget"_s)->setEnabled(server);
    m_actions.value(u"copyKey"_s)->setEnabled(key.isValid());
    // A planned promotion replaces the top master by one of its direct, healthy replicas.
    const InstanceKey master = server ? m_state->topology().findCluster(key.toString()).value_or(Cluster{}).master : InstanceKey();
    QString promoteWhy;
    if (!server)
        promoteWhy = tr("Select a replica of a cluster's master.");
    else if (master == key)
        promoteWhy = tr("%1 is the master already.").arg(key.toString());
    else if (!replica || instance->sourceKey() != master)
        promoteWhy = tr("%1 does not replicate from the master %2 directly: move it up first.").arg(key.toString(), master.toString());
    else if (!instance->replication->isHealthy())
        promoteWhy = tr("Replication on %1 is not running: it cannot catch up with the master.").arg(key.toString());
    m_actions.value(u"promote"_s)->setEnabled(promoteWhy.isEmpty());
    const bool hasReplicas = server && !m_state->topology().childrenOf(key).isEmpty();
    m_actions.value(u"rehearse"_s)->setEnabled(hasReplicas);
    m_actions.value(u"rehearse"_s)->setToolTip(hasReplicas ? tr("What Arbor would do if %1 died now; touches no server.").arg(key.toString())
                                                           : tr("Select a master or an intermediate master."));
    m_actions.value(u"promote"_s)->setToolTip(promoteWhy.isEmpty() ? tr("Graceful master takeover: %1 replaces %2; previewed first.").arg(key.toString(), master.toString()) : promoteWhy);
    const QString noStore = tr("Needs the store (start Arbor with a store to keep downtimes).");
    m_actions.value(u"beginDowntime"_s)->setToolTip(m_store ? QString() : noStore);
    if (!m_connectedReason.isEmpty()) {
        for (const char *id : {"refresh", "startReplication", "stopReplication", "setReadOnly", "setWriteable", "beginDowntime",
                               "endDowntime", "forget", "recover", "promote", "rehearse", "promotionRules",
                               "addServers"}) {
            QAction *a = m_actions.value(QLatin1String(id));
            if (a == m_actions.value(u"rehearse"_s) && m_rehearser)
                continue; // read-only, answered by the service
            a->setEnabled(false);
            a->setToolTip(m_connectedReason);
        }
    }
}

void MainWindow::setRehearser(std::function<void(const InstanceKey &)> rehearser)
{
    m_rehearser = std::move(rehearser);
    updateActions();
}

void MainWindow::setConnectedMode(const QString &reason)
{
    m_connectedReason = reason;
    if (m_drag)
        m_drag->setBusy(reason);
    if (m_recovery)
        m_recovery->setRecoveryUnavailable(reason);
    updateActions();
}

void MainWindow::onSelectionChanged()
{
    const InstanceKey key = selectedServer();
    if (key.isValid() && m_scene->serverItem(key))
        m_details->showServer(key);
    updateActions();
}

void MainWindow::onClusterSelected(const QString &name)
{
    m_view->fitCluster(name);
    if (m_settings)
        m_settings->setLastCluster(name);
}

void MainWindow::onInstanceChanged(const Instance &now, const Instance &before)
{
    const int threshold = m_scene->lagThreshold();
    const InstanceHealth was = healthOf(before, threshold);
    const InstanceHealth is = healthOf(now, threshold);
    if (was != is) {
        QString text = tr("%1 → %2").arg(ServerCard::stateWord(was).toLower(), ServerCard::stateWord(is).toLower());
        if (is == InstanceHealth::Unreachable)
            text += u": "_s + now.lastError;
        else if (is == InstanceHealth::ReplicationBroken && now.replication)
            text += u": "_s + (now.replication->lastSqlError.isEmpty() ? now.replication->lastIoError : now.replication->lastSqlError);
        // Connecting is routine for a moment after START SLAVE or a relocation: a line, not a warning.
        ActivityLog::Level level = ActivityLog::Level::Info;
        if (healthSeverity(is) >= healthSeverity(InstanceHealth::ReplicationStopped))
            level = ActivityLog::Level::Error;
        else if (healthSeverity(is) > healthSeverity(was) && is != InstanceHealth::Connecting)
            level = ActivityLog::Level::Warning;
        m_log->add(level, now.key, text);
    }
    if (now.key == selectedServer())
        updateActions();
}

void MainWindow::updateStatus()
{
    const QList<Instance> instances = m_state->instances();
    int unreachable = 0;
    for (const Instance &i : instances)
        unreachable += i.lastCheckValid ? 0 : 1;
    const auto recent = m_poller->recentPolls();
    const qint64 now = m_poller->now();
    const qint64 window = std::max<qint64>(m_poller->options().pollIntervalMs * 2, 2000);
    int ok = 0, failed = 0;
    qint64 slowest = 0;
    for (auto it = recent.rbegin(); it != recent.rend() && now - it->finished <= window; ++it) {
        (it->ok ? ok : failed) += 1;
        slowest = std::max<qint64>(slowest, it->durationMs());
    }
    m_status->setText(tr("%n server(s) in %1 cluster(s) · polled every %2 s · last %3 s: %4 polls ok, %5 failed, slowest "
                         "%6 ms · %7 unreachable",
                         nullptr, int(instances.size()))
                          .arg(m_state->topology().clusters().size())
                          .arg(m_poller->options().pollIntervalMs / 1000)
                          .arg(window / 1000)
                          .arg(ok)
                          .arg(failed)
                          .arg(slowest)
                          .arg(unreachable));
}

void MainWindow::refreshNow(const InstanceKey &key)
{
    if (!key.isValid())
        return;
    m_poller->pollNow(key);
    m_log->add(ActivityLog::Level::Info, key, tr("refresh requested"));
}

bool MainWindow::requestOperation(OperationKind kind, const InstanceKey &key, const InstanceKey &target)
{
    if (!key.isValid())
        return false;
    if (!m_connectedReason.isEmpty()) {
        statusBar()->showMessage(m_connectedReason, 15000);
        return false;
    }
    OperationRequest r;
    r.kind = kind;
    r.instance = key;
    r.target = target;
    return m_ops->request(r);
}

void MainWindow::askAddServers()
{
    if (!m_connectedReason.isEmpty()) {
        QMessageBox::information(this, tr("Add servers"), m_connectedReason);
        return;
    }
    AddServersDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addServers(dialog.seeds());
    const QString name = dialog.connectionName();
    if (name.isEmpty() || !m_settings || dialog.seeds().isEmpty())
        return;
    // The session's credentials: this window polls the new servers with them.
    const Credentials &credentials = m_poller->options().probe.credentials;
    m_settings->saveConnection({name, dialog.seeds().first().toString(), credentials.user(), false});
    m_settings->sync();
    const auto written = SecretStore::writePassword(name, credentials.password());
    if (written.status == SecretStore::Status::Ok)
        m_log->add(ActivityLog::Level::Info, {}, tr("connection %1 saved, its password in the keychain").arg(name));
    else
        m_log->add(ActivityLog::Level::Warning, {}, tr("connection %1 saved without its password: %2").arg(name, written.message));
}

int MainWindow::addServers(const QList<InstanceKey> &seeds)
{
    int added = 0;
    for (const InstanceKey &k : seeds) {
        if (m_poller->contains(k)) {
            m_log->add(ActivityLog::Level::Info, k, tr("already polled"));
            continue;
        }
        // The poller discovers in its own threads: the window stays live.
        m_pendingSeeds.insert(k);
        m_poller->addInstance(k);
        m_log->add(ActivityLog::Level::Info, k, tr("added: discovering its sources and replicas"));
        ++added;
    }
    if (added)
        statusBar()->showMessage(tr("Discovering %n server(s)...", nullptr, added), 10000);
    return added;
}

void MainWindow::askConnectToService()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Connect to an Arbor service"));
    auto *url = new QLineEdit(&dialog);
    url->setPlaceholderText(tr("https://arbor-1.example:3000"));
    auto *user = new QLineEdit(&dialog);
    user->setText(qEnvironmentVariable("USER"));
    auto *problem = new QLabel(&dialog);
    problem->setWordWrap(true);
    auto *form = new QFormLayout(&dialog);
    form->addRow(new QLabel(tr("A new window shows what the service sees, through its HTTP API; the password is "
                               "asked there and kept in the keychain once it worked."),
                            &dialog));
    form->addRow(tr("Service &URL:"), url);
    form->addRow(tr("API &user:"), user);
    form->addRow(problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto check = [url, problem, buttons] {
        const QUrl u = QUrl::fromUserInput(url->text().trimmed());
        const bool ok = u.isValid() && (u.scheme() == u"http"_s || u.scheme() == u"https"_s) && !u.host().isEmpty();
        problem->setText(ok || url->text().isEmpty() ? QString() : tr("\"%1\" is not an http(s) URL with a host").arg(url->text()));
        buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    };
    connect(url, &QLineEdit::textChanged, &dialog, check);
    check();
    if (dialog.exec() != QDialog::Accepted)
        return;
    QStringList args{u"--connect"_s, QUrl::fromUserInput(url->text().trimmed()).toString()};
    if (!user->text().trimmed().isEmpty())
        args << u"--api-user"_s << user->text().trimmed();
    startArbor(args);
}

void MainWindow::openConnection(const QString &name)
{
    if (!m_settings)
        return;
    // A new window on that connection: it reads the connection and its password like a fresh start.
    m_settings->setLastConnection(name);
    m_settings->sync();
    startArbor({});
}

void MainWindow::startArbor(QStringList arguments)
{
    if (m_settings)
        arguments << u"--settings"_s << m_settings->fileName();
    if (m_launcher) {
        m_launcher(arguments);
        return;
    }
    if (!QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments))
        m_log->add(ActivityLog::Level::Error, {}, tr("could not start a new Arbor window (%1)").arg(QCoreApplication::applicationFilePath()));
}

void MainWindow::loadDowntimes()
{
    m_maintenance->loadDowntimes();
}

void MainWindow::askBeginDowntime(const InstanceKey &key)
{
    if (!key.isValid())
        return;
    DowntimeDialog dialog(key, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto r = beginDowntime(key, dialog.reason(), dialog.minutes()); !r.ok())
        QMessageBox::warning(this, tr("Begin downtime"), r.error());
}

Result<void> MainWindow::beginDowntime(const InstanceKey &key, const QString &reason, int minutes)
{
    return m_maintenance->beginDowntime(key, reason, minutes);
}

Result<void> MainWindow::endDowntime(const InstanceKey &key)
{
    return m_maintenance->endDowntime(key);
}

Result<void> MainWindow::forget(const InstanceKey &key)
{
    return m_maintenance->forget(key);
}

void MainWindow::setTheme(AppSettings::Theme theme)
{
    m_applyingPalette = true;
    static const QPalette systemPalette = QApplication::palette();
    static const QString systemStyle = QApplication::style()->name();
    if (theme == AppSettings::Theme::System) {
        QApplication::setStyle(systemStyle);
        QApplication::setPalette(systemPalette);
    } else {
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(theme == AppSettings::Theme::Dark ? DarkPalette::make() : QApplication::style()->standardPalette());
    }
    m_applyingPalette = false;
    const CanvasTheme canvas = CanvasTheme::forPalette(QApplication::palette());
    m_scene->setTheme(canvas);
    m_clusters->setTheme(canvas);
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->data().toInt() == int(theme));
    if (m_settings)
        m_settings->setTheme(theme);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_applyingPalette) {
        const CanvasTheme canvas = CanvasTheme::forPalette(palette());
        if (canvas.dark != m_scene->theme().dark) {
            m_scene->setTheme(canvas);
            m_clusters->setTheme(canvas);
        }
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::setHorizontalTrees(bool horizontal)
{
    m_scene->setOrientation(horizontal ? TopologyLayout::Orientation::Horizontal : TopologyLayout::Orientation::Vertical);
    m_actions.value(u"horizontal"_s)->setChecked(horizontal);
    if (m_settings)
        m_settings->setHorizontalTrees(horizontal);
}

void MainWindow::exportSnapshot(bool allClusters)
{
    QString cluster = m_clusters->currentCluster();
    if (!allClusters && cluster.isEmpty()) {
        const InstanceKey key = selectedServer();
        cluster = m_scene->clusterOf(key);
    }
    if (!allClusters && cluster.isEmpty()) {
        QMessageBox::information(this, tr("Export"), tr("Select a cluster in the list first, or export all clusters."));
        return;
    }
    const QString dir = m_settings ? m_settings->lastExportDirectory() : QString();
    const QString base = allClusters ? u"arbor-topology"_s : u"arbor-"_s + QString(cluster).replace(u':', u'-');
    QString selectedFilter;
    const QString path = QFileDialog::getSaveFileName(this, allClusters ? tr("Export all clusters") : tr("Export %1").arg(cluster),
                                                      dir + u'/' + base + u".png"_s, SnapshotExporter::fileFilter(),
                                                      &selectedFilter);
    if (path.isEmpty())
        return;
    if (m_settings)
        m_settings->setLastExportDirectory(QFileInfo(path).absolutePath());
    const auto format = SnapshotExporter::formatForFile(path, SnapshotExporter::Format::Png);
    const auto written = SnapshotExporter::write(m_scene, format, allClusters ? QStringList() : QStringList{cluster}, path);
    if (!written.ok()) {
        m_log->add(ActivityLog::Level::Error, {}, tr("export failed: %1").arg(written.error()));
        QMessageBox::warning(this, tr("Export"), written.error());
        return;
    }
    m_log->add(ActivityLog::Level::Info, {}, tr("exported %1 to %2").arg(allClusters ? tr("all clusters") : cluster, path));
}

void MainWindow::openPromotionRules()
{
    PromotionRulesEditor editor(m_state, m_store, this);
    if (const InstanceKey key = selectedServer(); key.isValid())
        editor.selectServers({key});
    connect(&editor, &PromotionRulesEditor::rulesSaved, this, [this](const QList<PromotionRuleEntry> &written) {
        for (const PromotionRuleEntry &e : written)
            m_log->add(ActivityLog::Level::Operation, e.key,
                       tr("promotion rule set to %1%2")
                           .arg(promotionRuleName(e.rule),
                                e.expiresAt.isValid() ? tr(" until %1").arg(e.expiresAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s))
                                                      : QString()));
    });
    editor.exec();
}

void MainWindow::attachHistory(LagHistory *history, HistorySampler *sampler)
{
    if (m_charts)
        return;
    auto *charts = new ChartsDock(history, m_state, m_settings, this);
    m_charts = charts->panel();
    addDockWidget(Qt::BottomDockWidgetArea, charts);
    if (auto *activity = findChild<QDockWidget *>(u"activityDock"_s))
        tabifyDockWidget(activity, charts);
    connect(m_clusters, &ClusterListWidget::clusterSelected, m_charts, &ChartsPanel::setCluster);
    if (m_settings) {
        if (const QByteArray state = m_settings->windowState(); !state.isEmpty())
            restoreState(state); // the saved layout knows the charts dock too
    }
    m_tray = new TrayNotifier(m_settings, this, this);
    new HealthNotifications(history, sampler, m_recovery ? m_recovery->monitor() : nullptr, m_tray, this);

    QMenu *settings = menuBar()->addMenu(tr("Se&ttings"));
    settings->addAction(m_tray->muteAction());
    QMenu *language = settings->addMenu(tr("&Language"));
    auto *languages = new QActionGroup(language);
    const QString current = m_settings ? m_settings->language() : QString();
    const QList<std::pair<QString, QString>> choices = {
        {QString(), tr("System language")}, {u"en"_s, u"English"_s}, {u"de"_s, u"Deutsch"_s}};
    for (const auto &[code, name] : choices) {
        QAction *a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(code == current);
        a->setData(code);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            if (!m_settings)
                return;
            m_settings->setLanguage(code);
            m_settings->sync();
            QMessageBox::information(this, tr("Language"), tr("The language changes when Arbor starts next time."));
        });
    }
    for (QAction *a : menuBar()->actions()) {
        if (a->menu() && a->menu()->actions().contains(m_actions.value(u"fit"_s)))
            a->menu()->addAction(charts->toggleViewAction());
    }
}

void MainWindow::setupOperations()
{
    m_ops = new OperationController(m_poller, m_state, m_store, m_log, this);
    m_drag = new DragController(m_view, this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);

    connect(m_drag, &DragController::dropRequested, m_ops, [this](const OperationRequest &r) { m_ops->request(r); });
    connect(m_drag, &DragController::dropRefused, this, [this](const OperationRequest &r, const QString &, const QString &message) {
        OperationPlan p;
        p.request = r;
        const QString text = tr("%1 refused: %2").arg(p.title(), message);
        m_log->add(ActivityLog::Level::Error, r.instance, text);
        statusBar()->showMessage(text, 15000);
    });
    // A temporary message needs the room the permanent poll summary takes, or nobody sees it.
    connect(statusBar(), &QStatusBar::messageChanged, m_status, [this](const QString &m) { m_status->setVisible(m.isEmpty()); });
    connect(m_drag, &DragController::hoverChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(message);
    });
    connect(m_ops, &OperationController::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 15000); });
    connect(m_ops, &OperationController::started, this, [this](const OperationPlan &plan) {
        m_progress->setRange(0, std::max(1, int(plan.steps.size())));
        m_progress->setValue(0);
        m_progress->setFormat(tr("%v of %m steps"));
        m_progress->show();
    });
    connect(m_ops, &OperationController::progress, this, [this](int done, int total, const QString &text) {
        m_progress->setMaximum(total);
        m_progress->setValue(done);
        statusBar()->showMessage(text);
    });
    connect(m_ops, &OperationController::busyChanged, this, [this](bool busy) {
        m_drag->setBusy(busy ? m_ops->busyReason() : QString());
        if (!busy)
            m_progress->hide();
        updateUndoActions();
    });
    connect(m_ops->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateUndoActions);

    auto *undo = new QAction(this);
    undo->setObjectName(u"undo"_s);
    undo->setShortcut(QKeySequence::Undo);
    connect(undo, &QAction::triggered, m_ops, [this] { m_ops->undo(); });
    m_actions.insert(u"undo"_s, undo);
    auto *redo = new QAction(this);
    redo->setObjectName(u"redo"_s);
    redo->setShortcut(QKeySequence::Redo);
    connect(redo, &QAction::triggered, m_ops, [this] { m_ops->redo(); });
    m_actions.insert(u"redo"_s, redo);
    updateUndoActions();
}

void MainWindow::updateUndoActions()
{
    QUndoStack *stack = m_ops->undoStack();
    QAction *undo = m_actions.value(u"undo"_s);
    QAction *redo = m_actions.value(u"redo"_s);
    if (!undo || !redo)
        return;
    const bool busy = m_ops->isBusy();
    // Undo and redo are operations on servers too: previewed, judged again, one at a time.
    undo->setEnabled(stack->canUndo() && !busy);
    undo->setText(stack->canUndo() ? tr("&Undo %1...").arg(stack->undoText()) : tr("&Undo"));
    undo->setIconText(tr("Undo"));
    undo->setToolTip(stack->canUndo() ? tr("Undo %1 (previewed first)").arg(stack->undoText()) : tr("Nothing to undo"));
    redo->setEnabled(stack->canRedo() && !busy);
    redo->setText(stack->canRedo() ? tr("&Redo %1...").arg(stack->redoText()) : tr("&Redo"));
    redo->setIconText(tr("Redo"));
    redo->setToolTip(stack->canRedo() ? tr("Redo %1 (previewed first)").arg(stack->redoText()) : tr("Nothing to redo"));
}

void MainWindow::restoreLayout()
{
    if (!m_settings)
        return;
    if (const QByteArray g = m_settings->windowGeometry(); !g.isEmpty())
        restoreGeometry(g);
    if (const QByteArray s = m_settings->windowState(); !s.isEmpty())
        m_layoutRestored = restoreState(s);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_docksSized || m_layoutRestored)
        return;
    m_docksSized = true;
    // First start: the bottom docks (activity, failures, recovery) get a third of the height, so
    // the Failures and Recovery tables show several rows at 1366x768 as at 1920x1080; the side
    // docks a quarter of the width each at most, so the canvas keeps the middle.
    const QList<QDockWidget *> docks = findChildren<QDockWidget *>();
    QList<QDockWidget *> bottom, sides;
    for (QDockWidget *d : docks) {
        if (d->isFloating() || !d->isVisible())
            continue;
        const Qt::DockWidgetArea area = dockWidgetArea(d);
        if (area == Qt::BottomDockWidgetArea)
            bottom << d;
        else if (area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea)
            sides << d;
    }
    if (!bottom.isEmpty())
        resizeDocks({bottom.first()}, {std::max(200, height() / 3)}, Qt::Vertical);
    // The cluster list needs room for a name, a count and a state word; the server's facts less.
    QList<int> widths;
    for (QDockWidget *d : std::as_const(sides))
        widths << (dockWidgetArea(d) == Qt::LeftDockWidgetArea ? std::clamp(width() * 24 / 100, 300, 400)
                                                               : std::clamp(width() * 18 / 100, 240, 340));
    if (!sides.isEmpty())
        resizeDocks(sides, widths, Qt::Horizontal);
}

void MainWindow::saveLayout()
{
    if (!m_settings)
        return;
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace arbor::widgets
