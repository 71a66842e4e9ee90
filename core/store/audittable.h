#pragma once

#include "model/auditentry.h"
#include "store/storeconnection.h"

#include <QList>
#include <QString>

namespace arbor::core {

// The audit of topology operations (table audit).
// One family of records of the Store, on the Store's connection.
class AuditTable
{
public:
    explicit AuditTable(StoreConnection &connection) : m_connection(connection) {}

    // Audit of topology operations, newest first; an empty cluster name reads every cluster.
    Result<void> writeAudit(const AuditEntry &entry);
    Result<QList<AuditEntry>> readAudit(int limit, const QString &clusterName = QString());

private:
    StoreConnection &m_connection;
};

} // namespace arbor::core
