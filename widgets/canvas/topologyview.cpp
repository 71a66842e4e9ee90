#include "canvas/topologyview.h"

#include "canvas/groupitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"

#include <QKeyEvent>
#include <QWheelEvent>

#include <cmath>
#include <limits>

namespace arbor::widgets {

TopologyView::TopologyView(TopologyScene *scene, QWidget *parent) : QGraphicsView(scene, parent), m_scene(scene)
{
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Topology canvas"));
}

void TopologyView::setZoom(qreal factor)
{
    factor = std::clamp(factor, 0.05, 4.0);
    QTransform t;
    t.scale(factor, factor);
    setTransform(t);
    Q_EMIT zoomChanged(factor);
}

void TopologyView::fitAll()
{
    m_scene->layoutNow();
    const QRectF r = m_scene->itemsBoundingRect();
    if (r.isEmpty())
        return;
    fitInView(r.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setZoom(1.0); // a small topology is shown at natural size, not blown up
    Q_EMIT zoomChanged(zoom());
}

void TopologyView::fitCluster(const QString &name)
{
    m_scene->layoutNow();
    const QRectF r = m_scene->clusterRect(name);
    if (r.isEmpty())
        return;
    fitInView(r.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setZoom(1.0);
    centerOn(r.center());
    Q_EMIT zoomChanged(zoom());
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal steps = event->angleDelta().y() / 120.0;
        setZoom(zoom() * std::pow(1.15, steps));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

bool TopologyView::moveSelection(int dx, int dy)
{
    QList<QGraphicsItem *> selected = m_scene->selectedItems();
    QGraphicsItem *from = selected.isEmpty() ? nullptr : selected.first();
    QList<QGraphicsItem *> boxes;
    const QList<QGraphicsItem *> all = m_scene->items();
    for (QGraphicsItem *item : all) {
        if (item->type() == ServerItem::Type || item->type() == GroupItem::Type)
            boxes.append(item);
    }
    if (boxes.isEmpty())
        return false;
    QGraphicsItem *best = nullptr;
    if (!from) {
        // Nothing selected yet: start at the top-left box.
        qreal bestScore = std::numeric_limits<qreal>::max();
        for (QGraphicsItem *item : boxes) {
            const qreal score = item->pos().y() * 4 + item->pos().x();
            if (score < bestScore) {
                bestScore = score;
                best = item;
            }
        }
    } else {
        const QPointF origin = from->sceneBoundingRect().center();
        qreal bestScore = std::numeric_limits<qreal>::max();
        for (QGraphicsItem *item : boxes) {
            if (item == from)
                continue;
            const QPointF d = item->sceneBoundingRect().center() - origin;
            const qreal along = d.x() * dx + d.y() * dy;
            if (along <= 1.0)
                continue;
            const qreal off = std::abs(d.x() * dy) + std::abs(d.y() * dx);
            const qreal score = along + 2.5 * off; // prefer boxes straight ahead
            if (score < bestScore) {
                bestScore = score;
                best = item;
            }
        }
    }
    if (!best)
        return false;
    m_scene->clearSelection();
    best->setSelected(true);
    m_scene->setFocusItem(best);
    ensureVisible(best, 40, 40);
    return true;
}

void TopologyView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left: moveSelection(-1, 0); return;
    case Qt::Key_Right: moveSelection(1, 0); return;
    case Qt::Key_Up: moveSelection(0, -1); return;
    case Qt::Key_Down: moveSelection(0, 1); return;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); return;
    case Qt::Key_Minus: zoomOut(); return;
    case Qt::Key_0: setZoom(1.0); return;
    case Qt::Key_Return:
    case Qt::Key_Enter: {
        const QList<QGraphicsItem *> selected = m_scene->selectedItems();
        if (!selected.isEmpty() && selected.first()->type() == GroupItem::Type) {
            const auto parent = static_cast<GroupItem *>(selected.first())->parentKey();
            m_scene->setExpanded(parent, true);
            return;
        }
        if (!selected.isEmpty() && selected.first()->type() == ServerItem::Type) {
            Q_EMIT m_scene->serverActivated(static_cast<ServerItem *>(selected.first())->key());
            return;
        }
        break;
    }
    default: break;
    }
    QGraphicsView::keyPressEvent(event);
}

} // namespace arbor::widgets
