#include "store/store.h"

#include <QSet>

#include "model/instancejson.h"
#include "store/databaseclock.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

std::atomic<int> s_connectionCounter{0};

constexpr int kInstanceColumns = 8;
constexpr int kSqliteBusyTimeoutMs = 5000;
constexpr int kSchemaLockTimeoutS = 30;

qint64 toMs(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

// A null QString binds as SQL NULL; the columns are NOT NULL and "" is what we mean.
QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

QString errorText(const QSqlError &error)
{
    // The server's words when there are any; Qt's "Unable to fetch row" adds nothing.
    const QString db = error.databaseText().trimmed();
    return db.isEmpty() ? error.text().trimmed() : db;
}

QString snapshots(qsizetype n)
{
    return n == 1 ? u"1 instance snapshot"_s : u"%1 instance snapshots"_s.arg(n);
}

QString replaceStatement(int rows)
{
    QString sql = u"REPLACE INTO instances (hostname, port, last_checked, last_seen, last_check_valid, "
                  "source_host, source_port, data) VALUES "_s;
    const QString row = u"(?,?,?,?,?,?,?,?)"_s;
    sql.reserve(sql.size() + rows * (row.size() + 1));
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            sql += u',';
        sql += row;
    }
    return sql;
}

void bindInstance(QSqlQuery &query, int row, const Instance &instance)
{
    const int base = row * kInstanceColumns;
    const InstanceKey source = instance.sourceKey();
    query.bindValue(base + 0, text(instance.key.host()));
    query.bindValue(base + 1, instance.key.port());
    query.bindValue(base + 2, toMs(instance.lastChecked));
    query.bindValue(base + 3, toMs(instance.lastSeen));
    query.bindValue(base + 4, instance.lastCheckValid ? 1 : 0);
    query.bindValue(base + 5, text(source.host()));
    query.bindValue(base + 6, source.port());
    query.bindValue(base + 7, InstanceJson::toText(instance));
}

} // namespace

Store::Store(StoreOptions options) : m_options(std::move(options)), m_schema(m_options.kind)
{
}

Store::~Store()
{
    close();
}

QSqlDatabase Store::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Store::isOpen() const
{
    return m_open;
}

void Store::close()
{
    m_open = false;
    m_fullChunkQuery.reset();
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = database();
        if (db.isOpen())
            db.close();
    }
    // Every QSqlDatabase copy is gone now, so removal does not warn.
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

QString Store::failure(const QString &what, const QString &sqlError) const
{
    return u"could not %1 in the %2: %3."_s.arg(what, m_options.describe(), sqlError.trimmed());
}

Result<void> Store::notOpen(const QString &what) const
{
    return Result<void>::failure(
        u"could not %1: the %2 is not open; open it first."_s.arg(what, m_options.describe()));
}

Result<void> Store::open()
{
    close();
    if (auto r = openConnection(); !r) {
        close();
        return r;
    }
    if (auto r = migrate(); !r) {
        close();
        return r;
    }
    m_open = true;
    return Result<void>::success();
}

Result<void> Store::openConnection()
{
    const QString driver = m_schema.driverName();
    m_connectionName = u"arbor-store-%1"_s.arg(++s_connectionCounter);
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, m_connectionName);
    if (!db.isValid()) {
        const QString package =
            m_options.kind == StoreOptions::Kind::MySql ? u"libqt6sql6-mysql"_s : u"libqt6sql6-sqlite"_s;
        return Result<void>::failure(
            u"cannot open the %1: the Qt SQL driver %2 is not installed; install the package %3."_s.arg(
                m_options.describe(), driver, package));
    }

    if (m_options.kind == StoreOptions::Kind::Sqlite) {
        if (m_options.path.isEmpty())
            return Result<void>::failure(u"cannot open the SQLite store: no file path was given."_s);
        const QString dir = QFileInfo(m_options.path).absolutePath();
        if (!QDir().mkpath(dir))
            return Result<void>::failure(
                u"cannot create the folder %1 for the SQLite store %2: check that you may write there."_s.arg(
                    dir, m_options.path));
        db.setDatabaseName(m_options.path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(kSqliteBusyTimeoutMs));
        if (!db.open())
            return Result<void>::failure(
                u"cannot open the %1: %2. Check that the file is a SQLite database you may write."_s.arg(
                    m_options.describe(), errorText(db.lastError())));
        QSqlQuery q(db);
        // WAL lets readers (the GUI, the API) run while the writer thread commits.
        if (!q.exec(u"PRAGMA journal_mode=WAL"_s))
            return Result<void>::failure(failure(u"switch to WAL journaling"_s, errorText(q.lastError())));
        for (const QString &pragma :
             {u"PRAGMA busy_timeout=%1"_s.arg(kSqliteBusyTimeoutMs), u"PRAGMA synchronous=NORMAL"_s}) {
            if (!q.exec(pragma))
                return Result<void>::failure(failure(u"run %1"_s.arg(pragma), errorText(q.lastError())));
        }
        return Result<void>::success();
    }

    db.setHostName(m_options.host);
    db.setPort(m_options.port);
    db.setDatabaseName(m_options.database);
    db.setUserName(m_options.user);
    db.setPassword(m_options.password);
    db.setConnectOptions(
        u"MYSQL_OPT_CONNECT_TIMEOUT=5;MYSQL_OPT_READ_TIMEOUT=30;MYSQL_OPT_WRITE_TIMEOUT=30;MYSQL_OPT_RECONNECT=1"_s);
    if (!db.open())
        return Result<void>::failure(
            u"cannot connect to the %1: %2. Check that the server is up and that the user, password and database are right."_s
                .arg(m_options.describe(), errorText(db.lastError())));
    return Result<void>::success();
}

Result<void> Store::migrate()
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    if (m_options.kind == StoreOptions::Kind::Sqlite) {
        // IMMEDIATE takes the write lock up front, so two processes opening one file migrate in turn.
        if (!q.exec(u"BEGIN IMMEDIATE"_s))
            return Result<void>::failure(failure(u"start the schema migration"_s, errorText(q.lastError())));
        q.finish();
        Result<void> r = applyMigrations();
        if (!q.exec(r ? u"COMMIT"_s : u"ROLLBACK"_s) && r)
            return Result<void>::failure(failure(u"commit the schema migration"_s, errorText(q.lastError())));
        return r;
    }

    // DDL commits on its own in MySQL, so a transaction cannot serialise nodes starting together:
    // a named lock does.
    if (!q.exec(u"SELECT GET_LOCK('arbor_schema', %1)"_s.arg(kSchemaLockTimeoutS)) || !q.next())
        return Result<void>::failure(
            failure(u"take the schema lock arbor_schema"_s, errorText(q.lastError())));
    if (q.value(0).toInt() != 1)
        return Result<void>::failure(
            u"could not take the schema lock arbor_schema in the %1 within %2 s: another node is migrating or holds it; retry."_s
                .arg(m_options.describe())
                .arg(kSchemaLockTimeoutS));
    q.finish();
    Result<void> r = applyMigrations();
    q.exec(u"SELECT RELEASE_LOCK('arbor_schema')"_s);
    q.finish();
    return r;
}

Result<void> Store::applyMigrations()
{
    QSqlDatabase db = database();
    QSqlQuery q(db);
    const QString createMigrations =
        u"CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL, "
        "applied_at BIGINT NOT NULL, PRIMARY KEY (version))"_s +
        m_schema.tableOptions();
    if (!q.exec(createMigrations))
        return Result<void>::failure(
            failure(u"create the table schema_migrations"_s, errorText(q.lastError())));
    // Every migration not yet recorded is applied, not only those above the highest: a version that
    // lands out of order (parallel branches) is never skipped silently.
    if (!q.exec(u"SELECT version FROM schema_migrations"_s))
        return Result<void>::failure(failure(u"read the schema version"_s, errorText(q.lastError())));
    QSet<int> applied;
    int current = 0;
    while (q.next()) {
        applied.insert(q.value(0).toInt());
        current = std::max(current, q.value(0).toInt());
    }
    q.finish();

    const int latest = m_schema.latestVersion();
    if (current > latest)
        return Result<void>::failure(
            u"the %1 has schema version %2, newer than version %3 that this Arbor knows: upgrade Arbor on this node."_s
                .arg(m_options.describe())
                .arg(current)
                .arg(latest));

    const QList<StoreSchema::Migration> migrations = m_schema.migrations();
    for (const StoreSchema::Migration &m : migrations) {
        if (applied.contains(m.version))
            continue;
        for (const QString &statement : m.statements) {
            if (!q.exec(statement))
                return Result<void>::failure(
                    failure(u"apply schema migration %1 (%2)"_s.arg(m.version).arg(statement.left(60)),
                            errorText(q.lastError())));
        }
        QSqlQuery record(db);
        record.prepare(u"INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"_s);
        record.addBindValue(m.version);
        record.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!record.exec())
            return Result<void>::failure(
                failure(u"record schema migration %1"_s.arg(m.version), errorText(record.lastError())));
        current = std::max(current, m.version);
    }
    m_schemaVersion = current;
    return Result<void>::success();
}

Result<void> Store::writeChunk(const QList<Instance> &chunk)
{
    const int rows = int(chunk.size());
    std::unique_ptr<QSqlQuery> partial;
    QSqlQuery *query = nullptr;
    if (rows == StoreSchema::kRowsPerStatement) {
        if (!m_fullChunkQuery) {
            auto q = std::make_unique<QSqlQuery>(database());
            if (!q->prepare(replaceStatement(rows)))
                return Result<void>::failure(
                    failure(u"prepare the instance write"_s, errorText(q->lastError())));
            m_fullChunkQuery = std::move(q);
        }
        query = m_fullChunkQuery.get();
    } else {
        partial = std::make_unique<QSqlQuery>(database());
        if (!partial->prepare(replaceStatement(rows)))
            return Result<void>::failure(
                failure(u"prepare the instance write"_s, errorText(partial->lastError())));
        query = partial.get();
    }
    for (int i = 0; i < rows; ++i)
        bindInstance(*query, i, chunk.at(i));
    if (!query->exec()) {
        const QString error = errorText(query->lastError());
        // A statement that failed may be unusable after a reconnect: prepare afresh next time.
        if (query == m_fullChunkQuery.get())
            m_fullChunkQuery.reset();
        return Result<void>::failure(failure(u"write %1"_s.arg(snapshots(rows)), error));
    }
    query->finish();
    return Result<void>::success();
}

Result<void> Store::writeInstances(const QList<Instance> &instances)
{
    const QString what = u"write %1"_s.arg(snapshots(instances.size()));
    if (!m_open)
        return notOpen(what);
    if (instances.isEmpty())
        return Result<void>::success();
    for (const Instance &instance : instances) {
        if (!instance.key.isValid())
            return Result<void>::failure(
                u"could not %1: one has no valid host:port key ('%2'), so nothing was written."_s.arg(
                    what, instance.key.toString()));
    }

    QSqlDatabase db = database();
    if (!db.transaction())
        return Result<void>::failure(
            failure(u"start a transaction to %1"_s.arg(what), errorText(db.lastError())));
    for (qsizetype offset = 0; offset < instances.size(); offset += StoreSchema::kRowsPerStatement) {
        Result<void> r = writeChunk(instances.mid(offset, StoreSchema::kRowsPerStatement));
        if (!r) {
            db.rollback();
            return r;
        }
    }
    if (!db.commit()) {
        const QString error = errorText(db.lastError());
        db.rollback();
        return Result<void>::failure(failure(u"commit the transaction to %1"_s.arg(what), error));
    }
    return Result<void>::success();
}

Result<QList<Instance>> Store::readInstances()
{
    using R = Result<QList<Instance>>;
    if (!m_open)
        return R(Error{notOpen(u"read instances"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT hostname, port, data FROM instances ORDER BY hostname, port"_s))
        return R::failure(failure(u"read instances"_s, errorText(q.lastError())));
    QList<Instance> out;
    while (q.next()) {
        Result<Instance> parsed = InstanceJson::fromText(q.value(2).toString());
        if (!parsed) {
            const InstanceKey key(q.value(0).toString(), q.value(1).toInt());
            return R::failure(
                u"the stored snapshot of %1 in the %2 cannot be read (%3); forget the instance to clear it."_s
                    .arg(key.toString(), m_options.describe(), parsed.error()));
        }
        out.append(std::move(parsed).value());
    }
    if (q.lastError().isValid())
        return R::failure(failure(u"read instances"_s, errorText(q.lastError())));
    return out;
}

Result<std::optional<Instance>> Store::readInstance(const InstanceKey &key)
{
    using R = Result<std::optional<Instance>>;
    const QString what = u"read the instance %1"_s.arg(key.toString());
    if (!m_open)
        return R(Error{notOpen(what).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT data FROM instances WHERE hostname = ? AND port = ?"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    if (!q.exec())
        return R::failure(failure(what, errorText(q.lastError())));
    if (!q.next())
        return std::optional<Instance>();
    Result<Instance> parsed = InstanceJson::fromText(q.value(0).toString());
    if (!parsed)
        return R::failure(
            u"the stored snapshot of %1 in the %2 cannot be read (%3); forget the instance to clear it."_s
                .arg(key.toString(), m_options.describe(), parsed.error()));
    return std::optional<Instance>(std::move(parsed).value());
}

Result<void> Store::forgetInstance(const InstanceKey &key)
{
    const QString what = u"forget the instance %1"_s.arg(key.toString());
    if (!m_open)
        return notOpen(what);
    QSqlDatabase db = database();
    if (!db.transaction())
        return Result<void>::failure(failure(what, errorText(db.lastError())));
    for (const QString &table : {u"instances"_s, u"downtimes"_s}) {
        QSqlQuery q(db);
        q.prepare(u"DELETE FROM %1 WHERE hostname = ? AND port = ?"_s.arg(table));
        q.addBindValue(key.host());
        q.addBindValue(key.port());
        if (!q.exec()) {
            const QString error = errorText(q.lastError());
            db.rollback();
            return Result<void>::failure(failure(what, error));
        }
    }
    if (!db.commit()) {
        const QString error = errorText(db.lastError());
        db.rollback();
        return Result<void>::failure(failure(what, error));
    }
    return Result<void>::success();
}

Result<void> Store::setClusterAlias(const QString &clusterName, const QString &alias)
{
    const QString what = u"set the alias of cluster %1"_s.arg(clusterName);
    if (!m_open)
        return notOpen(what);
    if (clusterName.isEmpty())
        return Result<void>::failure(u"could not set a cluster alias: the cluster name is empty."_s);
    QSqlQuery q(database());
    if (alias.isEmpty()) {
        q.prepare(u"DELETE FROM cluster_aliases WHERE cluster_name = ?"_s);
        q.addBindValue(clusterName);
    } else {
        q.prepare(u"REPLACE INTO cluster_aliases (cluster_name, alias, updated_at) VALUES (?, ?, ?)"_s);
        q.addBindValue(clusterName);
        q.addBindValue(alias);
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    }
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QHash<QString, QString>> Store::readClusterAliases()
{
    using R = Result<QHash<QString, QString>>;
    if (!m_open)
        return R(Error{notOpen(u"read cluster aliases"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT cluster_name, alias FROM cluster_aliases"_s))
        return R::failure(failure(u"read cluster aliases"_s, errorText(q.lastError())));
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

Result<void> Store::beginDowntime(const Downtime &downtime)
{
    const QString what = u"begin a downtime of %1"_s.arg(downtime.key.toString());
    if (!m_open)
        return notOpen(what);
    if (!downtime.key.isValid())
        return Result<void>::failure(
            u"could not begin a downtime: the server key '%1' is not a valid host:port."_s.arg(
                downtime.key.toString()));
    if (!downtime.begin.isValid() || !downtime.end.isValid() || downtime.end <= downtime.begin)
        return Result<void>::failure(
            u"could not %1: the downtime needs a begin and an end time, the end after the begin."_s.arg(
                what));
    QSqlQuery q(database());
    q.prepare(
        u"REPLACE INTO downtimes (hostname, port, owner, reason, begin_at, end_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(downtime.key.host());
    q.addBindValue(downtime.key.port());
    q.addBindValue(text(downtime.owner));
    q.addBindValue(text(downtime.reason));
    q.addBindValue(toMs(downtime.begin));
    q.addBindValue(toMs(downtime.end));
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<void> Store::endDowntime(const InstanceKey &key)
{
    const QString what = u"end the downtime of %1"_s.arg(key.toString());
    if (!m_open)
        return notOpen(what);
    QSqlQuery q(database());
    q.prepare(u"DELETE FROM downtimes WHERE hostname = ? AND port = ?"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<Downtime>> Store::readActiveDowntimes(const QDateTime &now)
{
    using R = Result<QList<Downtime>>;
    if (!m_open)
        return R(Error{notOpen(u"read downtimes"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT hostname, port, owner, reason, begin_at, end_at FROM downtimes "
              "WHERE begin_at <= ? AND end_at > ? ORDER BY hostname, port"_s);
    q.addBindValue(toMs(now));
    q.addBindValue(toMs(now));
    if (!q.exec())
        return R::failure(failure(u"read downtimes"_s, errorText(q.lastError())));
    QList<Downtime> out;
    while (q.next()) {
        Downtime d;
        d.key = InstanceKey(q.value(0).toString(), q.value(1).toInt());
        d.owner = q.value(2).toString();
        d.reason = q.value(3).toString();
        d.begin = fromMs(q.value(4).toLongLong());
        d.end = fromMs(q.value(5).toLongLong());
        out.append(d);
    }
    return out;
}

Result<void> Store::writeAudit(const AuditEntry &entry)
{
    const QString what = u"write the audit of %1 on %2"_s.arg(entry.operation, entry.instance.toString());
    if (!m_open)
        return notOpen(what);
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO audit (started_at, who, operation, cluster_name, hostname, port, from_servers, "
              "to_server, method, result, message, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(toMs(entry.startedAt));
    q.addBindValue(text(entry.who));
    q.addBindValue(text(entry.operation));
    q.addBindValue(text(entry.clusterName));
    q.addBindValue(text(entry.instance.host()));
    q.addBindValue(entry.instance.port());
    q.addBindValue(text(entry.from));
    q.addBindValue(text(entry.to));
    q.addBindValue(text(entry.method));
    q.addBindValue(text(entry.result));
    q.addBindValue(text(entry.message));
    q.addBindValue(entry.durationMs);
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

// The newest rows of a table, optionally of one cluster: the shape every history reader shares.
bool Store::execRecent(QSqlQuery &q, const QString &select, const QString &orderBy, int limit, const QString &clusterName)
{
    const QString order = orderBy.arg(std::max(1, limit));
    if (clusterName.isEmpty()) {
        q.prepare(select + order);
    } else {
        q.prepare(select + u" WHERE cluster_name = ?"_s + order);
        q.addBindValue(clusterName);
    }
    return q.exec();
}

Result<QList<AuditEntry>> Store::readAudit(int limit, const QString &clusterName)
{
    using R = Result<QList<AuditEntry>>;
    if (!m_open)
        return R(Error{notOpen(u"read the audit"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    const QString columns = u"SELECT id, started_at, who, operation, cluster_name, hostname, port, from_servers, "
                            "to_server, method, result, message, duration_ms FROM audit"_s;
    if (!execRecent(q, columns, u" ORDER BY started_at DESC, id DESC LIMIT %1"_s, limit, clusterName))
        return R::failure(failure(u"read the audit"_s, errorText(q.lastError())));
    QList<AuditEntry> out;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.startedAt = fromMs(q.value(1).toLongLong());
        e.who = q.value(2).toString();
        e.operation = q.value(3).toString();
        e.clusterName = q.value(4).toString();
        e.instance = InstanceKey(q.value(5).toString(), q.value(6).toInt());
        e.from = q.value(7).toString();
        e.to = q.value(8).toString();
        e.method = q.value(9).toString();
        e.result = q.value(10).toString();
        e.message = q.value(11).toString();
        e.durationMs = q.value(12).toLongLong();
        out.append(e);
    }
    return out;
}

Result<std::optional<OperationLockHolder>> Store::tryLockCluster(const OperationLockHolder &wanted)
{
    using R = Result<std::optional<OperationLockHolder>>;
    const QString what = u"lock cluster %1 for %2"_s.arg(wanted.clusterName, wanted.operation);
    if (!m_open)
        return R(Error{notOpen(what).error()});
    QSqlDatabase db = database();
    if (!db.transaction())
        return R::failure(failure(what, errorText(db.lastError())));
    auto abort = [&](const QString &error) {
        db.rollback();
        return R::failure(failure(what, error));
    };
    {
        // An expired lock belongs to an operation that died with its process: it no longer counts.
        // Expiry is judged on the backend's clock, the one every client of this store shares.
        QSqlQuery expired(db);
        expired.prepare(u"DELETE FROM operation_locks WHERE cluster_name = ? AND expires_at <= %1"_s.arg(
            DatabaseClock::nowMsExpression(m_options.kind)));
        expired.addBindValue(wanted.clusterName);
        if (!expired.exec())
            return abort(errorText(expired.lastError()));
    }
    QSqlQuery holder(db);
    holder.setForwardOnly(true);
    holder.prepare(u"SELECT operation, owner, token, since, expires_at FROM operation_locks WHERE cluster_name = ?"_s);
    holder.addBindValue(wanted.clusterName);
    if (!holder.exec())
        return abort(errorText(holder.lastError()));
    if (holder.next()) {
        OperationLockHolder h;
        h.clusterName = wanted.clusterName;
        h.operation = holder.value(0).toString();
        h.owner = holder.value(1).toString();
        h.token = holder.value(2).toString();
        h.since = fromMs(holder.value(3).toLongLong());
        h.expiresAt = fromMs(holder.value(4).toLongLong());
        holder.finish();
        db.rollback();
        return std::optional<OperationLockHolder>(h);
    }
    holder.finish();
    QSqlQuery insert(db);
    const QString clock = DatabaseClock::nowMsExpression(m_options.kind);
    insert.prepare(u"INSERT INTO operation_locks (cluster_name, operation, owner, token, since, expires_at) "
                   "VALUES (?, ?, ?, ?, %1, %1 + ?)"_s.arg(clock));
    insert.addBindValue(text(wanted.clusterName));
    insert.addBindValue(text(wanted.operation));
    insert.addBindValue(text(wanted.owner));
    insert.addBindValue(text(wanted.token));
    insert.addBindValue(std::max<qint64>(1, wanted.since.msecsTo(wanted.expiresAt)));
    if (!insert.exec())
        return abort(errorText(insert.lastError()));
    if (!db.commit())
        return abort(errorText(db.lastError()));
    return std::optional<OperationLockHolder>();
}

Result<void> Store::unlockCluster(const QString &clusterName, const QString &token)
{
    const QString what = u"unlock cluster %1"_s.arg(clusterName);
    if (!m_open)
        return notOpen(what);
    QSqlQuery q(database());
    q.prepare(u"DELETE FROM operation_locks WHERE cluster_name = ? AND token = ?"_s);
    q.addBindValue(clusterName);
    q.addBindValue(token);
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}


// ---- Failure detection and recovery (migration 4) ----

namespace {

QString joinKeys(const QList<InstanceKey> &keys)
{
    QStringList out;
    for (const InstanceKey &k : keys)
        out << k.toString();
    return out.join(u',');
}

QList<InstanceKey> splitKeys(const QString &text)
{
    QList<InstanceKey> out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        if (auto k = InstanceKey::parse(part); k.ok())
            out.append(*k);
    }
    return out;
}

} // namespace

Result<void> Store::setPromotionRule(const PromotionRuleEntry &entry)
{
    const QString what = u"set the promotion rule of %1"_s.arg(entry.key.toString());
    if (!m_open)
        return notOpen(what);
    if (!entry.key.isValid())
        return Result<void>::failure(u"could not %1: it is not a valid host:port."_s.arg(what));
    QSqlQuery q(database());
    if (entry.rule == PromotionRule::Neutral && !entry.expiresAt.isValid()) {
        q.prepare(u"DELETE FROM promotion_rules WHERE hostname = ? AND port = ?"_s);
        q.addBindValue(entry.key.host());
        q.addBindValue(entry.key.port());
    } else {
        q.prepare(u"REPLACE INTO promotion_rules (hostname, port, rule, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)"_s);
        q.addBindValue(entry.key.host());
        q.addBindValue(entry.key.port());
        q.addBindValue(promotionRuleName(entry.rule));
        q.addBindValue(toMs(entry.expiresAt));
        q.addBindValue(toMs(entry.updatedAt.isValid() ? entry.updatedAt : QDateTime::currentDateTimeUtc()));
    }
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<PromotionRuleEntry>> Store::readPromotionRules()
{
    using R = Result<QList<PromotionRuleEntry>>;
    if (!m_open)
        return R(Error{notOpen(u"read promotion rules"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT hostname, port, rule, expires_at, updated_at FROM promotion_rules ORDER BY hostname, port"_s))
        return R::failure(failure(u"read promotion rules"_s, errorText(q.lastError())));
    QList<PromotionRuleEntry> out;
    while (q.next()) {
        PromotionRuleEntry e;
        e.key = InstanceKey(q.value(0).toString(), q.value(1).toInt());
        e.rule = parsePromotionRule(q.value(2).toString()).ok() ? *parsePromotionRule(q.value(2).toString())
                                                                : PromotionRule::Neutral;
        if (const qint64 ms = q.value(3).toLongLong(); ms > 0)
            e.expiresAt = fromMs(ms);
        e.updatedAt = fromMs(q.value(4).toLongLong());
        out.append(e);
    }
    return out;
}

Result<void> Store::recordAnalysisChange(const AnalysisChange &change)
{
    const QString what = u"record the analysis change of %1"_s.arg(change.key.toString());
    if (!m_open)
        return notOpen(what);
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO analysis_changes (changed_at, hostname, port, cluster_name, analysis, previous_analysis, "
              "description, structure_warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(toMs(change.at.isValid() ? change.at : QDateTime::currentDateTimeUtc()));
    q.addBindValue(text(change.key.host()));
    q.addBindValue(change.key.port());
    q.addBindValue(text(change.clusterName));
    q.addBindValue(text(change.analysis));
    q.addBindValue(text(change.previousAnalysis));
    q.addBindValue(text(change.description));
    q.addBindValue(text(change.structureWarnings.join(u',')));
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<AnalysisChange>> Store::readAnalysisChanges(int limit, const QString &clusterName)
{
    using R = Result<QList<AnalysisChange>>;
    if (!m_open)
        return R(Error{notOpen(u"read analysis changes"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    const QString columns = u"SELECT changed_at, hostname, port, cluster_name, analysis, previous_analysis, description, "
                            "structure_warnings FROM analysis_changes"_s;
    if (!execRecent(q, columns, u" ORDER BY changed_at DESC, id DESC LIMIT %1"_s, limit, clusterName))
        return R::failure(failure(u"read analysis changes"_s, errorText(q.lastError())));
    QList<AnalysisChange> out;
    while (q.next()) {
        AnalysisChange c;
        c.at = fromMs(q.value(0).toLongLong());
        c.key = InstanceKey(q.value(1).toString(), q.value(2).toInt());
        c.clusterName = q.value(3).toString();
        c.analysis = q.value(4).toString();
        c.previousAnalysis = q.value(5).toString();
        c.description = q.value(6).toString();
        c.structureWarnings = q.value(7).toString().split(u',', Qt::SkipEmptyParts);
        out.append(c);
    }
    return out;
}

Result<void> Store::writeRecovery(const RecoveryRecord &r)
{
    const QString what = u"record recovery %1 of %2"_s.arg(r.uid, r.failed.toString());
    if (!m_open)
        return notOpen(what);
    QSqlQuery q(database());
    q.prepare(u"REPLACE INTO recoveries (uid, cluster_name, cluster_alias, failed_host, failed_port, analysis, kind, "
              "trigger_by, status, successor_host, successor_port, lost_replicas, explanation, message, started_at, "
              "ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(r.uid));
    q.addBindValue(text(r.clusterName));
    q.addBindValue(text(r.clusterAlias));
    q.addBindValue(text(r.failed.host()));
    q.addBindValue(r.failed.port());
    q.addBindValue(text(r.analysis));
    q.addBindValue(text(r.kind));
    q.addBindValue(text(r.trigger));
    q.addBindValue(text(r.status));
    q.addBindValue(text(r.successor.host()));
    q.addBindValue(r.successor.port());
    q.addBindValue(text(joinKeys(r.lostReplicas)));
    q.addBindValue(text(r.explanation));
    q.addBindValue(text(r.message));
    q.addBindValue(toMs(r.startedAt));
    q.addBindValue(toMs(r.endedAt));
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<void> Store::appendRecoveryStep(const RecoveryStep &step)
{
    const QString what = u"record a step of recovery %1"_s.arg(step.recoveryUid);
    if (!m_open)
        return notOpen(what);
    QSqlQuery q(database());
    q.prepare(u"INSERT INTO recovery_steps (recovery_uid, step_at, kind, what, ok, detail) VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(text(step.recoveryUid));
    q.addBindValue(toMs(step.at.isValid() ? step.at : QDateTime::currentDateTimeUtc()));
    q.addBindValue(text(step.kind));
    q.addBindValue(text(step.what));
    q.addBindValue(step.ok ? 1 : 0);
    q.addBindValue(text(step.detail));
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<RecoveryRecord>> Store::readRecoveries(int limit, const QString &clusterName)
{
    using R = Result<QList<RecoveryRecord>>;
    if (!m_open)
        return R(Error{notOpen(u"read recoveries"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    const QString columns =
        u"SELECT r.uid, r.cluster_name, r.cluster_alias, r.failed_host, r.failed_port, r.analysis, r.kind, r.trigger_by, "
        "r.status, r.successor_host, r.successor_port, r.lost_replicas, r.explanation, r.message, r.started_at, "
        "r.ended_at, a.acknowledged_at, a.acknowledged_by, a.comment FROM recoveries r LEFT JOIN acknowledgements a "
        "ON a.id = (SELECT MAX(id) FROM acknowledgements x WHERE x.recovery_uid = r.uid)"_s;
    const QString order = u" ORDER BY r.started_at DESC LIMIT %1"_s.arg(std::max(1, limit));
    if (clusterName.isEmpty()) {
        q.prepare(columns + order);
    } else {
        q.prepare(columns + u" WHERE r.cluster_name = ?"_s + order);
        q.addBindValue(clusterName);
    }
    if (!q.exec())
        return R::failure(failure(u"read recoveries"_s, errorText(q.lastError())));
    QList<RecoveryRecord> out;
    while (q.next()) {
        RecoveryRecord r;
        r.uid = q.value(0).toString();
        r.clusterName = q.value(1).toString();
        r.clusterAlias = q.value(2).toString();
        r.failed = InstanceKey(q.value(3).toString(), q.value(4).toInt());
        r.analysis = q.value(5).toString();
        r.kind = q.value(6).toString();
        r.trigger = q.value(7).toString();
        r.status = q.value(8).toString();
        r.successor = InstanceKey(q.value(9).toString(), q.value(10).toInt());
        r.lostReplicas = splitKeys(q.value(11).toString());
        r.explanation = q.value(12).toString();
        r.message = q.value(13).toString();
        r.startedAt = fromMs(q.value(14).toLongLong());
        if (const qint64 ms = q.value(15).toLongLong(); ms > 0)
            r.endedAt = fromMs(ms);
        if (!q.value(16).isNull() && q.value(16).toLongLong() > 0) {
            r.acknowledgedAt = fromMs(q.value(16).toLongLong());
            r.acknowledgedBy = q.value(17).toString();
            r.acknowledgeComment = q.value(18).toString();
        }
        out.append(r);
    }
    return out;
}

Result<QList<RecoveryStep>> Store::readRecoverySteps(const QString &uid)
{
    using R = Result<QList<RecoveryStep>>;
    if (!m_open)
        return R(Error{notOpen(u"read recovery steps"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT recovery_uid, step_at, kind, what, ok, detail FROM recovery_steps WHERE recovery_uid = ? "
              "ORDER BY id"_s);
    q.addBindValue(uid);
    if (!q.exec())
        return R::failure(failure(u"read the steps of recovery %1"_s.arg(uid), errorText(q.lastError())));
    QList<RecoveryStep> out;
    while (q.next()) {
        RecoveryStep s;
        s.recoveryUid = q.value(0).toString();
        s.at = fromMs(q.value(1).toLongLong());
        s.kind = q.value(2).toString();
        s.what = q.value(3).toString();
        s.ok = q.value(4).toInt() != 0;
        s.detail = q.value(5).toString();
        out.append(s);
    }
    return out;
}

Result<int> Store::acknowledgeRecoveries(const QString &uid, const QString &clusterName, const QString &who,
                                         const QString &comment)
{
    using R = Result<int>;
    const QString what = u"acknowledge recoveries"_s;
    if (!m_open)
        return R(Error{notOpen(what).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    QString sql = u"SELECT uid FROM recoveries r WHERE status <> 'blocked' AND NOT EXISTS "
                  "(SELECT 1 FROM acknowledgements a WHERE a.recovery_uid = r.uid)"_s;
    if (!uid.isEmpty())
        sql += u" AND uid = ?"_s;
    if (!clusterName.isEmpty())
        sql += u" AND (cluster_name = ? OR cluster_alias = ?)"_s;
    q.prepare(sql);
    if (!uid.isEmpty())
        q.addBindValue(uid);
    if (!clusterName.isEmpty()) {
        q.addBindValue(clusterName);
        q.addBindValue(clusterName);
    }
    if (!q.exec())
        return R::failure(failure(what, errorText(q.lastError())));
    QStringList uids;
    while (q.next())
        uids << q.value(0).toString();
    q.finish();
    for (const QString &u : std::as_const(uids)) {
        QSqlQuery insert(database());
        insert.prepare(u"INSERT INTO acknowledgements (recovery_uid, acknowledged_by, comment, acknowledged_at) "
                       "VALUES (?, ?, ?, ?)"_s);
        insert.addBindValue(u);
        insert.addBindValue(text(who));
        insert.addBindValue(text(comment));
        insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!insert.exec())
            return R::failure(failure(what, errorText(insert.lastError())));
    }
    return int(uids.size());
}

Result<void> Store::setRecoveriesDisabled(bool disabled, const QString &who, const QString &reason)
{
    const QString what = disabled ? u"disable recoveries"_s : u"enable recoveries"_s;
    if (!m_open)
        return notOpen(what);
    QSqlQuery q(database());
    if (disabled) {
        q.prepare(u"REPLACE INTO recovery_disable (anchor, disabled_by, reason, disabled_at) VALUES (1, ?, ?, ?)"_s);
        q.addBindValue(text(who));
        q.addBindValue(text(reason));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    } else {
        q.prepare(u"DELETE FROM recovery_disable"_s);
    }
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<std::optional<QString>> Store::readRecoveriesDisabled()
{
    using R = Result<std::optional<QString>>;
    if (!m_open)
        return R(Error{notOpen(u"read the recovery switch"_s).error()});
    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT disabled_by, reason, disabled_at FROM recovery_disable"_s))
        return R::failure(failure(u"read the recovery switch"_s, errorText(q.lastError())));
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(u"disabled by %1 at %2: %3"_s.arg(
        q.value(0).toString(), fromMs(q.value(2).toLongLong()).toString(Qt::ISODate), q.value(1).toString()));
}

} // namespace arbor::core
