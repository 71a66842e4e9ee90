#include "store/clustertable.h"

#include "store/databaseclock.h"
#include "store/storesql.h"

#include <algorithm>

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> ClusterTable::setClusterAlias(const QString &clusterName, const QString &alias)
{
    const QString what = u"set the alias of cluster %1"_s.arg(clusterName);
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    if (clusterName.isEmpty())
        return Result<void>::failure(u"could not set a cluster alias: the cluster name is empty."_s);
    QSqlQuery q(m_connection.database());
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
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QHash<QString, QString>> ClusterTable::readClusterAliases()
{
    using R = Result<QHash<QString, QString>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read cluster aliases"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT cluster_name, alias FROM cluster_aliases"_s))
        return R::failure(m_connection.failure(u"read cluster aliases"_s, errorText(q.lastError())));
    QHash<QString, QString> out;
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toString());
    return out;
}

Result<std::optional<OperationLockHolder>> ClusterTable::tryLockCluster(const OperationLockHolder &wanted)
{
    using R = Result<std::optional<OperationLockHolder>>;
    const QString what = u"lock cluster %1 for %2"_s.arg(wanted.clusterName, wanted.operation);
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(what).error()});
    QSqlDatabase db = m_connection.database();
    if (!db.transaction())
        return R::failure(m_connection.failure(what, errorText(db.lastError())));
    auto abort = [&](const QString &error) {
        db.rollback();
        return R::failure(m_connection.failure(what, error));
    };
    {
        // An expired lock belongs to an operation that died with its process: it no longer counts.
        // Expiry is judged on the backend's clock, the one every client of this store shares.
        QSqlQuery expired(db);
        expired.prepare(u"DELETE FROM operation_locks WHERE cluster_name = ? AND expires_at <= %1"_s.arg(
            DatabaseClock::nowMsExpression(m_connection.options().kind)));
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
    const QString clock = DatabaseClock::nowMsExpression(m_connection.options().kind);
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

Result<void> ClusterTable::unlockCluster(const QString &clusterName, const QString &token)
{
    const QString what = u"unlock cluster %1"_s.arg(clusterName);
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
    q.prepare(u"DELETE FROM operation_locks WHERE cluster_name = ? AND token = ?"_s);
    q.addBindValue(clusterName);
    q.addBindValue(token);
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

} // namespace arbor::core
