#include "analysis/analysiscode.h"

#include <array>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

using C = AnalysisCode;
const std::array<std::pair<AnalysisCode, QStringView>, 23> kNames{{
    {C::NoProblem, u"NoProblem"},
    {C::DeadMasterWithoutReplicas, u"DeadMasterWithoutReplicas"},
    {C::DeadMaster, u"DeadMaster"},
    {C::DeadMasterAndReplicas, u"DeadMasterAndReplicas"},
    {C::DeadMasterAndSomeReplicas, u"DeadMasterAndSomeReplicas"},
    {C::UnreachableMasterWithLaggingReplicas, u"UnreachableMasterWithLaggingReplicas"},
    {C::UnreachableMaster, u"UnreachableMaster"},
    {C::MasterSingleReplicaNotReplicating, u"MasterSingleReplicaNotReplicating"},
    {C::MasterSingleReplicaDead, u"MasterSingleReplicaDead"},
    {C::AllMasterReplicasNotReplicating, u"AllMasterReplicasNotReplicating"},
    {C::AllMasterReplicasNotReplicatingOrDead, u"AllMasterReplicasNotReplicatingOrDead"},
    {C::LockedSemiSyncMasterHypothesis, u"LockedSemiSyncMasterHypothesis"},
    {C::LockedSemiSyncMaster, u"LockedSemiSyncMaster"},
    {C::DeadIntermediateMaster, u"DeadIntermediateMaster"},
    {C::DeadIntermediateMasterWithSingleReplica, u"DeadIntermediateMasterWithSingleReplica"},
    {C::DeadIntermediateMasterWithSingleReplicaFailingToConnect, u"DeadIntermediateMasterWithSingleReplicaFailingToConnect"},
    {C::DeadIntermediateMasterAndSomeReplicas, u"DeadIntermediateMasterAndSomeReplicas"},
    {C::DeadIntermediateMasterAndReplicas, u"DeadIntermediateMasterAndReplicas"},
    {C::UnreachableIntermediateMasterWithLaggingReplicas, u"UnreachableIntermediateMasterWithLaggingReplicas"},
    {C::UnreachableIntermediateMaster, u"UnreachableIntermediateMaster"},
    {C::AllIntermediateMasterReplicasFailingToConnectOrDead, u"AllIntermediateMasterReplicasFailingToConnectOrDead"},
    {C::AllIntermediateMasterReplicasNotReplicating, u"AllIntermediateMasterReplicasNotReplicating"},
    {C::FirstTierReplicaFailingToConnectToMaster, u"FirstTierReplicaFailingToConnectToMaster"},
}};

} // namespace

QString analysisCodeName(AnalysisCode code)
{
    for (const auto &[c, name] : kNames) {
        if (c == code)
            return name.toString();
    }
    return u"NoProblem"_s;
}

AnalysisCode analysisCodeFromName(const QString &name)
{
    for (const auto &[c, n] : kNames) {
        if (n == name)
            return c;
    }
    return AnalysisCode::NoProblem;
}

bool isDeadMasterCode(AnalysisCode code)
{
    return code == C::DeadMaster || code == C::DeadMasterAndSomeReplicas;
}

bool isDeadIntermediateMasterCode(AnalysisCode code)
{
    return code == C::DeadIntermediateMaster || code == C::DeadIntermediateMasterAndSomeReplicas
           || code == C::DeadIntermediateMasterWithSingleReplicaFailingToConnect
           || code == C::AllIntermediateMasterReplicasFailingToConnectOrDead;
}

bool isActionable(AnalysisCode code)
{
    return isDeadMasterCode(code) || isDeadIntermediateMasterCode(code) || code == C::LockedSemiSyncMaster;
}

bool isMasterTrouble(AnalysisCode code)
{
    switch (code) {
    case C::DeadMaster:
    case C::DeadMasterAndReplicas:
    case C::DeadMasterAndSomeReplicas:
    case C::DeadMasterWithoutReplicas:
    case C::UnreachableMaster:
    case C::UnreachableMasterWithLaggingReplicas:
    case C::DeadIntermediateMaster:
    case C::DeadIntermediateMasterWithSingleReplica:
    case C::DeadIntermediateMasterWithSingleReplicaFailingToConnect:
    case C::DeadIntermediateMasterAndSomeReplicas:
    case C::DeadIntermediateMasterAndReplicas:
    case C::UnreachableIntermediateMaster:
    case C::UnreachableIntermediateMasterWithLaggingReplicas:
    case C::AllIntermediateMasterReplicasFailingToConnectOrDead:
    case C::FirstTierReplicaFailingToConnectToMaster:
        return true;
    default:
        return false;
    }
}

} // namespace arbor::core
