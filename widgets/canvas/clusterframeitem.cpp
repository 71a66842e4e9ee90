#include "canvas/clusterframeitem.h"

#include "canvas/servercard.h"
#include "canvas/stateglyph.h"
#include "canvas/topologyscene.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using core::InstanceHealth;

ClusterFrameItem::ClusterFrameItem(const TopologyScene *scene, const QString &name) : m_owner(scene), m_name(name)
{
    setZValue(0);
    setAcceptedMouseButtons(Qt::NoButton);
}

void ClusterFrameItem::setRect(const QRectF &rect)
{
    if (rect == m_rect)
        return;
    prepareGeometryChange();
    m_rect = rect;
}

void ClusterFrameItem::setSummary(const QString &alias, int servers, InstanceHealth worst)
{
    if (alias == m_alias && servers == m_servers && worst == m_worst)
        return;
    m_alias = alias;
    m_servers = servers;
    m_worst = worst;
    update();
}

QString ClusterFrameItem::title() const
{
    const QString name = m_alias.isEmpty() ? m_name : tr("%1 (%2)").arg(m_alias, m_name);
    return tr("%1 · %n server(s) · %2", nullptr, m_servers).arg(name, ServerCard::stateWord(m_worst).toLower());
}

QString ClusterFrameItem::fittedTitle(const QFont &font, qreal width) const
{
    const QFontMetricsF fm(font);
    const QString full = title();
    if (fm.horizontalAdvance(full) <= width)
        return full;
    // Too narrow (a one-card cluster with a long name): the state matters most, then the name.
    const QString suffix = u" · "_s + ServerCard::stateWord(m_worst).toLower();
    const QString name = m_alias.isEmpty() ? m_name : m_alias;
    return fm.elidedText(name, Qt::ElideMiddle, width - fm.horizontalAdvance(suffix)) + suffix;
}

void ClusterFrameItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *)
{
    const CanvasTheme &theme = m_owner->theme();
    p->setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.addRoundedRect(m_rect, 10, 10);
    p->fillPath(path, theme.clusterFrame);
    p->setPen(QPen(theme.cardBorder, 1));
    p->drawPath(path);
    StateGlyph::paint(p, QRectF(m_rect.left() + 14, m_rect.top() + 12, 14, 14), m_worst, theme.stateColour(m_worst));
    QFont f = p->font();
    f.setPointSizeF(10);
    f.setBold(true);
    p->setFont(f);
    p->setPen(theme.clusterTitle);
    p->drawText(QRectF(m_rect.left() + 34, m_rect.top() + 8, m_rect.width() - 48, 22), Qt::AlignLeft | Qt::AlignVCenter,
                fittedTitle(f, m_rect.width() - 48));
}

QFont ClusterFrameItem::svgTitleFont()
{
    QFont f(u"DejaVu Sans"_s);
    f.setPixelSize(13);
    f.setBold(true);
    return f;
}

QString ClusterFrameItem::svg() const
{
    const CanvasTheme &theme = m_owner->theme();
    auto n = [](qreal v) { return QString::number(v, 'f', 1); };
    QString out = u"<g class=\"cluster\" data-name=\"%1\"><rect x=\"%2\" y=\"%3\" width=\"%4\" height=\"%5\" rx=\"10\" fill=\"%6\" stroke=\"%7\"/>"_s
                      .arg(m_name.toHtmlEscaped(), n(m_rect.left()), n(m_rect.top()), n(m_rect.width()), n(m_rect.height()),
                           theme.clusterFrame.name(), theme.cardBorder.name());
    out += StateGlyph::svg(QRectF(m_rect.left() + 14, m_rect.top() + 12, 14, 14), m_worst, theme.stateColour(m_worst));
    out += u"<text x=\"%1\" y=\"%2\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\" font-weight=\"bold\" fill=\"%3\">%4</text></g>\n"_s
               .arg(n(m_rect.left() + 34), n(m_rect.top() + 24), theme.clusterTitle.name(),
                    fittedTitle(svgTitleFont(), m_rect.width() - 48).toHtmlEscaped());
    return out;
}

} // namespace arbor::widgets
