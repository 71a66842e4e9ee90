#include "topologytreewidget.h"

#include "model/instancehealth.h"

#include <QHeaderView>

namespace arbor::widgets {

using namespace arbor::core;

namespace {
enum Column { ColServer, ColState, ColLag, ColVersion, ColMode, ColBinlog, ColGtid, ColError, ColumnCount };
}

TopologyTreeWidget::TopologyTreeWidget(TopologyState *state, QWidget *parent) : QTreeWidget(parent), m_state(state)
{
    setColumnCount(ColumnCount);
    setHeaderLabels({tr("Server"), tr("State"), tr("Lag"), tr("Version"), tr("Mode"), tr("Binlog"), tr("GTID"),
                     tr("Last error")});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(true);
    connect(state, &TopologyState::structureChanged, this, &TopologyTreeWidget::rebuild);
    connect(state, &TopologyState::instanceChanged, this, [this](const Instance &instance, const Instance &) {
        if (QTreeWidgetItem *item = m_items.value(instance.key))
            sync(item, instance);
    });
    rebuild();
}

void TopologyTreeWidget::rebuild()
{
    clear();
    m_items.clear();
    const Topology &topology = m_state->topology();
    for (const Cluster &cluster : topology.clusters()) {
        for (const InstanceKey &key : cluster.members) {
            const InstanceKey parentKey = topology.parentOf(key);
            QTreeWidgetItem *item = parentKey.isValid() && m_items.contains(parentKey)
                                        ? new QTreeWidgetItem(m_items.value(parentKey))
                                        : new QTreeWidgetItem(this);
            m_items.insert(key, item);
            if (const Instance *i = topology.instance(key))
                sync(item, *i);
        }
    }
    expandAll();
    for (int c = 0; c < ColumnCount - 1; ++c)
        resizeColumnToContents(c);
}

void TopologyTreeWidget::sync(QTreeWidgetItem *item, const Instance &i)
{
    const InstanceHealth health = healthOf(i, m_lagThreshold);
    const auto lag = i.lagSeconds();
    QString error = i.lastError;
    if (error.isEmpty() && i.replication) {
        error = i.replication->lastSqlError.isEmpty() ? i.replication->lastIoError : i.replication->lastSqlError;
    }
    item->setText(ColServer, i.key.toString());
    item->setText(ColState, healthName(health));
    item->setText(ColLag, !i.isReplica() ? QString() : lag ? tr("%1 s").arg(*lag) : tr("unknown"));
    item->setText(ColVersion, i.version);
    item->setText(ColMode, i.readOnly ? tr("read-only") : tr("writeable"));
    item->setText(ColBinlog, i.logBin ? i.binlogFormat : tr("off"));
    item->setText(ColGtid, i.usesGtid() ? i.replication->gtidPositioning : QString());
    item->setText(ColError, error);
    item->setToolTip(ColError, error);
    // State by text and by colour, so colour is never the only signal.
    const QColor colour = health == InstanceHealth::Ok        ? QColor(0x2e, 0x7d, 0x32)
                          : health == InstanceHealth::Lagging ? QColor(0xb2, 0x6a, 0x00)
                                                              : QColor(0xc6, 0x28, 0x28);
    item->setForeground(ColState, colour);
}

} // namespace arbor::widgets
