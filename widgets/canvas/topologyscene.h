#pragma once

#include "canvas/canvastheme.h"
#include "canvas/servercard.h"
#include "canvas/topologylayout.h"
#include "model/topologystate.h"

#include <QGraphicsScene>
#include <QHash>
#include <QImage>
#include <QSet>

namespace arbor::widgets {

class ClusterFrameItem;
class EdgeItem;
class GroupItem;
class ServerItem;

// The canvas model: thin items kept in step with TopologyState. A snapshot change updates its one
// item in place (repainted only when its card changed); only a structure change (parent links,
// membership, reachability) lays the trees out again, coalesced to one layout per event-loop turn,
// and items keep their identity across layouts so selection and positions stay put.
class TopologyScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit TopologyScene(core::TopologyState *state, QObject *parent = nullptr);
    ~TopologyScene() override;

    core::TopologyState *topologyState() const { return m_state; }
    const CanvasTheme &theme() const { return m_theme; }
    void setTheme(const CanvasTheme &theme);
    TopologyLayout::Orientation orientation() const { return m_options.orientation; }
    void setOrientation(TopologyLayout::Orientation orientation);
    int lagThreshold() const { return m_lagThreshold; }
    void setLagThreshold(int seconds);
    void setFoldThreshold(int replicas);
    bool isExpanded(const core::InstanceKey &parent) const { return m_options.expanded.contains(parent); }
    void setExpanded(const core::InstanceKey &parent, bool expanded);
    void setDowntimed(const QSet<core::InstanceKey> &keys);
    const QSet<core::InstanceKey> &downtimed() const { return m_downtimed; }

    // Lays out now if a layout is pending (tests, exports, benchmarks).
    void layoutNow();
    bool isLayoutPending() const { return m_layoutPending; }
    int layoutCount() const { return m_layoutCount; }

    ServerItem *serverItem(const core::InstanceKey &key) const { return m_servers.value(key); }
    GroupItem *groupItem(const core::InstanceKey &parent) const { return m_groups.value(parent); }
    EdgeItem *edgeTo(const core::InstanceKey &replica) const { return m_edges.value(replica); }
    QList<ServerItem *> serverItems() const { return m_servers.values(); }
    QList<EdgeItem *> edgeItems() const;
    QList<GroupItem *> groupItems() const { return m_groups.values(); }
    // The group a folded server is drawn in, if any.
    GroupItem *groupOf(const core::InstanceKey &key) const;
    QString clusterOf(const core::InstanceKey &key) const { return m_clusterOf.value(key); }
    QRectF clusterRect(const QString &name) const;
    QStringList clusterNames() const { return m_clusterOrder; }
    // The selected server, or the parent of the selected group; invalid when nothing is selected.
    core::InstanceKey selectedKey() const;
    void selectServer(const core::InstanceKey &key);

    // Exports of what the canvas shows; empty cluster list means every cluster.
    QString toSvg(const QStringList &clusters = {}) const;
    QImage toImage(const QStringList &clusters = {}, qreal scale = 2.0);
    QRectF exportRect(const QStringList &clusters) const;

Q_SIGNALS:
    void layoutChanged();
    void serverActivated(const arbor::core::InstanceKey &key);

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void scheduleLayout();
    void relayout();
    void onInstanceChanged(const core::Instance &now);
    void scheduleSummaries();
    void refreshSummaries();
    ServerCard cardFor(const core::Instance &instance) const;
    bool included(const QString &cluster, const QStringList &clusters) const;

    core::TopologyState *m_state;
    CanvasTheme m_theme;
    TopologyLayout::Options m_options;
    int m_lagThreshold = 10;
    QSet<core::InstanceKey> m_downtimed;
    bool m_layoutPending = false;
    bool m_summariesPending = false;
    int m_layoutCount = 0;

    QHash<core::InstanceKey, ServerItem *> m_servers;
    QHash<core::InstanceKey, GroupItem *> m_groups;        // by the parent whose leaves it folds
    QHash<core::InstanceKey, EdgeItem *> m_edges;          // by replica
    QHash<core::InstanceKey, EdgeItem *> m_groupEdges;     // by the group's parent
    QHash<QString, ClusterFrameItem *> m_frames;
    QHash<core::InstanceKey, ServerCard::Role> m_roles;
    QHash<core::InstanceKey, core::InstanceKey> m_groupOf; // folded server -> group parent
    QHash<core::InstanceKey, QString> m_clusterOf;
    QHash<QString, QList<core::InstanceKey>> m_clusterMembers;
    QHash<QString, QString> m_clusterAlias;
    QStringList m_clusterOrder;
    QSet<core::InstanceKey> m_dirtyGroups;
    QSet<QString> m_dirtyClusters;
};

} // namespace arbor::widgets
