#include "canvas/dragcontroller.h"

#include "canvas/groupitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "model/topologystate.h"
#include "ops/operationrunner.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QGraphicsPathItem>
#include <QGraphicsPixmapItem>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionGraphicsItem>
#include <QToolTip>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
constexpr int kJudgeBudgetMs = 12; // per event-loop turn, so a drag over thousands of servers stays fluid
constexpr qreal kOverlayZ = 40;
constexpr qreal kGhostZ = 50;

QColor verdictColour(DragController::Verdict v)
{
    switch (v) {
    case DragController::Verdict::Legal: return QColor(0x2e, 0xa0, 0x43);
    case DragController::Verdict::Illegal: return QColor(0xd0, 0x36, 0x36);
    case DragController::Verdict::Neutral:
    case DragController::Verdict::Unknown: break;
    }
    return QColor(0x8a, 0x92, 0xa0);
}
} // namespace

DragController::DragController(TopologyView *view, QObject *parent) : QObject(parent), m_view(view)
{
    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this); // Escape reaches the view, not its viewport
    m_view->viewport()->setAcceptDrops(true);
    m_judgeTimer.setInterval(0);
    connect(&m_judgeTimer, &QTimer::timeout, this, &DragController::judgeSome);
    connect(m_view->topologyScene(), &QObject::destroyed, this, [this] {
        // The scene owned the marks and the ghost: forget them, never delete them twice.
        m_overlays.clear();
        m_ghost = nullptr;
    });
    connect(m_view->topologyScene(), &TopologyScene::layoutChanged, this, [this] {
        // A poll moved boxes under a running drag: keep the marks on their servers.
        const QList<InstanceKey> keys = m_overlays.keys();
        for (const InstanceKey &k : keys)
            showVerdict(k);
    });
}

DragController::~DragController()
{
    clearOverlays();
}

DragPayload DragController::payloadFor(const QGraphicsItem *item, Qt::KeyboardModifiers modifiers) const
{
    DragPayload p;
    if (!item)
        return p;
    const Topology &topology = m_view->topologyScene()->topologyState()->topology();
    if (item->type() == ServerItem::Type) {
        const InstanceKey key = static_cast<const ServerItem *>(item)->key();
        const QList<InstanceKey> replicas = topology.childrenOf(key);
        if ((modifiers & Qt::ShiftModifier) && !replicas.isEmpty()) {
            p.keys = replicas;
            p.replicasOf = key;
        } else {
            p.keys = {key};
            p.classic = (modifiers & Qt::ControlModifier) != 0;
        }
    } else if (item->type() == GroupItem::Type) {
        const auto *g = static_cast<const GroupItem *>(item);
        p.keys = g->members();
        p.replicasOf = g->parentKey();
    }
    return p;
}

bool DragController::beginDrag(const QMimeData *mime, const QPointF &scenePos)
{
    auto payload = DragPayload::fromMimeData(mime); // before finish(), which may free @p mime
    const bool external = m_external;
    if (isDragging())
        finish();
    m_external = external;
    if (!payload.ok()) {
        Q_EMIT hoverChanged(payload.error());
        return false;
    }
    m_payload = payload.value();
    m_dragClock.start();
    m_judgeAllMs = -1;
    m_targets.clear();
    m_pending.clear();
    const TopologyScene *scene = m_view->topologyScene();
    // The source's own cluster first: that is where almost every move goes.
    const QString home = scene->clusterOf(m_payload.isGroup() ? m_payload.replicasOf : m_payload.keys.value(0));
    QList<InstanceKey> others;
    const QList<ServerItem *> items = scene->serverItems();
    for (const ServerItem *item : items)
        (scene->clusterOf(item->key()) == home ? m_pending : others).append(item->key());
    std::sort(m_pending.begin(), m_pending.end());
    std::sort(others.begin(), others.end());
    m_pending += others;
    judgeSome();
    if (!m_pending.isEmpty())
        m_judgeTimer.start();
    updateGhost(scenePos);
    moveDrag(scenePos);
    return true;
}

QList<Instance> DragController::factsFor(const InstanceKey &a, const InstanceKey &b) const
{
    const TopologyState *state = m_view->topologyScene()->topologyState();
    const Topology &topology = state->topology();
    // Plans need the clusters involved, not the whole fleet: keeps judging every target linear.
    QStringList names{topology.clusterNameOf(a)};
    if (const QString other = topology.clusterNameOf(b); other != names.first())
        names << other;
    if (names.contains(QString()))
        return state->instances();
    QList<Instance> facts;
    for (const QString &name : std::as_const(names)) {
        const auto cluster = topology.findCluster(name);
        if (!cluster)
            return state->instances();
        for (const InstanceKey &k : cluster->members) {
            if (const Instance *i = topology.instance(k))
                facts << *i;
        }
    }
    return facts;
}

DragController::Target DragController::judge(const InstanceKey &target) const
{
    Target t;
    const Topology &topology = m_view->topologyScene()->topologyState()->topology();
    const InstanceKey mover = m_payload.isGroup() ? m_payload.replicasOf : m_payload.keys.value(0);
    t.request = m_payload.requestFor(target, m_payload.isGroup() ? topology.childrenOf(mover) : QList<InstanceKey>(),
                                     topology.parentOf(mover));
    if (!m_busy.isEmpty()) {
        t.verdict = Verdict::Illegal;
        t.rule = u"busy"_s;
        t.message = m_busy;
        return t;
    }
    if (!m_payload.isGroup() && !m_payload.classic && topology.parentOf(mover) == target) {
        t.verdict = Verdict::Neutral;
        t.message = tr("%1 already replicates from %2: dropping here changes nothing").arg(mover.toString(), target.toString());
        return t;
    }
    if (m_payload.isGroup() && target == mover) {
        t.verdict = Verdict::Neutral;
        t.message = tr("these replicas already replicate from %1: dropping here changes nothing").arg(target.toString());
        return t;
    }
    const OperationPlan plan = OperationRunner::plan(factsFor(mover, target), t.request, m_options);
    if (plan.refusal) {
        t.verdict = Verdict::Illegal;
        t.rule = plan.refusal->rule;
        t.message = plan.refusal->toString();
        return t;
    }
    t.verdict = Verdict::Legal;
    t.method = plan.method;
    t.message = tr("Drop to %1, by %2").arg(plan.title(), plan.method);
    for (const QString &w : plan.warnings)
        t.message += u"\n"_s + tr("Warning: %1").arg(w);
    return t;
}

void DragController::judgeSome()
{
    QElapsedTimer budget;
    budget.start();
    while (!m_pending.isEmpty() && budget.elapsed() < kJudgeBudgetMs) {
        const InstanceKey k = m_pending.takeFirst();
        if (!m_targets.contains(k)) {
            m_targets.insert(k, judge(k));
            showVerdict(k);
        }
    }
    if (m_pending.isEmpty()) {
        m_judgeTimer.stop();
        if (m_judgeAllMs < 0)
            m_judgeAllMs = m_dragClock.elapsed();
    }
}

DragController::Target DragController::targetFor(const InstanceKey &target)
{
    if (!isDragging())
        return {};
    if (!m_targets.contains(target)) {
        m_pending.removeAll(target);
        m_targets.insert(target, judge(target));
        showVerdict(target);
    }
    return m_targets.value(target);
}

void DragController::showVerdict(const InstanceKey &key)
{
    const ServerItem *item = m_view->topologyScene()->serverItem(key);
    const auto it = m_targets.constFind(key);
    if (!item || it == m_targets.cend())
        return;
    const Target &t = *it;
    QGraphicsPathItem *overlay = m_overlays.value(key);
    if (!overlay) {
        overlay = new QGraphicsPathItem;
        overlay->setZValue(kOverlayZ);
        overlay->setAcceptedMouseButtons(Qt::NoButton);
        overlay->setData(0, u"drop-target"_s);
        m_view->scene()->addItem(overlay);
        m_overlays.insert(key, overlay);
        auto *badge = new QGraphicsSimpleTextItem(overlay);
        QFont f = badge->font();
        f.setPointSizeF(7.5);
        f.setBold(true);
        badge->setFont(f);
    }
    const bool hovered = key == m_hovered;
    const QColor colour = verdictColour(t.verdict);
    const QRectF r = item->sceneBoundingRect().adjusted(-4, -4, 4, 4);
    QPainterPath path;
    path.addRoundedRect(r, 9, 9);
    overlay->setPath(path);
    QColor fill = colour;
    fill.setAlpha(hovered ? 80 : 34);
    overlay->setBrush(fill);
    overlay->setPen(QPen(colour, hovered ? 4.5 : 2.5, t.verdict == Verdict::Neutral ? Qt::DashLine : Qt::SolidLine));
    overlay->setToolTip(t.message);
    auto *badge = static_cast<QGraphicsSimpleTextItem *>(overlay->childItems().value(0));
    if (badge) {
        const QString word = t.verdict == Verdict::Legal     ? u"✓ "_s + t.method
                             : t.verdict == Verdict::Illegal ? u"✗ "_s + t.rule
                                                             : tr("current source");
        badge->setText(word);
        badge->setBrush(colour.darker(t.verdict == Verdict::Neutral ? 100 : 115));
        badge->setPos(r.left() + 6, r.top() - badge->boundingRect().height() - 1);
    }
}

void DragController::clearOverlays()
{
    for (QGraphicsPathItem *o : std::as_const(m_overlays)) {
        if (o->scene())
            o->scene()->removeItem(o);
        delete o;
    }
    m_overlays.clear();
    if (m_ghost) {
        if (m_ghost->scene())
            m_ghost->scene()->removeItem(m_ghost);
        delete m_ghost;
        m_ghost = nullptr;
    }
}

void DragController::updateGhost(const QPointF &scenePos)
{
    if (m_external)
        return; // the platform draws what another widget drags
    if (!m_ghost) {
        const TopologyScene *scene = m_view->topologyScene();
        QGraphicsItem *source = m_payload.isGroup() ? static_cast<QGraphicsItem *>(scene->groupItem(m_payload.replicasOf))
                                                    : scene->serverItem(m_payload.keys.value(0));
        if (m_payload.isGroup() && (!source || !static_cast<GroupItem *>(source)->members().contains(m_payload.keys.value(0))))
            source = scene->serverItem(m_payload.replicasOf); // Shift+drag: the source's card stands for its replicas
        if (!source)
            return;
        const QRectF bounds = source->boundingRect();
        const qreal dpr = m_view->devicePixelRatioF();
        QPixmap pixmap((bounds.size() * dpr).toSize());
        pixmap.setDevicePixelRatio(dpr);
        pixmap.fill(Qt::transparent);
        {
            QPainter p(&pixmap);
            p.setRenderHint(QPainter::Antialiasing);
            p.translate(-bounds.topLeft());
            QStyleOptionGraphicsItem option;
            source->paint(&p, &option, nullptr);
            if (m_payload.isGroup()) {
                // Say what moves: the replicas, not the card drawn.
                const QString text = tr("%n replica(s)", nullptr, int(m_payload.keys.size()));
                QFont f = p.font();
                f.setBold(true);
                p.setFont(f);
                const QRectF tag(bounds.right() - 90, bounds.bottom() - 22, 86, 18);
                p.setBrush(QColor(0x3d, 0x7b, 0xd9));
                p.setPen(Qt::NoPen);
                p.drawRoundedRect(tag, 9, 9);
                p.setPen(Qt::white);
                p.drawText(tag, Qt::AlignCenter, text);
            }
        }
        m_ghost = new QGraphicsPixmapItem(pixmap);
        // Small, light and beside the pointer: the target under it must stay readable.
        m_ghost->setOpacity(0.55);
        m_ghost->setScale(0.55);
        m_ghost->setTransformationMode(Qt::SmoothTransformation);
        m_ghost->setZValue(kGhostZ);
        m_ghost->setAcceptedMouseButtons(Qt::NoButton);
        m_ghost->setData(0, u"drag-ghost"_s);
        m_ghost->setOffset(bounds.topLeft());
        m_view->scene()->addItem(m_ghost);
    }
    m_ghost->setPos(scenePos + QPointF(22, 22) / std::max(0.2, m_view->transform().m11()));
}

InstanceKey DragController::targetAt(const QPointF &scenePos) const
{
    const QList<QGraphicsItem *> items = m_view->scene()->items(scenePos);
    for (const QGraphicsItem *item : items) {
        if (item->type() == ServerItem::Type)
            return static_cast<const ServerItem *>(item)->key();
    }
    // Near misses count: the mark drawn around a box belongs to it.
    for (auto it = m_overlays.cbegin(); it != m_overlays.cend(); ++it) {
        if (it.value()->contains(scenePos))
            return it.key();
    }
    return {};
}

void DragController::moveDrag(const QPointF &scenePos)
{
    if (!isDragging())
        return;
    updateGhost(scenePos);
    const InstanceKey key = targetAt(scenePos);
    if (key == m_hovered)
        return;
    const InstanceKey before = m_hovered;
    m_hovered = key;
    showVerdict(before);
    if (!key.isValid()) {
        QToolTip::hideText();
        Q_EMIT hoverChanged(m_payload.isGroup()
                                ? tr("Drop on a server to move %n replica(s) of %1 below it; Esc cancels", nullptr,
                                     int(m_payload.keys.size()))
                                      .arg(m_payload.replicasOf.toString())
                                : tr("Drop on a server to move %1 below it; Esc cancels").arg(m_payload.keys.value(0).toString()));
        return;
    }
    const Target t = targetFor(key);
    showVerdict(key);
    const QPoint global = m_view->viewport()->mapToGlobal(m_view->mapFromScene(scenePos)) + QPoint(18, 22);
    QToolTip::showText(global, t.message, m_view->viewport());
    Q_EMIT hoverChanged(t.message.section(u'\n', 0, 0));
}

bool DragController::drop(const QPointF &scenePos)
{
    if (!isDragging())
        return false;
    const InstanceKey key = targetAt(scenePos);
    if (!key.isValid()) {
        finish();
        Q_EMIT hoverChanged(QString());
        return false;
    }
    // Judged again on the facts of this moment: a poll may have changed them since the drag began.
    const Target t = judge(key);
    finish();
    switch (t.verdict) {
    case Verdict::Legal:
        Q_EMIT dropRequested(t.request);
        return true;
    case Verdict::Illegal:
        Q_EMIT dropRefused(t.request, t.rule, t.message);
        return true;
    case Verdict::Neutral:
    case Verdict::Unknown:
        Q_EMIT hoverChanged(t.message);
        break;
    }
    return false;
}

void DragController::cancelDrag()
{
    if (!isDragging())
        return;
    finish();
    Q_EMIT hoverChanged(tr("Drag cancelled"));
}

void DragController::finish()
{
    m_judgeTimer.stop();
    clearOverlays();
    m_payload = {};
    m_mime.reset();
    m_targets.clear();
    m_pending.clear();
    m_hovered = {};
    m_external = false;
    m_pressed = false;
    QToolTip::hideText();
    Q_EMIT dragFinished();
}

bool DragController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view) {
        if (event->type() == QEvent::KeyPress && isDragging() && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
            cancelDrag();
            return true;
        }
        return false;
    }
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() != Qt::LeftButton)
            break;
        m_pressPayload = payloadFor(m_view->itemAt(e->position().toPoint()), e->modifiers());
        m_pressed = m_pressPayload.isValid();
        m_pressPos = e->position().toPoint();
        break; // the view still selects the box
    }
    case QEvent::MouseMove: {
        auto *e = static_cast<QMouseEvent *>(event);
        const QPointF scenePos = m_view->mapToScene(e->position().toPoint());
        if (isDragging() && !m_external) {
            moveDrag(scenePos);
            return true;
        }
        if (m_pressed && (e->buttons() & Qt::LeftButton)
            && (e->position().toPoint() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            m_pressed = false;
            m_mime.reset(m_pressPayload.toMimeData());
            beginDrag(m_mime.get(), scenePos);
            return true;
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        m_pressed = false;
        if (e->button() == Qt::LeftButton && isDragging() && !m_external) {
            // Dropped after the view has seen the release: the preview is modal and must not run
            // inside this mouse event.
            const QPointF scenePos = m_view->mapToScene(e->position().toPoint());
            QTimer::singleShot(0, this, [this, scenePos] { drop(scenePos); });
        }
        break;
    }
    case QEvent::DragEnter: {
        auto *e = static_cast<QDragEnterEvent *>(event);
        if (!e->mimeData()->hasFormat(DragPayload::mimeType()))
            break;
        m_external = true;
        if (!beginDrag(e->mimeData(), m_view->mapToScene(e->position().toPoint()))) {
            m_external = false;
            e->ignore();
            return true;
        }
        m_external = true;
        e->acceptProposedAction();
        return true;
    }
    case QEvent::DragMove: {
        auto *e = static_cast<QDragMoveEvent *>(event);
        if (!isDragging() || !m_external)
            break;
        moveDrag(m_view->mapToScene(e->position().toPoint()));
        // Accepting everywhere lets a refused drop land and say why; the marks show the verdict.
        e->acceptProposedAction();
        return true;
    }
    case QEvent::DragLeave:
        if (isDragging() && m_external) {
            cancelDrag();
            return true;
        }
        break;
    case QEvent::Drop: {
        auto *e = static_cast<QDropEvent *>(event);
        if (!isDragging() || !m_external)
            break;
        e->acceptProposedAction();
        const QPointF scenePos = m_view->mapToScene(e->position().toPoint());
        QTimer::singleShot(0, this, [this, scenePos] { drop(scenePos); });
        return true;
    }
    default:
        break;
    }
    return false;
}

} // namespace arbor::widgets
