#include "canvas/topologylayout.h"

#include <algorithm>

namespace arbor::widgets {

using namespace arbor::core;

namespace {
// One box of a tree before it is placed: breadth in slots, depth in levels.
struct Pending
{
    InstanceKey key;
    bool group = false;
    QList<InstanceKey> members;
    InstanceKey parent;
    int depth = 0;
    qreal slot = 0; // centre, in slot units
};

class TreeBuilder
{
public:
    TreeBuilder(const Topology &t, const TopologyLayout::Options &o) : m_topology(t), m_options(o) {}

    // Lays out the subtree of root; returns the boxes with slots relative to the tree's left edge.
    QList<Pending> build(const InstanceKey &root, int *slotsUsed, int *levels)
    {
        m_out.clear();
        m_nextSlot = 0;
        m_levels = 0;
        // Explicit stack, not recursion: a replication chain can be thousands deep.
        struct Frame
        {
            int index;              // into m_out
            QList<Pending> pending; // children still to visit, in order
            qreal first = -1, last = -1;
        };
        std::vector<Frame> stack;
        auto open = [&](Pending p) {
            const int index = int(m_out.size());
            m_levels = std::max(m_levels, p.depth + 1);
            m_out.append(p);
            Frame f{index, {}, -1, -1};
            if (!p.group)
                f.pending = childrenOf(p.key, p.depth + 1);
            stack.push_back(std::move(f));
        };
        open(Pending{root, false, {}, {}, 0, 0});
        while (!stack.empty()) {
            Frame &top = stack.back();
            if (!top.pending.isEmpty()) {
                Pending next = top.pending.takeFirst();
                open(std::move(next));
                continue;
            }
            // All children placed: a leaf takes the next slot, a parent centres over its children.
            Pending &self = m_out[top.index];
            self.slot = top.first < 0 ? qreal(m_nextSlot++) : (top.first + top.last) / 2;
            const qreal placed = self.slot;
            stack.pop_back();
            if (!stack.empty()) {
                Frame &parent = stack.back();
                if (parent.first < 0)
                    parent.first = placed;
                parent.last = placed;
            }
        }
        *slotsUsed = std::max(1, m_nextSlot);
        *levels = m_levels;
        return m_out;
    }

private:
    QList<Pending> childrenOf(const InstanceKey &key, int depth) const
    {
        const QList<InstanceKey> children = m_topology.childrenOf(key);
        QList<Pending> out;
        QList<InstanceKey> leaves;
        for (const InstanceKey &c : children) {
            if (m_topology.childrenOf(c).isEmpty())
                leaves.append(c);
        }
        const bool fold = leaves.size() > m_options.foldThreshold && !m_options.expanded.contains(key);
        for (const InstanceKey &c : children) {
            if (fold && m_topology.childrenOf(c).isEmpty())
                continue;
            out.append(Pending{c, false, {}, key, depth, 0});
        }
        if (fold)
            out.append(Pending{key, true, leaves, key, depth, 0});
        return out;
    }

    const Topology &m_topology;
    const TopologyLayout::Options &m_options;
    QList<Pending> m_out;
    int m_nextSlot = 0;
    int m_levels = 0;
};
} // namespace

TopologyLayout::Result TopologyLayout::compute(const Topology &topology, const Options &options)
{
    return compute(topology, topology.clusters(), options);
}

TopologyLayout::Result TopologyLayout::compute(const Topology &topology, const QList<Cluster> &clusters, const Options &o)
{
    Result result;
    const bool vertical = o.orientation == Orientation::Vertical;
    // Breadth runs along siblings, depth along levels.
    const qreal breadthStep = (vertical ? o.node.width() : o.node.height()) + o.siblingGap;
    const qreal depthStep = (vertical ? o.node.height() : o.node.width()) + o.levelGap;
    TreeBuilder builder(topology, o);

    // Packing: vertical trees go left to right in rows; horizontal trees top to bottom in columns.
    qreal along = 0;       // position along the current row/column
    qreal across = 0;      // offset of the current row/column
    qreal acrossExtent = 0; // thickness of the current row/column
    for (const Cluster &cluster : clusters) {
        ClusterBox box;
        box.name = cluster.name;
        // A cluster's members may form several trees when its master is unknown (orphans).
        QList<InstanceKey> roots;
        for (const InstanceKey &k : cluster.members) {
            if (!topology.parentOf(k).isValid())
                roots.append(k);
        }
        QList<Pending> pending;
        int slots = 0;
        int levels = 0;
        for (const InstanceKey &root : roots) {
            int used = 0;
            int depth = 0;
            QList<Pending> tree = builder.build(root, &used, &depth);
            for (Pending &p : tree)
                p.slot += slots;
            pending += tree;
            slots += used;
            levels = std::max(levels, depth);
        }
        const qreal breadth = slots * breadthStep - o.siblingGap;
        const qreal depthSize = levels * depthStep - o.levelGap;
        const QSizeF inner = vertical ? QSizeF(breadth, depthSize) : QSizeF(depthSize, breadth);
        const QSizeF outer(inner.width() + 2 * o.clusterPadding, inner.height() + 2 * o.clusterPadding + o.titleHeight);
        const qreal outerAlong = vertical ? outer.width() : outer.height();
        const qreal outerAcross = vertical ? outer.height() : outer.width();
        if (along > 0 && along + outerAlong > o.wrapExtent) {
            across += acrossExtent + o.clusterGap;
            along = 0;
            acrossExtent = 0;
        }
        const QPointF origin = vertical ? QPointF(along, across) : QPointF(across, along);
        box.frame = QRectF(origin, outer);
        along += outerAlong + o.clusterGap;
        acrossExtent = std::max(acrossExtent, outerAcross);

        const QPointF inside = origin + QPointF(o.clusterPadding, o.clusterPadding + o.titleHeight);
        for (const Pending &p : pending) {
            const qreal b = p.slot * breadthStep;
            const qreal d = p.depth * depthStep;
            const QPointF topLeft = vertical ? QPointF(inside.x() + b, inside.y() + d) : QPointF(inside.x() + d, inside.y() + b);
            box.nodes.append(int(result.nodes.size()));
            result.nodes.append(Node{p.key, p.group, p.members, p.parent, QRectF(topLeft, o.node)});
        }
        result.bounds = result.bounds.united(box.frame);
        result.clusters.append(box);
    }
    return result;
}

} // namespace arbor::widgets
