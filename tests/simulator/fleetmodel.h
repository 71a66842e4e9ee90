#pragma once

#include "gtidflow.h"
#include "mysqlprotocol.h"
#include "serverflavour.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <chrono>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <utility>
#include <vector>

namespace arbor::simulator {

// How a simulated server fails, as a client sees it.
enum class NetworkFault {
    None,
    Dead, // the port refuses connections; open connections are closed
    Hung, // connections are accepted by the kernel and never answered (like a SIGSTOPped mariadbd)
    Slow, // every answer leaves after slowMs
};

// How a simulated replica's replication fails, as SHOW SLAVE STATUS reports it.
enum class ReplicationFault {
    None,
    Stopped,   // STOP SLAVE: both threads No, no error
    BrokenSql, // SQL thread stopped on a duplicate-key error (1062)
    BrokenIo,  // IO thread stopped: the source purged the binlogs this replica needs (1236)
};

struct FleetOptions
{
    int servers = 100;
    int clusterSize = 10;  // servers per replication tree: one master, the rest replicas
    int fanout = 3;        // replicas per server in a tree (breadth first, so some are intermediate masters)
    quint16 basePort = 0;  // server i listens on basePort + i; 0 picks a free block
    QByteArray user = "arbor";
    QByteArray password = "arbor";
    FlavourKind flavour = FlavourKind::MariaDB1011;
    QByteArray version;          // empty: the flavour's default (10.11.19-MariaDB-log, 5.7.44-log, 8.0.36, 8.4.3)
    // Global privileges the monitoring account lacks (as SHOW GRANTS spells them), to test `arbor check`.
    QList<QByteArray> revokedPrivileges;
    bool logStatements = false;  // keep every statement received (statements()); also $ARBOR_SIMULATOR_STATEMENT_LOG
    double laggingShare = 0.1;   // share of replicas whose lag moves
    int lagAmplitudeSeconds = 8; // their lag swings between 0 and this
    int lagPeriodSeconds = 60;
    int replicaNetTimeout = 4;   // slave_net_timeout: after this a replica of a hung source gives up
    int transactionsPerSecond = 5;
    int shardIndex = 0;          // which clusters this process serves: cluster % shardCount == shardIndex
    int shardCount = 1;
    int threads = 2;             // event-loop threads serving the shard's ports
};

// A rows-or-OK-or-error answer to one statement.
struct Reply
{
    enum class Kind { Ok, Error, Rows };
    Kind kind = Kind::Ok;
    quint64 affectedRows = 0;
    int errorCode = 0;
    QByteArray sqlState;
    QByteArray message;
    std::vector<protocol::Column> columns;
    std::vector<protocol::Row> rows;

    static Reply ok(quint64 affected = 0);
    static Reply error(int code, const QByteArray &sqlState, const QByteArray &message);
};

// What MySQL keeps per client session and the simulator models: GTID_NEXT and an open transaction.
struct SessionState
{
    QByteArray gtidNext;        // empty: AUTOMATIC; else the "uuid:n" the next commit takes
    bool gtidNextSpent = false; // a transaction ended under it: MySQL wants a new SET GTID_NEXT (1837)
    bool inTransaction = false;
};

// One statement a simulated server received, and the error it answered (0: none).
struct LoggedStatement
{
    int server = -1;
    QByteArray sql;
    int error = 0;
};

// The simulated fleet: clusters of MariaDB 10.11 (or MySQL 5.7 / 8.0 / 8.4) servers in replication trees, their variables,
// status, moving lag and GTID positions, and faults. Deterministic from FleetOptions, so several
// processes (shards) that build it from the same options agree on every server. Thread-safe: event
// loops answer under a shared lock, tests and the control port change it under an exclusive one.
class FleetModel
{
public:
    explicit FleetModel(FleetOptions options);

    const FleetOptions &options() const { return m_options; }
    int size() const { return int(m_servers.size()); }
    void setBasePort(quint16 port);
    quint16 port(int i) const { return quint16(m_options.basePort + i); }
    int indexOfPort(int port) const; // -1 when no server has it
    int clusterOf(int i) const { return i / m_options.clusterSize; }
    int clusterCount() const;
    bool ownedByThisShard(int i) const;
    // As configured now (CHANGE MASTER TO / RESET SLAVE ALL change it); -1 for a master.
    int sourceOf(int i) const;
    std::vector<int> replicasOf(int i) const;
    qint64 serverId(int i) const { return i + 1; }

    void setNetworkFault(int i, NetworkFault fault, int slowMs = 0);
    NetworkFault networkFault(int i) const;
    int slowMs(int i) const;
    void setReplicationFault(int i, ReplicationFault fault);
    // A fixed lag for one replica (seconds), or nullopt to return to the moving one.
    void setLag(int i, std::optional<int> seconds);
    // Seconds_Behind_Master as the replica would report it now (nullopt: NULL).
    std::optional<qint64> currentLag(int i) const;

    // Accounts: the monitoring user (from the options) and its password hash.
    bool authenticate(const QByteArray &user, const QByteArray &token, const QByteArray &scramble) const;
    QByteArray handshakeVersion() const { return m_flavour.handshakeVersion(); }
    const ServerFlavour &flavour() const { return m_flavour; }

    // Answers one COM_QUERY on server i, as the flavour would for the statements Arbor sends.
    // @p session: the client connection's session (nullptr: a fresh one for this statement alone).
    Reply answer(int i, const QByteArray &statement, SessionState *session = nullptr);

    // MySQL flavours: the server's GTID state as it would report it now.
    QString serverUuid(int i) const;
    QByteArray gtidExecuted(int i);
    QByteArray gtidPurged(int i);
    bool readOnly(int i) const;
    bool superReadOnly(int i) const;
    bool autoPosition(int i) const;
    // Both replication threads run without an error (what SHOW REPLICA STATUS would say now).
    bool replicating(int i);
    // Commits @p count transactions directly on server i under its own UUID (errant on a replica).
    void injectTransactions(int i, qint64 count);
    // PURGE BINARY LOGS up to now on server i: replicas missing its transactions cannot auto-position.
    void purgeBinaryLogs(int i);

    // Statements received, in order (when logStatements is on).
    std::vector<LoggedStatement> statements() const;
    void clearStatements();

private:
    struct Server
    {
        int source = -1;
        bool readOnly = false;
        NetworkFault net = NetworkFault::None;
        int slowMs = 0;
        double netSince = 0;
        ReplicationFault repl = ReplicationFault::None;
        double replSince = 0;
        std::optional<int> fixedLag;
        bool laggy = false;
        double lagPhase = 0;
        qint64 uptimeOffset = 0;
        // MySQL flavours only.
        bool superReadOnly = false;
        bool detached = false;        // MASTER_HOST='//host': configured, cannot connect
        int connectRetry = 60;
        qint64 untilPosition = 0;     // START REPLICA UNTIL: the SQL thread stops there
        bool sqlStoppedByUntil = false;
        bool ioStopped = false;       // STOP REPLICA IO_THREAD: the SQL thread goes on (MySQL flavours)
        bool sqlStopped = false;      // STOP REPLICA SQL_THREAD: the IO thread goes on
    };
    enum class VarType { Int, UInt, Bool, String };
    struct Variable
    {
        QByteArray name;
        VarType type;
        QByteArray value; // "1"/"0" for Bool, digits for numbers
    };

    static qint64 binlogPosition(qint64 seq);
    double now() const;
    int topOf(int i) const;
    bool ioConnected(int i, double t) const;
    bool sqlRunning(int i) const;
    double lagAt(int i, double t) const;
    qint64 executedSeq(int i, double t, int depth = 0) const;
    QByteArray gtidPos(int i, double t) const;
    std::vector<Variable> variables(int i, double t) const;
    std::vector<std::pair<QByteArray, QByteArray>> status(int i, double t) const;
    std::vector<int> connectedReplicas(int i, double t) const;

    Reply selectVariables(int i, const QByteArray &list, double t) const;
    Reply masterGtidWait(int i, const QByteArray &sql, const QList<QByteArray> &args, double t) const;
    Reply showNameValue(const std::vector<std::pair<QByteArray, QByteArray>> &rows, const QByteArray &filter) const;
    Reply slaveStatus(int i, double t) const;
    Reply masterStatus(int i, double t) const;
    Reply slaveHosts(int i, double t) const;
    Reply processlistReplicas(int i, double t) const;
    Reply grants() const;
    Reply changeMaster(int i, const QByteArray &options);

    // MySQL flavours (fleetmodelmysql.cpp), called under the exclusive lock.
    void advanceMysql(int i, double t);
    Reply answerMysql(int i, const QByteArray &sql, const QByteArray &upper, double t, SessionState &session);
    // fleetmodelgtid.cpp: SET GTID_NEXT, BEGIN/COMMIT, RESET MASTER; nullopt for any other statement.
    std::optional<Reply> mysqlGtidStatement(int i, const QByteArray &sql, const QByteArray &upper, SessionState &session);
    Reply mysqlSetGtidPurged(int i, const QByteArray &value);
    Reply mysqlReplicaStatus(int i, double t, bool renamed) const;
    Reply mysqlReplicaHosts(int i, double t, bool renamed) const;
    Reply mysqlBinlogStatus(int i) const;
    Reply mysqlGrants() const;
    Reply mysqlSetGlobal(int i, const QByteArray &assignments);
    Reply mysqlChangeSource(int i, const QByteArray &options);
    Reply mysqlStartReplica(int i, const QByteArray &until);
    Reply mysqlFunction(int i, const QByteArray &sql, double t);
    qint64 mysqlExecPosition(int i) const;
    std::vector<Variable> mysqlVariables(int i, double t) const;
    std::vector<std::pair<QByteArray, QByteArray>> mysqlStatus(int i, double t) const;
    Reply answerStatement(int i, const QByteArray &sql, const QByteArray &upper, SessionState &session);
    std::optional<Reply> answerRead(int i, const QByteArray &sql, const QByteArray &upper, double t);
    void logStatement(int i, const QByteArray &sql, int error);

    FleetOptions m_options;
    ServerFlavour m_flavour;
    GtidFlow m_gtid; // empty for MariaDB
    double m_gtidAdvancedAt = -1;
    QByteArray m_stage2;
    std::vector<Server> m_servers;
    std::vector<std::vector<int>> m_children; // replicas by source, kept with Server::source
    void setSource(int i, int source);
    std::chrono::steady_clock::time_point m_epoch;
    mutable std::shared_mutex m_mutex;
    mutable std::mutex m_logMutex;
    std::vector<LoggedStatement> m_statements;
    QString m_statementLogPath;
};

} // namespace arbor::simulator
