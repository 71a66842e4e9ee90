#include "model/replicationstate.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString ReplicationState::threadStateName(ThreadState state)
{
    switch (state) {
    case ThreadState::Running: return u"Yes"_s;
    case ThreadState::Connecting: return u"Connecting"_s;
    case ThreadState::Stopped: break;
    }
    return u"No"_s;
}

ReplicationState::ThreadState ReplicationState::parseThreadState(const QString &text)
{
    if (text.compare(u"Yes"_s, Qt::CaseInsensitive) == 0)
        return ThreadState::Running;
    if (text.compare(u"Connecting"_s, Qt::CaseInsensitive) == 0 || text.compare(u"Preparing"_s, Qt::CaseInsensitive) == 0)
        return ThreadState::Connecting;
    return ThreadState::Stopped;
}

} // namespace arbor::core
