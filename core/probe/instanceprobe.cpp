#include "probe/instanceprobe.h"

#include "probe/replicaclaimjudge.h"
#include "probe/directquery.h"
#include "probe/mysqlconnection.h"
#include "probe/mysqlsocket.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QStringList>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
const QString kStatusQuery = u"SHOW GLOBAL STATUS WHERE Variable_name = 'Uptime' OR Variable_name LIKE 'Rpl_semi_sync%'"_s;

// Statements in messages: enough to recognise, short enough to read at 3 a.m.
QString shortStatement(const QString &sql)
{
    return sql.size() <= 48 ? sql : sql.left(45) + u"..."_s;
}

QString statusValue(const QList<QVariantMap> &rows, const QString &name)
{
    for (const QVariantMap &row : rows) {
        if (row.value(u"Variable_name"_s).toString().compare(name, Qt::CaseInsensitive) == 0)
            return row.value(u"Value"_s).toString();
    }
    return {};
}
} // namespace

InstanceProbe::InstanceProbe(InstanceKey key, ProbeOptions options)
    : m_key(std::move(key)), m_options(std::move(options)),
      m_connectionName(MysqlConnection::uniqueName(u"probe"_s, m_key))
{
}

InstanceProbe::~InstanceProbe()
{
    adoptThread();
    disconnect();
}

void InstanceProbe::disconnect()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_connected = false;
}

void InstanceProbe::adoptThread()
{
    if (QSqlDriver *driver = m_db.isValid() ? m_db.driver() : nullptr; driver && driver->thread() != QThread::currentThread())
        driver->moveToThread(QThread::currentThread()); // allowed: a QObject with no thread may be pulled
}

void InstanceProbe::releaseThread()
{
    if (QSqlDriver *driver = m_db.isValid() ? m_db.driver() : nullptr; driver && driver->thread())
        driver->moveToThread(nullptr);
}

int InstanceProbe::socketDescriptor() const
{
    return m_connected ? mysqlSocketOf(m_db) : -1;
}

Result<void> InstanceProbe::ensureConnected()
{
    if (m_connected)
        return Result<void>::success();
    disconnect();
    if (auto opened = MysqlConnection::open(&m_db, m_connectionName, m_key, m_options.credentials,
                                            m_options.connectTimeoutSeconds, m_options.readTimeoutSeconds);
        !opened.ok())
        return opened;
    m_connected = true;
    m_pollsOnConnection = 0;
    m_semiSyncVariables.reset();
    m_processlistReplicas.reset();
    m_processlistHosts.reset();
    m_resolved.clear();
    m_uptimeClock.invalidate();
    m_logBin.reset();
    if (!m_dialect) {
        const auto identity = run(Dialect::identityQuery());
        if (!identity.ok())
            return Result<void>::failure(identity.error());
        if (identity.value().isEmpty())
            return Result<void>::failure(u"%1 answered no version: not a MySQL or MariaDB server?"_s.arg(m_key.toString()));
        const QVariantMap &row = identity.value().constFirst();
        m_dialect = Dialect::forServer(row.value(u"version"_s).toString(), row.value(u"version_comment"_s).toString());
    }
    return Result<void>::success();
}

Result<QList<QVariantMap>> InstanceProbe::failureOf(const QString &sql, const QSqlError &error, bool *lostConnection)
{
    return failureOf(sql, error.nativeErrorCode().toInt(), error.databaseText(), lostConnection);
}

Result<QList<QVariantMap>> InstanceProbe::failureOf(const QString &sql, int code, const QString &text, bool *lostConnection)
{
    if (MysqlConnection::isConnectionLost(code) || !m_db.isOpen()) {
        m_connected = false;
        if (lostConnection)
            *lostConnection = true;
        return Result<QList<QVariantMap>>::failure(
            u"lost the connection to %1 while running \"%2\": %3 (server hung, restarting, or network dropped)"_s
                .arg(m_key.toString(), shortStatement(sql), text));
    }
    return Result<QList<QVariantMap>>::failure(
        u"%1 refused \"%2\": %3 (error %4)"_s.arg(m_key.toString(), shortStatement(sql), text).arg(code));
}

Result<QList<QVariantMap>> InstanceProbe::run(const QString &sql, bool *lostConnection)
{
    if (const auto it = m_prefetched.find(sql); it != m_prefetched.end()) {
        Prefetched p = std::move(*it);
        m_prefetched.erase(it);
        if (lostConnection && p.lostConnection)
            *lostConnection = true;
        return std::move(p.result);
    }
    if (m_direct) {
        if (auto answers = runDirect(m_db, sql); answers && !answers->isEmpty()) {
            DirectStatement &answer = answers->first();
            if (!answer.ok)
                return failureOf(sql, answer.errorCode, answer.errorText, lostConnection);
            return std::move(answer.rows);
        }
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        return failureOf(sql, q.lastError(), lostConnection);
    return MysqlConnection::rowsOf(q);
}

void InstanceProbe::prefetch(const QStringList &statements)
{
    m_prefetched.clear();
    if (statements.size() < 2 || !m_db.driver()->hasFeature(QSqlDriver::MultipleResultSets))
        return;
    if (m_direct) {
        if (auto answers = runDirect(m_db, statements.join(u"; "_s))) {
            for (qsizetype i = 0; i < answers->size() && i < statements.size(); ++i) {
                DirectStatement &answer = (*answers)[i];
                if (answer.ok) {
                    m_prefetched.insert(statements.at(i), {std::move(answer.rows), false});
                } else {
                    bool lost = false;
                    auto failure = failureOf(statements.at(i), answer.errorCode, answer.errorText, &lost);
                    m_prefetched.insert(statements.at(i), {std::move(failure), lost});
                }
            }
            return;
        }
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const bool executed = q.exec(statements.join(u"; "_s));
    for (qsizetype i = 0; i < statements.size(); ++i) {
        if (i == 0 ? !executed : !q.nextResult()) {
            const QSqlError error = q.lastError();
            if (error.isValid()) {
                bool lost = false;
                auto failure = failureOf(statements.at(i), error, &lost);
                m_prefetched.insert(statements.at(i), {std::move(failure), lost});
            }
            return; // the server ran nothing after a failed statement
        }
        m_prefetched.insert(statements.at(i), {MysqlConnection::rowsOf(q), false});
    }
}

bool InstanceProbe::semiSyncEnabled() const
{
    Instance settings;
    m_dialect->applySemiSync(m_semiSyncVariables.value_or(QList<QVariantMap>()), {}, &settings);
    return settings.semiSync.sourceEnabled || settings.semiSync.replicaEnabled;
}

// What collect() will run on this poll, in its order, when the connection already knows the server.
QStringList InstanceProbe::statementsOfThisPoll() const
{
    const Dialect &dialect = *m_dialect;
    const bool slowPoll = m_pollsOnConnection % kSlowPollEvery == 0;
    if (slowPoll || !m_logBin || !m_semiSyncVariables || !m_uptimeClock.isValid())
        return {}; // the first poll of a connection and every 12th read more, one by one
    QStringList statements{dialect.variablesQuery()};
    if (semiSyncEnabled())
        statements << kStatusQuery;
    statements << dialect.replicaStatusQuery();
    if (*m_logBin)
        statements << dialect.binlogStatusQuery();
    // Last: the one statement whose failure a poll survives (it falls back to the processlist).
    statements << dialect.replicaHostsQuery();
    return statements;
}

Result<QList<QVariantMap>> InstanceProbe::query(const QString &sql)
{
    if (auto connected = ensureConnected(); !connected.ok())
        return Result<QList<QVariantMap>>::failure(connected.error());
    return run(sql);
}

Instance InstanceProbe::poll()
{
    Instance instance;
    instance.key = m_key;
    QElapsedTimer timer;
    timer.start();
    instance.lastChecked = QDateTime::currentDateTimeUtc();

    m_direct = m_options.directRows;
    const auto direct = qScopeGuard([this] { m_direct = false; });
    Result<void> outcome = ensureConnected();
    if (outcome.ok())
        outcome = collect(&instance);
    // A connection a restarted server dropped fails at once: retry once on a fresh connection. A slow
    // failure (a hung server) is not retried, so that it is reported within one read timeout.
    if (!outcome.ok() && !m_connected && m_dialect && instance.serverId == 0 && timer.elapsed() < 200) {
        outcome = ensureConnected();
        if (outcome.ok())
            outcome = collect(&instance);
    }
    ++m_pollsOnConnection;
    instance.pollLatencyUs = timer.nsecsElapsed() / 1000;
    if (outcome.ok()) {
        instance.lastCheckValid = true;
        instance.lastSeen = instance.lastChecked;
        addWarnings(&instance);
    } else {
        instance.lastCheckValid = false;
        instance.lastError = outcome.error();
    }
    return instance;
}

Result<void> InstanceProbe::collect(Instance *instance)
{
    const Dialect &dialect = *m_dialect;
    instance->flavour = dialect.flavour();
    if (m_options.batchStatements)
        prefetch(statementsOfThisPoll());
    const auto unused = qScopeGuard([this] { m_prefetched.clear(); });

    auto vars = run(dialect.variablesQuery());
    if (!vars.ok())
        return Result<void>::failure(vars.error());
    if (vars.value().isEmpty())
        return Result<void>::failure(u"%1 returned no server variables"_s.arg(m_key.toString()));
    dialect.applyVariables(vars.value().constFirst(), instance);
    if (m_expected && m_expected->serverId != 0) {
        // The source said a replica with this server_id lives here. Anything else is another server
        // (a wrong or hostile report_host/report_port): read nothing more from it.
        const bool idMatches = instance->serverId == m_expected->serverId;
        const bool uuidMatches = m_expected->serverUuid.isEmpty() || instance->serverUuid.isEmpty()
                                 || instance->serverUuid.compare(m_expected->serverUuid, Qt::CaseInsensitive) == 0;
        if (!idMatches || !uuidMatches) {
            const QString found = !idMatches ? u"server_id %1"_s.arg(instance->serverId) : u"UUID %1"_s.arg(instance->serverUuid);
            const QString expected = !idMatches ? u"server_id %1"_s.arg(m_expected->serverId) : u"UUID %1"_s.arg(m_expected->serverUuid);
            instance->identityProblem = u"reported address does not answer as this replica: its source lists %1 as %2, "
                                        "but the server there is %3; Arbor does not poll it"_s.arg(m_key.toString(), expected, found);
            disconnect();
            return Result<void>::failure(instance->identityProblem);
        }
    }
    m_logBin = instance->logBin;

    // Semi-sync settings are configuration: read them on the first poll of a connection and every
    // kSlowPollEvery polls after, so most polls spend one round trip less (issue 8's CPU budget).
    const bool slowPoll = m_pollsOnConnection % kSlowPollEvery == 0;
    if (slowPoll || !m_semiSyncVariables) {
        auto semiSyncVars = run(dialect.semiSyncVariablesQuery());
        if (!semiSyncVars.ok())
            return Result<void>::failure(semiSyncVars.error());
        m_semiSyncVariables = semiSyncVars.value();
    }
    dialect.applySemiSync(*m_semiSyncVariables, {}, instance);
    // The status is needed on every poll only where semi-sync is on (its state and clients change by
    // the second). Otherwise it only gives Uptime, which counts on from the last read: a restart
    // breaks this persistent connection, and the fresh one reads it again.
    if (slowPoll || semiSyncEnabled() || !m_uptimeClock.isValid()) {
        auto status = run(kStatusQuery);
        if (!status.ok())
            return Result<void>::failure(status.error());
        m_uptimeAtRead = statusValue(status.value(), u"Uptime"_s).toLongLong();
        m_uptimeClock.start();
        dialect.applySemiSync(*m_semiSyncVariables, status.value(), instance);
    }
    instance->uptimeSeconds = m_uptimeAtRead + m_uptimeClock.elapsed() / 1000;

    auto replica = run(dialect.replicaStatusQuery());
    if (!replica.ok())
        return Result<void>::failure(replica.error());
    if (!replica.value().isEmpty())
        instance->replication = dialect.parseReplicaStatus(replica.value().constFirst());

    if (instance->logBin) {
        auto binlog = run(dialect.binlogStatusQuery());
        if (!binlog.ok() && !m_connected) {
            // It has just answered the statements before this one: the server is up, its binary log
            // is not (the statement waits for the log's lock, which a commit that cannot write holds).
            return Result<void>::failure(
                u"%1 answers, but its binary log does not: %2. The log is stuck or very slow: a full disk (MariaDB "
                "waits for free space, commits stall) or a huge commit still being written"_s.arg(m_key.toString(), binlog.error()));
        }
        if (!binlog.ok())
            return Result<void>::failure(binlog.error());
        if (!binlog.value().isEmpty())
            instance->selfCoordinates = dialect.parseBinlogStatus(binlog.value().constFirst());
    }

    // Replicas: SHOW SLAVE HOSTS finds them on any port when they set report_host/report_port.
    // Without it (or without the privilege), fall back to the processlist, where only the host is
    // known and the port is assumed to be ours (orchestrator does the same).
    bool lost = false;
    auto hosts = m_options.discoverByShowSlaveHosts
                     ? run(dialect.replicaHostsQuery(), &lost)
                     : Result<QList<QVariantMap>>::failure(u"DiscoverByShowSlaveHosts is false"_s);
    if (lost)
        return Result<void>::failure(hosts.error());
    if (hosts.ok()) {
        instance->replicaKeys = dialect.parseReplicaHosts(hosts.value());
        if (const QList<ReplicaClaim> claims = dialect.parseReplicaClaims(hosts.value()); !claims.isEmpty()) {
            if (auto judged = judgeClaims(claims, slowPoll, instance); !judged.ok())
                return judged;
        }
    } else if (m_options.discoverByShowSlaveHosts)
        instance->warnings.append(u"cannot list replicas with %1 (%2): falling back to the processlist"_s
                                      .arg(dialect.replicaHostsQuery(), hosts.error()));
    // The processlist fallback costs a round trip on every leaf; replicas that do not report
    // themselves are found on the first poll and re-checked every kSlowPollEvery polls.
    if (instance->replicaKeys.isEmpty()) {
        if (slowPoll || !m_processlistReplicas) {
            auto dumps = run(dialect.processlistReplicasQuery(), &lost);
            if (lost)
                return Result<void>::failure(dumps.error());
            if (dumps.ok())
                m_processlistReplicas = dialect.parseProcesslistReplicas(dumps.value(), m_key.port());
        }
        instance->replicaKeys = m_processlistReplicas.value_or(QList<InstanceKey>());
        if (!instance->replicaKeys.isEmpty() && hosts.ok())
            instance->warnings.append(
                u"replicas connect but do not set report_host/report_port: their ports are guessed as %1"_s
                    .arg(m_key.port()));
    }

    if (!m_options.heartbeatQuery.isEmpty() && instance->isReplica()) {
        auto heartbeat = run(m_options.heartbeatQuery, &lost);
        if (lost)
            return Result<void>::failure(heartbeat.error());
        if (heartbeat.ok() && !heartbeat.value().isEmpty() && !heartbeat.value().constFirst().isEmpty()) {
            bool ok = false;
            const double lag = heartbeat.value().constFirst().first().toDouble(&ok);
            if (ok)
                instance->heartbeatLagSeconds = lag;
        } else if (!heartbeat.ok()) {
            instance->warnings.append(u"heartbeat query failed, lag falls back to Seconds_Behind_Master: %1"_s
                                          .arg(heartbeat.error()));
        }
    }

    // orchestrator runs DetectClusterAliasQuery on every server and keeps the master's answer; asking only
    // the servers with no source gives the same alias for one round trip per cluster.
    if (!m_options.clusterAliasQuery.isEmpty() && !instance->isReplica()) {
        auto alias = run(m_options.clusterAliasQuery, &lost);
        if (lost)
            return Result<void>::failure(alias.error());
        if (!alias.ok())
            instance->warnings.append(u"DetectClusterAliasQuery failed, the cluster keeps its other name: %1"_s.arg(alias.error()));
        else if (!alias.value().isEmpty() && !alias.value().constFirst().isEmpty())
            instance->suggestedClusterAlias = alias.value().constFirst().first().toString().trimmed();
    }

    // The name Arbor knows the server by, as orchestrator's DataCenterPattern does.
    const QString &name = m_key.host();
    if (m_options.dataCenterPattern.isValid() && !m_options.dataCenterPattern.pattern().isEmpty()) {
        const auto m = m_options.dataCenterPattern.match(name);
        if (m.hasMatch())
            instance->dataCenter = m.captured(1);
    }
    if (m_options.regionPattern.isValid() && !m_options.regionPattern.pattern().isEmpty()) {
        const auto m = m_options.regionPattern.match(name);
        if (m.hasMatch())
            instance->region = m.captured(1);
    }
    return Result<void>::success();
}

QList<QHostAddress> InstanceProbe::resolve(const QString &host)
{
    const auto it = m_resolved.constFind(host);
    if (it != m_resolved.constEnd())
        return *it;
    // Blocking, on the poll's worker thread; once per name per connection (a fresh connection asks again).
    const QList<QHostAddress> addresses = QHostInfo::fromName(host).addresses();
    m_resolved.insert(host, addresses);
    return addresses;
}

Result<void> InstanceProbe::judgeClaims(const QList<ReplicaClaim> &claims, bool slowPoll, Instance *instance)
{
    const Dialect &dialect = *m_dialect;
    if (slowPoll || !m_processlistHosts) {
        bool lost = false;
        auto dumps = run(dialect.processlistReplicasQuery(), &lost);
        if (lost)
            return Result<void>::failure(dumps.error());
        m_processlistHosts = dumps.ok() ? dialect.parseProcesslistHosts(dumps.value()) : QStringList();
    }
    const auto resolver = [this](const QString &host) { return resolve(host); };
    instance->replicaClaims = ReplicaClaimJudge::judge(claims, *m_processlistHosts, resolver);
    if (m_processlistHosts->isEmpty())
        instance->warnings.append(u"no replica connection is visible in the processlist (PROCESS privilege?): the "
                                  "addresses replicas report are checked by server_id only, after connecting"_s);
    // Where each replica may really be if its claim fails (distrusted here, or another server_id
    // there): the poller tries these under the same identity check (Poller::tryFallbacks).
    m_claimFallbacks.clear();
    for (int c = 0; c < instance->replicaClaims.size(); ++c) {
        const QList<InstanceKey> keys = ReplicaClaimJudge::fallbacksFor(instance->replicaClaims, c, *m_processlistHosts,
                                                                        resolver, ReplicaClaimJudge::defaultInstancePort(), m_key);
        if (!keys.isEmpty())
            m_claimFallbacks.insert(instance->replicaClaims.at(c).reported, keys);
    }
    return Result<void>::success();
}

void InstanceProbe::addWarnings(Instance *instance) const
{
    if (!instance->isReplica())
        return;
    if (instance->reportHost.isEmpty())
        instance->warnings.append(
            u"report_host is not set: its source cannot list this replica with SHOW SLAVE HOSTS, so discovery "
            "may miss it; set report_host and report_port"_s);
    if (instance->replicaNetTimeout > m_options.reasonableReplicaNetTimeout)
        instance->warnings.append(
            u"slave_net_timeout is %1 s: this replica may take that long to notice a dead source, which delays "
            "failure detection; %2 s or less is advised"_s.arg(instance->replicaNetTimeout).arg(m_options.reasonableReplicaNetTimeout));
    if (!instance->logBin)
        instance->warnings.append(u"log_bin is OFF: this replica cannot be promoted or serve other replicas"_s);
    else if (!instance->logReplicaUpdates)
        instance->warnings.append(
            u"log_slave_updates is OFF: replicas moved below this server would miss its source's changes"_s);
}

} // namespace arbor::core
