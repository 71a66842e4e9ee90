#pragma once

#include "store/storeoptions.h"

#include <QString>

namespace arbor::core {

// The backend's own clock, in milliseconds since the epoch, as an SQL expression. Leases (the active
// node) and operation-lock expiry are judged on it, never on a client's clock, so nodes whose clocks
// disagree still agree on who holds what. Zone-free: MySQL/MariaDB count from UTC_TIMESTAMP(6) by
// datetime arithmetic, so neither the server's nor the session's time zone moves it
// (UNIX_TIMESTAMP(NOW(3)) reads the local time back through the zone and jumps by an hour in the
// repeated hour of a DST change).
struct DatabaseClock
{
    static QString nowMsExpression(StoreOptions::Kind kind);
};

} // namespace arbor::core
