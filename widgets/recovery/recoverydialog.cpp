#include "widgets/recovery/recoverydialog.h"

#include "widgets/recovery/recoveryplansteps.h"
#include "widgets/recovery/rehearsalpreview.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
QString headline(const RecoveryPlan &plan)
{
    const QString cluster = plan.hooks.clusterAlias.isEmpty() ? plan.hooks.clusterName : plan.hooks.clusterAlias;
    switch (plan.kind) {
    case RecoveryPlan::Kind::DeadIntermediateMaster:
        return RecoveryDialog::tr("%1 on %2 (cluster %3): move its replicas").arg(plan.analysis.codeName(), plan.failed.toString(), cluster);
    case RecoveryPlan::Kind::GracefulTakeover:
        return RecoveryDialog::tr("Graceful takeover of %1 (cluster %2)").arg(plan.failed.toString(), cluster);
    case RecoveryPlan::Kind::DeadMaster: break;
    }
    return RecoveryDialog::tr("%1 on %2 (cluster %3): promote a replica").arg(plan.analysis.codeName(), plan.failed.toString(), cluster);
}

QString reason(const RecoveryPlan &plan)
{
    const ReplicationAnalysis &a = plan.analysis;
    // A planned switchover has no failure to count: the request says it all.
    if (plan.kind == RecoveryPlan::Kind::GracefulTakeover)
        return a.description;
    // The holistic verdict with the counts it rests on.
    return RecoveryDialog::tr("%1\nArbor cannot reach it: %2 · replicas: %3, reachable: %4, agreeing they lost it: %5, "
                              "still replicating: %6")
        .arg(a.description, a.lastCheckValid ? RecoveryDialog::tr("no") : RecoveryDialog::tr("yes"))
        .arg(a.countReplicas)
        .arg(a.countValidReplicas)
        .arg(a.countReplicasAgreeingSourceLost)
        .arg(a.countValidReplicatingReplicas);
}
} // namespace

RecoveryDialog::RecoveryDialog(RecoveryPlan plan, Replanner replan, const QStringList &notes, QWidget *parent)
    : QDialog(parent), m_plan(std::move(plan)), m_replan(std::move(replan)), m_headline(new QLabel(this)),
      m_reason(new QLabel(this)), m_ranking(new QTreeWidget(this)), m_candidate(new QComboBox(this)),
      m_steps(new QPlainTextEdit(this)), m_preview(new RehearsalPreview(this)), m_notes(new QLabel(this)), m_problem(new QLabel(this)),
      m_recover(new QPushButton(tr("&Recover"), this))
{
    setObjectName(u"RecoveryDialog"_s);
    setWindowTitle(tr("Recover %1").arg(m_plan.failed.toString()));
    QFont big = m_headline->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ranking->setColumnCount(5);
    m_ranking->setHeaderLabels({tr("#"), tr("Replica"), tr("Rule"), tr("Position"), tr("Why")});
    m_ranking->setRootIsDecorated(false);
    m_ranking->setSelectionMode(QAbstractItemView::NoSelection);
    m_ranking->header()->setStretchLastSection(true);
    m_steps->setReadOnly(true);
    m_steps->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_notes->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #c0392b; font-weight: bold;"_s);
    if (!notes.isEmpty())
        m_notes->setText(u"• "_s + notes.join(u"\n• "_s));
    m_notes->setVisible(!notes.isEmpty());

    auto *candidateRow = new QFormLayout;
    candidateRow->addRow(m_plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster ? tr("New &source:") : tr("&Promote:"),
                         m_candidate);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_recover, QDialogButtonBox::AcceptRole);
    // Enter must not start a failover: Cancel is the default.
    m_recover->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_reason);
    layout->addWidget(new QLabel(tr("Candidates, best first:"), this));
    layout->addWidget(m_ranking, 2);
    layout->addLayout(candidateRow);
    layout->addWidget(new QLabel(tr("What Arbor will do, in this order:"), this));
    layout->addWidget(m_steps, 2);
    layout->addWidget(new QLabel(tr("The tree afterwards:"), this));
    layout->addWidget(m_preview, 3);
    layout->addWidget(m_notes);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_candidate, &QComboBox::currentIndexChanged, this, &RecoveryDialog::onCandidateChosen);
    showPlan();
    resize(900, 860);
}

void RecoveryDialog::showPlan()
{
    m_filling = true;
    m_headline->setText(headline(m_plan));
    m_reason->setText(reason(m_plan));
    if (m_plan.kind == RecoveryPlan::Kind::GracefulTakeover)
        m_recover->setText(tr("&Promote"));
    m_ranking->clear();
    m_candidate->clear();
    m_candidate->addItem(tr("Arbor's choice"), QString());
    if (m_plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster) {
        m_ranking->setVisible(false);
        if (m_plan.target.isValid())
            m_candidate->addItem(m_plan.target.toString(), m_plan.target.toString());
    } else {
        m_ranking->setVisible(true);
        for (const CandidateChoice::Entry &e : m_plan.choice.ranking) {
            auto *item = new QTreeWidgetItem(m_ranking, {e.rank > 0 ? QString::number(e.rank) : u"–"_s, e.key.toString(),
                                                         promotionRuleName(e.rule), e.position, e.reason});
            if (e.key == m_plan.choice.chosen) {
                QFont f = item->font(0);
                f.setBold(true);
                for (int c = 0; c < 5; ++c)
                    item->setFont(c, f);
            } else if (!e.eligible) {
                for (int c = 0; c < 5; ++c)
                    item->setForeground(c, palette().brush(QPalette::Disabled, QPalette::Text));
            }
            if (e.eligible)
                m_candidate->addItem(e.key.toString(), e.key.toString());
        }
        for (int c = 0; c < 4; ++c)
            m_ranking->resizeColumnToContents(c);
    }
    const InstanceKey chosen = m_plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster ? m_plan.target : m_plan.choice.chosen;
    // A replica the user picked stays picked; Arbor's own choice shows as "Arbor's choice".
    const bool requested = m_plan.choice.ranking.isEmpty() ? false : m_candidate->property("requested").toBool();
    m_candidate->setCurrentIndex(requested ? std::max(0, m_candidate->findData(chosen.toString())) : 0);
    m_steps->setPlainText(stepsText());
    m_preview->setPlan(m_plan);
    const QString blocker = RecoveryPlanSteps::blocker(m_plan);
    m_problem->setText(blocker);
    m_problem->setVisible(!blocker.isEmpty());
    m_recover->setEnabled(blocker.isEmpty());
    m_filling = false;
}

void RecoveryDialog::setRehearsal(bool rehearsal)
{
    m_recover->setVisible(!rehearsal);
    m_recover->setEnabled(!rehearsal && m_recover->isEnabled());
    if (rehearsal) {
        setWindowTitle(tr("Rehearsal: if %1 died now").arg(m_plan.failed.toString()));
        m_reason->setText(m_plan.analysis.description); // no failure to count: the server is fine
    }
}

QString RecoveryDialog::stepsText() const
{
    const QStringList steps = RecoveryPlanSteps::describe(m_plan);
    QStringList lines;
    for (int i = 0; i < steps.size(); ++i)
        lines << u"%1. %2"_s.arg(i + 1).arg(steps.at(i));
    return lines.join(u'\n');
}

void RecoveryDialog::onCandidateChosen(int index)
{
    if (m_filling || !m_replan || index < 0)
        return;
    const QString text = m_candidate->itemData(index).toString();
    const InstanceKey candidate = text.isEmpty() ? InstanceKey() : InstanceKey::parse(text).value();
    auto fresh = m_replan(candidate);
    if (!fresh.ok()) {
        m_problem->setText(fresh.error());
        m_problem->setVisible(true);
        m_recover->setEnabled(false);
        return;
    }
    m_plan = std::move(fresh).value();
    m_candidate->setProperty("requested", candidate.isValid());
    showPlan();
}

QString RecoveryDialog::describe(const RecoveryPlan &plan, const QStringList &notes)
{
    QStringList lines{headline(plan), reason(plan), QString(), plan.explanation, QString(), tr("Steps:")};
    const QStringList steps = RecoveryPlanSteps::describe(plan);
    for (int i = 0; i < steps.size(); ++i)
        lines << u"%1. %2"_s.arg(i + 1).arg(steps.at(i));
    for (const QString &n : notes)
        lines << u"note: "_s + n;
    return lines.join(u'\n');
}

} // namespace arbor::widgets
