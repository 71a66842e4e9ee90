#pragma once

#include "mysqlprotocol.h"

#include <QByteArray>

#include <optional>
#include <vector>

namespace arbor::simulator {

// Which server the simulator pretends to be. MariaDB is the scale simulator's default; the MySQL
// flavours exist so that Arbor's MySQL dialect meets something that answers and refuses like MySQL.
enum class FlavourKind { MariaDB1011, MySQL57, MySQL80, MySQL84 };

// What differs between the simulated flavours, by version, as the MySQL reference manual
// documents it: statement keywords, column names, variable names, error texts. The numbers only
// (no behaviour): FleetModel asks before it answers.
class ServerFlavour
{
public:
    ServerFlavour() = default;
    // The default version of a flavour; @p versionOverride (for example "8.0.21") picks another.
    static ServerFlavour of(FlavourKind kind, const QByteArray &versionOverride = {});
    // "mariadb-10.11", "mysql-5.7", "mysql-8.0", "mysql-8.4".
    static std::optional<FlavourKind> parse(const QByteArray &name);
    static QByteArray nameOf(FlavourKind kind);

    FlavourKind kind() const { return m_kind; }
    bool isMysql() const { return m_kind != FlavourKind::MariaDB1011; }
    const QByteArray &version() const { return m_version; }
    const QByteArray &versionComment() const { return m_versionComment; }
    // MariaDB prefixes 5.5.5- in the handshake for old clients; MySQL sends its version as is.
    QByteArray handshakeVersion() const;
    bool atLeast(int major, int minor, int patch) const;

    // MySQL 8.0.22: SHOW REPLICA STATUS, START/STOP/RESET REPLICA, SHOW REPLICAS.
    bool hasReplicaKeywords() const;
    // MySQL 8.0.23: CHANGE REPLICATION SOURCE TO and the SOURCE_* options.
    bool hasChangeReplicationSource() const;
    // MySQL 8.0.26: log_replica_updates, replica_net_timeout, SOURCE_POS_WAIT, semi-sync source/replica names.
    bool hasReplicaVariableNames() const;
    // MySQL 8.2: SHOW BINARY LOG STATUS.
    bool hasBinaryLogStatus() const;
    // MySQL 8.4 removed SHOW SLAVE STATUS, SHOW MASTER STATUS, SHOW SLAVE HOSTS, START/STOP/RESET
    // SLAVE, CHANGE MASTER TO and the MASTER_* options.
    bool removedSlaveSyntax() const;
    // MySQL 5.7.8: super_read_only.
    bool hasSuperReadOnly() const;

    // SHOW SLAVE STATUS (renamed = false) or SHOW REPLICA STATUS (renamed = true) columns, in order.
    std::vector<protocol::Column> replicaStatusColumns(bool renamed) const;
    // SHOW SLAVE HOSTS (renamed = false) or SHOW REPLICAS (renamed = true) columns.
    std::vector<protocol::Column> replicaHostsColumns(bool renamed) const;
    std::vector<protocol::Column> binlogStatusColumns() const;

    // ER_PARSE_ERROR (1064) as this server words it.
    QByteArray syntaxErrorMessage(const QByteArray &near) const;
    QByteArray serverName() const { return isMysql() ? "MySQL" : "MariaDB"; }
    // The semi-sync plugin's prefixes: rpl_semi_sync_source/_replica (MySQL 8.0.26+) or _master/_slave.
    QByteArray semiSyncSourcePrefix() const;
    QByteArray semiSyncReplicaPrefix() const;

private:
    FlavourKind m_kind = FlavourKind::MariaDB1011;
    QByteArray m_version;
    QByteArray m_versionComment;
    int m_major = 0;
    int m_minor = 0;
    int m_patch = 0;
};

} // namespace arbor::simulator
