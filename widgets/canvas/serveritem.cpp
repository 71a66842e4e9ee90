#include "canvas/serveritem.h"

#include "canvas/topologyscene.h"

#include <QStyleOptionGraphicsItem>

namespace arbor::widgets {

ServerItem::ServerItem(const TopologyScene *scene, const ServerCard &card) : m_owner(scene), m_card(card)
{
    setFlags(ItemIsSelectable | ItemIsFocusable);
    setToolTip(m_card.toolTip);
    setZValue(2);
}

QRectF ServerItem::boundingRect() const
{
    const QSizeF s = ServerCard::size();
    return QRectF(-1.5, -1.5, s.width() + 3, s.height() + 3);
}

void ServerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    m_card.paint(painter, QRectF(QPointF(0, 0), ServerCard::size()), m_owner->theme(), isSelected());
}

bool ServerItem::setCard(const ServerCard &card)
{
    if (card == m_card)
        return false;
    m_card = card;
    setToolTip(m_card.toolTip);
    update();
    return true;
}

} // namespace arbor::widgets
