#include "fleetmodel.h"

#include "sqltext.h"

#include <QList>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace arbor::simulator {

using protocol::Column;
using protocol::Row;
using sqltext::unquote;

namespace {

constexpr double kPi = 3.14159265358979323846;

// A stable pseudo-random number per server, so every shard agrees on who lags.
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}

// SQL LIKE with % and _, case-insensitive, backslash escapes (as in 'rpl\_semi%').
bool like(const char *s, const char *se, const char *p, const char *pe)
{
    while (p < pe) {
        if (*p == '%') {
            ++p;
            if (p == pe)
                return true;
            for (const char *k = s; k <= se; ++k) {
                if (like(k, se, p, pe))
                    return true;
            }
            return false;
        }
        if (s == se)
            return false;
        if (*p == '\\' && p + 1 < pe) {
            ++p;
            if (std::tolower(*p) != std::tolower(*s))
                return false;
        } else if (*p != '_' && std::tolower(*p) != std::tolower(*s)) {
            return false;
        }
        ++p;
        ++s;
    }
    return s == se;
}

bool like(const QByteArray &value, const QByteArray &pattern)
{
    return like(value.constData(), value.constData() + value.size(), pattern.constData(),
                pattern.constData() + pattern.size());
}

QByteArray normalise(const QByteArray &statement)
{
    QByteArray out;
    out.reserve(statement.size());
    bool space = false;
    char quote = 0;
    for (const char c : statement) {
        if (quote) {
            out.append(c);
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '\'' || c == '"')
            quote = c;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.isEmpty())
            out.append(' ');
        space = false;
        out.append(c);
    }
    while (out.endsWith(';'))
        out.chop(1);
    return out.trimmed();
}

Reply parseError(const QByteArray &near)
{
    return Reply::error(1064, "42000",
                        "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server "
                        "version for the right syntax to use near '" + near.left(80) + "' at line 1");
}

const std::vector<Column> &slaveStatusColumns()
{
    static const std::vector<Column> columns = [] {
        using protocol::TypeLong;
        using protocol::TypeLongLong;
        auto t = [](const char *n, quint32 len) { return Column::text(n, len); };
        auto l = [](const char *n, quint32 len) { return Column::number(n, TypeLong, len, true); };
        auto ll = [](const char *n, quint32 len) { return Column::number(n, TypeLongLong, len, true); };
        return std::vector<Column>{
            t("Slave_IO_State", 90), t("Master_Host", 2298), t("Master_User", 1155), l("Master_Port", 7),
            l("Connect_Retry", 10), t("Master_Log_File", 1536), ll("Read_Master_Log_Pos", 10),
            t("Relay_Log_File", 1536), ll("Relay_Log_Pos", 10), t("Relay_Master_Log_File", 1536),
            t("Slave_IO_Running", 9), t("Slave_SQL_Running", 9), t("Replicate_Do_DB", 60),
            t("Replicate_Ignore_DB", 60), t("Replicate_Do_Table", 60), t("Replicate_Ignore_Table", 69),
            t("Replicate_Wild_Do_Table", 72), t("Replicate_Wild_Ignore_Table", 84), l("Last_Errno", 4),
            t("Last_Error", 60), l("Skip_Counter", 10), ll("Exec_Master_Log_Pos", 10), ll("Relay_Log_Space", 10),
            t("Until_Condition", 18), t("Until_Log_File", 1536), ll("Until_Log_Pos", 10),
            t("Master_SSL_Allowed", 21), t("Master_SSL_CA_File", 1536), t("Master_SSL_CA_Path", 1536),
            t("Master_SSL_Cert", 1536), t("Master_SSL_Cipher", 1536), t("Master_SSL_Key", 1536),
            ll("Seconds_Behind_Master", 10), t("Master_SSL_Verify_Server_Cert", 9), l("Last_IO_Errno", 4),
            t("Last_IO_Error", 60), l("Last_SQL_Errno", 4), t("Last_SQL_Error", 60),
            t("Replicate_Ignore_Server_Ids", 1536), l("Master_Server_Id", 8), t("Master_SSL_Crl", 1536),
            t("Master_SSL_Crlpath", 1536), t("Using_Gtid", 33), t("Gtid_IO_Pos", 90),
            t("Replicate_Do_Domain_Ids", 1536), t("Replicate_Ignore_Domain_Ids", 1536), t("Parallel_Mode", 36),
            l("SQL_Delay", 10), l("SQL_Remaining_Delay", 8), t("Slave_SQL_Running_State", 60),
            ll("Slave_DDL_Groups", 20), ll("Slave_Non_Transactional_Groups", 20),
            ll("Slave_Transactional_Groups", 20), t("Replicate_Rewrite_DB", 69)};
    }();
    return columns;
}

} // namespace

qint64 FleetModel::binlogPosition(qint64 seq)
{
    return 330 + 412 * seq; // every simulated transaction is one 412-byte event group
}

Reply Reply::ok(quint64 affected)
{
    Reply r;
    r.kind = Kind::Ok;
    r.affectedRows = affected;
    return r;
}

Reply Reply::error(int code, const QByteArray &sqlState, const QByteArray &message)
{
    Reply r;
    r.kind = Kind::Error;
    r.errorCode = code;
    r.sqlState = sqlState;
    r.message = message;
    return r;
}

FleetModel::FleetModel(FleetOptions options)
    : m_options(std::move(options)), m_flavour(ServerFlavour::of(m_options.flavour, m_options.version)),
      m_stage2(protocol::stage2Hash(m_options.password)), m_epoch(std::chrono::steady_clock::now()),
      m_statementLogPath(qEnvironmentVariable("ARBOR_SIMULATOR_STATEMENT_LOG"))
{
    m_options.clusterSize = std::max(1, m_options.clusterSize);
    m_options.fanout = std::max(1, m_options.fanout);
    m_options.shardCount = std::max(1, m_options.shardCount);
    m_servers.resize(size_t(std::max(0, m_options.servers)));
    for (int i = 0; i < size(); ++i) {
        Server &s = m_servers[size_t(i)];
        const int local = i % m_options.clusterSize;
        s.source = local == 0 ? -1 : clusterOf(i) * m_options.clusterSize + (local - 1) / m_options.fanout;
        s.readOnly = s.source >= 0;
        const quint64 h = mix(quint64(i));
        s.laggy = s.source >= 0 && double(h % 10000) < m_options.laggingShare * 10000.0;
        s.lagPhase = double((h >> 20) % 1000) / 1000.0;
        s.uptimeOffset = qint64(3600 + (h >> 40) % (30 * 86400));
    }
    m_children.resize(m_servers.size());
    for (int i = 0; i < size(); ++i) {
        if (m_servers[size_t(i)].source >= 0)
            m_children[size_t(m_servers[size_t(i)].source)].push_back(i);
    }
    if (m_flavour.isMysql()) {
        // Every tree starts with the 1,000 transactions its master wrote before the simulation began.
        m_gtid = GtidFlow(size(), 1000);
        for (int i = 0; i < size(); ++i) {
            const int top = topOf(i);
            m_gtid.server(i).executed.addInterval(m_gtid.server(top).uuid, QString(), 1, 1000);
            m_gtid.server(i).retrieved = m_gtid.server(i).executed;
            m_gtid.server(i).nextOwn = i == top ? 1001 : 1;
            m_servers[size_t(i)].superReadOnly = m_servers[size_t(i)].readOnly && m_flavour.hasSuperReadOnly();
        }
    }
}

void FleetModel::setSource(int i, int source)
{
    Server &s = m_servers[size_t(i)];
    if (s.source >= 0) {
        auto &siblings = m_children[size_t(s.source)];
        siblings.erase(std::remove(siblings.begin(), siblings.end(), i), siblings.end());
    }
    s.source = source;
    if (source >= 0)
        m_children[size_t(source)].push_back(i);
}

void FleetModel::setBasePort(quint16 port)
{
    std::unique_lock lock(m_mutex);
    m_options.basePort = port;
}

int FleetModel::indexOfPort(int port) const
{
    const int i = port - int(m_options.basePort);
    return i >= 0 && i < size() ? i : -1;
}

int FleetModel::clusterCount() const
{
    return (size() + m_options.clusterSize - 1) / m_options.clusterSize;
}

bool FleetModel::ownedByThisShard(int i) const
{
    return clusterOf(i) % m_options.shardCount == m_options.shardIndex;
}

int FleetModel::sourceOf(int i) const
{
    std::shared_lock lock(m_mutex);
    return m_servers[size_t(i)].source;
}

std::vector<int> FleetModel::replicasOf(int i) const
{
    std::shared_lock lock(m_mutex);
    return m_children[size_t(i)];
}

double FleetModel::now() const
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_epoch).count();
}

void FleetModel::setNetworkFault(int i, NetworkFault fault, int slowMs)
{
    std::unique_lock lock(m_mutex);
    Server &s = m_servers[size_t(i)];
    if (s.net != fault)
        s.netSince = now();
    s.net = fault;
    s.slowMs = fault == NetworkFault::Slow ? std::max(0, slowMs) : 0;
}

NetworkFault FleetModel::networkFault(int i) const
{
    std::shared_lock lock(m_mutex);
    return m_servers[size_t(i)].net;
}

int FleetModel::slowMs(int i) const
{
    std::shared_lock lock(m_mutex);
    return m_servers[size_t(i)].slowMs;
}

void FleetModel::setReplicationFault(int i, ReplicationFault fault)
{
    std::unique_lock lock(m_mutex);
    Server &s = m_servers[size_t(i)];
    if (s.repl != fault)
        s.replSince = now();
    s.repl = fault;
    if (!m_gtid.isEmpty() && fault == ReplicationFault::None) {
        m_gtid.server(i).ioErrno = 0;
        m_gtid.server(i).ioError.clear();
        m_gtid.server(i).ioWasUp = false; // the IO thread reconnects
        s.sqlStoppedByUntil = false;
    }
}

void FleetModel::setLag(int i, std::optional<int> seconds)
{
    std::unique_lock lock(m_mutex);
    m_servers[size_t(i)].fixedLag = seconds;
}

std::optional<qint64> FleetModel::currentLag(int i) const
{
    std::shared_lock lock(m_mutex);
    const double t = now();
    if (m_servers[size_t(i)].source < 0 || !ioConnected(i, t) || !sqlRunning(i))
        return std::nullopt;
    return qint64(lagAt(i, t));
}

bool FleetModel::authenticate(const QByteArray &user, const QByteArray &token, const QByteArray &scramble) const
{
    return user == m_options.user
           && protocol::verifyNativePassword(token, scramble, m_stage2, m_options.password.isEmpty());
}

int FleetModel::topOf(int i) const
{
    for (int depth = 0; depth < 64 && m_servers[size_t(i)].source >= 0; ++depth)
        i = m_servers[size_t(i)].source;
    return i;
}

bool FleetModel::ioConnected(int i, double t) const
{
    const Server &s = m_servers[size_t(i)];
    if (s.source < 0 || s.repl == ReplicationFault::Stopped || s.repl == ReplicationFault::BrokenIo
        || s.net == NetworkFault::Dead || s.detached || s.ioStopped)
        return false;
    const Server &source = m_servers[size_t(s.source)];
    if (source.net == NetworkFault::Dead)
        return false;
    // A hung source keeps the connection until slave_net_timeout tells the replica it is gone.
    if (source.net == NetworkFault::Hung && t - source.netSince > m_options.replicaNetTimeout)
        return false;
    return true;
}

bool FleetModel::sqlRunning(int i) const
{
    const Server &s = m_servers[size_t(i)];
    return s.repl != ReplicationFault::Stopped && s.repl != ReplicationFault::BrokenSql && !s.sqlStoppedByUntil && !s.sqlStopped;
}

double FleetModel::lagAt(int i, double t) const
{
    const Server &s = m_servers[size_t(i)];
    if (s.fixedLag)
        return *s.fixedLag;
    if (!s.laggy)
        return 0;
    const double period = std::max(1, m_options.lagPeriodSeconds);
    return std::floor(m_options.lagAmplitudeSeconds * (0.5 - 0.5 * std::cos(2 * kPi * (t / period + s.lagPhase))));
}

// Transactions applied by server i at time t: a master writes at a steady rate; a replica applies
// what its source had applied `lag` seconds earlier, frozen when a thread stopped or the source died.
qint64 FleetModel::executedSeq(int i, double t, int depth) const
{
    const Server &s = m_servers[size_t(i)];
    if (s.source < 0 || depth > 32)
        return 1000 + qint64(std::max(0.0, t) * m_options.transactionsPerSecond);
    double upTo = t;
    if (s.repl != ReplicationFault::None)
        upTo = std::min(upTo, s.replSince);
    const Server &source = m_servers[size_t(s.source)];
    if (source.net == NetworkFault::Dead || source.net == NetworkFault::Hung)
        upTo = std::min(upTo, source.netSince);
    return executedSeq(s.source, upTo - lagAt(i, t), depth + 1);
}

QByteArray FleetModel::gtidPos(int i, double t) const
{
    return "0-" + num(serverId(topOf(i))) + '-' + num(executedSeq(i, t));
}

std::vector<FleetModel::Variable> FleetModel::variables(int i, double t) const
{
    if (m_flavour.isMysql())
        return mysqlVariables(i, t);
    const Server &s = m_servers[size_t(i)];
    const QByteArray gtid = gtidPos(i, t);
    const QByteArray p = num(port(i));
    const bool replica = s.source >= 0;
    return {
        {"binlog_format", VarType::String, "ROW"},
        {"binlog_row_image", VarType::String, "FULL"},
        {"gtid_binlog_pos", VarType::String, gtid},
        {"gtid_current_pos", VarType::String, gtid},
        {"gtid_domain_id", VarType::UInt, "0"},
        {"gtid_slave_pos", VarType::String, replica ? gtid : QByteArray()},
        {"gtid_strict_mode", VarType::Bool, "1"},
        {"hostname", VarType::String, "sim" + num(clusterOf(i)) + '-' + num(i % m_options.clusterSize)},
        {"log_bin", VarType::Bool, "1"},
        {"log_slave_updates", VarType::Bool, "1"},
        {"port", VarType::UInt, p},
        {"read_only", VarType::Bool, s.readOnly ? "1" : "0"},
        {"report_host", VarType::String, "127.0.0.1"},
        {"report_port", VarType::UInt, p},
        {"rpl_semi_sync_master_enabled", VarType::Bool, "0"},
        {"rpl_semi_sync_master_timeout", VarType::UInt, "10000"},
        {"rpl_semi_sync_master_trace_level", VarType::UInt, "32"},
        {"rpl_semi_sync_master_wait_no_slave", VarType::Bool, "1"},
        {"rpl_semi_sync_master_wait_point", VarType::String, "AFTER_COMMIT"},
        {"rpl_semi_sync_slave_delay_master", VarType::Bool, "0"},
        {"rpl_semi_sync_slave_enabled", VarType::Bool, "0"},
        {"rpl_semi_sync_slave_kill_conn_timeout", VarType::UInt, "5"},
        {"rpl_semi_sync_slave_trace_level", VarType::UInt, "32"},
        {"server_id", VarType::UInt, num(serverId(i))},
        {"slave_net_timeout", VarType::UInt, num(m_options.replicaNetTimeout)},
        {"version", VarType::String, m_flavour.version()},
        {"version_comment", VarType::String, m_flavour.versionComment()},
    };
}

std::vector<std::pair<QByteArray, QByteArray>> FleetModel::status(int i, double t) const
{
    if (m_flavour.isMysql())
        return mysqlStatus(i, t);
    const Server &s = m_servers[size_t(i)];
    const bool running = s.source >= 0 && ioConnected(i, t) && sqlRunning(i);
    return {
        {"Rpl_semi_sync_master_clients", "0"},
        {"Rpl_semi_sync_master_get_ack", "0"},
        {"Rpl_semi_sync_master_net_avg_wait_time", "0"},
        {"Rpl_semi_sync_master_net_wait_time", "0"},
        {"Rpl_semi_sync_master_net_waits", "0"},
        {"Rpl_semi_sync_master_no_times", "0"},
        {"Rpl_semi_sync_master_no_tx", "0"},
        {"Rpl_semi_sync_master_request_ack", "0"},
        {"Rpl_semi_sync_master_status", "OFF"},
        {"Rpl_semi_sync_master_timefunc_failures", "0"},
        {"Rpl_semi_sync_master_tx_avg_wait_time", "0"},
        {"Rpl_semi_sync_master_tx_wait_time", "0"},
        {"Rpl_semi_sync_master_tx_waits", "0"},
        {"Rpl_semi_sync_master_wait_pos_backtraverse", "0"},
        {"Rpl_semi_sync_master_wait_sessions", "0"},
        {"Rpl_semi_sync_master_yes_tx", "0"},
        {"Rpl_semi_sync_slave_send_ack", "0"},
        {"Rpl_semi_sync_slave_status", "OFF"},
        {"Slave_running", running ? "ON" : "OFF"},
        {"Slaves_connected", num(qint64(connectedReplicas(i, t).size()))},
        {"Uptime", num(s.uptimeOffset + qint64(t))},
    };
}

std::vector<int> FleetModel::connectedReplicas(int i, double t) const
{
    std::vector<int> out;
    for (const int j : m_children[size_t(i)]) {
        if (ioConnected(j, t))
            out.push_back(j);
    }
    return out;
}

Reply FleetModel::answer(int i, const QByteArray &statement, SessionState *session)
{
    const QByteArray sql = normalise(statement);
    SessionState once;
    Reply reply = answerStatement(i, sql, sql.toUpper(), session ? *session : once);
    logStatement(i, sql, reply.kind == Reply::Kind::Error ? reply.errorCode : 0);
    return reply;
}

// What every flavour answers alike: SELECTs of variables (and MySQL's functions), the processlist,
// SHOW STATUS and SHOW VARIABLES; nullopt for any other statement.
std::optional<Reply> FleetModel::answerRead(int i, const QByteArray &sql, const QByteArray &upper, double t)
{
    if (upper.startsWith("SELECT ")) {
        if (upper.contains("INFORMATION_SCHEMA.PROCESSLIST"))
            return processlistReplicas(i, t);
        if (m_flavour.isMysql() && upper.contains("("))
            return mysqlFunction(i, sql, t);
        if (upper.contains(" FROM "))
            return Reply::error(1235, "42000", "This version of " + m_flavour.serverName() + " doesn't yet support '"
                                                   + sql.left(60) + "'");
        if (!m_flavour.isMysql()) {
            if (const auto args = sqltext::callArguments(sql, "MASTER_GTID_WAIT"))
                return masterGtidWait(i, sql, *args, t);
        }
        return selectVariables(i, sql.mid(7), t);
    }
    for (const char *prefix : {"SHOW GLOBAL STATUS", "SHOW SESSION STATUS", "SHOW STATUS"}) {
        if (upper.startsWith(prefix))
            return showNameValue(status(i, t), sql.mid(int(qstrlen(prefix))));
    }
    for (const char *prefix : {"SHOW GLOBAL VARIABLES", "SHOW SESSION VARIABLES", "SHOW VARIABLES"}) {
        if (upper.startsWith(prefix)) {
            std::vector<std::pair<QByteArray, QByteArray>> rows;
            for (const Variable &v : variables(i, t))
                rows.emplace_back(v.name, v.type == VarType::Bool ? QByteArray(v.value == "1" ? "ON" : "OFF") : v.value);
            return showNameValue(rows, sql.mid(int(qstrlen(prefix))));
        }
    }
    return std::nullopt;
}

Reply FleetModel::answerStatement(int i, const QByteArray &sql, const QByteArray &upper, SessionState &session)
{
    if (m_flavour.isMysql()) {
        // MySQL servers keep explicit GTID sets, so every answer first brings them to now.
        std::unique_lock lock(m_mutex);
        const double t = now();
        advanceMysql(i, t);
        return answerMysql(i, sql, upper, t, session);
    }
    {
        std::shared_lock lock(m_mutex);
        const double t = now();
        if (auto reply = answerRead(i, sql, upper, t))
            return *reply;
        if (upper == "SHOW SLAVE STATUS" || upper == "SHOW REPLICA STATUS")
            return slaveStatus(i, t);
        if (upper == "SHOW MASTER STATUS" || upper == "SHOW BINLOG STATUS")
            return masterStatus(i, t);
        if (upper == "SHOW SLAVE HOSTS" || upper == "SHOW REPLICA HOSTS")
            return slaveHosts(i, t);
        if (upper.startsWith("SHOW GRANTS"))
            return grants();
        if (upper.startsWith("SET ") && !upper.startsWith("SET GLOBAL READ_ONLY"))
            return Reply::ok(); // SET NAMES, session settings: nothing to simulate
        if (upper.startsWith("USE ") || upper.startsWith("FLUSH ") || upper.startsWith("DO "))
            return Reply::ok();
    }

    // Statements that change the simulated server.
    std::unique_lock lock(m_mutex);
    Server &s = m_servers[size_t(i)];
    if (upper.startsWith("SET GLOBAL READ_ONLY")) {
        const QByteArray value = upper.mid(upper.indexOf('=') + 1).trimmed();
        if (value == "ON" || value == "1")
            s.readOnly = true;
        else if (value == "OFF" || value == "0")
            s.readOnly = false;
        else
            return Reply::error(1231, "42000", "Variable 'read_only' can't be set to the value of '" + value + "'");
        return Reply::ok();
    }
    if (upper == "STOP SLAVE" || upper == "STOP REPLICA") {
        if (s.source >= 0 && s.repl != ReplicationFault::Stopped) {
            s.repl = ReplicationFault::Stopped;
            s.replSince = now();
        }
        return Reply::ok();
    }
    if (upper == "START SLAVE" || upper == "START REPLICA") {
        if (s.source < 0)
            return Reply::error(1200, "HY000", "Misconfigured slave: MASTER_HOST was not set; Fix in config file or with CHANGE MASTER TO");
        if (s.repl == ReplicationFault::Stopped)
            s.repl = ReplicationFault::None;
        return Reply::ok();
    }
    if (upper.startsWith("CHANGE MASTER TO ") || upper.startsWith("CHANGE REPLICATION SOURCE TO "))
        return changeMaster(i, sql.mid(sql.indexOf(" TO ") + 4));
    if (upper == "RESET SLAVE ALL" || upper == "RESET REPLICA ALL") {
        if (s.source >= 0 && s.repl != ReplicationFault::Stopped && s.repl != ReplicationFault::BrokenSql
            && s.repl != ReplicationFault::BrokenIo)
            return Reply::error(1198, "HY000", "This operation cannot be performed as you have a running slave ''; run STOP SLAVE '' first");
        setSource(i, -1);
        s.repl = ReplicationFault::None;
        return Reply::ok();
    }
    return Reply::error(1235, "42000", "This version of MariaDB doesn't yet support '" + sql.left(60) + "'");
}

Reply FleetModel::changeMaster(int i, const QByteArray &options)
{
    Server &s = m_servers[size_t(i)];
    if (s.source >= 0 && s.repl == ReplicationFault::None)
        return Reply::error(1198, "HY000", "This operation cannot be performed as you have a running slave ''; run STOP SLAVE '' first");
    std::optional<int> newPort;
    QByteArray host;
    for (const QByteArray &part : options.split(',')) {
        const int eq = part.indexOf('=');
        if (eq < 0)
            return parseError(part);
        const QByteArray key = part.left(eq).trimmed().toUpper();
        const QByteArray value = part.mid(eq + 1).trimmed();
        if (key == "MASTER_HOST" || key == "SOURCE_HOST")
            host = unquote(value).value_or(QByteArray());
        else if (key == "MASTER_PORT" || key == "SOURCE_PORT")
            newPort = value.toInt();
    }
    const int port = newPort.value_or(s.source >= 0 ? this->port(s.source) : 0);
    if (!host.isEmpty() && host != "127.0.0.1" && host != "localhost")
        return Reply::error(1210, "HY000", "Incorrect arguments to CHANGE MASTER TO: the simulator only has servers on 127.0.0.1");
    const int target = indexOfPort(port);
    if (target < 0 || target == i)
        return Reply::error(1210, "HY000", "Incorrect arguments to CHANGE MASTER TO: no simulated server listens on port " + num(port));
    setSource(i, target);
    s.replSince = now();
    if (s.repl != ReplicationFault::Stopped)
        s.repl = ReplicationFault::Stopped;
    return Reply::ok();
}

Reply FleetModel::masterGtidWait(int i, const QByteArray &sql, const QList<QByteArray> &args, double t) const
{
    // MASTER_GTID_WAIT('D-S-N', timeout): 0 once this server has applied sequence N, else -1 (timed
    // out). Answered at once: the simulator never blocks a connection, so a wait that a real server
    // would sit out for a lagging replica reports the timeout instead.
    const auto gtid = args.isEmpty() ? std::nullopt : unquote(args.first());
    const QList<QByteArray> parts = gtid ? gtid->split('-') : QList<QByteArray>();
    bool ok = parts.size() == 3;
    const qint64 seq = ok ? parts.at(2).toLongLong(&ok) : 0;
    if (!ok)
        return Reply::error(1941, "HY000", "Could not parse GTID list '" + args.value(0) + "'");
    Reply r;
    r.kind = Reply::Kind::Rows;
    r.columns.push_back(Column::number(sqltext::aliasOf(sql, "MASTER_GTID_WAIT"), protocol::TypeLong, 2, false, false));
    r.rows.push_back(Row{QByteArray(executedSeq(i, t) >= seq ? "0" : "-1")});
    return r;
}

Reply FleetModel::selectVariables(int i, const QByteArray &list, double t) const
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    Row row;
    std::vector<Variable> vars;
    for (const QByteArray &rawItem : list.split(',')) {
        const QByteArray item = rawItem.trimmed();
        QByteArray expr = item;
        QByteArray alias;
        const int as = item.toUpper().lastIndexOf(" AS ");
        if (as > 0) {
            expr = item.left(as).trimmed();
            alias = item.mid(as + 4).trimmed();
            if (alias.startsWith('`') && alias.endsWith('`') && alias.size() >= 2)
                alias = alias.mid(1, alias.size() - 2);
        }
        const QByteArray name = alias.isEmpty() ? expr : alias;
        if (expr.startsWith("@@")) {
            QByteArray var = expr.mid(2).toLower();
            for (const char *scope : {"global.", "session.", "local."}) {
                if (var.startsWith(scope))
                    var = var.mid(int(qstrlen(scope)));
            }
            if (vars.empty())
                vars = variables(i, t);
            const auto it = std::find_if(vars.begin(), vars.end(), [&](const Variable &v) { return v.name == var; });
            if (it == vars.end())
                return Reply::error(1193, "HY000", "Unknown system variable '" + var + "'");
            switch (it->type) {
            case VarType::String:
                r.columns.push_back(Column::text(name, quint32(std::max<qsizetype>(it->value.size(), 1) * 3), false));
                break;
            case VarType::Bool:
                r.columns.push_back(Column::number(name, protocol::TypeLongLong, 1, false, false));
                break;
            case VarType::Int:
            case VarType::UInt:
                r.columns.push_back(Column::number(name, protocol::TypeLongLong, 21, it->type == VarType::UInt, false));
                break;
            }
            row.push_back(it->value);
        } else if (const auto text = unquote(expr)) {
            r.columns.push_back(Column::text(name, quint32(text->size() * 3), true));
            row.push_back(*text);
        } else {
            bool ok = false;
            expr.toLongLong(&ok);
            if (!ok)
                return parseError(item);
            r.columns.push_back(Column::number(name, protocol::TypeLongLong, quint32(expr.size()), false, true));
            row.push_back(expr);
        }
    }
    r.rows.push_back(std::move(row));
    return r;
}

Reply FleetModel::showNameValue(const std::vector<std::pair<QByteArray, QByteArray>> &all, const QByteArray &filter) const
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    r.columns = {Column::text("Variable_name", 192), Column::text("Value", 12288)};
    r.columns[0].flags |= protocol::FlagNoDefault;
    r.columns[1].flags |= protocol::FlagNoDefault;
    r.columns[0].decimals = r.columns[1].decimals = 0;
    // Terms: LIKE 'p'  |  WHERE Variable_name = 'x' OR Variable_name LIKE 'p' ...
    struct Term { bool isLike; QByteArray text; };
    std::vector<Term> terms;
    const QByteArray f = filter.trimmed();
    const QByteArray fu = f.toUpper();
    if (fu.startsWith("LIKE ")) {
        const auto p = unquote(f.mid(5));
        if (!p)
            return parseError(f);
        terms.push_back({true, *p});
    } else if (fu.startsWith("WHERE ")) {
        QByteArray rest = f.mid(6);
        // Split on OR outside quotes.
        QList<QByteArray> parts;
        QByteArray current;
        char quote = 0;
        for (int k = 0; k < rest.size(); ++k) {
            const char c = rest.at(k);
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (rest.mid(k, 4).toUpper() == " OR ") {
                parts << current;
                current.clear();
                k += 3;
                continue;
            }
            current.append(c);
        }
        parts << current;
        for (QByteArray part : parts) {
            part = part.trimmed();
            const QByteArray pu = part.toUpper();
            if (!pu.startsWith("VARIABLE_NAME"))
                return parseError(part);
            QByteArray op = part.mid(13).trimmed();
            if (op.startsWith('=')) {
                const auto v = unquote(op.mid(1));
                if (!v)
                    return parseError(part);
                terms.push_back({false, *v});
            } else if (op.toUpper().startsWith("LIKE ")) {
                const auto v = unquote(op.mid(5));
                if (!v)
                    return parseError(part);
                terms.push_back({true, *v});
            } else {
                return parseError(part);
            }
        }
    } else if (!f.isEmpty()) {
        return parseError(f);
    }
    for (const auto &[name, value] : all) {
        bool keep = terms.empty();
        for (const Term &term : terms) {
            if (term.isLike ? like(name, term.text) : name.compare(term.text, Qt::CaseInsensitive) == 0) {
                keep = true;
                break;
            }
        }
        if (keep)
            r.rows.push_back({name, value});
    }
    return r;
}

Reply FleetModel::slaveStatus(int i, double t) const
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    r.columns = slaveStatusColumns();
    const Server &s = m_servers[size_t(i)];
    if (s.source < 0)
        return r;
    const Server &source = m_servers[size_t(s.source)];
    const bool io = ioConnected(i, t);
    const bool sql = sqlRunning(i);
    const qint64 execSeq = executedSeq(i, t);
    // The IO thread has read everything the source wrote until it lost it.
    double readUpTo = t;
    if (source.net == NetworkFault::Dead || source.net == NetworkFault::Hung)
        readUpTo = std::min(readUpTo, source.netSince);
    if (s.repl == ReplicationFault::Stopped || s.repl == ReplicationFault::BrokenIo)
        readUpTo = std::min(readUpTo, s.replSince);
    const qint64 readSeq = std::max(execSeq, executedSeq(s.source, readUpTo));
    const QByteArray sourcePort = num(port(s.source));
    const QByteArray top = num(serverId(topOf(i)));

    QByteArray ioRunning = io ? "Yes" : "Connecting";
    QByteArray ioState = io ? "Waiting for master to send event" : "Reconnecting after a failed master event read";
    int ioErrno = 0;
    QByteArray ioError;
    if (s.repl == ReplicationFault::Stopped) {
        ioRunning = "No";
        ioState = "";
    } else if (s.repl == ReplicationFault::BrokenIo) {
        ioRunning = "No";
        ioState = "";
        ioErrno = 1236;
        ioError = "Got fatal error 1236 from master when reading data from binary log: 'Could not find GTID state "
                  "requested by slave in any binlog files. Probably the slave state is too old and required binlog "
                  "files have been purged.'";
    } else if (!io && source.net == NetworkFault::Dead) {
        ioErrno = 2003;
        ioError = "error reconnecting to master 'repl@127.0.0.1:" + sourcePort
                  + "' - retry-time: 1  maximum-retries: 100000  message: Can't connect to server on '127.0.0.1' "
                    "(111 \"Connection refused\")";
    } else if (!io) {
        ioErrno = 2013;
        ioError = "error reconnecting to master 'repl@127.0.0.1:" + sourcePort
                  + "' - retry-time: 1  maximum-retries: 100000  message: Lost connection to server at 'handshake: "
                    "reading initial communication packet', system error: 110";
    }
    int sqlErrno = 0;
    QByteArray sqlError;
    if (s.repl == ReplicationFault::BrokenSql) {
        sqlErrno = 1062;
        sqlError = "Could not execute Write_rows_v1 event on table app.orders; Duplicate entry '" + num(execSeq + 1)
                   + "' for key 'PRIMARY', Error_code: 1062; handler error HA_ERR_FOUND_DUPP_KEY; the event's master "
                     "log mysql-bin.000001, end_log_pos "
                   + num(binlogPosition(execSeq + 1));
    }
    std::optional<QByteArray> behind;
    if (io && sql)
        behind = num(qint64(lagAt(i, t)));
    const QByteArray readPos = num(binlogPosition(readSeq));
    const QByteArray execPos = num(binlogPosition(execSeq));
    const QByteArray groups = num(execSeq);
    r.rows.push_back(Row{
        ioState, "127.0.0.1", "repl", sourcePort, "1", "mysql-bin.000001", readPos, "relay-bin.000002",
        num(binlogPosition(execSeq) + 226), "mysql-bin.000001", ioRunning, sql ? "Yes" : "No", "", "", "", "", "", "",
        num(sqlErrno), sqlError, "0", execPos, num(binlogPosition(readSeq) + 600), "None", "", "0", "No", "", "", "", "",
        "", behind, "No", num(ioErrno), ioError, num(sqlErrno), sqlError, "", num(serverId(s.source)), "", "",
        "Slave_Pos", "0-" + top + '-' + num(readSeq), "", "", "optimistic", "0", std::nullopt,
        sql ? "Slave has read all relay log; waiting for more updates" : "", "2", "0", groups, ""});
    return r;
}

Reply FleetModel::masterStatus(int i, double t) const
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    r.columns = {Column::text("File", 1536), Column::number("Position", protocol::TypeLongLong, 20, true),
                 Column::text("Binlog_Do_DB", 765), Column::text("Binlog_Ignore_DB", 765)};
    r.rows.push_back({"mysql-bin.000001", num(binlogPosition(executedSeq(i, t))), "", ""});
    return r;
}

Reply FleetModel::slaveHosts(int i, double t) const
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    r.columns = {Column::number("Server_id", protocol::TypeLong, 10, true), Column::text("Host", 60),
                 Column::number("Port", protocol::TypeLong, 7, true),
                 Column::number("Master_id", protocol::TypeLong, 10, true)};
    for (const int j : connectedReplicas(i, t))
        r.rows.push_back({num(serverId(j)), "127.0.0.1", num(port(j)), num(serverId(i))});
    return r;
}

Reply FleetModel::processlistReplicas(int i, double t) const
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    r.columns = {Column::text("host", 192, false)};
    for (size_t k = 0; k < connectedReplicas(i, t).size(); ++k)
        r.rows.push_back({QByteArray("127.0.0.1")});
    return r;
}

Reply FleetModel::grants() const
{
    Reply r;
    r.kind = Reply::Kind::Rows;
    const QByteArray account = "`" + m_options.user + "`@`%`";
    r.columns = {Column::text("Grants for " + m_options.user + "@%", 3072)};
    r.rows.push_back({"GRANT RELOAD, PROCESS, SUPER, REPLICATION SLAVE, BINLOG MONITOR, READ_ONLY ADMIN, REPLICATION "
                      "SLAVE ADMIN, REPLICATION MASTER ADMIN, BINLOG ADMIN, SLAVE MONITOR ON *.* TO "
                      + account + " IDENTIFIED BY PASSWORD '*" + m_stage2.toHex().toUpper() + "'"});
    r.rows.push_back({"GRANT SELECT ON `mysql`.* TO " + account});
    return r;
}

} // namespace arbor::simulator
