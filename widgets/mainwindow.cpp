#include "mainwindow.h"

#include "store/tagstore.h"

#include "actions/operationcontroller.h"
#include "canvas/dragcontroller.h"
#include "canvas/groupitem.h"
#include "charts/chartspanel.h"
#include "history/historysampler.h"
#include "history/laghistory.h"
#include "tray/traynotifier.h"
#include "canvas/servercard.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "export/snapshotexporter.h"
#include "analysis/analysismonitor.h"
#include "model/instancehealth.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "panels/clusterlistwidget.h"
#include "panels/serverdetailswidget.h"
#include "probe/poller.h"
#include "promotion/promotionruleseditor.h"
#include "recovery/recoverypanel.h"
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
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

// The icons are compiled into this static library; its resources must be registered by name.
static void initArborResources()
{
    Q_INIT_RESOURCE(arbor);
}

namespace arbor::widgets {

using namespace arbor::core;

namespace {
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x26, 0x29, 0x30), base(0x1e, 0x21, 0x27), text(0xe6, 0xe9, 0xef), mid(0x3a, 0x3f, 0x4a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1f));
    p.setColor(QPalette::Light, QColor(0x4a, 0x50, 0x5c));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7b, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6a, 0xa6, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x92, 0xa0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a, 0x80, 0x8c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a, 0x80, 0x8c));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a, 0x80, 0x8c));
    return p;
}
} // namespace

MainWindow::MainWindow(Poller *poller, TopologyState *state, Store *store, AppSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_poller(poller), m_state(state), m_store(store), m_settings(settings),
      m_scene(new TopologyScene(state, this)), m_view(new TopologyView(m_scene, this)),
      m_clusters(new ClusterListWidget(state, this)), m_details(new ServerDetailsWidget(state, this)),
      m_log(new ActivityLog(this)), m_runner(new ServerActionRunner(poller->options().probe, this)),
      m_status(new QLabel(this))
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
    m_recovery = new RecoveryPanel(poller, state, store, this);
    QDockWidget *failures = dock(tr("Failures"), u"failuresDock"_s, m_recovery, Qt::BottomDockWidgetArea);
    splitDockWidget(bottom, failures, Qt::Horizontal);
    connect(m_recovery, &RecoveryPanel::logMessage, m_log, &ActivityLog::add);
    connect(m_recovery, &RecoveryPanel::serverActivated, this, [this](const InstanceKey &key) { m_scene->selectServer(key); });
    connect(m_recovery->monitor(), &AnalysisMonitor::failureConfirmed, failures, [failures] {
        failures->show(); // a dead master must not hide in a closed dock
        failures->raise();
    });
    resizeDocks({left, right}, {330, 330}, Qt::Horizontal);
    resizeDocks({bottom}, {150}, Qt::Vertical);
    statusBar()->addPermanentWidget(m_status, 1);

    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
    if (m_store) {
        // Tags (orchestrator's tag/untag, set by the service or `arbor tag`) live beside the servers.
        auto tags = std::make_shared<TagStore>(m_store->options());
        m_details->setTagReader([tags](const InstanceKey &key) {
            if (!tags->open().ok())
                return QList<InstanceTag>();
            auto read = tags->read(key);
            return read.ok() ? read.value() : QList<InstanceTag>();
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
        m_log->add(ActivityLog::Level::Info, i.key, i.lastCheckValid ? tr("discovered") : tr("discovered, not answering: %1").arg(i.lastError));
    });
    connect(m_runner, &ServerActionRunner::finished, this,
            [this](const InstanceKey &key, const QString &description, bool ok, const QString &message) {
                if (ok)
                    m_log->add(ActivityLog::Level::Operation, key, tr("%1: done (%2)").arg(description, message));
                else
                    m_log->add(ActivityLog::Level::Error, key, tr("%1 failed: %2").arg(description, message));
                m_poller->pollNow(key); // show the effect now, not at the next interval
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
        // The first layout with servers: show the cluster of last session, or everything.
        if (m_fittedOnce || m_scene->serverItems().isEmpty())
            return;
        m_fittedOnce = true;
        QTimer::singleShot(0, this, [this] {
            const QString last = m_settings ? m_settings->lastCluster() : QString();
            if (!last.isEmpty() && m_scene->clusterNames().contains(last)) {
                m_clusters->selectCluster(last);
                m_view->fitCluster(last);
            } else {
                m_view->fitAll();
            }
        });
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
    add(u"startReplication"_s, tr("&Start replication"), {}, [this] {
        runAction(ServerActionRunner::Action::StartReplication, selectedServer());
    });
    add(u"stopReplication"_s, tr("S&top replication"), {}, [this] {
        runAction(ServerActionRunner::Action::StopReplication, selectedServer());
    });
    add(u"setReadOnly"_s, tr("Set &read-only"), {}, [this] { runAction(ServerActionRunner::Action::SetReadOnly, selectedServer()); });
    add(u"setWriteable"_s, tr("Set &writeable"), {}, [this] { runAction(ServerActionRunner::Action::SetWriteable, selectedServer()); });
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
    add(u"search"_s, tr("&Search"), QKeySequence::Find, [this] {
        m_clusters->searchBox()->setFocus();
        m_clusters->searchBox()->selectAll();
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
    for (const char *id : {"refresh", "startReplication", "stopReplication", "setReadOnly", "setWriteable",
                           "beginDowntime", "endDowntime", "forget", "copyKey"})
        server->addAction(m_actions.value(QLatin1String(id)));

    QMenu *failover = menuBar()->addMenu(tr("F&ailover"));
    failover->addAction(m_actions.value(u"recover"_s));
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
        for (const char *id : {"refresh", "startReplication", "stopReplication", "setReadOnly", "setWriteable"})
            menu.addAction(m_actions.value(QLatin1String(id)));
        menu.addSeparator();
        for (const char *id : {"beginDowntime", "endDowntime", "forget"})
            menu.addAction(m_actions.value(QLatin1String(id)));
        menu.addSeparator();
        if (m_recovery->canRecover(key))
            menu.addAction(m_actions.value(u"recover"_s));
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
    const QString noStore = tr("Needs the store (start Arbor with a store to keep downtimes).");
    m_actions.value(u"beginDowntime"_s)->setToolTip(m_store ? QString() : noStore);
    if (!m_connectedReason.isEmpty()) {
        for (const char *id : {"refresh", "startReplication", "stopReplication", "setReadOnly", "setWriteable", "beginDowntime",
                               "endDowntime", "forget", "recover", "promotionRules"}) {
            QAction *a = m_actions.value(QLatin1String(id));
            a->setEnabled(false);
            a->setToolTip(m_connectedReason);
        }
    }
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

void MainWindow::runAction(ServerActionRunner::Action action, const InstanceKey &key)
{
    if (!key.isValid())
        return;
    const QString description = ServerActionRunner::describe(action, key);
    if (!m_confirm(description, ServerActionRunner::confirmation(action, key))) {
        m_log->add(ActivityLog::Level::Info, key, tr("%1: cancelled").arg(description));
        return;
    }
    m_log->add(ActivityLog::Level::Operation, key, tr("%1: running").arg(description));
    m_runner->run(action, key);
}

void MainWindow::loadDowntimes()
{
    if (!m_store)
        return;
    auto active = m_store->readActiveDowntimes(QDateTime::currentDateTimeUtc());
    if (!active.ok()) {
        m_log->add(ActivityLog::Level::Warning, {}, active.error());
        return;
    }
    QHash<InstanceKey, QString> reasons;
    QSet<InstanceKey> keys;
    for (const Downtime &d : active.value()) {
        reasons.insert(d.key, d.reason);
        keys.insert(d.key);
    }
    m_state->setDowntimed(reasons);
    m_scene->setDowntimed(keys);
    m_clusters->refreshNow();
}

void MainWindow::askBeginDowntime(const InstanceKey &key)
{
    if (!key.isValid())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Begin downtime on %1").arg(key.toString()));
    auto *reason = new QLineEdit(&dialog);
    reason->setPlaceholderText(tr("why, for the log and the other DBAs"));
    auto *minutes = new QSpinBox(&dialog);
    minutes->setRange(1, 7 * 24 * 60);
    minutes->setValue(60);
    minutes->setSuffix(tr(" min"));
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&Reason:"), reason);
    form->addRow(tr("&Duration:"), minutes);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(reason, &QLineEdit::textChanged, &dialog,
            [buttons](const QString &t) { buttons->button(QDialogButtonBox::Ok)->setEnabled(!t.trimmed().isEmpty()); });
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto r = beginDowntime(key, reason->text().trimmed(), minutes->value()); !r.ok())
        QMessageBox::warning(this, tr("Begin downtime"), r.error());
}

Result<void> MainWindow::beginDowntime(const InstanceKey &key, const QString &reason, int minutes)
{
    if (!m_store)
        return Result<void>::failure(tr("downtime needs the store, and this window has none"));
    Downtime d;
    d.key = key;
    d.owner = qEnvironmentVariable("USER", u"desktop"_s);
    d.reason = reason;
    d.begin = QDateTime::currentDateTimeUtc();
    d.end = d.begin.addSecs(qint64(minutes) * 60);
    if (auto r = m_store->beginDowntime(d); !r.ok()) {
        m_log->add(ActivityLog::Level::Error, key, tr("begin downtime failed: %1").arg(r.error()));
        return r;
    }
    m_log->add(ActivityLog::Level::Operation, key, tr("downtime begun for %1 min: %2").arg(minutes).arg(reason));
    loadDowntimes();
    updateActions();
    return Result<void>::success();
}

Result<void> MainWindow::endDowntime(const InstanceKey &key)
{
    if (!m_store)
        return Result<void>::failure(tr("downtime needs the store, and this window has none"));
    if (auto r = m_store->endDowntime(key); !r.ok()) {
        m_log->add(ActivityLog::Level::Error, key, tr("end downtime failed: %1").arg(r.error()));
        return r;
    }
    m_log->add(ActivityLog::Level::Operation, key, tr("downtime ended"));
    loadDowntimes();
    updateActions();
    return Result<void>::success();
}

Result<void> MainWindow::forget(const InstanceKey &key)
{
    if (m_store) {
        if (auto r = m_store->forgetInstance(key); !r.ok()) {
            m_log->add(ActivityLog::Level::Error, key, tr("forget failed: %1").arg(r.error()));
            return r;
        }
    }
    m_poller->forgetInstance(key);
    m_state->remove(key);
    m_log->add(ActivityLog::Level::Operation, key, tr("forgotten"));
    return Result<void>::success();
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
        QApplication::setPalette(theme == AppSettings::Theme::Dark ? darkPalette() : QApplication::style()->standardPalette());
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
    m_charts = new ChartsPanel(history, m_state, this);
    auto *charts = new QDockWidget(tr("Charts"), this);
    charts->setObjectName(u"chartsDock"_s);
    charts->setWidget(m_charts);
    charts->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, charts);
    if (auto *activity = findChild<QDockWidget *>(u"activityDock"_s))
        tabifyDockWidget(activity, charts);
    connect(m_clusters, &ClusterListWidget::clusterSelected, m_charts, &ChartsPanel::setCluster);
    if (m_settings) {
        m_charts->setWindow(ChartsPanel::windowForSeconds(m_settings->chartWindowSeconds()));
        connect(m_charts, &ChartsPanel::windowChanged, this, [this](ChartsPanel::Window w) {
            m_settings->setChartWindowSeconds(int(ChartsPanel::windowMs(w) / 1000));
        });
        if (const QByteArray state = m_settings->windowState(); !state.isEmpty())
            restoreState(state); // the saved layout knows the charts dock too
    }

    m_tray = new TrayNotifier(m_settings, this, this);
    if (sampler)
        connect(sampler, &HistorySampler::healthEvent, m_tray, &TrayNotifier::notify);
    if (m_recovery) {
        connect(m_recovery->monitor(), &AnalysisMonitor::failureConfirmed, this, [history, this](const ReplicationAnalysis &a) {
            const HistoryEvent event{history->now(), HistoryEvent::Kind::FailureDetected, a.key,
                                     analysisCodeName(a.code) + u": "_s + a.description};
            history->addEvent(event);
            m_tray->notify(event);
        });
    }

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
        restoreState(s);
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
