#include "store/instancetable.h"

#include "model/instancejson.h"
#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

namespace {

constexpr int kInstanceColumns = 8;

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

InstanceTable::InstanceTable(StoreConnection &connection) : m_connection(connection)
{
}

InstanceTable::~InstanceTable() = default;

void InstanceTable::resetStatements()
{
    m_fullChunkQuery.reset();
}

Result<void> InstanceTable::writeChunk(const QList<Instance> &chunk)
{
    const int rows = int(chunk.size());
    std::unique_ptr<QSqlQuery> partial;
    QSqlQuery *query = nullptr;
    if (rows == StoreSchema::kRowsPerStatement) {
        if (!m_fullChunkQuery) {
            auto q = std::make_unique<QSqlQuery>(m_connection.database());
            if (!q->prepare(replaceStatement(rows)))
                return Result<void>::failure(
                    m_connection.failure(u"prepare the instance write"_s, errorText(q->lastError())));
            m_fullChunkQuery = std::move(q);
        }
        query = m_fullChunkQuery.get();
    } else {
        partial = std::make_unique<QSqlQuery>(m_connection.database());
        if (!partial->prepare(replaceStatement(rows)))
            return Result<void>::failure(
                m_connection.failure(u"prepare the instance write"_s, errorText(partial->lastError())));
        query = partial.get();
    }
    for (int i = 0; i < rows; ++i)
        bindInstance(*query, i, chunk.at(i));
    if (!query->exec()) {
        const QString error = errorText(query->lastError());
        // A statement that failed may be unusable after a reconnect: prepare afresh next time.
        if (query == m_fullChunkQuery.get())
            m_fullChunkQuery.reset();
        return Result<void>::failure(m_connection.failure(u"write %1"_s.arg(snapshots(rows)), error));
    }
    query->finish();
    return Result<void>::success();
}

Result<void> InstanceTable::writeInstances(const QList<Instance> &instances)
{
    const QString what = u"write %1"_s.arg(snapshots(instances.size()));
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    if (instances.isEmpty())
        return Result<void>::success();
    for (const Instance &instance : instances) {
        if (!instance.key.isValid())
            return Result<void>::failure(
                u"could not %1: one has no valid host:port key ('%2'), so nothing was written."_s.arg(
                    what, instance.key.toString()));
    }

    QSqlDatabase db = m_connection.database();
    if (!db.transaction())
        return Result<void>::failure(
            m_connection.failure(u"start a transaction to %1"_s.arg(what), errorText(db.lastError())));
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
        return Result<void>::failure(m_connection.failure(u"commit the transaction to %1"_s.arg(what), error));
    }
    return Result<void>::success();
}

Result<QList<Instance>> InstanceTable::readInstances()
{
    using R = Result<QList<Instance>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read instances"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT hostname, port, data FROM instances ORDER BY hostname, port"_s))
        return R::failure(m_connection.failure(u"read instances"_s, errorText(q.lastError())));
    QList<Instance> out;
    while (q.next()) {
        Result<Instance> parsed = InstanceJson::fromText(q.value(2).toString());
        if (!parsed) {
            const InstanceKey key(q.value(0).toString(), q.value(1).toInt());
            return R::failure(
                u"the stored snapshot of %1 in the %2 cannot be read (%3); forget the instance to clear it."_s
                    .arg(key.toString(), m_connection.options().describe(), parsed.error()));
        }
        out.append(std::move(parsed).value());
    }
    if (q.lastError().isValid())
        return R::failure(m_connection.failure(u"read instances"_s, errorText(q.lastError())));
    return out;
}

Result<std::optional<Instance>> InstanceTable::readInstance(const InstanceKey &key)
{
    using R = Result<std::optional<Instance>>;
    const QString what = u"read the instance %1"_s.arg(key.toString());
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(what).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT data FROM instances WHERE hostname = ? AND port = ?"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    if (!q.exec())
        return R::failure(m_connection.failure(what, errorText(q.lastError())));
    if (!q.next())
        return std::optional<Instance>();
    Result<Instance> parsed = InstanceJson::fromText(q.value(0).toString());
    if (!parsed)
        return R::failure(
            u"the stored snapshot of %1 in the %2 cannot be read (%3); forget the instance to clear it."_s
                .arg(key.toString(), m_connection.options().describe(), parsed.error()));
    return std::optional<Instance>(std::move(parsed).value());
}

Result<void> InstanceTable::forgetInstance(const InstanceKey &key)
{
    const QString what = u"forget the instance %1"_s.arg(key.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlDatabase db = m_connection.database();
    if (!db.transaction())
        return Result<void>::failure(m_connection.failure(what, errorText(db.lastError())));
    for (const QString &table : {u"instances"_s, u"downtimes"_s, u"replica_history"_s}) {
        QSqlQuery q(db);
        q.prepare(u"DELETE FROM %1 WHERE hostname = ? AND port = ?"_s.arg(table));
        q.addBindValue(key.host());
        q.addBindValue(key.port());
        if (!q.exec()) {
            const QString error = errorText(q.lastError());
            db.rollback();
            return Result<void>::failure(m_connection.failure(what, error));
        }
    }
    if (!db.commit()) {
        const QString error = errorText(db.lastError());
        db.rollback();
        return Result<void>::failure(m_connection.failure(what, error));
    }
    return Result<void>::success();
}

} // namespace arbor::core
