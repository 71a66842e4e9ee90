#pragma once

#include "model/downtime.h"
#include "store/storeconnection.h"

#include <QDateTime>
#include <QList>

namespace arbor::core {

// Maintenance windows (table downtimes).
// One family of records of the Store, on the Store's connection.
class DowntimeTable
{
public:
    explicit DowntimeTable(StoreConnection &connection) : m_connection(connection) {}

    // Replaces any downtime of the same server.
    Result<void> beginDowntime(const Downtime &downtime);
    Result<void> endDowntime(const InstanceKey &key);
    // Downtimes with begin <= now < end; expired and future ones are left out.
    Result<QList<Downtime>> readActiveDowntimes(const QDateTime &now);

private:
    StoreConnection &m_connection;
};

} // namespace arbor::core
