#pragma once

#include "model/instancekey.h"
#include "ops/operationrequest.h"
#include "ops/refusal.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace arbor::core {

// What an operation will do, before it runs: the method, the exact statements per server in order,
// the waits and checks between them, what happens if a step fails, and warnings. Produced by the same
// code that executes, so a preview cannot disagree with the run. Positions shown are those of the
// facts the plan was made from; a run re-reads them at the moment it needs them.
struct OperationPlan
{
    struct Step
    {
        enum class Kind {
            Statement, // changes state on the server
            Wait,      // blocks until the server reaches a position
            Check      // reads state and stops the operation if it is not as expected
        };
        Kind kind = Kind::Statement;
        InstanceKey server;
        QString sql; // SqlStatement::toString(): secrets read <redacted>
        QString purpose;
    };

    OperationRequest request;
    QString clusterName;
    QString method; // "MariaDB GTID (slave_pos)", "binlog coordinates (START SLAVE UNTIL)", ...
    // Replicas whose source changes, with the source before and after.
    QMap<InstanceKey, InstanceKey> fromSources;
    QMap<InstanceKey, InstanceKey> toSources;
    QList<Step> steps;
    QStringList rollback; // what is undone when a step fails, as the operation stood then
    QStringList warnings;
    std::optional<Refusal> refusal;

    bool isLegal() const { return !refusal.has_value(); }
    QString title() const; // "relocate 127.0.0.1:3307 below 127.0.0.1:3308"
    // Every server the operation touches (statements, waits or checks).
    QList<InstanceKey> touched() const;
    // The plan as a DBA reads it in a terminal or a preview dialog.
    QString toText() const;
};

} // namespace arbor::core
