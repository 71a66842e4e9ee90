#include "store/tagtable.h"

#include "store/storesql.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using storesql::errorText;

namespace {
void sortTags(QList<InstanceTag> &tags)
{
    std::sort(tags.begin(), tags.end(), [](const InstanceTag &a, const InstanceTag &b) { return a.name < b.name; });
}
} // namespace

Result<void> TagTable::putTag(const InstanceKey &key, const InstanceTag &tag)
{
    const QString what = u"tag %1 with %2"_s.arg(key.toString(), tag.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
    q.prepare(u"REPLACE INTO instance_tags (hostname, port, tag_name, tag_value, updated_at) VALUES (?, ?, ?, ?, ?)"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    q.addBindValue(tag.name);
    q.addBindValue(tag.value.isNull() ? QStringLiteral("") : tag.value); // a null QString binds NULL
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<InstanceKey>> TagTable::removeTag(const InstanceKey &key, const QString &name, const QString &value)
{
    using R = Result<QList<InstanceKey>>;
    const QString what = u"remove the tag %1"_s.arg(name);
    if (!m_connection.isOpen())
        return R::failure(m_connection.notOpen(what).error());
    QSqlDatabase db = m_connection.database();
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
        return R::failure(m_connection.failure(what, errorText(db.lastError())));
    QList<InstanceKey> removed;
    QSqlQuery select(db);
    select.prepare(u"SELECT hostname, port FROM instance_tags WHERE "_s + where + u" ORDER BY hostname, port"_s);
    bindAll(select);
    if (!select.exec()) {
        db.rollback();
        return R::failure(m_connection.failure(what, errorText(select.lastError())));
    }
    while (select.next())
        removed << InstanceKey(select.value(0).toString(), select.value(1).toInt());
    QSqlQuery del(db);
    del.prepare(u"DELETE FROM instance_tags WHERE "_s + where);
    bindAll(del);
    if (!del.exec()) {
        db.rollback();
        return R::failure(m_connection.failure(what, errorText(del.lastError())));
    }
    if (!db.commit())
        return R::failure(m_connection.failure(what, errorText(db.lastError())));
    return removed;
}

Result<QList<InstanceTag>> TagTable::readTags(const InstanceKey &key)
{
    using R = Result<QList<InstanceTag>>;
    const QString what = u"read the tags of %1"_s.arg(key.toString());
    if (!m_connection.isOpen())
        return R::failure(m_connection.notOpen(what).error());
    QSqlQuery q(m_connection.database());
    q.prepare(u"SELECT tag_name, tag_value FROM instance_tags WHERE hostname = ? AND port = ?"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    if (!q.exec())
        return R::failure(m_connection.failure(what, errorText(q.lastError())));
    QList<InstanceTag> out;
    while (q.next())
        out << InstanceTag{q.value(0).toString(), q.value(1).toString()};
    sortTags(out);
    return out;
}

Result<QHash<InstanceKey, QList<InstanceTag>>> TagTable::readAllTags()
{
    using R = Result<QHash<InstanceKey, QList<InstanceTag>>>;
    if (!m_connection.isOpen())
        return R::failure(m_connection.notOpen(u"read the tags"_s).error());
    QSqlQuery q(m_connection.database());
    if (!q.exec(u"SELECT hostname, port, tag_name, tag_value FROM instance_tags"_s))
        return R::failure(m_connection.failure(u"read the tags"_s, errorText(q.lastError())));
    QHash<InstanceKey, QList<InstanceTag>> out;
    while (q.next())
        out[InstanceKey(q.value(0).toString(), q.value(1).toInt())] << InstanceTag{q.value(2).toString(), q.value(3).toString()};
    for (auto it = out.begin(); it != out.end(); ++it)
        sortTags(it.value());
    return out;
}

} // namespace arbor::core
