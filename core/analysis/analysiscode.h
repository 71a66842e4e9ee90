#pragma once

#include <QString>

namespace arbor::core {

// orchestrator's analysis codes (go/inst/analysis.go), same names so scripts and habits carry over.
enum class AnalysisCode {
    NoProblem,
    // Master
    DeadMasterWithoutReplicas,
    DeadMaster,
    DeadMasterAndReplicas,
    DeadMasterAndSomeReplicas,
    UnreachableMasterWithLaggingReplicas,
    UnreachableMaster,
    MasterSingleReplicaNotReplicating,
    MasterSingleReplicaDead,
    AllMasterReplicasNotReplicating,
    AllMasterReplicasNotReplicatingOrDead,
    // Semi-sync
    LockedSemiSyncMasterHypothesis,
    LockedSemiSyncMaster,
    // Intermediate master
    DeadIntermediateMaster,
    DeadIntermediateMasterWithSingleReplica,
    DeadIntermediateMasterWithSingleReplicaFailingToConnect,
    DeadIntermediateMasterAndSomeReplicas,
    DeadIntermediateMasterAndReplicas,
    UnreachableIntermediateMasterWithLaggingReplicas,
    UnreachableIntermediateMaster,
    AllIntermediateMasterReplicasFailingToConnectOrDead,
    AllIntermediateMasterReplicasNotReplicating,
    // Replica side
    FirstTierReplicaFailingToConnectToMaster,
};

QString analysisCodeName(AnalysisCode code);
// Inverse of analysisCodeName(); NoProblem for an unknown name.
AnalysisCode analysisCodeFromName(const QString &name);

// Codes a recovery acts on (orchestrator's getCheckAndRecoverFunction), the others are reported only.
bool isActionable(AnalysisCode code);
// A dead or unreachable master/intermediate master: the moment to re-probe everything around it.
bool isMasterTrouble(AnalysisCode code);
bool isDeadMasterCode(AnalysisCode code);             // actionable master failures
bool isDeadIntermediateMasterCode(AnalysisCode code); // actionable intermediate-master failures

// Structure warnings (non-exclusive, added to a master's row), orchestrator's names.
namespace StructureWarning {
inline constexpr char16_t StatementAndMixedLoggingReplicas[] = u"StatementAndMixedLoggingReplicasStructureWarning";
inline constexpr char16_t StatementAndRowLoggingReplicas[] = u"StatementAndRowLoggingReplicasStructureWarning";
inline constexpr char16_t MixedAndRowLoggingReplicas[] = u"MixedAndRowLoggingReplicasStructureWarning";
inline constexpr char16_t MultipleMajorVersionsLoggingReplicas[] = u"MultipleMajorVersionsLoggingReplicasStructureWarning";
inline constexpr char16_t NoLoggingReplicas[] = u"NoLoggingReplicasStructureWarning";
inline constexpr char16_t DifferentGTIDModes[] = u"DifferentGTIDModesStructureWarning";
inline constexpr char16_t ErrantGTID[] = u"ErrantGTIDStructureWarning";
inline constexpr char16_t NoFailoverSupport[] = u"NoFailoverSupportStructureWarning";
inline constexpr char16_t NoWriteableMaster[] = u"NoWriteableMasterStructureWarning";
} // namespace StructureWarning

} // namespace arbor::core
