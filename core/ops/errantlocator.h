#pragma once

#include "model/instance.h"
#include "ops/opsconnection.h"

#include <QStringList>

namespace arbor::core {

// orchestrator's locate-gtid-errant: the binary logs of a replica that hold its errant transactions
// (GtidErrant), found by reading the GTID events of each log (SHOW BINLOG EVENTS). Read-only. MySQL:
// events whose uuid:number is in the errant set. MariaDB: GTID events of the errant entries' domain
// and server id (MariaDB's position keeps the latest per domain, so every local write counts).
class ErrantLocator
{
public:
    // At most this many events are read per log: a bounded scan, even of a huge binary log.
    static constexpr int kMaxEventsPerLog = 200000;

    static Result<QStringList> locate(OpsConnection &connection, const Instance &replica, const QString &errant);
    // Whether one SHOW BINLOG EVENTS Info text of a GTID event names an errant transaction.
    static bool isErrantEvent(const Instance &replica, const QString &errant, const QString &info);
};

} // namespace arbor::core
