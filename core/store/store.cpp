#include "store/store.h"

#include "model/instancejson.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

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
    if (!q.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_migrations"_s) || !q.next())
        return Result<void>::failure(failure(u"read the schema version"_s, errorText(q.lastError())));
    int current = q.value(0).toInt();
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
        if (m.version <= current)
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
        current = m.version;
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

} // namespace arbor::core
