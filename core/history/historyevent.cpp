#include "history/historyevent.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString HistoryEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Failover: return u"failover"_s;
    case Kind::Relocation: return u"relocation"_s;
    case Kind::ReplicationError: return u"replication-error"_s;
    case Kind::Unreachable: return u"unreachable"_s;
    case Kind::Recovered: return u"recovered"_s;
    case Kind::FailureDetected: return u"failure"_s;
    case Kind::Operation: break;
    }
    return u"operation"_s;
}

HistoryEvent::Kind HistoryEvent::kindFromName(const QString &name)
{
    for (Kind k : {Kind::Failover, Kind::Relocation, Kind::ReplicationError, Kind::Unreachable, Kind::Recovered, Kind::FailureDetected}) {
        if (kindName(k) == name)
            return k;
    }
    return Kind::Operation;
}

} // namespace arbor::core
