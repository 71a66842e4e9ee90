#include "widgets/recovery/rehearsalpreview.h"

#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "core/recovery/rehearsal.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

RehearsalPreview::RehearsalPreview(QWidget *parent)
    : QWidget(parent), m_scene(new TopologyScene(&m_state, this)), m_view(new TopologyView(m_scene, this)), m_caption(new QLabel(this))
{
    m_view->setObjectName(u"rehearsalPreviewView"_s);
    m_caption->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_view, 1);
    connect(m_scene, &TopologyScene::layoutChanged, m_view, &TopologyView::fitAll);
    m_view->viewport()->installEventFilter(this);
}

RehearsalPreview::~RehearsalPreview()
{
    delete m_view;
    delete m_scene; // before the state it follows
}

QList<Instance> RehearsalPreview::resultingFacts(const RecoveryPlan &plan)
{
    const QHash<InstanceKey, InstanceKey> sources = Rehearsal::resultingSources(plan);
    QList<Instance> out;
    for (const Instance &before : plan.facts) {
        const auto it = sources.constFind(before.key);
        if (it == sources.constEnd())
            continue;
        Instance after = before;
        // The tree is drawn from the sources alone: what SHOW SLAVE HOSTS said before no longer holds.
        after.replicaKeys.clear();
        if (!it->isValid()) {
            if (before.key == plan.choice.chosen) {
                after.replication.reset();
                after.readOnly = false;
            }
        } else if (!after.replication || after.replication->sourceKey != *it) {
            ReplicationState r = after.replication.value_or(ReplicationState{});
            r.sourceKey = *it;
            r.ioThread = ReplicationState::ThreadState::Running;
            r.sqlThread = ReplicationState::ThreadState::Running;
            r.lastIoErrno = r.lastSqlErrno = 0;
            r.lastIoError.clear();
            r.lastSqlError.clear();
            r.secondsBehindSource = 0;
            after.replication = r;
            if (before.key == plan.failed)
                after.readOnly = true; // a graceful takeover's old master
        }
        out.append(after);
    }
    return out;
}

void RehearsalPreview::setPlan(const RecoveryPlan &plan)
{
    for (const Instance &i : m_state.instances())
        m_state.remove(i.key);
    for (const Instance &i : resultingFacts(plan))
        m_state.update(i);
    const bool intermediate = plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster;
    const QList<InstanceKey> &lost = intermediate ? plan.orphansLost : plan.choice.lost;
    const InstanceKey successor = intermediate ? plan.target : plan.choice.chosen;
    QStringList lostNames;
    for (const InstanceKey &k : lost)
        lostNames << k.toString();
    QString text = successor.isValid()
                       ? (intermediate ? tr("After the recovery: the replicas of %1 replicate from %2.").arg(plan.failed.toString(), successor.toString())
                                       : tr("After the recovery: %1 is the master.").arg(successor.toString()))
                       : tr("No recovery is possible: the tree would stay as it is, without %1.").arg(plan.failed.toString());
    if (plan.kind != RecoveryPlan::Kind::GracefulTakeover)
        text += u' ' + tr("%1 is left out (assumed dead).").arg(plan.failed.toString());
    if (!lostNames.isEmpty())
        text += u' ' + tr("Lost: %1.").arg(lostNames.join(u", "_s));
    m_caption->setText(text);
    m_scene->layoutNow();
    m_view->fitAll();
}

QString RehearsalPreview::caption() const
{
    return m_caption->text();
}

bool RehearsalPreview::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        m_view->fitAll();
    return QWidget::eventFilter(watched, event);
}

} // namespace arbor::widgets
