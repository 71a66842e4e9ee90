#include "store/storeconnection.h"

#include "store/storesecretscrub.h"
#include "store/storesql.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

namespace {
std::atomic<int> s_connectionCounter{0};

constexpr int kSqliteBusyTimeoutMs = 5000;
constexpr int kSchemaLockTimeoutS = 30;
} // namespace

StoreConnection::StoreConnection(StoreOptions options) : m_options(std::move(options)), m_schema(m_options.kind)
{
}

StoreConnection::~StoreConnection()
{
    close();
}

bool StoreConnection::isOpen() const
{
    return m_open;
}

QSqlDatabase StoreConnection::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

void StoreConnection::close()
{
    m_open = false;
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

QString StoreConnection::failure(const QString &what, const QString &sqlError) const
{
    return u"could not %1 in the %2: %3."_s.arg(what, m_options.describe(), sqlError.trimmed());
}

Result<void> StoreConnection::notOpen(const QString &what) const
{
    return Result<void>::failure(
        u"could not %1: the %2 is not open; open it first."_s.arg(what, m_options.describe()));
}

Result<void> StoreConnection::open()
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

Result<void> StoreConnection::openConnection()
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

Result<void> StoreConnection::migrate()
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

Result<void> StoreConnection::applyMigrations()
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
        if (m.version == StoreSecretScrub::kVersion) {
            if (auto scrubbed = StoreSecretScrub::run(db); !scrubbed)
                return Result<void>::failure(failure(u"apply schema migration %1"_s.arg(m.version), scrubbed.error()));
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

// The newest rows of a table, optionally of one cluster: the shape every history reader shares.
bool StoreConnection::execRecent(QSqlQuery &q, const QString &select, const QString &orderBy, int limit, const QString &clusterName)
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

} // namespace arbor::core
