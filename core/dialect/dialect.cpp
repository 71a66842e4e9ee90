#include "dialect/dialect.h"

#include <QRegularExpression>

#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

// Column lookup by exact name first; servers and drivers disagree on case now and then
// (Server_id vs Server_Id), so fall back to a case-insensitive scan on a miss.
QVariant column(const QVariantMap &row, const QString &name)
{
    const auto it = row.constFind(name);
    if (it != row.constEnd())
        return it.value();
    for (auto i = row.constBegin(); i != row.constEnd(); ++i) {
        if (i.key().compare(name, Qt::CaseInsensitive) == 0)
            return i.value();
    }
    return {};
}

bool hasColumn(const QVariantMap &row, const QString &name)
{
    if (row.contains(name))
        return true;
    for (auto i = row.constBegin(); i != row.constEnd(); ++i) {
        if (i.key().compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString text(const QVariant &value)
{
    return value.isNull() ? QString() : value.toString();
}

std::optional<qint64> number(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return std::nullopt;
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (ok)
        return n;
    // Doubles from JSON or DECIMAL columns.
    const double d = value.toDouble(&ok);
    if (ok)
        return static_cast<qint64>(d);
    return std::nullopt;
}

qint64 numberOr(const QVariant &value, qint64 fallback = 0)
{
    return number(value).value_or(fallback);
}

// Booleans arrive as 0/1 (MariaDB, MySQL @@ vars), "ON"/"OFF" (SHOW VARIABLES), "Yes"/"No" (SHOW SLAVE
// STATUS) or, for MariaDB 11.x's read_only enum, "NO_LOCK" and friends: anything but off means on.
bool flag(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return false;
    if (const auto n = number(value); n && value.typeId() != QMetaType::QString)
        return *n != 0;
    const QString s = value.toString().trimmed();
    if (s.isEmpty())
        return false;
    bool ok = false;
    const qint64 n = s.toLongLong(&ok);
    if (ok)
        return n != 0;
    static const QStringList falses = {u"OFF"_s, u"NO"_s, u"FALSE"_s, u"DISABLED"_s};
    return !falses.contains(s, Qt::CaseInsensitive);
}

// MySQL prints GTID sets with a newline after each comma.
QString compactGtidSet(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

// Variable_name/Value rows (SHOW VARIABLES / SHOW STATUS, or performance_schema's upper-case names)
// as a lower-case name -> value map.
QHash<QString, QVariant> nameValueRows(const QList<QVariantMap> &rows)
{
    QHash<QString, QVariant> out;
    for (const QVariantMap &row : rows) {
        const QString name = text(column(row, u"Variable_name"_s)).toLower();
        if (name.isEmpty())
            continue;
        out.insert(name, hasColumn(row, u"Value"_s) ? column(row, u"Value"_s) : column(row, u"Variable_value"_s));
    }
    return out;
}

QVariant firstOf(const QHash<QString, QVariant> &values, std::initializer_list<QString> names)
{
    for (const QString &name : names) {
        const auto it = values.constFind(name);
        if (it != values.constEnd())
            return it.value();
    }
    return {};
}

bool hasAnyOf(const QHash<QString, QVariant> &values, std::initializer_list<QString> names)
{
    for (const QString &name : names) {
        if (values.contains(name))
            return true;
    }
    return false;
}

// A binlog file name as servers report it: refuse control characters and absurd lengths.
bool isPlausibleLogFile(const QString &file)
{
    if (file.isEmpty() || file.size() > 512)
        return false;
    for (const QChar c : file) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

} // namespace

Dialect Dialect::forServer(const QString &version, const QString &versionComment)
{
    return Dialect(detectFlavour(version, versionComment), ServerVersion::parse(version));
}

bool Dialect::usesReplicaKeywords() const
{
    return isMysqlLike() && m_version.atLeast(8, 0, 22);
}

bool Dialect::usesChangeReplicationSource() const
{
    return isMysqlLike() && m_version.atLeast(8, 0, 23);
}

bool Dialect::usesBinaryLogStatus() const
{
    return isMysqlLike() && m_version.atLeast(8, 2, 0);
}

bool Dialect::usesReplicaVariableNames() const
{
    return isMysqlLike() && m_version.atLeast(8, 0, 26);
}

bool Dialect::hasSuperReadOnly() const
{
    return isMysqlLike() && m_version.atLeast(5, 7, 8);
}

QString Dialect::identityQuery()
{
    return u"SELECT @@version AS version, @@version_comment AS version_comment"_s;
}

QString Dialect::variablesQuery() const
{
    QStringList items = {
        u"@@global.server_id AS server_id"_s,
    };
    // server_uuid and GTID variables exist from MySQL 5.6; an unparsable version gets them too (modern).
    const bool mysqlGtid = isMysqlLike() && (!m_version.isValid() || m_version.atLeast(5, 6, 0));
    if (mysqlGtid)
        items << u"@@global.server_uuid AS server_uuid"_s;
    items << u"@@global.hostname AS hostname"_s << u"@@global.report_host AS report_host"_s
          << u"@@global.report_port AS report_port"_s << u"@@global.port AS port"_s
          << u"@@global.read_only AS read_only"_s;
    if (hasSuperReadOnly())
        items << u"@@global.super_read_only AS super_read_only"_s;
    items << u"@@global.log_bin AS log_bin"_s;
    if (usesReplicaVariableNames()) {
        items << u"@@global.log_replica_updates AS log_slave_updates"_s;
    } else {
        items << u"@@global.log_slave_updates AS log_slave_updates"_s;
    }
    items << u"@@global.binlog_format AS binlog_format"_s << u"@@global.binlog_row_image AS binlog_row_image"_s;
    if (usesReplicaVariableNames()) {
        items << u"@@global.replica_net_timeout AS slave_net_timeout"_s;
    } else {
        items << u"@@global.slave_net_timeout AS slave_net_timeout"_s;
    }
    if (isMariaDB()) {
        items << u"@@global.gtid_current_pos AS gtid_current_pos"_s << u"@@global.gtid_binlog_pos AS gtid_binlog_pos"_s
              << u"@@global.gtid_slave_pos AS gtid_slave_pos"_s << u"@@global.gtid_strict_mode AS gtid_strict_mode"_s
              << u"@@global.gtid_domain_id AS gtid_domain_id"_s;
    } else if (mysqlGtid) {
        items << u"@@global.gtid_mode AS gtid_mode"_s << u"@@global.gtid_executed AS gtid_executed"_s
              << u"@@global.gtid_purged AS gtid_purged"_s;
    }
    items << u"@@global.version AS version"_s << u"@@global.version_comment AS version_comment"_s;
    return u"SELECT "_s + items.join(u", "_s);
}

void Dialect::applyVariables(const QVariantMap &row, Instance *instance) const
{
    if (!instance || row.isEmpty())
        return;
    instance->flavour = m_flavour;
    if (hasColumn(row, u"version"_s))
        instance->version = text(column(row, u"version"_s));
    if (hasColumn(row, u"version_comment"_s))
        instance->versionComment = text(column(row, u"version_comment"_s));
    instance->serverId = numberOr(column(row, u"server_id"_s));
    instance->serverUuid = text(column(row, u"server_uuid"_s));
    instance->hostname = text(column(row, u"hostname"_s));
    instance->reportHost = text(column(row, u"report_host"_s));
    instance->reportPort = static_cast<int>(numberOr(column(row, u"report_port"_s)));
    instance->readOnly = flag(column(row, u"read_only"_s));
    instance->superReadOnly = flag(column(row, u"super_read_only"_s));
    instance->logBin = flag(column(row, u"log_bin"_s));
    // Accept the new name too, in case a caller aliased it differently.
    instance->logReplicaUpdates = hasColumn(row, u"log_slave_updates"_s) ? flag(column(row, u"log_slave_updates"_s))
                                                                           : flag(column(row, u"log_replica_updates"_s));
    instance->binlogFormat = text(column(row, u"binlog_format"_s));
    instance->binlogRowImage = text(column(row, u"binlog_row_image"_s));
    instance->replicaNetTimeout = static_cast<int>(hasColumn(row, u"slave_net_timeout"_s)
                                                       ? numberOr(column(row, u"slave_net_timeout"_s))
                                                       : numberOr(column(row, u"replica_net_timeout"_s)));
    if (isMariaDB()) {
        instance->gtidMode.clear(); // MariaDB has no gtid_mode: GTIDs are always on
        instance->executedGtidSet = text(column(row, u"gtid_current_pos"_s));
        instance->purgedGtidSet.clear();
        instance->gtidBinlogPos = text(column(row, u"gtid_binlog_pos"_s));
        instance->gtidSlavePos = text(column(row, u"gtid_slave_pos"_s));
        instance->gtidStrictMode = flag(column(row, u"gtid_strict_mode"_s));
        instance->gtidDomainId = numberOr(column(row, u"gtid_domain_id"_s));
    } else {
        instance->gtidMode = text(column(row, u"gtid_mode"_s));
        instance->executedGtidSet = compactGtidSet(text(column(row, u"gtid_executed"_s)));
        instance->purgedGtidSet = compactGtidSet(text(column(row, u"gtid_purged"_s)));
        instance->gtidBinlogPos.clear();
        instance->gtidSlavePos.clear();
        instance->gtidStrictMode = false;
        instance->gtidDomainId = 0;
    }
}

QString Dialect::replicaStatusQuery() const
{
    return usesReplicaKeywords() ? u"SHOW REPLICA STATUS"_s : u"SHOW SLAVE STATUS"_s;
}

std::optional<ReplicationState> Dialect::parseReplicaStatus(const QVariantMap &row) const
{
    if (row.isEmpty())
        return std::nullopt;
    // MySQL 8.0.22+ renamed the columns; MariaDB (even for SHOW REPLICA STATUS) keeps the old ones.
    // Try this dialect's name first, then the other, so a mis-detected version still reads.
    const bool renamedFirst = usesReplicaKeywords();
    auto get = [&](const QString &renamed, const QString &classic) {
        const QString &first = renamedFirst ? renamed : classic;
        const QString &second = renamedFirst ? classic : renamed;
        return hasColumn(row, first) ? column(row, first) : column(row, second);
    };

    const QString host = text(get(u"Source_Host"_s, u"Master_Host"_s)).trimmed();
    if (host.isEmpty())
        return std::nullopt;

    ReplicationState state;
    const int port = static_cast<int>(numberOr(get(u"Source_Port"_s, u"Master_Port"_s)));
    if (InstanceKey::isValidHost(host) && port > 0 && port <= 65535)
        state.sourceKey = InstanceKey(host, port);
    state.sourceUser = text(get(u"Source_User"_s, u"Master_User"_s));
    state.sourceUuid = text(get(u"Source_UUID"_s, u"Master_UUID"_s));
    state.sourceServerId = numberOr(get(u"Source_Server_Id"_s, u"Master_Server_Id"_s));
    state.ioThread = ReplicationState::parseThreadState(text(get(u"Replica_IO_Running"_s, u"Slave_IO_Running"_s)));
    state.sqlThread = ReplicationState::parseThreadState(text(get(u"Replica_SQL_Running"_s, u"Slave_SQL_Running"_s)));
    state.lastIoErrno = static_cast<int>(numberOr(column(row, u"Last_IO_Errno"_s)));
    state.lastIoError = text(column(row, u"Last_IO_Error"_s));
    state.lastSqlErrno = static_cast<int>(numberOr(column(row, u"Last_SQL_Errno"_s)));
    state.lastSqlError = text(column(row, u"Last_SQL_Error"_s));
    if (const auto lag = number(get(u"Seconds_Behind_Source"_s, u"Seconds_Behind_Master"_s)))
        state.secondsBehindSource = std::max<qint64>(0, *lag); // clock skew can make it negative
    state.sqlDelay = numberOr(column(row, u"SQL_Delay"_s));
    state.readCoordinates = {text(get(u"Source_Log_File"_s, u"Master_Log_File"_s)),
                             numberOr(get(u"Read_Source_Log_Pos"_s, u"Read_Master_Log_Pos"_s))};
    state.execCoordinates = {text(get(u"Relay_Source_Log_File"_s, u"Relay_Master_Log_File"_s)),
                             numberOr(get(u"Exec_Source_Log_Pos"_s, u"Exec_Master_Log_Pos"_s))};
    state.relayCoordinates = {text(column(row, u"Relay_Log_File"_s)), numberOr(column(row, u"Relay_Log_Pos"_s))};

    if (hasColumn(row, u"Using_Gtid"_s)) { // MariaDB: No / Slave_Pos / Current_Pos
        const QString usingGtid = text(column(row, u"Using_Gtid"_s)).trimmed();
        state.gtidPositioning = usingGtid.isEmpty() ? u"No"_s : usingGtid;
        state.gtidIoPos = text(column(row, u"Gtid_IO_Pos"_s));
    } else {
        state.gtidPositioning = numberOr(column(row, u"Auto_Position"_s)) == 1 ? u"auto-position"_s : u"No"_s;
        state.retrievedGtidSet = compactGtidSet(text(column(row, u"Retrieved_Gtid_Set"_s)));
        state.executedGtidSet = compactGtidSet(text(column(row, u"Executed_Gtid_Set"_s)));
    }

    // Data filters. Replicate_Ignore_Server_Ids is left out on purpose: it is how circular and
    // co-primary setups break loops, not a choice of which data to copy.
    static const QStringList filterColumns = {
        u"Replicate_Do_DB"_s,         u"Replicate_Ignore_DB"_s,         u"Replicate_Do_Table"_s,
        u"Replicate_Ignore_Table"_s,  u"Replicate_Wild_Do_Table"_s,     u"Replicate_Wild_Ignore_Table"_s,
        u"Replicate_Rewrite_DB"_s,    u"Replicate_Do_Domain_Ids"_s,     u"Replicate_Ignore_Domain_Ids"_s,
    };
    for (const QString &name : filterColumns) {
        const QString value = text(column(row, name)).trimmed();
        if (!value.isEmpty())
            state.filters << name + u'=' + value;
    }
    state.sslAllowed = text(get(u"Source_SSL_Allowed"_s, u"Master_SSL_Allowed"_s)).compare(u"Yes"_s, Qt::CaseInsensitive) == 0;
    state.connectRetry = static_cast<int>(numberOr(column(row, u"Connect_Retry"_s)));
    return state;
}

QString Dialect::binlogStatusQuery() const
{
    return usesBinaryLogStatus() ? u"SHOW BINARY LOG STATUS"_s : u"SHOW MASTER STATUS"_s;
}

BinlogCoordinates Dialect::parseBinlogStatus(const QVariantMap &row) const
{
    BinlogCoordinates coordinates;
    coordinates.file = text(column(row, u"File"_s));
    coordinates.position = numberOr(column(row, u"Position"_s));
    return coordinates;
}

QString Dialect::replicaHostsQuery() const
{
    return usesReplicaKeywords() ? u"SHOW REPLICAS"_s : u"SHOW SLAVE HOSTS"_s;
}

QList<InstanceKey> Dialect::parseReplicaHosts(const QList<QVariantMap> &rows) const
{
    QList<InstanceKey> keys;
    QSet<InstanceKey> seen;
    for (const QVariantMap &row : rows) {
        const QString host = text(column(row, u"Host"_s)).trimmed();
        const qint64 port = numberOr(column(row, u"Port"_s));
        if (!InstanceKey::isValidHost(host) || port <= 0 || port > 65535)
            continue;
        const InstanceKey key(host, static_cast<int>(port));
        if (!seen.contains(key)) {
            seen.insert(key);
            keys << key;
        }
    }
    return keys;
}

QString Dialect::processlistReplicasQuery() const
{
    // Strip the client's ":port" from the last colon, which keeps IPv6 addresses whole.
    return u"SELECT LEFT(host, CHAR_LENGTH(host) - LOCATE(':', REVERSE(host))) AS host "
           "FROM information_schema.processlist WHERE command IN ('Binlog Dump', 'Binlog Dump GTID')"_s;
}

QList<InstanceKey> Dialect::parseProcesslistReplicas(const QList<QVariantMap> &rows, int assumedPort) const
{
    QList<QVariantMap> withPort;
    withPort.reserve(rows.size());
    for (const QVariantMap &row : rows) {
        QString host = text(column(row, u"host"_s)).trimmed();
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        withPort << QVariantMap{{u"Host"_s, host}, {u"Port"_s, assumedPort}};
    }
    return parseReplicaHosts(withPort);
}

QString Dialect::semiSyncVariablesQuery() const
{
    return u"SHOW GLOBAL VARIABLES LIKE 'rpl_semi_sync%'"_s;
}

QString Dialect::semiSyncStatusQuery() const
{
    return u"SHOW GLOBAL STATUS LIKE 'rpl_semi_sync%'"_s;
}

void Dialect::applySemiSync(const QList<QVariantMap> &variables, const QList<QVariantMap> &status, Instance *instance) const
{
    if (!instance)
        return;
    const auto vars = nameValueRows(variables);
    const auto stat = nameValueRows(status);
    SemiSyncState s;
    // MariaDB 10.3+ has semi-sync built in; MySQL only once a plugin is loaded, which adds the variables.
    s.available = !vars.isEmpty();
    s.sourceEnabled = flag(firstOf(vars, {u"rpl_semi_sync_source_enabled"_s, u"rpl_semi_sync_master_enabled"_s}));
    s.replicaEnabled = flag(firstOf(vars, {u"rpl_semi_sync_replica_enabled"_s, u"rpl_semi_sync_slave_enabled"_s}));
    s.sourceTimeoutMs = numberOr(firstOf(vars, {u"rpl_semi_sync_source_timeout"_s, u"rpl_semi_sync_master_timeout"_s}));
    const QVariant waitCount = firstOf(vars, {u"rpl_semi_sync_source_wait_for_replica_count"_s,
                                              u"rpl_semi_sync_master_wait_for_slave_count"_s});
    // MariaDB has no such variable: it always waits for one acknowledgement.
    s.sourceWaitForReplicaCount = static_cast<int>(numberOr(waitCount, s.available ? 1 : 0));
    s.sourceActive = flag(firstOf(stat, {u"rpl_semi_sync_source_status"_s, u"rpl_semi_sync_master_status"_s}));
    s.replicaActive = flag(firstOf(stat, {u"rpl_semi_sync_replica_status"_s, u"rpl_semi_sync_slave_status"_s}));
    s.sourceClients = static_cast<int>(numberOr(firstOf(stat, {u"rpl_semi_sync_source_clients"_s, u"rpl_semi_sync_master_clients"_s})));
    if (!s.available && hasAnyOf(stat, {u"rpl_semi_sync_source_status"_s, u"rpl_semi_sync_master_status"_s,
                                        u"rpl_semi_sync_replica_status"_s, u"rpl_semi_sync_slave_status"_s}))
        s.available = true;
    instance->semiSync = s;
}

Result<void> Dialect::checkChangeSource(const ChangeSource &change) const
{
    const QString where = change.source.isValid() ? change.source.toString() : u"(none)"_s;
    if (!InstanceKey::isValidHost(change.source.host()))
        return Result<void>::failure(
            u"cannot point a replica at '%1': the source host is not a valid host name or IP address"_s.arg(where));
    if (change.source.port() < 1 || change.source.port() > 65535)
        return Result<void>::failure(
            u"cannot point a replica at '%1': the source port must be a number from 1 to 65535"_s.arg(where));
    if (change.connectRetry < 1 || change.connectRetry > 86400)
        return Result<void>::failure(
            u"cannot point a replica at %1: the connect retry must be 1 to 86400 seconds, not %2"_s.arg(where).arg(change.connectRetry));
    if (change.positioning == ChangeSource::Positioning::File) {
        if (!isPlausibleLogFile(change.coordinates.file))
            return Result<void>::failure(
                u"cannot point a replica at %1 by file and position: the binary log file name is empty or malformed; "
                "read it from the source's binary log status"_s.arg(where));
        // Every binary log starts with a 4-byte magic number, so no event starts before offset 4.
        if (change.coordinates.position < 4)
            return Result<void>::failure(
                u"cannot point a replica at %1 by file and position: position %2 is before the first event (4)"_s.arg(where).arg(
                    change.coordinates.position));
    }
    return Result<void>::success();
}

QString Dialect::changeSourceStatement(const ChangeSource &change) const
{
    if (!checkChangeSource(change).ok())
        return {};
    const bool source = usesChangeReplicationSource();
    const QString p = source ? u"SOURCE_"_s : u"MASTER_"_s;
    QStringList options;
    options << p + u"HOST="_s + quoteString(change.detached ? u"//"_s + change.source.host() : change.source.host());
    options << p + u"PORT="_s + QString::number(change.source.port());
    if (!change.user.isEmpty())
        options << p + u"USER="_s + quoteString(change.user);
    if (!change.password.isEmpty())
        options << p + u"PASSWORD="_s + quoteString(change.password);
    options << p + u"CONNECT_RETRY="_s + QString::number(change.connectRetry);

    using Positioning = ChangeSource::Positioning;
    const bool byFile = change.positioning == Positioning::File;
    if (isMariaDB()) {
        if (byFile)
            options << u"MASTER_USE_GTID=no"_s;
        else
            options << (change.positioning == Positioning::CurrentPos ? u"MASTER_USE_GTID=current_pos"_s
                                                                      : u"MASTER_USE_GTID=slave_pos"_s);
    } else {
        // MySQL has one GTID mode: auto-position. It must be turned off before file:pos is accepted.
        options << p + u"AUTO_POSITION="_s + (byFile ? u"0"_s : u"1"_s);
    }
    if (byFile) {
        options << p + u"LOG_FILE="_s + quoteString(change.coordinates.file);
        options << p + u"LOG_POS="_s + QString::number(change.coordinates.position);
    }
    return (source ? u"CHANGE REPLICATION SOURCE TO "_s : u"CHANGE MASTER TO "_s) + options.join(u", "_s);
}

QString Dialect::startReplicaStatement() const
{
    return usesReplicaKeywords() ? u"START REPLICA"_s : u"START SLAVE"_s;
}

QString Dialect::stopReplicaStatement() const
{
    return usesReplicaKeywords() ? u"STOP REPLICA"_s : u"STOP SLAVE"_s;
}

QString Dialect::resetReplicaAllStatement() const
{
    return usesReplicaKeywords() ? u"RESET REPLICA ALL"_s : u"RESET SLAVE ALL"_s;
}

QString Dialect::setReadOnlyStatement(bool readOnly) const
{
    if (!hasSuperReadOnly())
        return readOnly ? u"SET GLOBAL read_only=ON"_s : u"SET GLOBAL read_only=OFF"_s;
    // super_read_only=ON implies read_only=ON and read_only=OFF implies super_read_only=OFF; naming
    // both, in this order, makes the intent explicit and works whatever the current state.
    return readOnly ? u"SET GLOBAL read_only=ON, GLOBAL super_read_only=ON"_s
                    : u"SET GLOBAL super_read_only=OFF, GLOBAL read_only=OFF"_s;
}

Result<void> Dialect::checkCoordinates(const BinlogCoordinates &coordinates) const
{
    if (!isPlausibleLogFile(coordinates.file))
        return Result<void>::failure(u"the binary log file name '%1' is empty or malformed"_s.arg(coordinates.file));
    if (coordinates.position < 4)
        return Result<void>::failure(
            u"position %1 in %2 is before the first event (4)"_s.arg(coordinates.position).arg(coordinates.file));
    return Result<void>::success();
}

QString Dialect::startReplicaUntilStatement(const BinlogCoordinates &sourceCoordinates) const
{
    if (!checkCoordinates(sourceCoordinates).ok())
        return {};
    const QString p = usesReplicaKeywords() ? u"SOURCE_"_s : u"MASTER_"_s;
    return startReplicaStatement() + u" UNTIL "_s + p + u"LOG_FILE="_s + quoteString(sourceCoordinates.file) + u", "_s
           + p + u"LOG_POS="_s + QString::number(sourceCoordinates.position);
}

QString Dialect::sourcePosWaitQuery(const BinlogCoordinates &sourceCoordinates, int timeoutSeconds) const
{
    if (!checkCoordinates(sourceCoordinates).ok())
        return {};
    const QString function = usesReplicaVariableNames() ? u"SOURCE_POS_WAIT"_s : u"MASTER_POS_WAIT"_s;
    return u"SELECT %1(%2, %3, %4) AS result"_s.arg(function, quoteString(sourceCoordinates.file))
        .arg(sourceCoordinates.position)
        .arg(std::max(0, timeoutSeconds));
}

QString Dialect::gtidWaitQuery(const QString &position, int timeoutSeconds) const
{
    const QString function = isMariaDB() ? u"MASTER_GTID_WAIT"_s : u"WAIT_FOR_EXECUTED_GTID_SET"_s;
    return u"SELECT %1(%2, %3) AS result"_s.arg(function, quoteString(position)).arg(std::max(0, timeoutSeconds));
}

QStringList Dialect::operationSessionStatements()
{
    return {u"SET NAMES utf8mb4"_s,
            u"SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')"_s};
}

QStringList Dialect::requiredPrivileges() const
{
    if (isMariaDB()) {
        // 10.5.2 split SUPER and REPLICATION CLIENT into fine-grained privileges; 10.5.9 added SLAVE
        // MONITOR for SHOW SLAVE STATUS; 10.11 no longer lets SUPER imply READ_ONLY ADMIN.
        if (!m_version.atLeast(10, 5, 2))
            return {u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION CLIENT"_s, u"REPLICATION SLAVE"_s, u"SUPER"_s};
        QStringList privileges = {u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION SLAVE"_s, u"BINLOG MONITOR"_s,
                                  u"REPLICATION MASTER ADMIN"_s, u"REPLICATION SLAVE ADMIN"_s};
        if (m_version.atLeast(10, 5, 9))
            privileges << u"SLAVE MONITOR"_s;
        privileges << u"READ_ONLY ADMIN"_s;
        return privileges;
    }
    if (m_version.isValid() && !m_version.atLeast(8, 0, 0))
        return {u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION CLIENT"_s, u"REPLICATION SLAVE"_s, u"SUPER"_s};
    // MySQL 8.0+ deprecates SUPER; the dynamic privileges cover SET GLOBAL and replica control.
    return {u"PROCESS"_s, u"RELOAD"_s, u"REPLICATION CLIENT"_s, u"REPLICATION SLAVE"_s,
            u"REPLICATION_SLAVE_ADMIN"_s, u"SYSTEM_VARIABLES_ADMIN"_s};
}

QString Dialect::redacted(const QString &statement)
{
    // quoteString() doubles quotes, so a literal is ' then (non-quote or '') repeated, then '.
    static const QRegularExpression password(uR"((PASSWORD\s*=\s*)'(?:[^']|'')*')"_s, QRegularExpression::CaseInsensitiveOption);
    QString out = statement;
    out.replace(password, u"\\1'<secret>'"_s);
    return out;
}

QString Dialect::quoteString(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out.append(u'\'');
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'\'': out.append(u"''"_s); break; // doubling stays safe even under NO_BACKSLASH_ESCAPES
        case u'\\': out.append(u"\\\\"_s); break;
        case 0: out.append(u"\\0"_s); break;
        case u'\n': out.append(u"\\n"_s); break;
        case u'\r': out.append(u"\\r"_s); break;
        case u'\t': out.append(u"\\t"_s); break;
        case u'\b': out.append(u"\\b"_s); break;
        case 0x1a: out.append(u"\\Z"_s); break; // Ctrl-Z: end of file for Windows clients
        default: out.append(c); break;
        }
    }
    out.append(u'\'');
    return out;
}

} // namespace arbor::core
