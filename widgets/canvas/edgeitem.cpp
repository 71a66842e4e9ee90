#include "canvas/edgeitem.h"

#include "canvas/topologyscene.h"
#include "model/instancehealth.h"

#include <QFontMetricsF>
#include <QPainter>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
// Wide enough for the longest state word ("connecting", "verbindet") at the label's 7.5 pt bold.
constexpr qreal kLabelWidth = 90;
} // namespace

EdgeItem::EdgeItem(const TopologyScene *scene, const InstanceKey &source, const InstanceKey &replica)
    : m_owner(scene), m_source(source), m_replica(replica)
{
    setZValue(1);
    setAcceptedMouseButtons(Qt::NoButton);
}

EdgeItem::State EdgeItem::stateOf(const Instance &i)
{
    if (!i.lastCheckValid || !i.replication)
        return State::Unknown;
    // The replica's health without its lag: the arrow and the card follow one rule.
    switch (healthOf(i, std::numeric_limits<int>::max())) {
    case InstanceHealth::Ok:
    case InstanceHealth::Lagging: return State::Running;
    case InstanceHealth::Connecting: return State::Connecting;
    case InstanceHealth::ReplicationStopped: return State::Stopped;
    case InstanceHealth::ReplicationBroken: return State::Broken;
    case InstanceHealth::Unreachable: break;
    }
    return State::Unknown;
}

QString EdgeItem::stateWord(State state)
{
    switch (state) {
    case State::Running: return QString();
    case State::Connecting: return tr("connecting");
    case State::Stopped: return tr("stopped");
    case State::Broken: return tr("broken");
    case State::Unknown: return tr("unknown");
    }
    return QString();
}

void EdgeItem::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    update();
}

void EdgeItem::setEnds(const QRectF &from, const QRectF &to, bool vertical)
{
    prepareGeometryChange();
    QPainterPath path;
    if (vertical) {
        const QPointF a(from.center().x(), from.bottom());
        const QPointF b(to.center().x(), to.top());
        const qreal midY = a.y() + (b.y() - a.y()) / 2;
        path.moveTo(a);
        path.lineTo(a.x(), midY);
        path.lineTo(b.x(), midY);
        path.lineTo(b);
        m_tip = b;
        m_direction = QPointF(0, 1);
    } else {
        const QPointF a(from.right(), from.center().y());
        const QPointF b(to.left(), to.center().y());
        const qreal midX = a.x() + (b.x() - a.x()) / 2;
        path.moveTo(a);
        path.lineTo(midX, a.y());
        path.lineTo(midX, b.y());
        path.lineTo(b);
        m_tip = b;
        m_direction = QPointF(1, 0);
    }
    m_path = path;
}

QRectF EdgeItem::boundingRect() const
{
    // Room for the state word beside the arrow head (kLabelWidth) as well as the head itself.
    return m_path.boundingRect().adjusted(-kLabelWidth - 10, -28, kLabelWidth + 10, 28);
}

void EdgeItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const CanvasTheme &theme = m_owner->theme();
    QColor colour = theme.edge;
    Qt::PenStyle style = Qt::SolidLine;
    qreal width = 1.4;
    switch (m_state) {
    case State::Running: break;
    case State::Connecting: colour = theme.connecting; style = Qt::DashDotLine; width = 1.8; break;
    case State::Stopped: colour = theme.stopped; style = Qt::DashLine; width = 1.8; break;
    case State::Broken: colour = theme.broken; width = 2.2; break;
    case State::Unknown: colour = theme.unreachable; style = Qt::DotLine; width = 1.8; break;
    }
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(QPen(colour, width, style, Qt::FlatCap, Qt::MiterJoin));
    p->setBrush(Qt::NoBrush);
    p->drawPath(m_path);
    // Arrow head at the replica: replication flows from source to replica.
    const QPointF d = m_direction;
    const QPointF n(-d.y(), d.x());
    QPolygonF head{m_tip, m_tip - d * 9 + n * 5, m_tip - d * 9 - n * 5};
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    p->drawPolygon(head);
    const QString word = stateWord(m_state);
    if (!word.isEmpty()) {
        QFont f = p->font();
        f.setPointSizeF(7.5);
        f.setBold(true);
        // Beside the arrow head, away from the line: right of a downward arrow, left of a rightward one.
        // Left of it, the gap between two levels is all the room there is (the source's box is drawn
        // over the rest), so a long word ("connecting", "unbekannt") is set a little smaller to fit.
        const bool down = d.y() > 0;
        const qreal start = m_path.elementCount() ? m_path.elementAt(0).x : m_tip.x() - kLabelWidth;
        const qreal room = down ? kLabelWidth : std::max<qreal>(0, m_tip.x() - start - 8);
        while (!down && f.pointSizeF() > 6.0 && QFontMetricsF(f).horizontalAdvance(word) > room)
            f.setPointSizeF(f.pointSizeF() - 0.25);
        p->setFont(f);
        p->setPen(colour);
        const QRectF label = down ? QRectF(m_tip.x() + 6, m_tip.y() - 26, kLabelWidth, 14)
                                  : QRectF(m_tip.x() - 6 - kLabelWidth, m_tip.y() - 20, kLabelWidth, 14);
        p->drawText(label, (down ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter, word);
    }
}

QString EdgeItem::svg() const
{
    const CanvasTheme &theme = m_owner->theme();
    auto n = [](qreal v) { return QString::number(v, 'f', 1); };
    QString d;
    for (int i = 0; i < m_path.elementCount(); ++i) {
        const QPainterPath::Element e = m_path.elementAt(i);
        d += (i == 0 ? u"M"_s : u" L"_s) + n(e.x) + u' ' + n(e.y);
    }
    QColor colour = theme.edge;
    QString extra;
    switch (m_state) {
    case State::Running: break;
    case State::Connecting: colour = theme.connecting; extra = u" stroke-dasharray=\"6 3 1.5 3\""_s; break;
    case State::Stopped: colour = theme.stopped; extra = u" stroke-dasharray=\"6 4\""_s; break;
    case State::Broken: colour = theme.broken; break;
    case State::Unknown: colour = theme.unreachable; extra = u" stroke-dasharray=\"2 3\""_s; break;
    }
    const QPointF dir = m_direction;
    const QPointF nn(-dir.y(), dir.x());
    const QPointF b = m_tip - dir * 9 + nn * 5, c = m_tip - dir * 9 - nn * 5;
    return u"<g class=\"edge\" data-source=\"%1\" data-replica=\"%2\"><path d=\"%3\" fill=\"none\" stroke=\"%4\" stroke-width=\"1.6\"%5/>"
           "<polygon points=\"%6,%7 %8,%9 %10,%11\" fill=\"%4\"/></g>\n"_s
        .arg(m_source.toString().toHtmlEscaped(), m_replica.toString().toHtmlEscaped(), d, colour.name(), extra)
        .arg(n(m_tip.x()), n(m_tip.y()), n(b.x()), n(b.y()), n(c.x()), n(c.y()));
}

} // namespace arbor::widgets
