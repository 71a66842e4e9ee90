#include "store/tagstore.h"

#include "store/store.h"
#include "store/storeschema.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
std::atomic<int> s_counter{0};
constexpr int kTagsSchemaVersion = 6;

QString errorText(const QSqlError &error)
{
    const QString db = error.databaseText().trimmed();
    return db.isEmpty() ? error.text().trimmed() : db;
}

void sortTags(QList<InstanceTag> &tags)
{
    std::sort(tags.begin(), tags.end(), [](const InstanceTag &a, const InstanceTag &b) { return a.name < b.name; });
}
} // namespace

TagStore::TagStore(StoreOptions options) : m_options(std::move(options))
{
}

TagStore::~TagStore()
{
    m_open = false;
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString TagStore::failure(const QString &what, const QString &sqlError) const
{
    return u"could not %1 in the %2: %3."_s.arg(what, m_options.describe(), sqlError);
}

Result<void> TagStore::open()
{
    if (m_open && QSqlDatabase::database(m_connectionName, false).isOpen())
        return Result<void>::success();
    {
        // The Store owns the schema; opening it once brings the tag table up to date.
        Store schema(m_options);
        if (auto r = schema.open(); !r.ok())
            return r;
        if (schema.schemaVersion() < kTagsSchemaVersion)
            return Result<void>::failure(u"the %1 has no tag table (schema version %2, needs %3); upgrade Arbor."_s.arg(
                                             m_options.describe())
                                             .arg(schema.schemaVersion())
                                             .arg(kTagsSchemaVersion));
    }
    if (!m_connectionName.isEmpty())
        QSqlDatabase::removeDatabase(m_connectionName);
    const StoreSchema schema(m_options.kind);
    m_connectionName = u"arbor-tags-%1"_s.arg(++s_counter);
    QSqlDatabase db = QSqlDatabase::addDatabase(schema.driverName(), m_connectionName);
    if (m_options.kind == StoreOptions::Kind::Sqlite) {
        db.setDatabaseName(m_options.path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    } else {
        db.setHostName(m_options.host);
        db.setPort(m_options.port);
        db.setDatabaseName(m_options.database);
        db.setUserName(m_options.user);
        db.setPassword(m_options.password);
        db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT=5;MYSQL_OPT_READ_TIMEOUT=30;MYSQL_OPT_WRITE_TIMEOUT=30;MYSQL_OPT_RECONNECT=1"_s);
    }
    if (!db.open())
        return Result<void>::failure(failure(u"open the tags"_s, errorText(db.lastError())));
    m_open = true;
    return Result<void>::success();
}

Result<void> TagStore::put(const InstanceKey &key, const InstanceTag &tag)
{
    const QString what = u"tag %1 with %2"_s.arg(key.toString(), tag.toString());
    if (!m_open)
        return Result<void>::failure(u"could not %1: the %2 is not open."_s.arg(what, m_options.describe()));
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"REPLACE INTO instance_tags (hostname, port, tag_name, tag_value, updated_at) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    q.addBindValue(tag.name);
    q.addBindValue(tag.value.isNull() ? QStringLiteral("") : tag.value); // a null QString binds NULL
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return Result<void>::failure(failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<InstanceKey>> TagStore::remove(const InstanceKey &key, const QString &name, const QString &value)
{
    using R = Result<QList<InstanceKey>>;
    const QString what = u"remove the tag %1"_s.arg(name);
    if (!m_open)
        return R::failure(u"could not %1: the %2 is not open."_s.arg(what, m_options.describe()));
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QString where = u"tag_name = ?"_s;
    QVariantList values{name};
    if (key.isValid()) {
        where += u" AND hostname = ? AND port = ?"_s;
        values << key.host() << key.port();
    }
    if (!value.isEmpty()) {
        where += u" AND tag_value = ?"_s;
        values << value;
    }
    auto bindAll = [&](QSqlQuery &q) {
        for (const QVariant &v : values)
            q.addBindValue(v);
    };
    if (!db.transaction())
        return R::failure(failure(what, errorText(db.lastError())));
    QList<InstanceKey> removed;
    QSqlQuery select(db);
    select.prepare(u"SELECT hostname, port FROM instance_tags WHERE "_s + where + u" ORDER BY hostname, port"_s);
    bindAll(select);
    if (!select.exec()) {
        db.rollback();
        return R::failure(failure(what, errorText(select.lastError())));
    }
    while (select.next())
        removed << InstanceKey(select.value(0).toString(), select.value(1).toInt());
    QSqlQuery del(db);
    del.prepare(u"DELETE FROM instance_tags WHERE "_s + where);
    bindAll(del);
    if (!del.exec()) {
        db.rollback();
        return R::failure(failure(what, errorText(del.lastError())));
    }
    if (!db.commit())
        return R::failure(failure(what, errorText(db.lastError())));
    return removed;
}

Result<QList<InstanceTag>> TagStore::read(const InstanceKey &key)
{
    using R = Result<QList<InstanceTag>>;
    const QString what = u"read the tags of %1"_s.arg(key.toString());
    if (!m_open)
        return R::failure(u"could not %1: the %2 is not open."_s.arg(what, m_options.describe()));
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(u"SELECT tag_name, tag_value FROM instance_tags WHERE hostname = ? AND port = ?"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    if (!q.exec())
        return R::failure(failure(what, errorText(q.lastError())));
    QList<InstanceTag> out;
    while (q.next())
        out << InstanceTag{q.value(0).toString(), q.value(1).toString()};
    sortTags(out);
    return out;
}

Result<QHash<InstanceKey, QList<InstanceTag>>> TagStore::readAll()
{
    using R = Result<QHash<InstanceKey, QList<InstanceTag>>>;
    if (!m_open)
        return R::failure(u"could not read the tags: the %1 is not open."_s.arg(m_options.describe()));
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(u"SELECT hostname, port, tag_name, tag_value FROM instance_tags"_s))
        return R::failure(failure(u"read the tags"_s, errorText(q.lastError())));
    QHash<InstanceKey, QList<InstanceTag>> out;
    while (q.next())
        out[InstanceKey(q.value(0).toString(), q.value(1).toInt())] << InstanceTag{q.value(2).toString(), q.value(3).toString()};
    for (auto it = out.begin(); it != out.end(); ++it)
        sortTags(it.value());
    return out;
}

} // namespace arbor::core
