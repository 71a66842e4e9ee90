#pragma once

#include "model/binlogcoordinates.h"
#include "model/instancekey.h"

#include <QStringList>

#include <optional>

namespace arbor::core {

// State of one replication channel as the replica reports it (SHOW SLAVE/REPLICA STATUS).
struct ReplicationState
{
    enum class ThreadState { Stopped, Connecting, Running };

    InstanceKey sourceKey;
    QString sourceUuid;
    QString sourceUser;
    qint64 sourceServerId = 0;
    ThreadState ioThread = ThreadState::Stopped;
    ThreadState sqlThread = ThreadState::Stopped;
    int lastIoErrno = 0;
    QString lastIoError;
    int lastSqlErrno = 0;
    QString lastSqlError;
    std::optional<qint64> secondsBehindSource; // NULL when a thread is down
    qint64 sqlDelay = 0;
    BinlogCoordinates readCoordinates;  // Master_Log_File / Read_Master_Log_Pos
    BinlogCoordinates execCoordinates;  // Relay_Master_Log_File / Exec_Master_Log_Pos
    BinlogCoordinates relayCoordinates; // Relay_Log_File / Relay_Log_Pos
    // "No", "Slave_Pos", "Current_Pos" (MariaDB) or "auto-position" (MySQL) or "No".
    QString gtidPositioning = QStringLiteral("No");
    QString gtidIoPos;        // MariaDB Gtid_IO_Pos
    QString retrievedGtidSet; // MySQL
    QString executedGtidSet;  // MySQL (per channel)
    QStringList filters;      // "Replicate_Do_DB=x" etc.
    bool sslAllowed = false;
    int connectRetry = 0;

    bool usesGtid() const { return gtidPositioning.compare(QStringLiteral("No"), Qt::CaseInsensitive) != 0; }
    bool isHealthy() const { return ioThread == ThreadState::Running && sqlThread == ThreadState::Running; }
    bool hasError() const { return lastIoErrno != 0 || lastSqlErrno != 0; }

    static QString threadStateName(ThreadState state);
    static ThreadState parseThreadState(const QString &text); // "Yes", "No", "Connecting", "Preparing"
};

} // namespace arbor::core
