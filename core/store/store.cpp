#include "store/store.h"

namespace arbor::core {

Store::Store(StoreOptions options)
    : StoreConnectionHolder(std::move(options)), InstanceTable(m_sharedConnection), ClusterTable(m_sharedConnection),
      DowntimeTable(m_sharedConnection), AuditTable(m_sharedConnection), PromotionRuleTable(m_sharedConnection),
      AnalysisChangeTable(m_sharedConnection), RecoveryTable(m_sharedConnection),
      ReplicaHistoryTable(m_sharedConnection), TagTable(m_sharedConnection)
{
}

// The record families go first (InstanceTable's prepared statements before the connection).
Store::~Store() = default;

Result<void> Store::open()
{
    resetStatements();
    return m_sharedConnection.open();
}

bool Store::isOpen() const
{
    return m_sharedConnection.isOpen();
}

} // namespace arbor::core
