// FleetModel's answers as MySQL 5.7 / 8.0 / 8.4 gives them: explicit GTID sets (GtidFlow), the
// statements of each version (8.4's removed ones refused with its syntax error), MySQL's column and
// variable names, and the state-changing replication statements Arbor sends. Names and numbers follow
// the MySQL reference manual; message texts are paraphrased where the manual does not give them.
#include "fleetmodel.h"

#include "sqltext.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <cmath>

namespace arbor::simulator {

using core::MysqlGtidSet;
using protocol::Column;
using protocol::Row;
using sqltext::unquote;

namespace {

QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}

Reply rows(std::vector<Column> columns, std::vector<Row> values)
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    r.columns = std::move(columns);
    r.rows = std::move(values);
    return r;
}

std::optional<bool> onOff(QByteArray value)
{
    value = value.trimmed().toUpper();
    if (value.startsWith('\'') || value.startsWith('"'))
        value = unquote(value).value_or(QByteArray()).toUpper();
    if (value == "ON" || value == "1" || value == "TRUE")
        return true;
    if (value == "OFF" || value == "0" || value == "FALSE")
        return false;
    return std::nullopt;
}

} // namespace

void FleetModel::logStatement(int i, const QByteArray &sql, int error)
{
    if (!m_options.logStatements && m_statementLogPath.isEmpty())
        return;
    std::lock_guard lock(m_logMutex);
    if (m_options.logStatements)
        m_statements.push_back({i, sql, error});
    if (!m_statementLogPath.isEmpty()) {
        QFile f(m_statementLogPath);
        if (f.open(QIODevice::Append))
            f.write(ServerFlavour::nameOf(m_flavour.kind()) + '\t' + m_flavour.version() + '\t' + QByteArray::number(error)
                    + '\t' + sql + '\n');
    }
}

std::vector<LoggedStatement> FleetModel::statements() const
{
    std::lock_guard lock(m_logMutex);
    return m_statements;
}

void FleetModel::clearStatements()
{
    std::lock_guard lock(m_logMutex);
    m_statements.clear();
}

QString FleetModel::serverUuid(int i) const
{
    std::shared_lock lock(m_mutex);
    return m_gtid.isEmpty() ? QString() : m_gtid.server(i).uuid;
}

QByteArray FleetModel::gtidExecuted(int i)
{
    std::unique_lock lock(m_mutex);
    if (m_gtid.isEmpty())
        return {};
    advanceMysql(i, now());
    return m_gtid.server(i).executed.toString().toUtf8();
}

QByteArray FleetModel::gtidPurged(int i)
{
    std::unique_lock lock(m_mutex);
    return m_gtid.isEmpty() ? QByteArray() : m_gtid.server(i).purged.toString().toUtf8();
}

bool FleetModel::readOnly(int i) const
{
    std::shared_lock lock(m_mutex);
    return m_servers[size_t(i)].readOnly;
}

bool FleetModel::superReadOnly(int i) const
{
    std::shared_lock lock(m_mutex);
    return m_servers[size_t(i)].superReadOnly;
}

bool FleetModel::autoPosition(int i) const
{
    std::shared_lock lock(m_mutex);
    return !m_gtid.isEmpty() && m_gtid.server(i).autoPosition;
}

bool FleetModel::replicating(int i)
{
    std::unique_lock lock(m_mutex);
    const double t = now();
    if (!m_gtid.isEmpty())
        advanceMysql(i, t);
    const Server &s = m_servers[size_t(i)];
    return s.source >= 0 && s.repl == ReplicationFault::None && ioConnected(i, t) && sqlRunning(i);
}

void FleetModel::injectTransactions(int i, qint64 count)
{
    std::unique_lock lock(m_mutex);
    if (m_gtid.isEmpty())
        return;
    advanceMysql(i, now());
    m_gtid.inject(i, count);
}

void FleetModel::purgeBinaryLogs(int i)
{
    std::unique_lock lock(m_mutex);
    if (m_gtid.isEmpty())
        return;
    advanceMysql(i, now());
    m_gtid.purgeAll(i);
}

void FleetModel::advanceMysql(int i, double t)
{
    // One tree at a time (the fleet's clusters by index): trees are small, fleets may not be.
    const int first = clusterOf(i) * m_options.clusterSize;
    const int last = std::min(size(), first + m_options.clusterSize);
    std::vector<GtidFlow::Link> links;
    links.reserve(size_t(last - first));
    for (int k = first; k < last; ++k) {
        const Server &s = m_servers[size_t(k)];
        GtidFlow::Link l;
        l.source = s.source;
        l.writes = !s.readOnly && (s.net == NetworkFault::None || s.net == NetworkFault::Slow);
        l.ioUp = s.source >= 0 && ioConnected(k, t);
        l.sqlUp = s.source >= 0 && sqlRunning(k) && s.net != NetworkFault::Dead && s.net != NetworkFault::Hung;
        l.lagTransactions = qint64(lagAt(k, t) * std::max(1, m_options.transactionsPerSecond));
        l.top = topOf(k);
        links.push_back(l);
    }
    for (const int refused : m_gtid.advance(first, last, links, t, m_options.transactionsPerSecond)) {
        Server &s = m_servers[size_t(refused)];
        s.repl = ReplicationFault::BrokenIo;
        s.replSince = t;
    }
    for (int k = first; k < last; ++k) {
        Server &s = m_servers[size_t(k)];
        if (s.untilPosition > 0 && !s.sqlStoppedByUntil && mysqlExecPosition(k) >= s.untilPosition)
            s.sqlStoppedByUntil = true;
    }
    m_gtidAdvancedAt = t;
}

qint64 FleetModel::mysqlExecPosition(int i) const
{
    const GtidFlow::Server &g = m_gtid.server(i);
    const qint64 applied = g.retrieved.count() - g.retrieved.subtract(g.executed).count();
    return binlogPosition(applied);
}

std::vector<FleetModel::Variable> FleetModel::mysqlVariables(int i, double) const
{
    const Server &s = m_servers[size_t(i)];
    const GtidFlow::Server &g = m_gtid.server(i);
    const QByteArray p = num(port(i));
    std::vector<Variable> vars = {
        {"binlog_format", VarType::String, "ROW"},
        {"binlog_row_image", VarType::String, "FULL"},
        {"enforce_gtid_consistency", VarType::String, "ON"},
        {"gtid_executed", VarType::String, GtidFlow::text(g.executed)},
        {"gtid_mode", VarType::String, "ON"},
        {"gtid_purged", VarType::String, GtidFlow::text(g.purged)},
        {"hostname", VarType::String, "sim" + num(clusterOf(i)) + '-' + num(i % m_options.clusterSize)},
        {"log_bin", VarType::Bool, "1"},
        {"log_slave_updates", VarType::Bool, "1"},
        {"port", VarType::UInt, p},
        {"read_only", VarType::Bool, s.readOnly ? "1" : "0"},
        {"report_host", VarType::String, "127.0.0.1"},
        {"report_port", VarType::UInt, p},
        {"server_id", VarType::UInt, num(serverId(i))},
        {"server_uuid", VarType::String, g.uuid.toUtf8()},
        {"slave_net_timeout", VarType::UInt, num(m_options.replicaNetTimeout)},
        {"version", VarType::String, m_flavour.version()},
        {"version_comment", VarType::String, m_flavour.versionComment()},
    };
    if (m_flavour.hasSuperReadOnly())
        vars.push_back({"super_read_only", VarType::Bool, s.superReadOnly ? "1" : "0"});
    if (m_flavour.hasReplicaVariableNames()) {
        vars.push_back({"log_replica_updates", VarType::Bool, "1"});
        vars.push_back({"replica_net_timeout", VarType::UInt, num(m_options.replicaNetTimeout)});
    }
    // Both semi-sync plugins loaded, neither enabled; 8.0.26 renamed them and their variables.
    const QByteArray source = m_flavour.semiSyncSourcePrefix();
    const QByteArray replica = m_flavour.semiSyncReplicaPrefix();
    const QByteArray replicaWord = m_flavour.hasReplicaVariableNames() ? "replica" : "slave";
    vars.push_back({source + "_enabled", VarType::Bool, "0"});
    vars.push_back({source + "_timeout", VarType::UInt, "10000"});
    vars.push_back({source + "_trace_level", VarType::UInt, "32"});
    vars.push_back({source + "_wait_for_" + replicaWord + "_count", VarType::UInt, "1"});
    vars.push_back({source + "_wait_no_" + replicaWord, VarType::Bool, "1"});
    vars.push_back({source + "_wait_point", VarType::String, "AFTER_SYNC"});
    vars.push_back({replica + "_enabled", VarType::Bool, "0"});
    vars.push_back({replica + "_trace_level", VarType::UInt, "32"});
    std::sort(vars.begin(), vars.end(), [](const Variable &a, const Variable &b) { return a.name < b.name; });
    return vars;
}

std::vector<std::pair<QByteArray, QByteArray>> FleetModel::mysqlStatus(int i, double t) const
{
    const Server &s = m_servers[size_t(i)];
    const QByteArray source = "R" + m_flavour.semiSyncSourcePrefix().mid(1);
    const QByteArray replica = "R" + m_flavour.semiSyncReplicaPrefix().mid(1);
    return {
        {source + "_clients", "0"},
        {source + "_no_tx", "0"},
        {source + "_status", "OFF"},
        {source + "_yes_tx", "0"},
        {replica + "_status", "OFF"},
        {"Uptime", num(s.uptimeOffset + qint64(t))},
    };
}

Reply FleetModel::answerMysql(int i, const QByteArray &sql, const QByteArray &upper, double t, SessionState &session)
{
    const ServerFlavour &f = m_flavour;
    auto syntax = [&](const QByteArray &near) { return Reply::error(1064, "42000", f.syntaxErrorMessage(near)); };
    // "near" is what follows the last word the parser accepted, as MySQL reports it.
    auto after = [&](int words) {
        int pos = 0;
        for (int k = 0; k < words; ++k) {
            const int space = sql.indexOf(' ', pos);
            if (space < 0)
                return QByteArray();
            pos = space + 1;
        }
        return sql.mid(pos);
    };
    if (auto reply = answerRead(i, sql, upper, t))
        return *reply;
    if (upper == "SHOW SLAVE STATUS")
        return f.removedSlaveSyntax() ? syntax(after(1)) : mysqlReplicaStatus(i, t, false);
    if (upper == "SHOW REPLICA STATUS")
        return f.hasReplicaKeywords() ? mysqlReplicaStatus(i, t, true) : syntax(after(1));
    if (upper == "SHOW MASTER STATUS")
        return f.removedSlaveSyntax() ? syntax(after(1)) : mysqlBinlogStatus(i);
    if (upper == "SHOW BINARY LOG STATUS")
        return f.hasBinaryLogStatus() ? mysqlBinlogStatus(i) : syntax(after(2));
    if (upper == "SHOW SLAVE HOSTS")
        return f.removedSlaveSyntax() ? syntax(after(1)) : mysqlReplicaHosts(i, t, false);
    if (upper == "SHOW REPLICAS")
        return f.hasReplicaKeywords() ? mysqlReplicaHosts(i, t, true) : syntax(after(1));
    if (upper.startsWith("SHOW GRANTS"))
        return mysqlGrants();
    if (auto reply = mysqlGtidStatement(i, sql, upper, session))
        return *reply;
    if (upper.startsWith("SET GLOBAL ") || upper.startsWith("SET @@GLOBAL."))
        return mysqlSetGlobal(i, sql.mid(4));
    if (upper.startsWith("SET ") || upper.startsWith("USE ") || upper.startsWith("DO ") || upper.startsWith("FLUSH "))
        return Reply::ok();

    Server &s = m_servers[size_t(i)];
    const bool slave = upper.startsWith("STOP SLAVE") || upper.startsWith("START SLAVE") || upper.startsWith("RESET SLAVE");
    const bool replica = upper.startsWith("STOP REPLICA") || upper.startsWith("START REPLICA") || upper.startsWith("RESET REPLICA");
    if ((slave && f.removedSlaveSyntax()) || (replica && !f.hasReplicaKeywords()))
        return syntax(after(1));
    if (upper == "STOP SLAVE" || upper == "STOP REPLICA") {
        if (s.source >= 0 && s.repl != ReplicationFault::Stopped) {
            s.repl = ReplicationFault::Stopped;
            s.replSince = t;
        }
        s.sqlStoppedByUntil = false;
        s.ioStopped = false; // both stopped now: ReplicationFault::Stopped says so
        s.sqlStopped = false;
        return Reply::ok();
    }
    // One thread: STOP/START SLAVE|REPLICA IO_THREAD or SQL_THREAD.
    const QByteArray thread = after(2).toUpper();
    if ((upper.startsWith("STOP ") || upper.startsWith("START ")) && (thread == "IO_THREAD" || thread == "SQL_THREAD")) {
        const bool stop = upper.startsWith("STOP ");
        if (!stop && s.source < 0)
            return mysqlStartReplica(i, {}); // the error a server without a source gives
        if (s.repl == ReplicationFault::Stopped && !stop) {
            // From both stopped to one running: the other one stays stopped.
            s.repl = ReplicationFault::None;
            s.ioStopped = thread != "IO_THREAD";
            s.sqlStopped = thread != "SQL_THREAD";
        } else if (thread == "IO_THREAD") {
            s.ioStopped = stop;
        } else {
            s.sqlStopped = stop;
            s.sqlStoppedByUntil = false;
        }
        if (!stop && thread == "IO_THREAD")
            m_gtid.server(i).ioWasUp = false; // it connects (auto-position handshake) again
        return Reply::ok();
    }
    if (upper.startsWith("START SLAVE") || upper.startsWith("START REPLICA")) {
        const QByteArray rest = after(2);
        if (!rest.isEmpty() && !rest.toUpper().startsWith("UNTIL "))
            return Reply::error(1235, "42000", "This version of MySQL doesn't yet support '" + sql.left(60) + "'");
        return mysqlStartReplica(i, rest);
    }
    if (upper == "RESET SLAVE ALL" || upper == "RESET REPLICA ALL") {
        const bool ioThread = s.repl != ReplicationFault::Stopped && s.repl != ReplicationFault::BrokenIo && !s.ioStopped;
        if (s.source >= 0 && (ioThread || sqlRunning(i)))
            return Reply::error(3081, "HY000", "This operation cannot be performed with running replication threads; "
                                               "run STOP REPLICA FOR CHANNEL '' first");
        setSource(i, -1);
        s.repl = ReplicationFault::None;
        s.detached = false;
        s.untilPosition = 0;
        s.sqlStoppedByUntil = false;
        GtidFlow::Server &g = m_gtid.server(i);
        g.retrieved = MysqlGtidSet();
        g.ioErrno = 0;
        g.ioError.clear();
        g.autoPosition = false;
        return Reply::ok();
    }
    if (upper.startsWith("CHANGE MASTER TO "))
        return f.removedSlaveSyntax() ? syntax(after(1)) : mysqlChangeSource(i, sql.mid(int(qstrlen("CHANGE MASTER TO "))));
    if (upper.startsWith("CHANGE REPLICATION SOURCE TO ")) {
        if (!f.hasChangeReplicationSource())
            return syntax(after(1));
        return mysqlChangeSource(i, sql.mid(int(qstrlen("CHANGE REPLICATION SOURCE TO "))));
    }
    if (upper.startsWith("PURGE BINARY LOGS")) {
        m_gtid.purgeAll(i);
        return Reply::ok();
    }
    if (upper.startsWith("PURGE MASTER LOGS"))
        return f.removedSlaveSyntax() ? syntax(after(1)) : (m_gtid.purgeAll(i), Reply::ok());
    return Reply::error(1235, "42000", "This version of MySQL doesn't yet support '" + sql.left(60) + "'");
}

Reply FleetModel::mysqlFunction(int i, const QByteArray &sql, double t)
{
    const Server &s = m_servers[size_t(i)];
    const GtidFlow::Server &g = m_gtid.server(i);
    auto one = [&](const QByteArray &fallback, const std::optional<QByteArray> &value) {
        const QByteArray name = sqltext::aliasOf(sql, fallback);
        return rows({Column::number(name, protocol::TypeLongLong, 21, false, false)}, {Row{value}});
    };
    if (const auto args = sqltext::callArguments(sql, "WAIT_FOR_EXECUTED_GTID_SET")) {
        const auto text = unquote(args->value(0));
        const auto set = text ? MysqlGtidSet::parse(QString::fromUtf8(*text)) : core::Result<MysqlGtidSet>::failure(QString());
        if (!set.ok())
            return Reply::error(1772, "HY000", "Malformed GTID set specification '" + args->value(0) + "'.");
        // Answered at once: the simulator does not block a connection (1 = timed out).
        return one("WAIT_FOR_EXECUTED_GTID_SET", QByteArray(g.executed.contains(*set) ? "0" : "1"));
    }
    for (const char *function : {"SOURCE_POS_WAIT", "MASTER_POS_WAIT"}) {
        const auto args = sqltext::callArguments(sql, function);
        if (!args)
            continue;
        if (qstrcmp(function, "SOURCE_POS_WAIT") == 0 && !m_flavour.hasReplicaVariableNames())
            return Reply::error(1305, "42000", "FUNCTION SOURCE_POS_WAIT does not exist");
        if (args->size() < 2 || !unquote(args->at(0)))
            return Reply::error(1064, "42000", m_flavour.syntaxErrorMessage(args->join(',')));
        if (s.source < 0 || !sqlRunning(i) || s.repl != ReplicationFault::None)
            return one(function, std::nullopt);
        const bool reached = mysqlExecPosition(i) >= args->at(1).toLongLong();
        return one(function, QByteArray(reached ? "0" : "-1"));
    }
    // Any other function call (MariaDB's MASTER_GTID_WAIT, for one) does not exist here.
    const int open = sql.indexOf('(');
    QByteArray name = sql.left(open).mid(sql.left(open).lastIndexOf(' ') + 1).toUpper();
    if (name == "NOW" || name == "COUNT")
        return Reply::error(1235, "42000", "This version of MySQL doesn't yet support '" + sql.left(60) + "'");
    (void)t;
    return Reply::error(1305, "42000", "FUNCTION " + name + " does not exist");
}

Reply FleetModel::mysqlSetGlobal(int i, const QByteArray &assignments)
{
    Server &s = m_servers[size_t(i)];
    const std::vector<Variable> known = mysqlVariables(i, 0);
    bool readOnly = s.readOnly;
    bool superReadOnly = s.superReadOnly;
    for (QByteArray part : sqltext::splitTopLevel(assignments, ',')) {
        const QByteArray upper = part.toUpper();
        if (upper.startsWith("GLOBAL "))
            part = part.mid(7).trimmed();
        else if (upper.startsWith("@@GLOBAL."))
            part = part.mid(9).trimmed();
        const int eq = part.indexOf('=');
        if (eq < 0)
            return Reply::error(1064, "42000", m_flavour.syntaxErrorMessage(part));
        const QByteArray name = part.left(eq).trimmed().toLower();
        const QByteArray value = part.mid(eq + 1).trimmed();
        const bool exists = std::any_of(known.begin(), known.end(), [&](const Variable &v) { return v.name == name; });
        if (!exists)
            return Reply::error(1193, "HY000", "Unknown system variable '" + name + "'");
        if (name == "gtid_purged") {
            if (Reply r = mysqlSetGtidPurged(i, value); r.kind == Reply::Kind::Error)
                return r;
            continue;
        }
        if (name != "read_only" && name != "super_read_only")
            continue; // accepted, not simulated
        const auto on = onOff(value);
        if (!on)
            return Reply::error(1231, "42000", "Variable '" + name + "' can't be set to the value of '" + value + "'");
        // super_read_only=ON implies read_only=ON; read_only=OFF implies super_read_only=OFF.
        if (name == "read_only") {
            readOnly = *on;
            if (!*on)
                superReadOnly = false;
        } else {
            superReadOnly = *on;
            if (*on)
                readOnly = true;
        }
    }
    s.readOnly = readOnly;
    s.superReadOnly = superReadOnly;
    return Reply::ok();
}

Reply FleetModel::mysqlChangeSource(int i, const QByteArray &options)
{
    Server &s = m_servers[size_t(i)];
    const double t = now();
    auto syntax = [&](const QByteArray &near) { return Reply::error(1064, "42000", m_flavour.syntaxErrorMessage(near)); };
    std::optional<QByteArray> host;
    std::optional<int> newPort;
    std::optional<bool> autoPosition;
    std::optional<int> connectRetry;
    bool logPosition = false;
    for (const QByteArray &part : sqltext::splitTopLevel(options, ',')) {
        const int eq = part.indexOf('=');
        if (eq < 0)
            return syntax(part);
        const QByteArray key = part.left(eq).trimmed().toUpper();
        const QByteArray value = part.mid(eq + 1).trimmed();
        QByteArray option;
        if (key.startsWith("SOURCE_") && m_flavour.hasChangeReplicationSource())
            option = key.mid(7);
        else if (key.startsWith("MASTER_") && !m_flavour.removedSlaveSyntax())
            option = key.mid(7);
        else if (key.startsWith("RELAY_LOG_"))
            option = key;
        static const QList<QByteArray> known = {"HOST", "PORT", "USER", "PASSWORD", "CONNECT_RETRY", "AUTO_POSITION",
                                                "LOG_FILE", "LOG_POS", "HEARTBEAT_PERIOD", "RETRY_COUNT", "DELAY",
                                                "SSL", "RELAY_LOG_FILE", "RELAY_LOG_POS"};
        // MASTER_USE_GTID (MariaDB), or MASTER_* on 8.4, is not MySQL syntax.
        if (!known.contains(option))
            return syntax(part);
        if (option == "HOST") {
            host = unquote(value);
            if (!host)
                return syntax(part);
        } else if (option == "PORT") {
            newPort = value.toInt();
        } else if (option == "AUTO_POSITION") {
            autoPosition = value == "1";
        } else if (option == "CONNECT_RETRY") {
            connectRetry = value.toInt();
        } else if (option == "LOG_FILE" || option == "LOG_POS" || option == "RELAY_LOG_FILE" || option == "RELAY_LOG_POS") {
            logPosition = true;
        }
    }
    // The statement parses; now the server's state decides.
    // A thread counts as running while it retries (Connecting), as in MySQL.
    if (s.source >= 0 && s.repl != ReplicationFault::Stopped && s.repl != ReplicationFault::BrokenIo)
        return Reply::error(3021, "HY000", "This operation cannot be performed with a running replica io thread; run "
                                           "STOP REPLICA IO_THREAD FOR CHANNEL '' first.");
    GtidFlow::Server &g = m_gtid.server(i);
    const bool willAutoPosition = autoPosition.value_or(s.source >= 0 ? g.autoPosition : false);
    if (willAutoPosition && logPosition)
        return Reply::error(1776, "HY000", "Parameters SOURCE_LOG_FILE, SOURCE_LOG_POS, RELAY_LOG_FILE and RELAY_LOG_POS "
                                           "cannot be set when SOURCE_AUTO_POSITION is active.");
    bool detached = s.detached;
    if (host) {
        detached = host->startsWith("//");
        const QByteArray plain = detached ? host->mid(2) : *host;
        if (plain != "127.0.0.1" && plain != "localhost")
            return Reply::error(1210, "HY000", "Incorrect arguments to CHANGE REPLICATION SOURCE TO: the simulator only "
                                               "has servers on 127.0.0.1");
    }
    const int target = indexOfPort(newPort.value_or(s.source >= 0 ? port(s.source) : 0));
    if (target < 0 || target == i)
        return Reply::error(1210, "HY000", "Incorrect arguments to CHANGE REPLICATION SOURCE TO: no simulated server "
                                           "listens on port " + num(newPort.value_or(0)));
    if (target != s.source || host)
        g.retrieved = MysqlGtidSet(); // a new source: the relay logs are purged
    setSource(i, target);
    s.detached = detached;
    s.untilPosition = 0;
    s.sqlStoppedByUntil = false;
    if (connectRetry)
        s.connectRetry = *connectRetry;
    g.autoPosition = willAutoPosition;
    g.ioErrno = 0;
    g.ioError.clear();
    g.ioWasUp = false;
    s.replSince = t;
    s.repl = ReplicationFault::Stopped;
    return Reply::ok();
}

Reply FleetModel::mysqlStartReplica(int i, const QByteArray &until)
{
    Server &s = m_servers[size_t(i)];
    if (s.source < 0)
        return Reply::error(1200, "HY000", m_flavour.hasChangeReplicationSource()
                                               ? "The server is not configured as replica; fix in config file or with "
                                                 "CHANGE REPLICATION SOURCE TO"
                                               : "The server is not configured as slave; fix in config file or with "
                                                 "CHANGE MASTER TO");
    s.untilPosition = 0;
    if (!until.isEmpty()) {
        std::optional<qint64> position;
        for (const QByteArray &part : sqltext::splitTopLevel(until.mid(6), ',')) {
            const int eq = part.indexOf('=');
            const QByteArray key = part.left(eq).trimmed().toUpper();
            const bool sourceKey = key.startsWith("SOURCE_") && m_flavour.hasChangeReplicationSource();
            const bool masterKey = key.startsWith("MASTER_") && !m_flavour.removedSlaveSyntax();
            if (eq < 0 || (!sourceKey && !masterKey))
                return Reply::error(1064, "42000", m_flavour.syntaxErrorMessage(part));
            if (key.endsWith("_LOG_POS"))
                position = part.mid(eq + 1).trimmed().toLongLong();
        }
        if (!position)
            return Reply::error(1064, "42000", m_flavour.syntaxErrorMessage(until));
        s.untilPosition = *position;
    }
    s.sqlStoppedByUntil = false;
    s.ioStopped = false;
    s.sqlStopped = false;
    if (s.repl == ReplicationFault::Stopped || s.repl == ReplicationFault::BrokenIo) {
        s.repl = ReplicationFault::None;
        GtidFlow::Server &g = m_gtid.server(i);
        g.ioErrno = 0;
        g.ioError.clear();
        g.ioWasUp = false;
    }
    return Reply::ok();
}

Reply FleetModel::mysqlReplicaStatus(int i, double t, bool renamed) const
{
    Reply r = rows(m_flavour.replicaStatusColumns(renamed), {});
    const Server &s = m_servers[size_t(i)];
    if (s.source < 0)
        return r;
    const GtidFlow::Server &g = m_gtid.server(i);
    const GtidFlow::Server &sourceGtid = m_gtid.server(s.source);
    const Server &source = m_servers[size_t(s.source)];
    const bool modern = m_flavour.hasReplicaVariableNames();
    const QByteArray sourceWord = modern ? "source" : "master";
    const bool io = ioConnected(i, t);
    const bool sql = sqlRunning(i);
    const QByteArray sourcePort = num(port(s.source));
    const QByteArray host = s.detached ? "//127.0.0.1" : "127.0.0.1";

    QByteArray ioRunning = io ? "Yes" : "Connecting";
    QByteArray ioState = io ? "Waiting for " + sourceWord + " to send event" : "Reconnecting after a failed " + sourceWord + " event read";
    int ioErrno = 0;
    QByteArray ioError;
    if (s.repl == ReplicationFault::Stopped || s.ioStopped) {
        ioRunning = "No";
        ioState = "";
    } else if (s.repl == ReplicationFault::BrokenIo) {
        ioRunning = "No";
        ioState = "";
        ioErrno = 1236;
        ioError = g.ioErrno != 0 ? g.ioError
                                 : "Got fatal error 1236 from " + sourceWord + " when reading data from binary log: 'Cannot "
                                   "replicate because the " + sourceWord + " purged required binary logs.'";
    } else if (s.detached) {
        ioErrno = 2005;
        ioError = "error connecting to " + sourceWord + " 'repl@//127.0.0.1:" + sourcePort
                  + "' - retry-time: 1 retries: 1 message: Unknown MySQL server host '//127.0.0.1' (-2)";
    } else if (!io && source.net == NetworkFault::Dead) {
        ioErrno = 2003;
        ioError = "error reconnecting to " + sourceWord + " 'repl@127.0.0.1:" + sourcePort
                  + "' - retry-time: 1 retries: 1 message: Can't connect to MySQL server on '127.0.0.1:" + sourcePort
                  + "' (111)";
    } else if (!io) {
        ioErrno = 2013;
        ioError = "error reconnecting to " + sourceWord + " 'repl@127.0.0.1:" + sourcePort
                  + "' - retry-time: 1 retries: 1 message: Lost connection to MySQL server at 'reading initial "
                    "communication packet', system error: 110";
    }
    int sqlErrno = 0;
    QByteArray sqlError;
    if (s.repl == ReplicationFault::BrokenSql) {
        sqlErrno = 1062;
        sqlError = "Coordinator stopped because there were error(s) in the worker(s). The most recent failure being: "
                   "Worker 1 failed executing transaction '" + sourceGtid.uuid.toUtf8() + ":" + num(sourceGtid.nextOwn)
                   + "' at " + sourceWord + " log binlog.000001, end_log_pos " + num(binlogPosition(sourceGtid.executed.count()))
                   + ". See error log and/or performance_schema.replication_applier_status_by_worker table for more details "
                     "about this failure or others, if any.";
    }
    std::optional<QByteArray> behind;
    if (io && sql)
        behind = num(qint64(lagAt(i, t)));
    const QByteArray readPos = num(binlogPosition(g.retrieved.count()));
    const QByteArray execPos = num(mysqlExecPosition(i));
    const QByteArray until = s.untilPosition > 0 ? QByteArray(modern ? "Source" : "Master") : QByteArray("None");
    QByteArray sqlState;
    if (sql)
        sqlState = modern ? "Replica has read all relay log; waiting for more updates"
                          : "Slave has read all relay log; waiting for more updates";

    const QHash<QByteArray, std::optional<QByteArray>> values = {
        {"Replica_IO_State", ioState}, {"Source_Host", host}, {"Source_User", "repl"}, {"Source_Port", sourcePort},
        {"Connect_Retry", num(s.connectRetry)}, {"Source_Log_File", "binlog.000001"}, {"Read_Source_Log_Pos", readPos},
        {"Relay_Log_File", "relay-bin.000002"}, {"Relay_Log_Pos", num(mysqlExecPosition(i) + 226)},
        {"Relay_Source_Log_File", "binlog.000001"}, {"Replica_IO_Running", ioRunning},
        {"Replica_SQL_Running", sql ? "Yes" : "No"}, {"Last_Errno", num(sqlErrno)}, {"Last_Error", sqlError},
        {"Skip_Counter", "0"}, {"Exec_Source_Log_Pos", execPos}, {"Relay_Log_Space", num(binlogPosition(g.retrieved.count()) + 600)},
        {"Until_Condition", until}, {"Until_Log_File", s.untilPosition > 0 ? QByteArray("binlog.000001") : QByteArray()},
        {"Until_Log_Pos", num(s.untilPosition)}, {"Source_SSL_Allowed", "No"}, {"Seconds_Behind_Source", behind},
        {"Source_SSL_Verify_Server_Cert", "No"}, {"Last_IO_Errno", num(ioErrno)}, {"Last_IO_Error", ioError},
        {"Last_SQL_Errno", num(sqlErrno)}, {"Last_SQL_Error", sqlError}, {"Source_Server_Id", num(serverId(s.source))},
        {"Source_UUID", sourceGtid.uuid.toUtf8()}, {"Source_Info_File", "mysql.slave_master_info"}, {"SQL_Delay", "0"},
        {"SQL_Remaining_Delay", std::nullopt}, {"Replica_SQL_Running_State", sqlState}, {"Source_Retry_Count", "86400"},
        {"Retrieved_Gtid_Set", GtidFlow::text(g.retrieved)}, {"Executed_Gtid_Set", GtidFlow::text(g.executed)},
        {"Auto_Position", g.autoPosition ? "1" : "0"}, {"Get_Source_public_key", "0"}};
    Row row;
    for (const Column &c : r.columns) {
        // Columns are looked up by their 8.0.22+ name; the classic names map back onto it.
        QByteArray key = c.name;
        if (!renamed) {
            key.replace("Master", "Source").replace("Slave_", "Replica_");
            if (key == "Get_master_public_key")
                key = "Get_Source_public_key";
        }
        const auto it = values.constFind(key);
        row.push_back(it == values.constEnd() ? std::optional<QByteArray>(QByteArray()) : it.value());
    }
    r.rows.push_back(std::move(row));
    return r;
}

Reply FleetModel::mysqlReplicaHosts(int i, double t, bool renamed) const
{
    Reply r = rows(m_flavour.replicaHostsColumns(renamed), {});
    for (const int j : connectedReplicas(i, t))
        r.rows.push_back({num(serverId(j)), "127.0.0.1", num(port(j)), num(serverId(i)), m_gtid.server(j).uuid.toUtf8()});
    return r;
}

Reply FleetModel::mysqlBinlogStatus(int i) const
{
    const GtidFlow::Server &g = m_gtid.server(i);
    return rows(m_flavour.binlogStatusColumns(),
                {Row{"binlog.000001", num(binlogPosition(g.executed.count())), "", "", GtidFlow::text(g.executed)}});
}

Reply FleetModel::mysqlGrants() const
{
    // MySQL 8.0+ lists static privileges on one line and dynamic ones (REPLICATION_SLAVE_ADMIN, ...)
    // on another, comma-joined without spaces; 5.7 has only static ones and quotes with '.
    const bool eight = m_flavour.atLeast(8, 0, 0);
    QList<QByteArray> statics = eight ? QList<QByteArray>{"RELOAD", "PROCESS", "REPLICATION SLAVE", "REPLICATION CLIENT"}
                                      : QList<QByteArray>{"RELOAD", "PROCESS", "SUPER", "REPLICATION SLAVE", "REPLICATION CLIENT"};
    QList<QByteArray> dynamics;
    if (eight)
        dynamics = {"REPLICATION_SLAVE_ADMIN", "SYSTEM_VARIABLES_ADMIN"};
    for (const QByteArray &revoked : m_options.revokedPrivileges) {
        statics.removeAll(revoked.toUpper());
        dynamics.removeAll(revoked.toUpper());
    }
    const QByteArray account = eight ? "`" + m_options.user + "`@`%`" : "'" + m_options.user + "'@'%'";
    std::vector<Row> lines;
    lines.push_back({"GRANT " + (statics.isEmpty() ? QByteArray("USAGE") : statics.join(", ")) + " ON *.* TO " + account});
    if (!dynamics.isEmpty())
        lines.push_back({"GRANT " + dynamics.join(",") + " ON *.* TO " + account});
    lines.push_back({"GRANT SELECT ON `mysql`.* TO " + account});
    return rows({Column::text("Grants for " + m_options.user + "@%", 1024)}, std::move(lines));
}

} // namespace arbor::simulator
