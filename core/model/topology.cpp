#include "model/topology.h"

#include <QSet>

#include <algorithm>

namespace arbor::core {

Topology Topology::build(const QList<Instance> &instances, const QHash<QString, QString> &aliases)
{
    Topology t;
    for (const Instance &i : instances)
        t.m_instances.insert(i.key, i);

    // Parent: the source a replica names, when we know it. A source may name a replica under another
    // spelling (SHOW SLAVE HOSTS vs Master_Host); the source's own list then resolves it. Lists of
    // reachable sources win over those of unreachable ones, which may be stale (a dead old master
    // still "lists" the replica promoted in its place).
    QHash<InstanceKey, InstanceKey> listedByReachable;
    QHash<InstanceKey, InstanceKey> listedByAny;
    for (const Instance &i : instances) {
        for (const InstanceKey &r : i.replicaKeys) {
            listedByAny.insert(r, i.key);
            if (i.lastCheckValid)
                listedByReachable.insert(r, i.key);
        }
    }
    auto listedBy = [&](const InstanceKey &key) { return listedByReachable.value(key, listedByAny.value(key)); };
    for (const Instance &i : instances) {
        InstanceKey parent;
        const bool neverReached = !i.lastCheckValid && i.serverId == 0;
        if (i.isReplica() && t.m_instances.contains(i.sourceKey()))
            parent = i.sourceKey();
        else if (i.replication || neverReached)
            // A replica naming its source under another spelling, or a server we never reached: the
            // link its source reports. A server whose last known facts say it replicates from nobody is
            // a root, whatever a SHOW SLAVE HOSTS elsewhere says.
            parent = listedBy(i.key);
        if (parent.isValid() && parent != i.key)
            t.m_parent.insert(i.key, parent);
    }

    // Roots: walk up; a cycle (co-masters) is rooted at its smallest key.
    QHash<InstanceKey, InstanceKey> rootOf;
    for (const Instance &i : instances) {
        QList<InstanceKey> path;
        QSet<InstanceKey> seen;
        InstanceKey k = i.key;
        while (t.m_parent.contains(k) && !seen.contains(k)) {
            seen.insert(k);
            path.append(k);
            k = t.m_parent.value(k);
        }
        InstanceKey root = k;
        if (seen.contains(k)) { // cycle
            const qsizetype start = path.indexOf(k);
            root = *std::min_element(path.begin() + start, path.end());
        }
        rootOf.insert(i.key, root);
    }
    // Break cycles at the chosen root so the tree is a tree.
    for (auto it = rootOf.cbegin(); it != rootOf.cend(); ++it) {
        if (it.key() == it.value())
            t.m_parent.remove(it.key());
    }
    for (auto it = t.m_parent.cbegin(); it != t.m_parent.cend(); ++it)
        t.m_children[it.value()].append(it.key());
    for (auto &children : t.m_children)
        std::sort(children.begin(), children.end());

    QList<InstanceKey> roots;
    for (const Instance &i : instances) {
        if (!t.m_parent.contains(i.key))
            roots.append(i.key);
    }
    std::sort(roots.begin(), roots.end());
    for (const InstanceKey &root : roots) {
        const Instance &top = t.m_instances[root];
        // A replica whose source we never reached: the cluster is named after that source, and all
        // its replicas share that one cluster (its master is then the smallest of them). A co-master
        // root's source is known here, so the cluster keeps the root's name.
        const bool orphan = top.isReplica() && !t.m_instances.contains(top.sourceKey());
        const QString name = orphan ? top.sourceKey().toString() : root.toString();
        auto found = std::find_if(t.m_clusters.begin(), t.m_clusters.end(),
                                  [&name](const Cluster &c) { return c.name == name; });
        if (found == t.m_clusters.end()) {
            Cluster c;
            c.name = name;
            c.master = root;
            c.alias = aliases.value(name);
            t.m_clusters.append(c);
            found = t.m_clusters.end() - 1;
        }
        QList<InstanceKey> stack{root};
        while (!stack.isEmpty()) {
            const InstanceKey k = stack.takeLast();
            found->members.append(k);
            t.m_clusterOf.insert(k, name);
            const QList<InstanceKey> children = t.m_children.value(k);
            for (auto it = children.crbegin(); it != children.crend(); ++it)
                stack.append(*it);
        }
    }
    return t;
}

std::optional<Cluster> Topology::findCluster(const QString &hint) const
{
    for (const Cluster &c : m_clusters) {
        if (c.name == hint || (!c.alias.isEmpty() && c.alias == hint))
            return c;
    }
    auto key = InstanceKey::parse(hint);
    if (key.ok() && m_clusterOf.contains(key.value())) {
        const QString name = m_clusterOf.value(key.value());
        for (const Cluster &c : m_clusters) {
            if (c.name == name)
                return c;
        }
    }
    return std::nullopt;
}

const Instance *Topology::instance(const InstanceKey &key) const
{
    auto it = m_instances.constFind(key);
    return it == m_instances.cend() ? nullptr : &*it;
}

int Topology::depthOf(const InstanceKey &key) const
{
    int depth = 0;
    InstanceKey k = key;
    while (m_parent.contains(k) && depth <= m_instances.size()) {
        k = m_parent.value(k);
        ++depth;
    }
    return depth;
}

bool Topology::isDescendant(const InstanceKey &key, const InstanceKey &ancestor) const
{
    InstanceKey k = key;
    for (int guard = 0; m_parent.contains(k) && guard <= m_instances.size(); ++guard) {
        k = m_parent.value(k);
        if (k == ancestor)
            return true;
    }
    return false;
}

} // namespace arbor::core
