#include "store/replicahistorytable.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> ReplicaHistoryTable::writeReplicaHistory(const QHash<InstanceKey, ReplicaHistory> &entries)
{
    const QString what = u"record the replication history of %1 replica(s)"_s.arg(entries.size());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    if (entries.isEmpty())
        return Result<void>::success();
    QSqlDatabase db = m_connection.database();
    if (!db.transaction())
        return Result<void>::failure(m_connection.failure(u"start a transaction to %1"_s.arg(what), errorText(db.lastError())));
    QSqlQuery q(db);
    q.prepare(u"REPLACE INTO replica_history (hostname, port, last_replicating_at, lag_at_last_replicating, "
              "sql_broken_since, updated_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
    const qint64 now = toMs(QDateTime::currentDateTimeUtc());
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        const ReplicaHistory &h = it.value();
        q.bindValue(0, text(it.key().host()));
        q.bindValue(1, it.key().port());
        q.bindValue(2, toMs(h.lastReplicatingAt));
        q.bindValue(3, h.lagAtLastReplicating ? QVariant(qlonglong(*h.lagAtLastReplicating))
                                              : QVariant(QMetaType::fromType<qlonglong>()));
        q.bindValue(4, toMs(h.sqlBrokenSince));
        q.bindValue(5, now);
        if (!q.exec()) {
            const QString error = errorText(q.lastError());
            db.rollback();
            return Result<void>::failure(m_connection.failure(what, error));
        }
    }
    if (!db.commit()) {
        const QString error = errorText(db.lastError());
        db.rollback();
        return Result<void>::failure(m_connection.failure(u"commit the transaction to %1"_s.arg(what), error));
    }
    return Result<void>::success();
}

Result<QHash<InstanceKey, ReplicaHistory>> ReplicaHistoryTable::readReplicaHistory()
{
    using R = Result<QHash<InstanceKey, ReplicaHistory>>;
    const QString what = u"read the replication history of the replicas"_s;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(what).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT hostname, port, last_replicating_at, lag_at_last_replicating, sql_broken_since "
                "FROM replica_history"_s))
        return R::failure(m_connection.failure(what, errorText(q.lastError())));
    QHash<InstanceKey, ReplicaHistory> out;
    while (q.next()) {
        ReplicaHistory h;
        if (const qint64 ms = q.value(2).toLongLong(); ms > 0)
            h.lastReplicatingAt = fromMs(ms);
        if (!q.value(3).isNull())
            h.lagAtLastReplicating = q.value(3).toLongLong();
        if (const qint64 ms = q.value(4).toLongLong(); ms > 0)
            h.sqlBrokenSince = fromMs(ms);
        out.insert(InstanceKey(q.value(0).toString(), q.value(1).toInt()), h);
    }
    return out;
}

} // namespace arbor::core
