#pragma once

#include "model/instancehealth.h"
#include "model/instancekey.h"

#include <QCoreApplication>
#include <QGraphicsItem>

namespace arbor::widgets {

class TopologyScene;

// Many leaf replicas of one source folded into one box: how many, how many in each state, the worst
// state's glyph. Activating it (double click, Enter) expands it into one box per server.
class GroupItem : public QGraphicsItem
{
    Q_DECLARE_TR_FUNCTIONS(GroupItem)
public:
    enum { Type = UserType + 2 };

    struct Summary
    {
        int total = 0;
        int counts[core::kInstanceHealthCount] = {}; // by InstanceHealth
        int downtimed = 0;
        core::InstanceHealth worst = core::InstanceHealth::Ok;
        friend bool operator==(const Summary &a, const Summary &b)
        {
            return a.total == b.total && a.downtimed == b.downtimed && a.worst == b.worst
                   && std::equal(std::begin(a.counts), std::end(a.counts), std::begin(b.counts));
        }
    };

    GroupItem(const TopologyScene *scene, const core::InstanceKey &parentKey);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const core::InstanceKey &parentKey() const { return m_parent; }
    const QList<core::InstanceKey> &members() const { return m_members; }
    void setMembers(const QList<core::InstanceKey> &members) { m_members = members; }
    const Summary &summary() const { return m_summary; }
    void setSummary(const Summary &summary);
    QString title() const;
    QString summaryText() const;
    QString svg(const QRectF &rect) const;

private:
    const TopologyScene *m_owner;
    core::InstanceKey m_parent;
    QList<core::InstanceKey> m_members;
    Summary m_summary;
};

} // namespace arbor::widgets
