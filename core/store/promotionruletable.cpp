#include "store/promotionruletable.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace storesql;

Result<void> PromotionRuleTable::setPromotionRule(const PromotionRuleEntry &entry)
{
    const QString what = u"set the promotion rule of %1"_s.arg(entry.key.toString());
    if (!m_connection.isOpen())
        return m_connection.notOpen(what);
    if (!entry.key.isValid())
        return Result<void>::failure(u"could not %1: it is not a valid host:port."_s.arg(what));
    QSqlQuery q(m_connection.database());
    if (entry.rule == PromotionRule::Neutral && !entry.expiresAt.isValid()) {
        q.prepare(u"DELETE FROM promotion_rules WHERE hostname = ? AND port = ?"_s);
        q.addBindValue(entry.key.host());
        q.addBindValue(entry.key.port());
    } else {
        q.prepare(u"REPLACE INTO promotion_rules (hostname, port, rule, expires_at, updated_at) VALUES (?, ?, ?, ?, ?)"_s);
        q.addBindValue(entry.key.host());
        q.addBindValue(entry.key.port());
        q.addBindValue(promotionRuleName(entry.rule));
        q.addBindValue(toMs(entry.expiresAt));
        q.addBindValue(toMs(entry.updatedAt.isValid() ? entry.updatedAt : QDateTime::currentDateTimeUtc()));
    }
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<QList<PromotionRuleEntry>> PromotionRuleTable::readPromotionRules()
{
    using R = Result<QList<PromotionRuleEntry>>;
    if (!m_connection.isOpen())
        return R(Error{m_connection.notOpen(u"read promotion rules"_s).error()});
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    if (!q.exec(u"SELECT hostname, port, rule, expires_at, updated_at FROM promotion_rules ORDER BY hostname, port"_s))
        return R::failure(m_connection.failure(u"read promotion rules"_s, errorText(q.lastError())));
    QList<PromotionRuleEntry> out;
    while (q.next()) {
        PromotionRuleEntry e;
        e.key = InstanceKey(q.value(0).toString(), q.value(1).toInt());
        e.rule = parsePromotionRule(q.value(2).toString()).ok() ? *parsePromotionRule(q.value(2).toString())
                                                                : PromotionRule::Neutral;
        if (const qint64 ms = q.value(3).toLongLong(); ms > 0)
            e.expiresAt = fromMs(ms);
        e.updatedAt = fromMs(q.value(4).toLongLong());
        out.append(e);
    }
    return out;
}

} // namespace arbor::core
