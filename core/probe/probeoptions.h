#pragma once

#include "config/credentials.h"

#include <QRegularExpression>
#include <QString>

namespace arbor::core {

// How Arbor talks to topology servers. Defaults follow orchestrator's where it has one
// (MySQLConnectTimeoutSeconds=2); the read timeout is shorter than its 10 s so that a hung
// server is known well within one 5 s poll interval.
struct ProbeOptions
{
    Credentials credentials;
    int connectTimeoutSeconds = 2;
    int readTimeoutSeconds = 2;
    QString heartbeatQuery;          // one row, one numeric column: lag in seconds (pt-heartbeat style)
    // orchestrator's DetectClusterAliasQuery: one row, one column, run on servers with no source; the
    // answer names the cluster (an alias set by hand still wins).
    QString clusterAliasQuery;
    QRegularExpression dataCenterPattern; // first capture group of the host name
    QRegularExpression regionPattern;
    bool discoverByShowSlaveHosts = true; // orchestrator's DiscoverByShowSlaveHosts; false: processlist only
    int reasonableReplicaNetTimeout = 10; // above this, warn that failure detection is slow
    // Send a poll's statements as one batch (one round trip, CLIENT_MULTI_STATEMENTS, which Qt's MySQL
    // driver enables) once the connection knows the server; the poller turns it on.
    bool batchStatements = false;
    // Watch the idle connection to every source (master, intermediate master) between polls: when the
    // server dies its socket reports EOF at once, and the poller re-probes it and its replicas without
    // waiting for the next poll (ConnectionWatch). No extra connection, no extra query.
    bool crashWatch = true;
    // Read a poll's result sets with the client library on the driver's own connection (DirectQuery):
    // no QSqlQuery, QSqlRecord or per-cell QVariant conversion on the hot path. false: through QtSql,
    // as before issue 16 (the benchmarks' A/B switch).
    bool directRows = true;
};

} // namespace arbor::core
