#include "store/storeschema.h"

#include "store/storesecretscrub.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

// ${KEY}, ${TEXT}, ${DATA}, ${ID} and ${TABLE} are replaced by the backend's types and table options.
// Timestamps are BIGINT milliseconds since the epoch, UTC: one meaning on both backends, and
// plain integer comparison for expiry.
const QList<StoreSchema::Migration> &rawMigrations()
{
    static const QList<StoreSchema::Migration> list = {
        {1,
         {
             u"CREATE TABLE IF NOT EXISTS instances ("
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "last_checked BIGINT NOT NULL, "
             "last_seen BIGINT NOT NULL, "
             "last_check_valid INTEGER NOT NULL, "
             "source_host ${KEY} NOT NULL, "
             "source_port INTEGER NOT NULL, "
             "data ${DATA} NOT NULL, "
             "PRIMARY KEY (hostname, port))${TABLE}"_s,
             u"CREATE TABLE IF NOT EXISTS cluster_aliases ("
             "cluster_name ${KEY} NOT NULL, "
             "alias ${KEY} NOT NULL, "
             "updated_at BIGINT NOT NULL, "
             "PRIMARY KEY (cluster_name))${TABLE}"_s,
             u"CREATE TABLE IF NOT EXISTS downtimes ("
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "owner ${KEY} NOT NULL, "
             "reason ${TEXT} NOT NULL, "
             "begin_at BIGINT NOT NULL, "
             "end_at BIGINT NOT NULL, "
             "PRIMARY KEY (hostname, port))${TABLE}"_s,
         }},
        // Topology operations: who did what to which servers, and the one-operation-per-cluster lock
        // shared by every process using this store (GUI, CLI, service).
        {2,
         {
             u"CREATE TABLE IF NOT EXISTS audit ("
             "id ${ID}, "
             "started_at BIGINT NOT NULL, "
             "who ${KEY} NOT NULL, "
             "operation ${KEY} NOT NULL, "
             "cluster_name ${KEY} NOT NULL, "
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "from_servers ${TEXT} NOT NULL, "
             "to_server ${KEY} NOT NULL, "
             "method ${KEY} NOT NULL, "
             "result ${KEY} NOT NULL, "
             "message ${TEXT} NOT NULL, "
             "duration_ms BIGINT NOT NULL)${TABLE}"_s,
             u"CREATE INDEX audit_started ON audit (started_at)"_s,
             u"CREATE TABLE IF NOT EXISTS operation_locks ("
             "cluster_name ${KEY} NOT NULL, "
             "operation ${TEXT} NOT NULL, "
             "owner ${KEY} NOT NULL, "
             "token ${KEY} NOT NULL, "
             "since BIGINT NOT NULL, "
             "expires_at BIGINT NOT NULL, "
             "PRIMARY KEY (cluster_name))${TABLE}"_s,
         }},
        // Service nodes sharing this store: the active-node lease (one row, anchor=1, renewed with the
        // database's clock) and one health row per node. Times are the database's clock, ms.
        {3,
         {
             u"CREATE TABLE IF NOT EXISTS active_node ("
             "anchor INTEGER NOT NULL, "
             "node_name ${KEY} NOT NULL, "
             "hostname ${KEY} NOT NULL, "
             "token ${KEY} NOT NULL, "
             "api_url ${KEY} NOT NULL, "
             "first_seen_active BIGINT NOT NULL, "
             "last_seen_active BIGINT NOT NULL, "
             "PRIMARY KEY (anchor))${TABLE}"_s,
             u"CREATE TABLE IF NOT EXISTS node_health ("
             "node_name ${KEY} NOT NULL, "
             "hostname ${KEY} NOT NULL, "
             "token ${KEY} NOT NULL, "
             "app_version ${KEY} NOT NULL, "
             "api_url ${KEY} NOT NULL, "
             "role ${KEY} NOT NULL, "
             "status ${TEXT} NOT NULL, "
             "started_at BIGINT NOT NULL, "
             "last_seen BIGINT NOT NULL, "
             "PRIMARY KEY (node_name))${TABLE}"_s,
         }},
        // Failure detection and recovery: promotion rules (expires_at 0 = never), the analysis
        // changelog, each recovery with its steps (hook output included), acknowledgements that end
        // a recovery's block period, and the global switch that disables automatic recovery.
        {4,
         {
             u"CREATE TABLE IF NOT EXISTS promotion_rules ("
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "rule ${KEY} NOT NULL, "
             "expires_at BIGINT NOT NULL, "
             "updated_at BIGINT NOT NULL, "
             "PRIMARY KEY (hostname, port))${TABLE}"_s,
             u"CREATE TABLE IF NOT EXISTS analysis_changes ("
             "id ${ID}, "
             "changed_at BIGINT NOT NULL, "
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "cluster_name ${KEY} NOT NULL, "
             "analysis ${KEY} NOT NULL, "
             "previous_analysis ${KEY} NOT NULL, "
             "description ${TEXT} NOT NULL, "
             "structure_warnings ${TEXT} NOT NULL)${TABLE}"_s,
             u"CREATE INDEX analysis_changes_at ON analysis_changes (changed_at)"_s,
             u"CREATE TABLE IF NOT EXISTS recoveries ("
             "uid ${KEY} NOT NULL, "
             "cluster_name ${KEY} NOT NULL, "
             "cluster_alias ${KEY} NOT NULL, "
             "failed_host ${KEY} NOT NULL, "
             "failed_port INTEGER NOT NULL, "
             "analysis ${KEY} NOT NULL, "
             "kind ${KEY} NOT NULL, "
             "trigger_by ${KEY} NOT NULL, "
             "status ${KEY} NOT NULL, "
             "successor_host ${KEY} NOT NULL, "
             "successor_port INTEGER NOT NULL, "
             "lost_replicas ${TEXT} NOT NULL, "
             "explanation ${TEXT} NOT NULL, "
             "message ${TEXT} NOT NULL, "
             "started_at BIGINT NOT NULL, "
             "ended_at BIGINT NOT NULL, "
             "PRIMARY KEY (uid))${TABLE}"_s,
             u"CREATE INDEX recoveries_cluster ON recoveries (cluster_name, started_at)"_s,
             u"CREATE TABLE IF NOT EXISTS recovery_steps ("
             "id ${ID}, "
             "recovery_uid ${KEY} NOT NULL, "
             "step_at BIGINT NOT NULL, "
             "kind ${KEY} NOT NULL, "
             "what ${TEXT} NOT NULL, "
             "ok INTEGER NOT NULL, "
             "detail ${TEXT} NOT NULL)${TABLE}"_s,
             u"CREATE INDEX recovery_steps_uid ON recovery_steps (recovery_uid)"_s,
             u"CREATE TABLE IF NOT EXISTS acknowledgements ("
             "id ${ID}, "
             "recovery_uid ${KEY} NOT NULL, "
             "acknowledged_by ${KEY} NOT NULL, "
             "comment ${TEXT} NOT NULL, "
             "acknowledged_at BIGINT NOT NULL)${TABLE}"_s,
             u"CREATE INDEX acknowledgements_uid ON acknowledgements (recovery_uid)"_s,
             u"CREATE TABLE IF NOT EXISTS recovery_disable ("
             "anchor INTEGER NOT NULL, "
             "disabled_by ${KEY} NOT NULL, "
             "reason ${TEXT} NOT NULL, "
             "disabled_at BIGINT NOT NULL, "
             "PRIMARY KEY (anchor))${TABLE}"_s,
         }},
        // Lag history for the charts (core/history): every poll for an hour, the worst and mean of
        // each minute for a day, and chart events (failover, relocation, replication error). NULL
        // lag means not known (a source, an unreachable server).
        {5,
         {
             u"CREATE TABLE IF NOT EXISTS lag_samples ("
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "at_ms BIGINT NOT NULL, "
             "lag_seconds DOUBLE NULL, "
             "poll_ms DOUBLE NULL, "
             "PRIMARY KEY (hostname, port, at_ms))${TABLE}"_s,
             u"CREATE INDEX lag_samples_at ON lag_samples (at_ms)"_s,
             u"CREATE TABLE IF NOT EXISTS lag_minutes ("
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "minute_ms BIGINT NOT NULL, "
             "lag_max DOUBLE NULL, "
             "lag_avg DOUBLE NULL, "
             "poll_max DOUBLE NULL, "
             "poll_avg DOUBLE NULL, "
             "samples INTEGER NOT NULL, "
             "PRIMARY KEY (hostname, port, minute_ms))${TABLE}"_s,
             u"CREATE INDEX lag_minutes_at ON lag_minutes (minute_ms)"_s,
             u"CREATE TABLE IF NOT EXISTS history_events ("
             "id ${ID}, "
             "at_ms BIGINT NOT NULL, "
             "kind ${KEY} NOT NULL, "
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "text ${TEXT} NOT NULL)${TABLE}"_s,
             u"CREATE INDEX history_events_at ON history_events (at_ms)"_s,
         }},
        // orchestrator's instance tags (tag, untag, tagged, topology-tags): one row per server and
        // tag name, read by core/store/tagtable.
        {6,
         {
             u"CREATE TABLE IF NOT EXISTS instance_tags ("
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "tag_name ${KEY} NOT NULL, "
             "tag_value ${TEXT} NOT NULL, "
             "updated_at BIGINT NOT NULL, "
             "PRIMARY KEY (hostname, port, tag_name))${TABLE}"_s,
             u"CREATE INDEX instance_tags_name ON instance_tags (tag_name)"_s,
         }},
        // What each replica did before a failure (core/store/replicahistorytable): a node that becomes
        // active after a master died runs the candidate safety checks on what the old leader saw.
        // 0 = never; NULL lag = not known.
        {7,
         {
             u"CREATE TABLE IF NOT EXISTS replica_history ("
             "hostname ${KEY} NOT NULL, "
             "port INTEGER NOT NULL, "
             "last_replicating_at BIGINT NOT NULL, "
             "lag_at_last_replicating BIGINT NULL, "
             "sql_broken_since BIGINT NOT NULL, "
             "updated_at BIGINT NOT NULL, "
             "PRIMARY KEY (hostname, port))${TABLE}"_s,
         }},
        // Who runs a recovery (the service node's election token), so that the next active node can
        // tell a recovery whose node died from one still running.
        {8,
         {
             u"ALTER TABLE recoveries ADD COLUMN owner_token ${KEY} NOT NULL DEFAULT ''"_s,
         }},
        // Issue 12: passwords that versions before SqlStatement stored in clear (recovery steps, audit
        // rows, messages) read <redacted>, as every newer row does. No DDL: a data migration that SQL
        // cannot express, run by StoreConnection::applyMigrations (StoreSecretScrub::kVersion).
        {StoreSecretScrub::kVersion, {}},
    };
    return list;
}

} // namespace

StoreSchema::StoreSchema(StoreOptions::Kind kind) : m_kind(kind)
{
}

QString StoreSchema::driverName() const
{
    return m_kind == StoreOptions::Kind::MySql ? u"QMYSQL"_s : u"QSQLITE"_s;
}

QString StoreSchema::keyType() const
{
    return m_kind == StoreOptions::Kind::MySql ? u"VARCHAR(255)"_s : u"TEXT"_s;
}

QString StoreSchema::textType() const
{
    return u"TEXT"_s;
}

QString StoreSchema::dataType() const
{
    return m_kind == StoreOptions::Kind::MySql ? u"MEDIUMTEXT"_s : u"TEXT"_s;
}

QString StoreSchema::tableOptions() const
{
    return m_kind == StoreOptions::Kind::MySql
               ? u" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"_s
               : QString();
}

QString StoreSchema::expand(QString statement) const
{
    statement.replace(u"${KEY}"_s, keyType());
    statement.replace(u"${TEXT}"_s, textType());
    statement.replace(u"${DATA}"_s, dataType());
    statement.replace(u"${TABLE}"_s, tableOptions());
    statement.replace(u"${ID}"_s, m_kind == StoreOptions::Kind::MySql ? u"BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY"_s
                                                                      : u"INTEGER PRIMARY KEY AUTOINCREMENT"_s);
    return statement;
}

QList<StoreSchema::Migration> StoreSchema::migrations() const
{
    QList<Migration> out;
    for (const Migration &m : rawMigrations()) {
        Migration e{m.version, {}};
        for (const QString &s : m.statements)
            e.statements.append(expand(s));
        out.append(e);
    }
    return out;
}

int StoreSchema::latestVersion() const
{
    // The highest, not the last: versions merged from parallel branches may land out of order.
    int latest = 0;
    for (const Migration &m : rawMigrations())
        latest = std::max(latest, m.version);
    return latest;
}

} // namespace arbor::core
