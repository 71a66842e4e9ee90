#include "store/downtimetable.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> DowntimeTable::beginDowntime(const Downtime &downtime)
{
    const QString what = u"begin a downtime of %1"_s.arg(downtime.key.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    if (!downtime.key.isValid())
        return Result<void>::failure(
            u"could not begin a downtime: the server key '%1' is not a valid host:port."_s.arg(
                downtime.key.toString()));
    if (!downtime.begin.isValid() || !downtime.end.isValid() || downtime.end <= downtime.begin)
        return Result<void>::failure(
            u"could not %1: the downtime needs a begin and an end time, the end after the begin."_s.arg(
                what));
    QSqlQuery q(m_connection.database());
    q.prepare(
        u"REPLACE INTO downtimes (hostname, port, owner, reason, begin_at, end_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
    q.addBindValue(downtime.key.host());
    q.addBindValue(downtime.key.port());
    q.addBindValue(text(downtime.owner));
    q.addBindValue(text(downtime.reason));
    q.addBindValue(toMs(downtime.begin));
    q.addBindValue(toMs(downtime.end));
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<void> DowntimeTable::endDowntime(const InstanceKey &key)
{
    const QString what = u"end the downtime of %1"_s.arg(key.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    QSqlQuery q(m_connection.database());
    q.prepare(u"DELETE FROM downtimes WHERE hostname = ? AND port = ?"_s);
    q.addBindValue(key.host());
    q.addBindValue(key.port());
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<Downtime>> DowntimeTable::readActiveDowntimes(const QDateTime &now)
{
    using R = Result<QList<Downtime>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read downtimes"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT hostname, port, owner, reason, begin_at, end_at FROM downtimes "
              "WHERE begin_at <= ? AND end_at > ? ORDER BY hostname, port"_s);
    q.addBindValue(toMs(now));
    q.addBindValue(toMs(now));
    if (!q.exec())
        return R::failure(m_connection.failure(u"read downtimes"_s, errorText(q.lastError())));
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
