#include "store/databaseclock.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString DatabaseClock::nowMsExpression(StoreOptions::Kind kind)
{
    return kind == StoreOptions::Kind::MySql
               ? u"CAST(TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', UTC_TIMESTAMP(6)) DIV 1000 AS SIGNED)"_s
               : u"CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"_s;
}

} // namespace arbor::core
