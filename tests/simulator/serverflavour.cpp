#include "serverflavour.h"

#include <QList>
#include <QRegularExpression>

namespace arbor::simulator {

using protocol::Column;

namespace {

// SHOW REPLICA STATUS columns of MySQL 8.0.22+ in the manual's order. MySQL 5.7 ends at
// Source_TLS_Version (under its old name) and has no public-key or namespace columns.
const QList<QByteArray> &mysqlReplicaStatusNames()
{
    static const QList<QByteArray> names = {
        "Replica_IO_State", "Source_Host", "Source_User", "Source_Port", "Connect_Retry", "Source_Log_File",
        "Read_Source_Log_Pos", "Relay_Log_File", "Relay_Log_Pos", "Relay_Source_Log_File", "Replica_IO_Running",
        "Replica_SQL_Running", "Replicate_Do_DB", "Replicate_Ignore_DB", "Replicate_Do_Table",
        "Replicate_Ignore_Table", "Replicate_Wild_Do_Table", "Replicate_Wild_Ignore_Table", "Last_Errno",
        "Last_Error", "Skip_Counter", "Exec_Source_Log_Pos", "Relay_Log_Space", "Until_Condition",
        "Until_Log_File", "Until_Log_Pos", "Source_SSL_Allowed", "Source_SSL_CA_File", "Source_SSL_CA_Path",
        "Source_SSL_Cert", "Source_SSL_Cipher", "Source_SSL_Key", "Seconds_Behind_Source",
        "Source_SSL_Verify_Server_Cert", "Last_IO_Errno", "Last_IO_Error", "Last_SQL_Errno", "Last_SQL_Error",
        "Replicate_Ignore_Server_Ids", "Source_Server_Id", "Source_UUID", "Source_Info_File", "SQL_Delay",
        "SQL_Remaining_Delay", "Replica_SQL_Running_State", "Source_Retry_Count", "Source_Bind",
        "Last_IO_Error_Timestamp", "Last_SQL_Error_Timestamp", "Source_SSL_Crl", "Source_SSL_Crlpath",
        "Retrieved_Gtid_Set", "Executed_Gtid_Set", "Auto_Position", "Replicate_Rewrite_DB", "Channel_Name",
        "Source_TLS_Version", "Source_public_key_path", "Get_Source_public_key", "Network_Namespace"};
    return names;
}

bool isNumberColumn(const QByteArray &renamed)
{
    static const QList<QByteArray> numbers = {
        "Source_Port", "Connect_Retry", "Read_Source_Log_Pos", "Relay_Log_Pos", "Last_Errno", "Skip_Counter",
        "Exec_Source_Log_Pos", "Relay_Log_Space", "Until_Log_Pos", "Seconds_Behind_Source", "Last_IO_Errno",
        "Last_SQL_Errno", "Source_Server_Id", "SQL_Delay", "SQL_Remaining_Delay", "Source_Retry_Count",
        "Auto_Position", "Get_Source_public_key"};
    return numbers.contains(renamed);
}

// The pre-8.0.22 name of a renamed column (SHOW SLAVE STATUS keeps these on 5.7 and 8.0).
QByteArray classicName(QByteArray renamed)
{
    if (renamed == "Get_Source_public_key")
        return "Get_master_public_key";
    renamed.replace("Source", "Master");
    renamed.replace("Replica_", "Slave_");
    return renamed;
}

} // namespace

ServerFlavour ServerFlavour::of(FlavourKind kind, const QByteArray &versionOverride)
{
    ServerFlavour f;
    f.m_kind = kind;
    switch (kind) {
    case FlavourKind::MariaDB1011:
        f.m_version = "10.11.19-MariaDB-log";
        f.m_versionComment = "MariaDB Server";
        break;
    case FlavourKind::MySQL57:
        f.m_version = "5.7.44-log";
        f.m_versionComment = "MySQL Community Server (GPL)";
        break;
    case FlavourKind::MySQL80:
        f.m_version = "8.0.36";
        f.m_versionComment = "MySQL Community Server - GPL";
        break;
    case FlavourKind::MySQL84:
        f.m_version = "8.4.3";
        f.m_versionComment = "MySQL Community Server - GPL";
        break;
    }
    if (!versionOverride.isEmpty())
        f.m_version = versionOverride;
    static const QRegularExpression re(QStringLiteral("^(\\d+)\\.(\\d+)\\.(\\d+)"));
    const auto m = re.match(QString::fromLatin1(f.m_version));
    if (m.hasMatch()) {
        f.m_major = m.captured(1).toInt();
        f.m_minor = m.captured(2).toInt();
        f.m_patch = m.captured(3).toInt();
    }
    return f;
}

std::optional<FlavourKind> ServerFlavour::parse(const QByteArray &name)
{
    for (const FlavourKind k : {FlavourKind::MariaDB1011, FlavourKind::MySQL57, FlavourKind::MySQL80, FlavourKind::MySQL84}) {
        if (nameOf(k) == name.toLower())
            return k;
    }
    return std::nullopt;
}

QByteArray ServerFlavour::nameOf(FlavourKind kind)
{
    switch (kind) {
    case FlavourKind::MariaDB1011: return "mariadb-10.11";
    case FlavourKind::MySQL57: return "mysql-5.7";
    case FlavourKind::MySQL80: return "mysql-8.0";
    case FlavourKind::MySQL84: return "mysql-8.4";
    }
    return {};
}

QByteArray ServerFlavour::handshakeVersion() const
{
    return isMysql() ? m_version : "5.5.5-" + m_version;
}

bool ServerFlavour::atLeast(int major, int minor, int patch) const
{
    if (m_major != major)
        return m_major > major;
    if (m_minor != minor)
        return m_minor > minor;
    return m_patch >= patch;
}

bool ServerFlavour::hasReplicaKeywords() const
{
    return isMysql() && atLeast(8, 0, 22);
}

bool ServerFlavour::hasChangeReplicationSource() const
{
    return isMysql() && atLeast(8, 0, 23);
}

bool ServerFlavour::hasReplicaVariableNames() const
{
    return isMysql() && atLeast(8, 0, 26);
}

bool ServerFlavour::hasBinaryLogStatus() const
{
    return isMysql() && atLeast(8, 2, 0);
}

bool ServerFlavour::removedSlaveSyntax() const
{
    return isMysql() && atLeast(8, 4, 0);
}

bool ServerFlavour::hasSuperReadOnly() const
{
    return isMysql() && atLeast(5, 7, 8);
}

std::vector<Column> ServerFlavour::replicaStatusColumns(bool renamed) const
{
    std::vector<Column> out;
    for (const QByteArray &name : mysqlReplicaStatusNames()) {
        if (!atLeast(8, 0, 0) && (name == "Source_public_key_path" || name == "Get_Source_public_key" || name == "Network_Namespace"))
            continue;
        const QByteArray shown = renamed ? name : classicName(name);
        out.push_back(isNumberColumn(name) ? Column::number(shown, protocol::TypeLongLong, 20, true)
                                           : Column::text(shown, 512));
    }
    return out;
}

std::vector<Column> ServerFlavour::replicaHostsColumns(bool renamed) const
{
    return {Column::number(renamed ? "Server_Id" : "Server_id", protocol::TypeLong, 10, true), Column::text("Host", 255),
            Column::number("Port", protocol::TypeLong, 7, true),
            Column::number(renamed ? "Source_Id" : "Master_id", protocol::TypeLong, 10, true),
            Column::text(renamed ? "Replica_UUID" : "Slave_UUID", 36)};
}

std::vector<Column> ServerFlavour::binlogStatusColumns() const
{
    std::vector<Column> out = {Column::text("File", 512), Column::number("Position", protocol::TypeLongLong, 20, true),
                               Column::text("Binlog_Do_DB", 255), Column::text("Binlog_Ignore_DB", 255)};
    if (isMysql())
        out.push_back(Column::text("Executed_Gtid_Set", 4096));
    return out;
}

QByteArray ServerFlavour::syntaxErrorMessage(const QByteArray &near) const
{
    return "You have an error in your SQL syntax; check the manual that corresponds to your " + serverName()
           + " server version for the right syntax to use near '" + near.left(80) + "' at line 1";
}

QByteArray ServerFlavour::semiSyncSourcePrefix() const
{
    return hasReplicaVariableNames() ? "rpl_semi_sync_source" : "rpl_semi_sync_master";
}

QByteArray ServerFlavour::semiSyncReplicaPrefix() const
{
    return hasReplicaVariableNames() ? "rpl_semi_sync_replica" : "rpl_semi_sync_slave";
}

} // namespace arbor::simulator
