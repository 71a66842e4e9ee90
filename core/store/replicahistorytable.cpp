#include "store/replicahistorytable.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> ReplicaHistoryTable::writeReplicaHistory(const QHash<InstanceKey, ReplicaHistory> &entries)
{
    const QString what = u"record the replication history of %1 replica(s)"_s.arg(entries.size());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    // Multi-row REPLACEs, each atomic by itself; no transaction around them: every row stands alone
    // (one replica's history), so a chunk written before a failure is true and kept.
    const QList<InstanceKey> keys = entries.keys();
    const qint64 now = toMs(QDateTime::currentDateTimeUtc());
    for (qsizetype offset = 0; offset < keys.size(); offset += StoreSchema::kRowsPerStatement) {
        const QList<InstanceKey> chunk = keys.mid(offset, StoreSchema::kRowsPerStatement);
        QStringList rows(chunk.size(), u"(?, ?, ?, ?, ?, ?)"_s);
        QSqlQuery q(m_connection.database());
        q.prepare(u"REPLACE INTO replica_history (hostname, port, last_replicating_at, lag_at_last_replicating, "
                  "sql_broken_since, updated_at) VALUES "_s + rows.join(u", "_s));
        for (const InstanceKey &k : chunk) {
            const ReplicaHistory &h = entries[k];
            q.addBindValue(text(k.host()));
            q.addBindValue(k.port());
            q.addBindValue(toMs(h.lastReplicatingAt));
            q.addBindValue(h.lagAtLastReplicating ? QVariant(qlonglong(*h.lagAtLastReplicating))
                                                  : QVariant(QMetaType::fromType<qlonglong>()));
            q.addBindValue(toMs(h.sqlBrokenSince));
            q.addBindValue(now);
        }
        if (!q.exec())
            return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
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
