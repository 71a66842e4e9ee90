#pragma once

#include "model/instance.h"

#include <QString>

namespace arbor::core {

// Errant GTIDs (orchestrator's GtidErrant): transactions a replica executed that its source never
// had, i.e. writes made on the replica itself. They are what breaks a later promotion or a GTID move
// below another server, so the instance JSON and `which-gtid-errant` show them.
// MySQL: gtid_executed of the replica minus gtid_executed of its source.
// MariaDB: the replica's gtid_binlog_pos entries its source's gtid_binlog_pos does not contain (a
// domain the source never wrote, or a sequence number past the source's in a domain). MariaDB keeps
// one position per domain, so a local write hides once the source writes past it in that domain.
class GtidErrant
{
public:
    // Empty when there are none, when @p replica is not a replica of @p source, or when either set
    // cannot be read (unknown is not errant).
    static QString of(const Instance &replica, const Instance &source);
};

} // namespace arbor::core
