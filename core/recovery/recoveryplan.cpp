#include "core/recovery/recoveryplan.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString RecoveryPlan::kindName(Kind kind)
{
    switch (kind) {
    case Kind::DeadMaster: return u"master"_s;
    case Kind::DeadIntermediateMaster: return u"intermediate-master"_s;
    case Kind::GracefulTakeover: return u"graceful-takeover"_s;
    }
    return u"master"_s;
}

} // namespace arbor::core
