#include "ops/errantlocator.h"

#include "model/mariadbgtidlist.h"
#include "model/mysqlgtidset.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

bool ErrantLocator::isErrantEvent(const Instance &replica, const QString &errant, const QString &info)
{
    if (replica.flavour == Flavour::MariaDB) {
        // "BEGIN GTID 0-2-5" (DML) or "GTID 0-2-5" (DDL)
        static const QRegularExpression gtid(u"GTID (\\d+)-(\\d+)-(\\d+)"_s);
        const auto m = gtid.match(info);
        if (!m.hasMatch())
            return false;
        const auto list = MariadbGtidList::parse(errant);
        if (!list.ok())
            return false;
        for (const MariadbGtidList::Entry &e : list->entries()) {
            if (QString::number(e.domain) == m.captured(1) && QString::number(e.serverId) == m.captured(2)
                && m.captured(3).toULongLong() <= e.seqNo)
                return true;
        }
        return false;
    }
    // "SET @@SESSION.GTID_NEXT= 'uuid:5'"
    static const QRegularExpression next(u"GTID_NEXT\\s*=\\s*'([^']+)'"_s);
    const auto m = next.match(info);
    if (!m.hasMatch())
        return false;
    const auto one = MysqlGtidSet::parse(m.captured(1));
    const auto set = MysqlGtidSet::parse(errant);
    return one.ok() && set.ok() && !one->isEmpty() && set->contains(one.value());
}

Result<QStringList> ErrantLocator::locate(OpsConnection &connection, const Instance &replica, const QString &errant)
{
    using R = Result<QStringList>;
    if (errant.isEmpty())
        return QStringList();
    auto logs = connection.query(u"SHOW BINARY LOGS"_s);
    if (!logs.ok())
        return R::failure(logs.error());
    static const QRegularExpression name(u"^[A-Za-z0-9_.-]{1,255}$"_s);
    QStringList out;
    for (const QVariantMap &row : logs.value()) {
        const QString log = row.value(u"Log_name"_s).toString();
        if (!name.match(log).hasMatch())
            continue;
        auto events = connection.query(u"SHOW BINLOG EVENTS IN %1 LIMIT %2"_s.arg(Dialect::quoteString(log)).arg(kMaxEventsPerLog));
        if (!events.ok())
            return R::failure(events.error());
        for (const QVariantMap &e : events.value()) {
            const QString type = e.value(u"Event_type"_s).toString();
            if (type.compare(u"Gtid"_s, Qt::CaseInsensitive) == 0 && isErrantEvent(replica, errant, e.value(u"Info"_s).toString())) {
                out << log;
                break;
            }
        }
    }
    return out;
}

} // namespace arbor::core
