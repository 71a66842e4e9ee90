#pragma once

#include "model/topology.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSet>

namespace arbor::widgets {

// Where every box goes. Pure geometry from a Topology: each tree is laid out on a grid of slots
// (a leaf takes one slot, a parent sits centred over its children), so boxes can never overlap
// whatever the shape. A parent with more than foldThreshold leaf replicas gets one group box for
// them unless the user expanded it. Clusters are packed in rows (vertical trees) or columns
// (horizontal trees), in the topology's stable order.
class TopologyLayout
{
public:
    enum class Orientation { Vertical, Horizontal }; // vertical: source above replicas

    struct Options
    {
        Orientation orientation = Orientation::Vertical;
        int foldThreshold = 12;
        QSet<core::InstanceKey> expanded; // parents whose leaf replicas are shown one by one
        QSizeF node{250.0, 84.0};
        qreal siblingGap = 24.0; // between boxes of one level
        qreal levelGap = 56.0;   // between levels
        qreal clusterGap = 48.0;
        qreal clusterPadding = 18.0;
        qreal titleHeight = 28.0;
        qreal wrapExtent = 3200.0; // clusters wrap to a new row/column beyond this
    };

    struct Node
    {
        core::InstanceKey key;            // the server, or for a group the parent whose replicas it holds
        bool group = false;
        QList<core::InstanceKey> members; // group only
        core::InstanceKey parent;         // the box this one hangs from (invalid for a root)
        QRectF rect;
    };

    struct ClusterBox
    {
        QString name;
        QRectF frame;
        QList<int> nodes; // indexes into Result::nodes
    };

    struct Result
    {
        QList<Node> nodes;
        QList<ClusterBox> clusters;
        QRectF bounds;
    };

    static Result compute(const core::Topology &topology, const Options &options);
    // Laid out on its own: just the given clusters (export of one cluster).
    static Result compute(const core::Topology &topology, const QList<core::Cluster> &clusters, const Options &options);
};

} // namespace arbor::widgets
