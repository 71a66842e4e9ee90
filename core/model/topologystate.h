#pragma once

#include "model/topology.h"

#include <QHash>
#include <QObject>
#include <QRegularExpression>

#include <optional>

namespace arbor::core {

// The node's in-memory truth: the latest snapshot of every known server, kept in step with the
// poller, announcing typed change events that views, the CLI and analysis follow.
class TopologyState : public QObject
{
    Q_OBJECT
public:
    explicit TopologyState(QObject *parent = nullptr);

    // A failed poll keeps the last known facts and only marks the server unreachable with the error.
    void update(const Instance &snapshot);
    void remove(const InstanceKey &key);
    void setAliases(const QHash<QString, QString> &aliases);
    // orchestrator's ClusterNameToAlias: the alias of a cluster that has none set, by the first
    // pattern (a regular expression on the cluster name) that matches.
    void setAliasPatterns(const QList<std::pair<QRegularExpression, QString>> &patterns);
    void setDowntimed(const QHash<InstanceKey, QString> &reasons);

    QList<Instance> instances() const { return m_instances.values(); }
    std::optional<Instance> instance(const InstanceKey &key) const;
    const QHash<InstanceKey, QString> &downtimed() const { return m_downtimed; }
    const Topology &topology() const;
    // Times topology() was rebuilt (every change invalidates it): diagnostics and tests.
    qint64 topologyBuilds() const { return m_builds; }

Q_SIGNALS:
    void instanceAdded(const arbor::core::Instance &instance);
    void instanceChanged(const arbor::core::Instance &instance, const arbor::core::Instance &before);
    void instanceRemoved(const arbor::core::InstanceKey &key);
    // Parent links or cluster membership changed: trees need a new layout.
    void structureChanged();
    // The set of downtimed servers or a reason changed (canvas, lists and exports follow it).
    void downtimedChanged();

private:
    static bool sameStructure(const Instance &a, const Instance &b);

    QHash<InstanceKey, Instance> m_instances;
    QHash<QString, QString> m_aliases;
    QList<std::pair<QRegularExpression, QString>> m_aliasPatterns;
    QHash<InstanceKey, QString> m_downtimed;
    mutable std::optional<Topology> m_topology;
    mutable qint64 m_builds = 0;
};

} // namespace arbor::core
