#pragma once

#include "model/binlogcoordinates.h"
#include "model/flavour.h"
#include "model/instance.h"
#include "model/instancekey.h"
#include "model/replicationstate.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace arbor::core {

// Everything that differs between MariaDB 10.x/11.x and MySQL 5.7 / 8.0 / 8.4+ (Percona behaves as
// MySQL): the queries to send, how to read their rows (by column name), and the statements that
// change replication. A value type chosen once per server from @@version and @@version_comment.
//
// Quoting contract: every value that reaches SQL goes through quoteString() or is validated as a
// number/host first. quoteString() doubles single quotes, so a value can never close its literal;
// backslash escapes assume the session does not use NO_BACKSLASH_ESCAPES and uses a charset without
// multi-byte sequences ending in 0x5C (utf8mb4 is fine) — the connection layer must ensure both.
class Dialect
{
public:
    struct ChangeSource
    {
        enum class Positioning {
            Gtid,       // MariaDB MASTER_USE_GTID=slave_pos; MySQL auto-position
            CurrentPos, // MariaDB MASTER_USE_GTID=current_pos (a former primary); MySQL auto-position
            File,       // file:pos from `coordinates`
        };

        InstanceKey source;
        QString user;     // empty: keep the replica's current user
        QString password; // empty: keep the replica's current password
        Positioning positioning = Positioning::Gtid;
        BinlogCoordinates coordinates; // only with Positioning::File
        int connectRetry = 1;          // seconds, 1..86400
        // Written as MASTER_HOST='//host' (orchestrator's detach): replication cannot connect, the
        // positions stay, and pointing at the plain host again reattaches it.
        bool detached = false;
    };

    Dialect() = default;
    static Dialect forServer(const QString &version, const QString &versionComment);

    Flavour flavour() const { return m_flavour; }
    ServerVersion version() const { return m_version; }
    bool isMariaDB() const { return m_flavour == Flavour::MariaDB; }
    // MySQL and Percona; an unknown flavour is treated as MySQL of its version.
    bool isMysqlLike() const { return m_flavour != Flavour::MariaDB; }

    // Syntax switches, exposed so callers and tests can explain what was chosen.
    bool usesReplicaKeywords() const;          // SHOW REPLICA STATUS / START REPLICA / SHOW REPLICAS (MySQL 8.0.22+)
    bool usesChangeReplicationSource() const;  // CHANGE REPLICATION SOURCE TO (MySQL 8.0.23+)
    bool usesBinaryLogStatus() const;          // SHOW BINARY LOG STATUS (MySQL 8.2+)
    bool usesReplicaVariableNames() const;     // log_replica_updates, replica_net_timeout (MySQL 8.0.26+)
    bool hasSuperReadOnly() const;             // MySQL 5.7.8+

    // The first query on a new connection, before the flavour is known.
    static QString identityQuery();

    // One SELECT of the global variables this flavour has, with stable lower-case aliases
    // (server_id, hostname, report_host, report_port, port, read_only, log_bin, log_slave_updates,
    // binlog_format, binlog_row_image, slave_net_timeout, version, version_comment, plus
    // MySQL: server_uuid, super_read_only, gtid_mode, gtid_executed, gtid_purged;
    // MariaDB: gtid_current_pos, gtid_binlog_pos, gtid_slave_pos, gtid_strict_mode, gtid_domain_id).
    QString variablesQuery() const;
    void applyVariables(const QVariantMap &row, Instance *instance) const;

    QString replicaStatusQuery() const;
    // Reads one SHOW SLAVE/REPLICA STATUS row by column name. nullopt when the row is empty or has no
    // source host (not a replica). When the source host is not a valid host name (for example a
    // "detached" '//db1'), the state is returned with an invalid sourceKey.
    std::optional<ReplicationState> parseReplicaStatus(const QVariantMap &row) const;

    QString binlogStatusQuery() const;
    // Invalid coordinates when the row is empty (binary log off).
    BinlogCoordinates parseBinlogStatus(const QVariantMap &row) const;

    QString replicaHostsQuery() const;
    // Host/Port columns; rows without a usable host or port are skipped, duplicates dropped.
    QList<InstanceKey> parseReplicaHosts(const QList<QVariantMap> &rows) const;

    // Fallback when replicas do not set report_host: hosts of Binlog Dump threads (column "host",
    // client port stripped). The replica port is unknown there, so callers assume @p assumedPort.
    QString processlistReplicasQuery() const;
    QList<InstanceKey> parseProcesslistReplicas(const QList<QVariantMap> &rows, int assumedPort) const;

    QString semiSyncVariablesQuery() const;
    QString semiSyncStatusQuery() const;
    // Rows of Variable_name/Value; master/source and slave/replica names are both understood.
    void applySemiSync(const QList<QVariantMap> &variables, const QList<QVariantMap> &status, Instance *instance) const;

    // Statements. changeSourceStatement() returns an empty string when checkChangeSource() fails.
    Result<void> checkChangeSource(const ChangeSource &change) const;
    QString changeSourceStatement(const ChangeSource &change) const;
    QString startReplicaStatement() const;
    QString stopReplicaStatement() const;
    QString resetReplicaAllStatement() const;
    // MySQL 5.7.8+ also sets super_read_only (on: both on; off: both off).
    QString setReadOnlyStatement(bool readOnly) const;
    // START SLAVE UNTIL the SQL thread reaches @p sourceCoordinates of its source's binary log.
    // Empty when the coordinates are not usable (see checkCoordinates()).
    QString startReplicaUntilStatement(const BinlogCoordinates &sourceCoordinates) const;
    // One row, column "result": the events applied until there (>= 0), -1 on timeout, NULL when the
    // SQL thread is not running. MASTER_POS_WAIT, or SOURCE_POS_WAIT on MySQL 8.0.26+.
    QString sourcePosWaitQuery(const BinlogCoordinates &sourceCoordinates, int timeoutSeconds) const;
    // One row, column "result": 0 once the server has applied @p position (a MariaDB GTID position or
    // a MySQL GTID set), non-zero on timeout. MASTER_GTID_WAIT / WAIT_FOR_EXECUTED_GTID_SET.
    QString gtidWaitQuery(const QString &position, int timeoutSeconds) const;
    Result<void> checkCoordinates(const BinlogCoordinates &coordinates) const;
    // Run first on every connection that changes replication: quoteString() assumes backslash
    // escapes are on and a charset where 0x5C never ends a multi-byte character.
    static QStringList operationSessionStatements();

    // Privileges Arbor's monitoring/operations user needs on this server, as GRANT spells them.
    QStringList requiredPrivileges() const;

    // A SQL string literal: '...' with ' doubled and \ NUL newline CR tab backspace Ctrl-Z escaped.
    static QString quoteString(const QString &value);
    // @p statement with every PASSWORD='...' literal replaced by '<secret>': what plans, recovery
    // steps, logs and audit rows show (the server still gets the real statement).
    static QString redacted(const QString &statement);

private:
    Dialect(Flavour flavour, ServerVersion version) : m_flavour(flavour), m_version(version) {}

    Flavour m_flavour = Flavour::Unknown;
    ServerVersion m_version;
};

} // namespace arbor::core
