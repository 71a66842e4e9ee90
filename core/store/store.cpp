#include "store/store.h"

namespace arbor::core {

Store::Store(StoreOptions options) : m_connection(std::move(options))
{
}

Store::~Store()
{
    m_instances.reset(); // its prepared statements go before the connection
}

Result<void> Store::open()
{
    m_instances.reset();
    return m_connection.open();
}

bool Store::isOpen() const
{
    return m_connection.isOpen();
}

Result<void> Store::writeInstances(const QList<Instance> &instances)
{
    return m_instances.writeInstances(instances);
}

Result<QList<Instance>> Store::readInstances()
{
    return m_instances.readInstances();
}

Result<std::optional<Instance>> Store::readInstance(const InstanceKey &key)
{
    return m_instances.readInstance(key);
}

Result<void> Store::forgetInstance(const InstanceKey &key)
{
    return m_instances.forgetInstance(key);
}

Result<void> Store::setClusterAlias(const QString &clusterName, const QString &alias)
{
    return m_clusters.setClusterAlias(clusterName, alias);
}

Result<QHash<QString, QString>> Store::readClusterAliases()
{
    return m_clusters.readClusterAliases();
}

Result<void> Store::beginDowntime(const Downtime &downtime)
{
    return m_downtimes.beginDowntime(downtime);
}

Result<void> Store::endDowntime(const InstanceKey &key)
{
    return m_downtimes.endDowntime(key);
}

Result<QList<Downtime>> Store::readActiveDowntimes(const QDateTime &now)
{
    return m_downtimes.readActiveDowntimes(now);
}

Result<void> Store::writeAudit(const AuditEntry &entry)
{
    return m_audit.writeAudit(entry);
}

Result<QList<AuditEntry>> Store::readAudit(int limit, const QString &clusterName)
{
    return m_audit.readAudit(limit, clusterName);
}

Result<std::optional<OperationLockHolder>> Store::tryLockCluster(const OperationLockHolder &wanted)
{
    return m_clusters.tryLockCluster(wanted);
}

Result<void> Store::unlockCluster(const QString &clusterName, const QString &token)
{
    return m_clusters.unlockCluster(clusterName, token);
}

Result<void> Store::setPromotionRule(const PromotionRuleEntry &entry)
{
    return m_promotionRules.setPromotionRule(entry);
}

Result<QList<PromotionRuleEntry>> Store::readPromotionRules()
{
    return m_promotionRules.readPromotionRules();
}

Result<void> Store::recordAnalysisChange(const AnalysisChange &change)
{
    return m_analysisChanges.recordAnalysisChange(change);
}

Result<QList<AnalysisChange>> Store::readAnalysisChanges(int limit, const QString &clusterName)
{
    return m_analysisChanges.readAnalysisChanges(limit, clusterName);
}

Result<void> Store::writeRecovery(const RecoveryRecord &record)
{
    return m_recoveries.writeRecovery(record);
}

Result<void> Store::appendRecoveryStep(const RecoveryStep &step)
{
    return m_recoveries.appendRecoveryStep(step);
}

Result<QList<RecoveryRecord>> Store::readRecoveries(int limit, const QString &clusterName)
{
    return m_recoveries.readRecoveries(limit, clusterName);
}

Result<QList<RecoveryStep>> Store::readRecoverySteps(const QString &uid)
{
    return m_recoveries.readRecoverySteps(uid);
}

Result<int> Store::acknowledgeRecoveries(const QString &uid, const QString &clusterName, const QString &who, const QString &comment)
{
    return m_recoveries.acknowledgeRecoveries(uid, clusterName, who, comment);
}

Result<void> Store::setRecoveriesDisabled(bool disabled, const QString &who, const QString &reason)
{
    return m_recoveries.setRecoveriesDisabled(disabled, who, reason);
}

Result<std::optional<QString>> Store::readRecoveriesDisabled()
{
    return m_recoveries.readRecoveriesDisabled();
}

} // namespace arbor::core
