#include "store/audittable.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> AuditTable::writeAudit(const AuditEntry &entry)
{
    const QString what = u"write the audit of %1 on %2"_s.arg(entry.operation, entry.instance.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
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
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<AuditEntry>> AuditTable::readAudit(int limit, const QString &clusterName)
{
    using R = Result<QList<AuditEntry>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read the audit"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    const QString columns = u"SELECT id, started_at, who, operation, cluster_name, hostname, port, from_servers, "
                            "to_server, method, result, message, duration_ms FROM audit"_s;
    if (!StoreConnection::execRecent(q, columns, u" ORDER BY started_at DESC, id DESC LIMIT %1"_s, limit, clusterName))
        return R::failure(m_connection.failure(u"read the audit"_s, errorText(q.lastError())));
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

} // namespace arbor::core
