#include "widgets/recovery/recoverypanel.h"

#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "core/recovery/antiflapping.h"
#include "core/recovery/recoverycoordinator.h"
#include "widgets/recovery/recoverydialog.h"
#include "core/recovery/rehearsal.h"
#include "store/store.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
enum AnalysisColumn { ClusterColumn, ServerColumn, CodeColumn, WhyColumn, WarningsColumn };
constexpr int kKeyRole = Qt::UserRole;
constexpr int kUidRole = Qt::UserRole + 1;
constexpr int kAckRole = Qt::UserRole + 2;

QString clusterTitle(const ReplicationAnalysis &a)
{
    return a.clusterAlias.isEmpty() ? a.clusterName : u"%1 (%2)"_s.arg(a.clusterAlias, a.clusterName);
}

QString localTime(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(u"HH:mm:ss"_s) : QString();
}
} // namespace

RecoveryPanel::RecoveryPanel(AnalysisMonitor *monitor, RecoveryCoordinator *coordinator, TopologyState *state, Store *store,
                             QWidget *parent)
    : QWidget(parent), m_state(state), m_store(store), m_monitor(monitor), m_coordinator(coordinator),
      m_banner(new QFrame(this)), m_bannerText(new QLabel(m_banner)),
      m_bannerRecover(new QPushButton(tr("&Recover..."), m_banner)), m_analysis(new QTreeWidget(this)),
      m_timeline(new QTreeWidget(this)), m_recover(new QPushButton(tr("Recover..."), this)),
      m_reanalyse(new QPushButton(tr("Re-analyse now"), this)),
      m_acknowledge(new QPushButton(tr("Acknowledge..."), this)), m_refreshTimer(new QTimer(this))
{
    setObjectName(u"RecoveryPanel"_s);
    // The desktop is no HA node: a laptop lid must never decide a failover.
    m_coordinator->setAutomatic(false);
    m_confirm = [this](const RecoveryPlan &plan, const QStringList &notes) -> std::optional<RecoveryPlan> {
        const ReplicationAnalysis analysis = plan.analysis;
        const bool takeover = plan.kind == RecoveryPlan::Kind::GracefulTakeover;
        RecoveryDialog dialog(
            plan,
            [this, analysis, takeover](const InstanceKey &candidate) { return m_coordinator->plan(analysis, candidate, takeover); },
            notes, this);
        if (dialog.exec() != QDialog::Accepted)
            return std::nullopt;
        return dialog.plan();
    };

    m_banner->setObjectName(u"failureBanner"_s);
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    QPalette bp = m_banner->palette();
    bp.setColor(QPalette::Window, QColor(0xc0, 0x39, 0x2b));
    bp.setColor(QPalette::WindowText, Qt::white);
    m_banner->setPalette(bp);
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerRecover);
    m_banner->setVisible(false);

    m_analysis->setColumnCount(5);
    m_analysis->setHeaderLabels({tr("Cluster"), tr("Server"), tr("Analysis"), tr("Why"), tr("Structure warnings")});
    m_analysis->setRootIsDecorated(true);
    m_analysis->setUniformRowHeights(true);
    // The reason is what matters: it gets the room; the warnings column stays narrow (tooltip has it all).
    m_analysis->header()->setStretchLastSection(false);
    m_analysis->header()->setSectionResizeMode(WhyColumn, QHeaderView::Stretch);
    m_analysis->header()->resizeSection(WarningsColumn, 180);
    m_analysis->setSelectionMode(QAbstractItemView::SingleSelection);
    m_timeline->setColumnCount(4);
    m_timeline->setHeaderLabels({tr("Time"), tr("Recovery"), tr("Result"), tr("Detail")});
    m_timeline->header()->setStretchLastSection(true);
    m_timeline->header()->resizeSection(0, 90);
    m_timeline->header()->resizeSection(1, 300);
    m_timeline->setUniformRowHeights(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_recover);
    buttons->addWidget(m_reanalyse);
    buttons->addWidget(m_acknowledge);
    buttons->addStretch(1);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_analysis, 1);
    topLayout->addLayout(buttons);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(m_timeline);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_banner);
    layout->addWidget(split, 1);

    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(100);
    connect(m_refreshTimer, &QTimer::timeout, this, &RecoveryPanel::refresh);
    connect(m_monitor, &AnalysisMonitor::analysisChanged, this, &RecoveryPanel::onAnalysisChanged);
    if (state)
        connect(state, &TopologyState::structureChanged, this, &RecoveryPanel::scheduleRefresh);
    connect(m_analysis, &QTreeWidget::itemSelectionChanged, this, &RecoveryPanel::updateButtons);
    connect(m_analysis, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (auto key = InstanceKey::parse(item->data(0, kKeyRole).toString()); key.ok())
            Q_EMIT serverActivated(key.value());
    });
    auto ask = [this](const InstanceKey &key) {
        if (!key.isValid())
            return;
        const auto started = recover(key);
        if (!started.ok() && !started.error().isEmpty() && started.error() != tr("cancelled"))
            QMessageBox::warning(this, tr("Recover %1").arg(key.toString()), started.error());
    };
    connect(m_recover, &QPushButton::clicked, this, [this, ask] { ask(selectedFailure()); });
    connect(m_bannerRecover, &QPushButton::clicked, this, [this, ask] { ask(m_bannerKey); });
    m_acknowledge->setToolTip(tr("Select a recovery below: acknowledging it ends its block period "
                                 "(RecoveryPeriodBlockSeconds) for automatic recoveries."));
    connect(m_timeline, &QTreeWidget::itemSelectionChanged, this, &RecoveryPanel::updateButtons);
    connect(m_acknowledge, &QPushButton::clicked, this, [this] {
        const QList<QTreeWidgetItem *> items = m_timeline->selectedItems();
        if (items.isEmpty())
            return;
        QTreeWidgetItem *item = items.constFirst()->parent() ? items.constFirst()->parent() : items.constFirst();
        bool ok = false;
        const QString comment = QInputDialog::getText(this, tr("Acknowledge recovery"),
                                                      tr("Why is it safe to allow the next automatic recovery?"),
                                                      QLineEdit::Normal, QString(), &ok);
        if (!ok)
            return;
        if (const auto r = acknowledge(item->data(0, kUidRole).toString(), comment); !r.ok())
            QMessageBox::warning(this, tr("Acknowledge recovery"), r.error());
    });
    connect(m_reanalyse, &QPushButton::clicked, this, [this] {
        m_monitor->analyzeNow();
        refresh();
    });

    connect(m_coordinator, &RecoveryCoordinator::recoveryStarted, this, [this](const RecoveryRecord &r) {
        recoveryItem(r);
        Q_EMIT logMessage(ActivityLog::Level::Operation, r.failed,
                          tr("recovery of %1 started (%2, %3)").arg(r.analysis, r.trigger, r.uid));
        updateButtons();
    });
    connect(m_coordinator, &RecoveryCoordinator::recoveryStep, this, [this](const RecoveryStep &s) {
        addStep(s);
        if (!s.ok || s.kind == u"sql"_s || s.kind == u"hook"_s || s.kind == u"verify"_s)
            Q_EMIT logMessage(s.ok ? ActivityLog::Level::Operation : ActivityLog::Level::Error, {},
                              tr("recovery step [%1] %2%3").arg(s.kind, s.what, s.ok ? QString() : u": "_s + s.detail.trimmed()));
    });
    connect(m_coordinator, &RecoveryCoordinator::recoveryFinished, this, [this](const RecoveryRecord &r) {
        recoveryItem(r);
        const bool ok = r.status == u"succeeded"_s;
        if (ok && r.kind != u"intermediate-master"_s && r.successor.isValid())
            m_replaced.insert(r.failed, r.successor);
        Q_EMIT logMessage(ok ? ActivityLog::Level::Operation : ActivityLog::Level::Error, r.failed,
                          tr("recovery %1: %2").arg(r.status, r.message));
        Q_EMIT recoveryFinished(r);
        scheduleRefresh();
        updateButtons();
    });
    loadHistory();
    refresh();
}

RecoveryPanel::~RecoveryPanel() = default;

void RecoveryPanel::setConfirmer(Confirmer confirmer)
{
    m_confirm = std::move(confirmer);
}

void RecoveryPanel::scheduleRefresh()
{
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

bool RecoveryPanel::isOffered(const ReplicationAnalysis &a) const
{
    // A master this window already replaced stays dead until someone forgets or rebuilds it: not a
    // failure to recover again. A locked semi-sync master is alive: replacing it is a takeover
    // decision (arbor recover --takeover), not a click on a failure.
    return a.isActionable() && a.code != AnalysisCode::LockedSemiSyncMaster
           && !(m_replaced.contains(a.key) && isDeadMasterCode(a.code));
}

void RecoveryPanel::onAnalysisChanged(const ReplicationAnalysis &a, AnalysisCode previous)
{
    if (a.code == AnalysisCode::NoProblem)
        m_replaced.remove(a.key);
    if (a.code == AnalysisCode::NoProblem) {
        if (previous != AnalysisCode::NoProblem)
            Q_EMIT logMessage(ActivityLog::Level::Info, a.key, tr("%1 cleared").arg(analysisCodeName(previous)));
    } else if (isOffered(a)) {
        Q_EMIT logMessage(ActivityLog::Level::Error, a.key,
                          tr("%1: %2 — the desktop does not recover on its own: use Recover... in the Failures panel")
                              .arg(a.codeName(), a.description));
    } else {
        Q_EMIT logMessage(ActivityLog::Level::Warning, a.key, tr("%1: %2").arg(a.codeName(), a.description));
    }
    scheduleRefresh();
}

void RecoveryPanel::refresh()
{
    m_rows = m_monitor->current();
    std::sort(m_rows.begin(), m_rows.end(), [this](const ReplicationAnalysis &a, const ReplicationAnalysis &b) {
        if (isOffered(a) != isOffered(b))
            return isOffered(a);
        return a.clusterName != b.clusterName ? a.clusterName < b.clusterName : a.key < b.key;
    });
    const InstanceKey selected = selectedFailure();
    const QString selectedText = selected.toString();
    m_analysis->clear();
    QHash<QString, QTreeWidgetItem *> clusters;
    const QBrush alarm(QColor(0xc0, 0x39, 0x2b));
    for (const ReplicationAnalysis &a : std::as_const(m_rows)) {
        QTreeWidgetItem *&parent = clusters[a.clusterName];
        if (!parent) {
            parent = new QTreeWidgetItem(m_analysis, {clusterTitle(a)});
            parent->setFirstColumnSpanned(true);
            QFont f = parent->font(0);
            f.setBold(true);
            parent->setFont(0, f);
        }
        const bool none = a.code == AnalysisCode::NoProblem;
        const auto replaced = m_replaced.constFind(a.key);
        const bool wasReplaced = replaced != m_replaced.constEnd();
        const QString code = none ? tr("(structure only)")
                                  : a.codeName() + (isOffered(a) ? tr(" — actionable") : QString());
        const QString why = wasReplaced ? tr("already replaced by %1; forget it, or rebuild it as a replica: %2")
                                              .arg(replaced->toString(), a.description)
                                        : a.description;
        auto *item = new QTreeWidgetItem(parent, {QString(), a.key.toString(), code, why, a.structureWarnings.join(u", "_s)});
        item->setToolTip(WarningsColumn, a.structureWarnings.join(u'\n'));
        item->setData(0, kKeyRole, a.key.toString());
        item->setToolTip(WhyColumn, tr("%1\nreplicas %2, reachable %3, replicating %4, agreeing the source is lost %5, "
                                       "failing to connect %6, lagging %7, downtimed %8")
                                        .arg(a.description)
                                        .arg(a.countReplicas)
                                        .arg(a.countValidReplicas)
                                        .arg(a.countValidReplicatingReplicas)
                                        .arg(a.countReplicasAgreeingSourceLost)
                                        .arg(a.countReplicasFailingToConnect)
                                        .arg(a.countLaggingReplicas)
                                        .arg(a.countDowntimedReplicas));
        if (isOffered(a)) {
            QFont f = item->font(CodeColumn);
            f.setBold(true);
            item->setFont(CodeColumn, f);
            item->setForeground(CodeColumn, alarm);
        }
        if (a.key.toString() == selectedText)
            item->setSelected(true);
    }
    m_analysis->expandAll();
    for (int c = 0; c < 3; ++c)
        m_analysis->resizeColumnToContents(c);
    if (m_rows.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_analysis, {tr("No problems: every cluster's analysis is clean.")});
        item->setFirstColumnSpanned(true);
        item->setFlags(Qt::ItemIsEnabled);
    }

    // The banner: the first actionable failure, and how many more.
    QList<ReplicationAnalysis> actionable;
    for (const ReplicationAnalysis &a : std::as_const(m_rows)) {
        if (isOffered(a))
            actionable.append(a);
    }
    if (actionable.isEmpty()) {
        m_bannerKey = InstanceKey();
        m_banner->setVisible(false);
    } else {
        const ReplicationAnalysis &a = actionable.constFirst();
        m_bannerKey = a.key;
        QString text = tr("⚠ %1 on %2, cluster %3: %4").arg(a.codeName(), a.key.toString(), clusterTitle(a), a.description);
        if (actionable.size() > 1)
            text += tr(" (+%n more)", nullptr, int(actionable.size() - 1));
        if (m_coordinator->isRecovering(a.clusterName))
            text += tr(" — recovery running");
        m_bannerText->setText(text);
        m_banner->setVisible(true);
    }
    updateButtons();
}

void RecoveryPanel::updateButtons()
{
    const InstanceKey key = selectedFailure();
    bool actionable = false;
    QString cluster;
    for (const ReplicationAnalysis &a : std::as_const(m_rows)) {
        if (a.key == key && isOffered(a)) {
            actionable = true;
            cluster = a.clusterName;
        }
    }
    const bool busy = actionable && m_coordinator->isRecovering(cluster);
    m_recover->setEnabled(actionable && !busy);
    m_recover->setToolTip(busy ? tr("A recovery of this cluster is running.")
                          : actionable ? tr("Shows the plan and asks before anything changes.")
                                       : tr("Select an actionable failure (DeadMaster, DeadIntermediateMaster, ...)."));
    QString bannerCluster;
    for (const ReplicationAnalysis &a : std::as_const(m_rows)) {
        if (a.key == m_bannerKey)
            bannerCluster = a.clusterName;
    }
    m_bannerRecover->setEnabled(m_bannerKey.isValid() && !m_coordinator->isRecovering(bannerCluster));
    const QList<QTreeWidgetItem *> picked = m_timeline->selectedItems();
    const QTreeWidgetItem *recovery = picked.isEmpty() ? nullptr
                                      : picked.constFirst()->parent() ? picked.constFirst()->parent()
                                                                      : picked.constFirst();
    m_acknowledge->setEnabled(m_store && recovery && !recovery->data(0, kAckRole).toBool()
                              && recovery->text(2) != u"running"_s && recovery->text(2) != u"blocked"_s);
    if (!m_unavailableReason.isEmpty()) {
        for (QPushButton *b : {m_recover, m_bannerRecover}) {
            b->setEnabled(false);
            b->setToolTip(m_unavailableReason);
        }
    }
}

void RecoveryPanel::setRecoveryUnavailable(const QString &reason)
{
    m_unavailableReason = reason;
    updateButtons();
}

InstanceKey RecoveryPanel::selectedFailure() const
{
    const QList<QTreeWidgetItem *> items = m_analysis->selectedItems();
    if (items.isEmpty())
        return {};
    auto key = InstanceKey::parse(items.constFirst()->data(0, kKeyRole).toString());
    return key.ok() ? key.value() : InstanceKey();
}

void RecoveryPanel::selectFailure(const InstanceKey &key)
{
    const auto items = m_analysis->findItems(key.toString(), Qt::MatchExactly | Qt::MatchRecursive, ServerColumn);
    m_analysis->clearSelection();
    if (!items.isEmpty()) {
        items.constFirst()->setSelected(true);
        m_analysis->scrollToItem(items.constFirst());
    }
    updateButtons();
}

bool RecoveryPanel::canRecover(const InstanceKey &key) const
{
    return std::any_of(m_rows.cbegin(), m_rows.cend(), [&](const ReplicationAnalysis &a) { return a.key == key && isOffered(a); });
}

Result<int> RecoveryPanel::acknowledge(const QString &uid, const QString &comment)
{
    if (!m_store)
        return Result<int>::failure(tr("Acknowledging needs the store, and this window has none."));
    if (comment.trimmed().isEmpty())
        return Result<int>::failure(tr("Say why the recovery is acknowledged: the comment is kept with it."));
    const QString who = qEnvironmentVariable("USER", u"desktop"_s);
    const auto acked = m_store->acknowledgeRecoveries(uid, QString(), who, comment.trimmed());
    if (!acked.ok())
        return acked;
    if (acked.value() == 0)
        return Result<int>::failure(tr("Recovery %1 is already acknowledged, or was only a blocked attempt.").arg(uid));
    Q_EMIT logMessage(ActivityLog::Level::Operation, {}, tr("recovery %1 acknowledged by %2: %3").arg(uid, who, comment.trimmed()));
    for (int i = 0; i < m_timeline->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_timeline->topLevelItem(i);
        if (item->data(0, kUidRole).toString() == uid) {
            item->setData(0, kAckRole, true);
            item->setText(2, item->text(2) + tr(", acknowledged"));
        }
    }
    updateButtons();
    return acked;
}

QString RecoveryPanel::bannerText() const
{
    return m_banner->isHidden() ? QString() : m_bannerText->text();
}

QStringList RecoveryPanel::notesFor(const ReplicationAnalysis &a) const
{
    QStringList notes;
    notes << tr("The desktop never fails over on its own; this recovery runs because you confirm it.");
    if (a.isDowntimed)
        notes << tr("%1 is downtimed; a manual recovery proceeds anyway.").arg(a.key.toString());
    if (m_store) {
        const RecoveryOptions &o = m_coordinator->options();
        const auto blocking = AntiFlapping::blockingRecovery(*m_store, a.clusterName, a.clusterAlias, a.key,
                                                             o.recoveryPeriodBlockSeconds, QDateTime::currentDateTimeUtc());
        if (blocking.ok() && blocking->has_value())
            notes << tr("An automatic recovery would be blocked: %1. This manual recovery bypasses the block.")
                         .arg(AntiFlapping::explain(**blocking, o.recoveryPeriodBlockSeconds));
    }
    return notes;
}

Result<QString> RecoveryPanel::recover(const InstanceKey &failed)
{
    const auto analysis = m_monitor->analysisOf(failed);
    if (!analysis || !isOffered(*analysis))
        return Result<QString>::failure(tr("%1 has no failure Arbor can recover now (its analysis is %2).")
                                            .arg(failed.toString(), analysis ? analysis->codeName() : tr("clean")));
    if (m_coordinator->isRecovering(analysis->clusterName))
        return Result<QString>::failure(tr("A recovery of cluster %1 is already running; wait for it.").arg(analysis->clusterName));
    auto plan = m_coordinator->plan(*analysis);
    if (!plan.ok())
        return Result<QString>::failure(tr("Cannot plan the recovery of %1: %2").arg(failed.toString(), plan.error()));
    const QStringList notes = notesFor(*analysis);
    Q_EMIT logMessage(ActivityLog::Level::Info, failed, tr("recovery of %1 proposed: %2").arg(analysis->codeName(),
                                                                                               plan->explanation.section(u'\n', 0, 0)));
    const std::optional<RecoveryPlan> confirmed = m_confirm ? m_confirm(plan.value(), notes) : std::nullopt;
    if (!confirmed) {
        Q_EMIT logMessage(ActivityLog::Level::Info, failed, tr("recovery of %1 cancelled; nothing was changed").arg(analysis->codeName()));
        return Result<QString>::failure(tr("cancelled"));
    }
    // The dialog may have stayed open for a while: act only on a failure that still stands.
    const auto still = m_monitor->analysisOf(failed);
    if (!still || !isOffered(*still)) {
        const QString why = tr("%1 is no longer failed (now %2); nothing was changed.")
                                .arg(failed.toString(), still ? still->codeName() : tr("clean"));
        Q_EMIT logMessage(ActivityLog::Level::Warning, failed, why);
        return Result<QString>::failure(why);
    }
    auto started = m_coordinator->start(*confirmed);
    if (!started.ok()) {
        Q_EMIT logMessage(ActivityLog::Level::Error, failed, tr("recovery not started: %1").arg(started.error()));
        return started;
    }
    refresh();
    return started;
}

Result<RecoveryPlan> RecoveryPanel::rehearse(const InstanceKey &victim)
{
    using R = Result<RecoveryPlan>;
    const auto assumed = Rehearsal::assumeDead(m_state->topology(), victim);
    if (!assumed.ok())
        return R::failure(tr("Cannot rehearse a failover of %1: %2").arg(victim.toString(), assumed.error()));
    const ReplicationAnalysis a = assumed.value();
    auto plan = m_coordinator->plan(a);
    if (!plan.ok())
        return R::failure(tr("Cannot plan a recovery of %1: %2").arg(victim.toString(), plan.error()));
    const QStringList notes{tr("A rehearsal: Arbor shows what it would do if %1 died now, with the promotion rules and "
                               "filters of this moment. No server is touched and no hook runs.")
                                .arg(victim.toString())};
    Q_EMIT logMessage(ActivityLog::Level::Info, victim, tr("failover rehearsed: %1").arg(plan->explanation.section(u'\n', 0, 0)));
    showRehearsal(plan.value(), notes, [this, a](const InstanceKey &candidate) { return m_coordinator->plan(a, candidate); });
    return plan;
}

void RecoveryPanel::showRehearsal(const RecoveryPlan &plan, const QStringList &notes,
                                  const std::function<Result<RecoveryPlan>(const InstanceKey &)> &replan)
{
    if (m_rehearsalViewer) {
        m_rehearsalViewer(plan, notes);
        return;
    }
    RecoveryDialog dialog(plan, replan, notes, this);
    dialog.setRehearsal(true);
    dialog.exec();
}

Result<QString> RecoveryPanel::promote(const InstanceKey &designated)
{
    if (!m_unavailableReason.isEmpty())
        return Result<QString>::failure(m_unavailableReason);
    const auto cluster = m_state->topology().findCluster(designated.toString());
    if (!cluster)
        return Result<QString>::failure(tr("%1 is in no known cluster").arg(designated.toString()));
    if (cluster->master == designated)
        return Result<QString>::failure(tr("%1 is already the master of %2").arg(designated.toString(), cluster->name));
    if (m_coordinator->isRecovering(cluster->name))
        return Result<QString>::failure(tr("A recovery of cluster %1 is already running; wait for it.").arg(cluster->name));
    ReplicationAnalysis a;
    a.key = cluster->master;
    a.clusterName = cluster->name;
    a.clusterAlias = cluster->alias;
    a.description = tr("planned promotion of %1 in place of %2").arg(designated.toString(), cluster->master.toString());
    auto plan = m_coordinator->plan(a, designated, true);
    if (!plan.ok())
        return Result<QString>::failure(tr("Cannot plan the promotion of %1: %2").arg(designated.toString(), plan.error()));
    QStringList notes;
    notes << tr("A planned switchover: %1 stops taking writes, %2 catches up and becomes the master, the other "
                "replicas and then %1 (read-only) replicate from it.")
                 .arg(cluster->master.toString(), designated.toString());
    notes << tr("This cannot be undone from the undo stack: to switch back, promote %1 again.").arg(cluster->master.toString());
    // The old master was a master: it has no replication account of its own to keep, and the desktop
    // has no recovery config. It replicates with this connection's account (from the keychain or the
    // credentials file; Arbor's account holds REPLICATION SLAVE), else it would fail with error 1045.
    RecoveryOptions &o = plan.value().options;
    if (o.replicationUser.isEmpty() && !plan->probe.credentials.isEmpty()) {
        o.replicationUser = plan->probe.credentials.user();
        o.replicationPassword = plan->probe.credentials.password();
        notes << tr("%1 will replicate from %2 as %3, the account of this connection (no replication account is configured).")
                     .arg(cluster->master.toString(), designated.toString(), o.replicationUser);
    }
    Q_EMIT logMessage(ActivityLog::Level::Info, designated, tr("planned promotion proposed: %1").arg(plan->explanation.section(u'\n', 0, 0)));
    const std::optional<RecoveryPlan> confirmed = m_confirm ? m_confirm(plan.value(), notes) : std::nullopt;
    if (!confirmed) {
        Q_EMIT logMessage(ActivityLog::Level::Info, designated, tr("planned promotion cancelled; nothing was changed"));
        return Result<QString>::failure(tr("cancelled"));
    }
    auto started = m_coordinator->start(*confirmed);
    if (!started.ok()) {
        Q_EMIT logMessage(ActivityLog::Level::Error, designated, tr("planned promotion not started: %1").arg(started.error()));
        return started;
    }
    Q_EMIT logMessage(ActivityLog::Level::Operation, designated, tr("planned promotion of %1 started").arg(confirmed->choice.chosen.toString()));
    refresh();
    return started;
}

void RecoveryPanel::loadHistory()
{
    if (!m_store)
        return;
    const auto recent = m_store->readRecoveries(20);
    if (!recent.ok())
        return;
    // Oldest first so that the newest ends on top after recoveryItem() inserts at the top.
    for (auto it = recent->crbegin(); it != recent->crend(); ++it) {
        QTreeWidgetItem *item = recoveryItem(*it);
        if (const auto steps = m_store->readRecoverySteps(it->uid); steps.ok()) {
            for (const RecoveryStep &s : *steps) {
                auto *child = new QTreeWidgetItem(item, {localTime(s.at), u"[%1] %2"_s.arg(s.kind, s.what),
                                                         s.ok ? tr("ok") : tr("FAILED"), s.detail.trimmed()});
                child->setToolTip(3, s.detail);
            }
        }
    }
}

QTreeWidgetItem *RecoveryPanel::recoveryItem(const RecoveryRecord &r)
{
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < m_timeline->topLevelItemCount() && !item; ++i) {
        if (m_timeline->topLevelItem(i)->data(0, kUidRole).toString() == r.uid)
            item = m_timeline->topLevelItem(i);
    }
    if (!item) {
        item = new QTreeWidgetItem;
        item->setData(0, kUidRole, r.uid);
        m_timeline->insertTopLevelItem(0, item);
    }
    const QString what = r.successor.isValid() ? tr("%1 %2 → %3 (%4, %5)").arg(r.analysis, r.failed.toString(), r.successor.toString(), r.kind, r.trigger)
                                               : tr("%1 %2 (%3, %4)").arg(r.analysis, r.failed.toString(), r.kind, r.trigger);
    item->setText(0, localTime(r.startedAt));
    item->setText(1, what);
    item->setText(2, r.isAcknowledged() ? tr("%1, acknowledged").arg(r.status) : r.status);
    item->setData(0, kAckRole, r.isAcknowledged());
    item->setText(3, r.message);
    item->setToolTip(3, r.explanation.isEmpty() ? r.message : r.message + u"\n\n"_s + r.explanation);
    if (r.status != u"running"_s && r.status != u"succeeded"_s)
        item->setForeground(2, QBrush(QColor(0xc0, 0x39, 0x2b)));
    return item;
}

void RecoveryPanel::addStep(const RecoveryStep &s)
{
    for (int i = 0; i < m_timeline->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_timeline->topLevelItem(i);
        if (item->data(0, kUidRole).toString() != s.recoveryUid)
            continue;
        auto *child = new QTreeWidgetItem(item, {localTime(s.at), u"[%1] %2"_s.arg(s.kind, s.what), s.ok ? tr("ok") : tr("FAILED"),
                                                 s.detail.trimmed().section(u'\n', 0, 0)});
        child->setToolTip(3, s.detail);
        item->setExpanded(true);
        return;
    }
}

} // namespace arbor::widgets
