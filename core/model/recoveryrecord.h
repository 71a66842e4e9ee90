#pragma once

#include "model/instancekey.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace arbor::core {

// One recovery (or a blocked attempt at one) as the store keeps it.
struct RecoveryRecord
{
    QString uid;
    QString clusterName;
    QString clusterAlias;
    InstanceKey failed;
    QString analysis; // analysis code name
    QString kind;     // "master", "intermediate-master", "graceful-takeover"
    QString trigger;  // "automatic", "manual"
    QString status;   // "running", "succeeded", "failed", "aborted", "blocked", "abandoned"
    // The service node that runs it (its election token); empty for the CLI and the desktop. A running
    // recovery whose owner no longer holds the active-node lease was abandoned (killed, cut off).
    QString owner;
    InstanceKey successor;
    QList<InstanceKey> lostReplicas;
    QString explanation; // candidate ranking, multi-line
    QString message;     // outcome in one sentence
    QDateTime startedAt;
    QDateTime endedAt;
    // From the acknowledgements table (latest), empty when not acknowledged.
    QDateTime acknowledgedAt;
    QString acknowledgedBy;
    QString acknowledgeComment;

    bool isAcknowledged() const { return acknowledgedAt.isValid(); }
};

// One step of a recovery: a SQL action, a check, a hook run. Detail holds hook output or server errors.
struct RecoveryStep
{
    QString recoveryUid;
    QDateTime at;
    QString kind; // "detect", "hook", "sql", "verify", "info", "fence"
    QString what;
    bool ok = true;
    QString detail;
};

// One entry of the analysis changelog.
struct AnalysisChange
{
    QDateTime at;
    InstanceKey key;
    QString clusterName;
    QString analysis;
    QString previousAnalysis;
    QString description;
    QStringList structureWarnings;
};

} // namespace arbor::core
