#pragma once

#include "model/instance.h"

#include <QCoreApplication>
#include <QGraphicsItem>
#include <QPainterPath>

namespace arbor::widgets {

class TopologyScene;

// A replication link, drawn from source to replica with an arrow at the replica. Its stroke and
// its word tell the threads' state: solid (both running), amber dash-dot "connecting" (IO thread
// connecting, no error yet), dashed "stopped", red "broken", dotted "unknown" when the replica did
// not answer.
class EdgeItem : public QGraphicsItem
{
    Q_DECLARE_TR_FUNCTIONS(EdgeItem)
public:
    enum { Type = UserType + 3 };
    // Best to worst: a group edge shows the worst of its members (std::max).
    enum class State { Running, Connecting, Stopped, Broken, Unknown };

    EdgeItem(const TopologyScene *scene, const core::InstanceKey &source, const core::InstanceKey &replica);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override { return m_path; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const core::InstanceKey &source() const { return m_source; }
    const core::InstanceKey &replica() const { return m_replica; } // for a group edge: the group's parent
    State state() const { return m_state; }
    void setState(State state);
    void setEnds(const QRectF &from, const QRectF &to, bool vertical);
    QString svg() const;

    static State stateOf(const core::Instance &replica);
    static QString stateWord(State state);

private:
    const TopologyScene *m_owner;
    core::InstanceKey m_source;
    core::InstanceKey m_replica;
    State m_state = State::Running;
    QPainterPath m_path;
    QPointF m_tip;
    QPointF m_direction;
};

} // namespace arbor::widgets
