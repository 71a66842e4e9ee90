#include "canvas/stateglyph.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using core::InstanceHealth;

namespace {
QString num(qreal v)
{
    return QString::number(v, 'f', 1);
}

// Connecting is an ellipsis, "in progress": three white dots across the middle (unit square, 0..1).
constexpr qreal kDotRadius = 0.1;
constexpr qreal kDotX[] = {0.28, 0.5, 0.72};

// The white mark inside the coloured disc, as line segments in a unit square (0..1).
QList<QLineF> markLines(InstanceHealth health)
{
    switch (health) {
    case InstanceHealth::Ok: return {QLineF(0.27, 0.52, 0.44, 0.69), QLineF(0.44, 0.69, 0.74, 0.33)};
    case InstanceHealth::Lagging: return {QLineF(0.5, 0.5, 0.5, 0.24), QLineF(0.5, 0.5, 0.7, 0.62)};
    case InstanceHealth::Connecting: return {}; // dots, drawn apart
    case InstanceHealth::ReplicationStopped: return {QLineF(0.38, 0.3, 0.38, 0.7), QLineF(0.62, 0.3, 0.62, 0.7)};
    case InstanceHealth::ReplicationBroken: return {QLineF(0.32, 0.32, 0.68, 0.68), QLineF(0.68, 0.32, 0.32, 0.68)};
    case InstanceHealth::Unreachable: return {QLineF(0.28, 0.72, 0.72, 0.28)};
    }
    return {};
}
} // namespace

void StateGlyph::paint(QPainter *p, const QRectF &r, InstanceHealth health, const QColor &colour)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    p->drawEllipse(r);
    QPen pen(Qt::white, std::max<qreal>(1.5, r.width() * 0.13), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    if (health == InstanceHealth::Unreachable)
        p->drawEllipse(r.adjusted(r.width() * 0.24, r.height() * 0.24, -r.width() * 0.24, -r.height() * 0.24));
    if (health == InstanceHealth::Connecting) {
        p->setPen(Qt::NoPen);
        p->setBrush(Qt::white);
        for (qreal x : kDotX)
            p->drawEllipse(QPointF(r.left() + x * r.width(), r.center().y()), kDotRadius * r.width(),
                           kDotRadius * r.height());
    }
    for (const QLineF &l : markLines(health))
        p->drawLine(QPointF(r.left() + l.x1() * r.width(), r.top() + l.y1() * r.height()),
                    QPointF(r.left() + l.x2() * r.width(), r.top() + l.y2() * r.height()));
    p->restore();
}

QString StateGlyph::svg(const QRectF &r, InstanceHealth health, const QColor &colour)
{
    QString out = u"<g class=\"glyph\"><circle cx=\"%1\" cy=\"%2\" r=\"%3\" fill=\"%4\"/>"_s.arg(
        num(r.center().x()), num(r.center().y()), num(r.width() / 2), colour.name());
    const QString stroke = u"stroke=\"#ffffff\" stroke-width=\"%1\" stroke-linecap=\"round\" fill=\"none\""_s.arg(
        num(std::max<qreal>(1.5, r.width() * 0.13)));
    if (health == InstanceHealth::Unreachable)
        out += u"<circle cx=\"%1\" cy=\"%2\" r=\"%3\" %4/>"_s.arg(num(r.center().x()), num(r.center().y()),
                                                                  num(r.width() * 0.26), stroke);
    if (health == InstanceHealth::Connecting) {
        for (qreal x : kDotX)
            out += u"<circle cx=\"%1\" cy=\"%2\" r=\"%3\" fill=\"#ffffff\"/>"_s.arg(
                num(r.left() + x * r.width()), num(r.center().y()), num(kDotRadius * r.width()));
    }
    for (const QLineF &l : markLines(health))
        out += u"<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" %5/>"_s.arg(
            num(r.left() + l.x1() * r.width()), num(r.top() + l.y1() * r.height()), num(r.left() + l.x2() * r.width()),
            num(r.top() + l.y2() * r.height()), stroke);
    return out + u"</g>"_s;
}

QIcon StateGlyph::icon(InstanceHealth health, const QColor &colour)
{
    QIcon icon;
    for (int size : {16, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        paint(&p, QRectF(1, 1, size - 2, size - 2), health, colour);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace arbor::widgets
