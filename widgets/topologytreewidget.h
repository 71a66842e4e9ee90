#pragma once

#include "model/topologystate.h"

#include <QHash>
#include <QTreeWidget>

namespace arbor::widgets {

// The replication trees as an indented list, kept in step with TopologyState: items are updated in
// place each poll and rebuilt only when parent links change.
class TopologyTreeWidget : public QTreeWidget
{
    Q_OBJECT
public:
    explicit TopologyTreeWidget(core::TopologyState *state, QWidget *parent = nullptr);

    QTreeWidgetItem *itemFor(const core::InstanceKey &key) const { return m_items.value(key); }
    int lagThresholdSeconds() const { return m_lagThreshold; }

private:
    void rebuild();
    void sync(QTreeWidgetItem *item, const core::Instance &instance);

    core::TopologyState *m_state;
    QHash<core::InstanceKey, QTreeWidgetItem *> m_items;
    int m_lagThreshold = 10;
};

} // namespace arbor::widgets
