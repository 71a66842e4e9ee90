#pragma once

#include "model/instance.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace arbor::core {

// One replication tree: a top master and everything replicating below it.
struct Cluster
{
    QString name;  // the top master's host:port (orchestrator's ClusterName)
    QString alias; // user-chosen, may be empty
    InstanceKey master;
    QList<InstanceKey> members; // depth-first, master first, siblings sorted
};

// Clusters as trees, derived from a set of instance snapshots. A value: rebuild it when facts change.
class Topology
{
public:
    static Topology build(const QList<Instance> &instances, const QHash<QString, QString> &aliases = {});

    const QList<Cluster> &clusters() const { return m_clusters; }
    // By name, alias, or any member's host:port.
    std::optional<Cluster> findCluster(const QString &nameAliasOrMember) const;
    QString clusterNameOf(const InstanceKey &key) const { return m_clusterOf.value(key); }

    const Instance *instance(const InstanceKey &key) const;
    // The parent in this topology: the source when it is known here, else invalid.
    InstanceKey parentOf(const InstanceKey &key) const { return m_parent.value(key); }
    QList<InstanceKey> childrenOf(const InstanceKey &key) const { return m_children.value(key); }
    int depthOf(const InstanceKey &key) const;
    bool isDescendant(const InstanceKey &key, const InstanceKey &ancestor) const;
    QList<InstanceKey> keys() const { return m_instances.keys(); }

private:
    QHash<InstanceKey, Instance> m_instances;
    QHash<InstanceKey, InstanceKey> m_parent;
    QHash<InstanceKey, QList<InstanceKey>> m_children;
    QHash<InstanceKey, QString> m_clusterOf;
    QList<Cluster> m_clusters;
};

} // namespace arbor::core
