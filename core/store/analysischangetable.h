#pragma once

#include "model/recoveryrecord.h"
#include "store/storeconnection.h"

#include <QList>
#include <QString>

namespace arbor::core {

// The analysis changelog (table analysis_changes).
// One family of records of the Store, on the Store's connection.
class AnalysisChangeTable
{
public:
    explicit AnalysisChangeTable(StoreConnection &connection) : m_connection(connection) {}

    // Analysis changelog, newest first; an empty cluster name reads every cluster.
    Result<void> recordAnalysisChange(const AnalysisChange &change);
    Result<QList<AnalysisChange>> readAnalysisChanges(int limit, const QString &clusterName = QString());

private:
    StoreConnection &m_connection;
};

} // namespace arbor::core
