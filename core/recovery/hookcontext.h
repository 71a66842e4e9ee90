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
    // @p base without any secret (scrubbed()), plus this recovery's ORC_* and ARBOR_* values.
    QProcessEnvironment environment(QProcessEnvironment base = QProcessEnvironment::systemEnvironment()) const;
    // @p base without Arbor's credential variables, anything named like a secret (*PASSWORD*, *SECRET*,
    // *TOKEN*, ...), any value equal to a password Arbor has read, and inherited ORC_* / ARBOR_*.
    static QProcessEnvironment scrubbed(const QProcessEnvironment &base);
};

} // namespace arbor::core
