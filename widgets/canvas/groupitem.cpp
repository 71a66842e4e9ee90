#include "canvas/groupitem.h"

#include "canvas/servercard.h"
#include "canvas/stateglyph.h"
#include "canvas/topologyscene.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using core::InstanceHealth;

GroupItem::GroupItem(const TopologyScene *scene, const core::InstanceKey &parentKey) : m_owner(scene), m_parent(parentKey)
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setZValue(2);
}

QRectF GroupItem::boundingRect() const
{
    const QSizeF s = ServerCard::size();
    return QRectF(-1.5, -1.5, s.width() + 9, s.height() + 9);
}

QString GroupItem::title() const
{
    return tr("%n replica(s) of %1", nullptr, m_summary.total).arg(m_parent.toString());
}

QString GroupItem::summaryText() const
{
    // Best to worst, in the enum's order.
    QStringList parts;
    for (int s = 0; s < core::kInstanceHealthCount; ++s) {
        const auto h = InstanceHealth(s);
        if (const int n = m_summary.counts[s])
            parts << u"%1 %2"_s.arg(n).arg(ServerCard::stateWord(h).toLower());
    }
    if (m_summary.downtimed)
        parts << tr("%1 downtimed").arg(m_summary.downtimed);
    return parts.join(u", "_s);
}

void GroupItem::setSummary(const Summary &summary)
{
    if (summary == m_summary)
        return;
    m_summary = summary;
    setToolTip(title() + u'\n' + summaryText() + u'\n' + tr("Double-click or press Enter to show each server."));
    update();
}

void GroupItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const CanvasTheme &theme = m_owner->theme();
    const QRectF r(QPointF(0, 0), ServerCard::size());
    const QColor state = theme.stateColour(m_summary.worst);
    p->setRenderHint(QPainter::Antialiasing);
    // A stack of cards: two offset outlines behind the front one.
    for (int n = 2; n >= 1; --n) {
        QPainterPath back;
        back.addRoundedRect(r.translated(3 * n, 3 * n).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
        p->fillPath(back, theme.cardFill);
        p->setPen(QPen(theme.cardBorder, 1));
        p->drawPath(back);
    }
    QPainterPath box;
    box.addRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p->fillPath(box, theme.cardFill);
    p->setPen(QPen(isSelected() ? theme.selection : state, isSelected() ? 2.5 : 1.6, Qt::DashLine));
    p->drawPath(box);
    QFont f = p->font();
    f.setPointSizeF(9.5);
    f.setBold(true);
    p->setFont(f);
    p->setPen(theme.text);
    const qreal x = 12, w = r.width() - 24;
    p->drawText(QRectF(x, 6, w, 18), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetricsF(f).elidedText(title(), Qt::ElideMiddle, w));
    f.setBold(false);
    f.setPointSizeF(8.0);
    p->setFont(f);
    p->setPen(theme.mutedText);
    p->drawText(QRectF(x, 24, w, 34), Qt::AlignLeft | Qt::TextWordWrap, summaryText());
    StateGlyph::paint(p, QRectF(x, 62, 14, 14), m_summary.worst, state);
    p->setPen(theme.mutedText);
    p->drawText(QRectF(x + 19, 60, w - 19, 18), Qt::AlignLeft | Qt::AlignVCenter, tr("folded · Enter to expand"));
}

QString GroupItem::svg(const QRectF &r) const
{
    const CanvasTheme &theme = m_owner->theme();
    auto n = [](qreal v) { return QString::number(v, 'f', 1); };
    const QColor state = theme.stateColour(m_summary.worst);
    QString out = u"<g class=\"group\" data-parent=\"%1\" data-members=\"%2\">"_s.arg(m_parent.toString().toHtmlEscaped())
                      .arg(m_members.size());
    out += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"6\" fill=\"%5\" stroke=\"%6\" stroke-dasharray=\"5 3\"/>"_s.arg(
        n(r.left()), n(r.top()), n(r.width()), n(r.height()), theme.cardFill.name(), state.name());
    out += u"<text x=\"%1\" y=\"%2\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12.5\" font-weight=\"bold\" fill=\"%3\">%4</text>"_s
               .arg(n(r.left() + 12), n(r.top() + 20), theme.text.name(), title().toHtmlEscaped());
    out += u"<text x=\"%1\" y=\"%2\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"10.5\" fill=\"%3\">%4</text>"_s
               .arg(n(r.left() + 12), n(r.top() + 40), theme.mutedText.name(), summaryText().toHtmlEscaped());
    out += StateGlyph::svg(QRectF(r.left() + 12, r.top() + 62, 14, 14), m_summary.worst, state);
    return out + u"</g>\n"_s;
}

} // namespace arbor::widgets
