#pragma once

#include "model/instancekey.h"

#include <QMetaType>
#include <QString>

namespace arbor::core {

// Something worth a marker on a time chart: a failover, a relocation, a replication error, a server
// going away or coming back. Times are wall-clock ms since the epoch, UTC (they outlive the process).
struct HistoryEvent
{
    // FailureDetected: the analysis confirmed an actionable failure (DeadMaster, ...).
    enum class Kind { Failover, Relocation, ReplicationError, Unreachable, Recovered, Operation, FailureDetected };

    qint64 atMs = 0;
    Kind kind = Kind::Operation;
    InstanceKey key;
    QString text;

    // Failures are what a tray notification and a red marker are for.
    bool isFailure() const { return kind == Kind::ReplicationError || kind == Kind::Unreachable || kind == Kind::Failover
                                   || kind == Kind::FailureDetected; }

    // Stable names for the store and the API: "failover", "relocation", "replication-error",
    // "unreachable", "recovered", "operation", "failure".
    static QString kindName(Kind kind);
    static Kind kindFromName(const QString &name); // unknown names read as Operation
};

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::HistoryEvent)
