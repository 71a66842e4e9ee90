#pragma once

#include "model/instancekey.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QStringList>

namespace arbor::core {

// What a hook is told about a recovery: orchestrator's placeholders and ORC_* variables, plus ARBOR_*.
struct HookContext
{
    QString failureType;        // analysis code name
    QString instanceType;       // master / intermediate-master
    QString failureDescription;
    QString command;            // force-master-failover / graceful-master-takeover / recover
    InstanceKey failed;
    QString clusterName;
    QString clusterAlias;
    QString clusterDomain;
    QList<InstanceKey> replicas;
    QList<InstanceKey> lostReplicas;
    bool isDowntimed = false;
    bool autoMasterRecovery = false;
    bool autoIntermediateMasterRecovery = false;
    QString arborHost;
    QString recoveryUid;
    bool isSuccessful = false;
    InstanceKey successor; // invalid before the promotion (orchestrator #896: not in PreFailover)
    QString successorBinlogCoordinates;
    QString successorAlias;

    // {name} -> value
    QHash<QString, QString> placeholders() const;
    // ORC_* and ARBOR_* added to @p base.
    QProcessEnvironment environment(QProcessEnvironment base = QProcessEnvironment::systemEnvironment()) const;
};

} // namespace arbor::core
