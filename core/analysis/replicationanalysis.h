#pragma once

#include "analysis/analysiscode.h"
#include "model/instancekey.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QStringList>

namespace arbor::core {

// One analysed server (a master, an intermediate master, or a replica failing to connect) with the
// counts the verdict rests on, so that a human (and a test) can see why.
struct ReplicationAnalysis
{
    enum class InstanceType { Master, IntermediateMaster, Replica };

    AnalysisCode code = AnalysisCode::NoProblem;
    InstanceKey key; // the analysed (possibly failed) server
    InstanceType type = InstanceType::Master;
    QString clusterName;
    QString clusterAlias;
    InstanceKey parentKey; // intermediate master / replica: its source

    bool lastCheckValid = true;
    bool isDowntimed = false;
    int countReplicas = 0;
    int countValidReplicas = 0;            // reachable at their last poll
    int countValidReplicatingReplicas = 0; // reachable, IO and SQL threads running
    int countReplicasAgreeingSourceLost = 0; // reachable, IO thread not running or connecting with an error
    int countReplicasFailingToConnect = 0; // reachable, IO connecting/stopped with an IO error, SQL running
    int countLaggingReplicas = 0;
    int countDowntimedReplicas = 0;
    QList<InstanceKey> replicas;
    QStringList structureWarnings;
    QString lastError;   // the analysed server's, when its last poll failed (why it is unreachable)
    QString description; // one sentence
    QDateTime analyzedAt;

    bool isActionable() const { return arbor::core::isActionable(code); }
    QString codeName() const { return analysisCodeName(code); }
    static QString typeName(InstanceType type); // "master", "intermediate-master", "replica"
};

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::ReplicationAnalysis)
