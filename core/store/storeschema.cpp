#include "store/storeschema.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

// ${KEY}, ${TEXT}, ${DATA} and ${TABLE} are replaced by the backend's types and table options.
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
    return rawMigrations().isEmpty() ? 0 : rawMigrations().constLast().version;
}

} // namespace arbor::core
