#include "analysis/replicationanalysis.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString ReplicationAnalysis::typeName(InstanceType type)
{
    switch (type) {
    case InstanceType::Master: return u"master"_s;
    case InstanceType::IntermediateMaster: return u"intermediate-master"_s;
    case InstanceType::Replica: return u"replica"_s;
    }
    return u"master"_s;
}

} // namespace arbor::core
