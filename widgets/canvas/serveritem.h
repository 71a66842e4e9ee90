#pragma once

#include "canvas/servercard.h"

#include <QGraphicsItem>

namespace arbor::widgets {

class TopologyScene;

// One server on the canvas: a thin view that paints its ServerCard. The scene sets the card from
// each snapshot; nothing else lives here.
class ServerItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    ServerItem(const TopologyScene *scene, const ServerCard &card);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const ServerCard &card() const { return m_card; }
    const core::InstanceKey &key() const { return m_card.key; }
    // Repaints only when what the card says changed; returns whether it did.
    bool setCard(const ServerCard &card);

private:
    const TopologyScene *m_owner;
    ServerCard m_card;
};

} // namespace arbor::widgets
