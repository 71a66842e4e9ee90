#include "canvas/topologyscene.h"

#include "canvas/clusterframeitem.h"
#include "canvas/edgeitem.h"
#include "canvas/groupitem.h"
#include "canvas/serveritem.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

TopologyScene::TopologyScene(TopologyState *state, QObject *parent)
    : QGraphicsScene(parent), m_state(state), m_theme(CanvasTheme::light())
{
    m_options.node = ServerCard::size();
    setBackgroundBrush(m_theme.background);
    connect(state, &TopologyState::structureChanged, this, &TopologyScene::scheduleLayout);
    connect(state, &TopologyState::instanceChanged, this,
            [this](const Instance &now, const Instance &) { onInstanceChanged(now); });
    // Downtime comes from the state (the local store or a service's API alike): the canvas and the
    // exports follow it, with no copy of their own to keep in step.
    connect(state, &TopologyState::downtimedChanged, this, [this] {
        const QList<InstanceKey> keys = m_state->downtimed().keys();
        setDowntimed(QSet<InstanceKey>(keys.cbegin(), keys.cend()));
    });
    scheduleLayout();
}

TopologyScene::~TopologyScene()
{
    // Delete the items while this is still a TopologyScene and nobody hears about the selection.
    blockSignals(true);
    clear();
}

void TopologyScene::setTheme(const CanvasTheme &theme)
{
    m_theme = theme;
    setBackgroundBrush(theme.background);
    update();
}

void TopologyScene::setOrientation(TopologyLayout::Orientation orientation)
{
    if (orientation == m_options.orientation)
        return;
    m_options.orientation = orientation;
    relayout();
}

void TopologyScene::setLagThreshold(int seconds)
{
    m_lagThreshold = seconds;
    relayout();
}

void TopologyScene::setFoldThreshold(int replicas)
{
    m_options.foldThreshold = replicas;
    relayout();
}

void TopologyScene::setExpanded(const InstanceKey &parent, bool expanded)
{
    if (expanded == m_options.expanded.contains(parent))
        return;
    if (expanded)
        m_options.expanded.insert(parent);
    else
        m_options.expanded.remove(parent);
    relayout();
}

void TopologyScene::setDowntimed(const QSet<InstanceKey> &keys)
{
    if (keys == m_downtimed)
        return;
    QSet<InstanceKey> touched = keys;
    touched.unite(m_downtimed);
    m_downtimed = keys;
    for (const InstanceKey &k : std::as_const(touched)) {
        if (auto i = m_state->instance(k))
            onInstanceChanged(*i);
    }
}

void TopologyScene::scheduleLayout()
{
    if (m_layoutPending)
        return;
    m_layoutPending = true;
    // Discovery delivers a burst of structure changes; one layout after the burst is enough.
    QTimer::singleShot(0, this, [this] {
        if (m_layoutPending)
            relayout();
    });
}

void TopologyScene::layoutNow()
{
    if (m_layoutPending)
        relayout();
}

ServerCard TopologyScene::cardFor(const Instance &instance) const
{
    return ServerCard::from(instance, m_roles.value(instance.key, ServerCard::Role::Replica),
                            m_downtimed.contains(instance.key), m_lagThreshold);
}

void TopologyScene::relayout()
{
    m_layoutPending = false;
    ++m_layoutCount;
    const Topology &topology = m_state->topology();
    const TopologyLayout::Result layout = TopologyLayout::compute(topology, m_options);
    const bool vertical = m_options.orientation == TopologyLayout::Orientation::Vertical;

    m_roles.clear();
    m_groupOf.clear();
    m_clusterOf.clear();
    m_clusterMembers.clear();
    m_clusterAlias.clear();
    m_clusterOrder.clear();
    QSet<InstanceKey> liveServers, liveGroups, liveEdges, liveGroupEdges;
    QSet<QString> liveFrames;
    QHash<InstanceKey, QRectF> serverRects;

    for (const Cluster &c : topology.clusters()) {
        m_clusterOrder.append(c.name);
        m_clusterMembers.insert(c.name, c.members);
        m_clusterAlias.insert(c.name, c.alias);
        for (const InstanceKey &k : c.members)
            m_clusterOf.insert(k, c.name);
    }
    for (const TopologyLayout::Node &node : layout.nodes) {
        if (node.group)
            continue;
        serverRects.insert(node.key, node.rect);
        const bool hasParent = topology.parentOf(node.key).isValid();
        m_roles.insert(node.key, !hasParent                                     ? ServerCard::Role::Source
                                 : topology.childrenOf(node.key).isEmpty() ? ServerCard::Role::Replica
                                                                            : ServerCard::Role::IntermediateSource);
    }
    for (const TopologyLayout::Node &node : layout.nodes) {
        if (node.group) {
            GroupItem *g = m_groups.value(node.key);
            if (!g) {
                g = new GroupItem(this, node.key);
                addItem(g);
                m_groups.insert(node.key, g);
            }
            g->setPos(node.rect.topLeft());
            g->setMembers(node.members);
            for (const InstanceKey &m : node.members)
                m_groupOf.insert(m, node.key);
            m_dirtyGroups.insert(node.key);
            liveGroups.insert(node.key);
            EdgeItem *e = m_groupEdges.value(node.key);
            if (!e) {
                e = new EdgeItem(this, node.key, node.key);
                addItem(e);
                m_groupEdges.insert(node.key, e);
            }
            e->setEnds(serverRects.value(node.parent), node.rect, vertical);
            liveGroupEdges.insert(node.key);
            continue;
        }
        const Instance *instance = topology.instance(node.key);
        if (!instance)
            continue;
        const ServerCard card = cardFor(*instance);
        ServerItem *item = m_servers.value(node.key);
        if (!item) {
            item = new ServerItem(this, card);
            addItem(item);
            m_servers.insert(node.key, item);
        } else {
            item->setCard(card);
        }
        item->setPos(node.rect.topLeft());
        liveServers.insert(node.key);
        if (node.parent.isValid()) {
            EdgeItem *e = m_edges.value(node.key);
            if (e && e->source() != node.parent) {
                delete e;
                m_edges.remove(node.key);
                e = nullptr;
            }
            if (!e) {
                e = new EdgeItem(this, node.parent, node.key);
                addItem(e);
                m_edges.insert(node.key, e);
            }
            e->setEnds(serverRects.value(node.parent), node.rect, vertical);
            e->setState(EdgeItem::stateOf(*instance));
            liveEdges.insert(node.key);
        }
    }
    for (const TopologyLayout::ClusterBox &box : layout.clusters) {
        ClusterFrameItem *f = m_frames.value(box.name);
        if (!f) {
            f = new ClusterFrameItem(this, box.name);
            addItem(f);
            m_frames.insert(box.name, f);
        }
        f->setRect(box.frame);
        liveFrames.insert(box.name);
        m_dirtyClusters.insert(box.name);
    }
    auto prune = [this](auto &hash, const auto &live) {
        for (auto it = hash.begin(); it != hash.end();) {
            if (live.contains(it.key())) {
                ++it;
            } else {
                delete it.value();
                it = hash.erase(it);
            }
        }
    };
    prune(m_servers, liveServers);
    prune(m_groups, liveGroups);
    prune(m_edges, liveEdges);
    prune(m_groupEdges, liveGroupEdges);
    prune(m_frames, liveFrames);
    m_dirtyGroups.intersect(liveGroups);
    m_dirtyClusters.intersect(liveFrames);
    refreshSummaries();
    setSceneRect(layout.bounds.adjusted(-60, -60, 60, 60));
    Q_EMIT layoutChanged();
}

void TopologyScene::onInstanceChanged(const Instance &now)
{
    if (ServerItem *item = m_servers.value(now.key))
        item->setCard(cardFor(now));
    if (EdgeItem *e = m_edges.value(now.key))
        e->setState(EdgeItem::stateOf(now));
    if (auto g = m_groupOf.constFind(now.key); g != m_groupOf.cend()) {
        m_dirtyGroups.insert(*g);
        scheduleSummaries();
    }
    if (auto c = m_clusterOf.constFind(now.key); c != m_clusterOf.cend()) {
        m_dirtyClusters.insert(*c);
        scheduleSummaries();
    }
}

void TopologyScene::scheduleSummaries()
{
    if (m_summariesPending)
        return;
    m_summariesPending = true;
    // A poll round touches many members of a group or cluster; count them once after the round.
    QTimer::singleShot(0, this, &TopologyScene::refreshSummaries);
}

void TopologyScene::refreshSummaries()
{
    m_summariesPending = false;
    for (const InstanceKey &parent : std::as_const(m_dirtyGroups)) {
        GroupItem *g = m_groups.value(parent);
        if (!g)
            continue;
        GroupItem::Summary s;
        EdgeItem::State edge = EdgeItem::State::Running;
        for (const InstanceKey &k : g->members()) {
            const auto i = m_state->instance(k);
            if (!i)
                continue;
            const InstanceHealth h = healthOf(*i, m_lagThreshold);
            ++s.total;
            ++s.counts[int(h)];
            s.downtimed += m_downtimed.contains(k) ? 1 : 0;
            if (healthSeverity(h) > healthSeverity(s.worst))
                s.worst = h;
            edge = std::max(edge, EdgeItem::stateOf(*i));
        }
        g->setSummary(s);
        if (EdgeItem *e = m_groupEdges.value(parent))
            e->setState(edge);
    }
    m_dirtyGroups.clear();
    for (const QString &name : std::as_const(m_dirtyClusters)) {
        ClusterFrameItem *f = m_frames.value(name);
        if (!f)
            continue;
        const QList<InstanceKey> members = m_clusterMembers.value(name);
        InstanceHealth worst = InstanceHealth::Ok;
        for (const InstanceKey &k : members) {
            const auto i = m_state->instance(k);
            if (!i)
                continue;
            const InstanceHealth h = healthOf(*i, m_lagThreshold);
            if (healthSeverity(h) > healthSeverity(worst))
                worst = h;
        }
        f->setSummary(m_clusterAlias.value(name), int(members.size()), worst);
    }
    m_dirtyClusters.clear();
}

QList<EdgeItem *> TopologyScene::edgeItems() const
{
    return m_edges.values() + m_groupEdges.values();
}

GroupItem *TopologyScene::groupOf(const InstanceKey &key) const
{
    auto it = m_groupOf.constFind(key);
    return it == m_groupOf.cend() ? nullptr : m_groups.value(*it);
}

QRectF TopologyScene::clusterRect(const QString &name) const
{
    ClusterFrameItem *f = m_frames.value(name);
    return f ? f->boundingRect() : QRectF();
}

InstanceKey TopologyScene::selectedKey() const
{
    const QList<QGraphicsItem *> selected = selectedItems();
    for (QGraphicsItem *item : selected) {
        if (item->type() == ServerItem::Type)
            return static_cast<ServerItem *>(item)->key();
        if (item->type() == GroupItem::Type)
            return static_cast<GroupItem *>(item)->parentKey();
    }
    return {};
}

void TopologyScene::selectServer(const InstanceKey &key)
{
    QGraphicsItem *target = m_servers.value(key);
    if (!target)
        target = groupOf(key);
    if (!target)
        return;
    clearSelection();
    target->setSelected(true);
    setFocusItem(target);
}

void TopologyScene::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsItem *item = itemAt(event->scenePos(), QTransform());
    if (item && item->type() == GroupItem::Type) {
        setExpanded(static_cast<GroupItem *>(item)->parentKey(), true);
        event->accept();
        return;
    }
    if (item && item->type() == ServerItem::Type) {
        Q_EMIT serverActivated(static_cast<ServerItem *>(item)->key());
        event->accept();
        return;
    }
    QGraphicsScene::mouseDoubleClickEvent(event);
}

bool TopologyScene::included(const QString &cluster, const QStringList &clusters) const
{
    return clusters.isEmpty() || clusters.contains(cluster);
}

QRectF TopologyScene::exportRect(const QStringList &clusters) const
{
    QRectF rect;
    for (ClusterFrameItem *f : m_frames) {
        if (included(f->name(), clusters))
            rect = rect.united(f->boundingRect());
    }
    return rect.isNull() ? QRectF(0, 0, 200, 100) : rect.adjusted(-16, -16, 16, 16);
}

QString TopologyScene::toSvg(const QStringList &clusters) const
{
    const QRectF r = exportRect(clusters);
    auto n = [](qreal v) { return QString::number(v, 'f', 1); };
    QString out = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1\" height=\"%2\" viewBox=\"%3 %4 %1 %2\">\n"_s
                      .arg(n(r.width()), n(r.height()), n(r.left()), n(r.top()));
    out += u"<title>%1</title>\n"_s.arg(tr("Arbor replication topology").toHtmlEscaped());
    out += u"<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>\n"_s.arg(n(r.left()), n(r.top()), n(r.width()),
                                                                                    n(r.height()), m_theme.background.name());
    for (const QString &name : m_clusterOrder) {
        if (ClusterFrameItem *f = m_frames.value(name); f && included(name, clusters))
            out += f->svg();
    }
    for (EdgeItem *e : m_edges) {
        if (included(m_clusterOf.value(e->replica()), clusters))
            out += e->svg();
    }
    for (EdgeItem *e : m_groupEdges) {
        if (included(m_clusterOf.value(e->source()), clusters))
            out += e->svg();
    }
    for (const QString &name : m_clusterOrder) {
        if (!included(name, clusters))
            continue;
        for (const InstanceKey &k : m_clusterMembers.value(name)) {
            if (ServerItem *item = m_servers.value(k))
                out += item->card().svg(QRectF(item->pos(), ServerCard::size()), m_theme);
        }
    }
    for (GroupItem *g : m_groups) {
        if (included(m_clusterOf.value(g->parentKey()), clusters))
            out += g->svg(QRectF(g->pos(), ServerCard::size()));
    }
    return out + u"</svg>\n"_s;
}

QImage TopologyScene::toImage(const QStringList &clusters, qreal scale)
{
    const QRectF r = exportRect(clusters);
    QImage image((r.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(m_theme.background);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QList<QGraphicsItem *> selected = selectedItems();
    clearSelection(); // an export shows the topology, not the user's selection
    render(&painter, QRectF(QPointF(0, 0), image.size()), r);
    painter.end();
    for (QGraphicsItem *item : selected)
        item->setSelected(true);
    return image;
}

} // namespace arbor::widgets
