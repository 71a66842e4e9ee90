#pragma once

#include "model/instancekey.h"

#include <QDateTime>
#include <QString>

namespace arbor::core {

// One topology operation as it happened: who did what to which server, from where to where, how,
// with what result and how long it took. Written once, when the operation ends.
struct AuditEntry
{
    qint64 id = 0; // assigned by the store
    QDateTime startedAt;
    QString who;
    QString operation;   // "relocate", "move-up", ...
    QString clusterName;
    InstanceKey instance;
    QString from;        // the source(s) before, host:port, comma-separated for several replicas
    QString to;          // the new source or the target, may be empty
    QString method;      // "MariaDB GTID", "binlog coordinates", ...
    QString result;      // "ok", "failed", "rolled back", "refused"
    QString message;
    qint64 durationMs = 0;
};

// The holder of a cluster's operation lock.
struct OperationLockHolder
{
    QString clusterName;
    QString operation;
    QString owner;
    QString token;
    QDateTime since;
    QDateTime expiresAt;
};

} // namespace arbor::core
