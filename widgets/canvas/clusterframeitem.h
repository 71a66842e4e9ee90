#pragma once

#include "model/instancehealth.h"

#include <QCoreApplication>
#include <QFont>
#include <QGraphicsItem>

namespace arbor::widgets {

class TopologyScene;

// The backdrop of one cluster: its alias or name, how many servers, and its worst state.
class ClusterFrameItem : public QGraphicsItem
{
    Q_DECLARE_TR_FUNCTIONS(ClusterFrameItem)
public:
    enum { Type = UserType + 4 };

    ClusterFrameItem(const TopologyScene *scene, const QString &name);

    int type() const override { return Type; }
    QRectF boundingRect() const override { return m_rect; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const QString &name() const { return m_name; }
    void setRect(const QRectF &rect);
    void setSummary(const QString &alias, int servers, core::InstanceHealth worst);
    QString title() const;
    // The title as drawn in `width`: whole if it fits, else the (elided) name and the state.
    QString fittedTitle(const QFont &font, qreal width) const;
    QString svg() const;

private:
    static QFont svgTitleFont();
    const TopologyScene *m_owner;
    QString m_name;
    QString m_alias;
    int m_servers = 0;
    core::InstanceHealth m_worst = core::InstanceHealth::Ok;
    QRectF m_rect;
};

} // namespace arbor::widgets
