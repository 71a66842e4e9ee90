#include "model/topologystate.h"

namespace arbor::core {

TopologyState::TopologyState(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<Instance>();
    qRegisterMetaType<InstanceKey>();
}

bool TopologyState::sameStructure(const Instance &a, const Instance &b)
{
    return a.sourceKey() == b.sourceKey() && a.replicaKeys == b.replicaKeys && a.lastCheckValid == b.lastCheckValid &&
           a.suggestedClusterAlias == b.suggestedClusterAlias;
}

void TopologyState::update(const Instance &snapshot)
{
    auto it = m_instances.find(snapshot.key);
    if (it == m_instances.end()) {
        m_instances.insert(snapshot.key, snapshot);
        m_topology.reset();
        Q_EMIT instanceAdded(snapshot);
        Q_EMIT structureChanged();
        return;
    }
    const Instance before = *it;
    const Instance merged = Instance::mergeFailedPoll(snapshot, before);
    *it = merged;
    const bool structural = !sameStructure(before, merged);
    m_topology.reset();
    Q_EMIT instanceChanged(merged, before);
    if (structural)
        Q_EMIT structureChanged();
}

void TopologyState::remove(const InstanceKey &key)
{
    if (m_instances.remove(key) == 0)
        return;
    m_topology.reset();
    Q_EMIT instanceRemoved(key);
    Q_EMIT structureChanged();
}

void TopologyState::setAliases(const QHash<QString, QString> &aliases)
{
    m_aliases = aliases;
    m_topology.reset();
    Q_EMIT structureChanged();
}

void TopologyState::setAliasPatterns(const QList<std::pair<QRegularExpression, QString>> &patterns)
{
    m_aliasPatterns = patterns;
    m_topology.reset();
    Q_EMIT structureChanged();
}

void TopologyState::setDowntimed(const QHash<InstanceKey, QString> &reasons)
{
    if (reasons == m_downtimed)
        return;
    m_downtimed = reasons;
    Q_EMIT downtimedChanged();
}

std::optional<Instance> TopologyState::instance(const InstanceKey &key) const
{
    auto it = m_instances.constFind(key);
    if (it == m_instances.cend())
        return std::nullopt;
    return *it;
}

const Topology &TopologyState::topology() const
{
    if (!m_topology) {
        ++m_builds;
        const QList<Instance> instances = m_instances.values();
        m_topology = Topology::build(instances, m_aliases);
        // Cluster names are known once built. orchestrator's order: an alias set by hand, then what the
        // master answers to DetectClusterAliasQuery, then the first ClusterNameToAlias pattern that matches.
        QHash<QString, QString> aliases = m_aliases;
        for (const Cluster &c : m_topology->clusters()) {
            if (!c.alias.isEmpty())
                continue;
            if (const Instance *master = m_topology->instance(c.master); master && !master->suggestedClusterAlias.isEmpty()) {
                aliases.insert(c.name, master->suggestedClusterAlias);
                continue;
            }
            for (const auto &[re, alias] : m_aliasPatterns) {
                if (re.match(c.name).hasMatch()) {
                    aliases.insert(c.name, alias);
                    break;
                }
            }
        }
        if (aliases.size() != m_aliases.size())
            m_topology = Topology::build(instances, aliases);
    }
    return *m_topology;
}

} // namespace arbor::core
