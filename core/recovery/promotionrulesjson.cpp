#include "core/recovery/promotionrulesjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QByteArray PromotionRulesJson::write(const QList<PromotionRuleEntry> &entries, const QDateTime &now)
{
    QJsonArray out;
    for (const PromotionRuleEntry &e : entries)
        out.append(QJsonObject{{u"Hostname"_s, e.key.host()},
                               {u"Port"_s, e.key.port()},
                               {u"PromotionRule"_s, promotionRuleName(e.rule)},
                               {u"ExpiresAt"_s, e.expiresAt.isValid() ? e.expiresAt.toString(Qt::ISODate) : QString()},
                               {u"Active"_s, e.isActiveAt(now)}});
    return QJsonDocument(out).toJson();
}

Result<QList<PromotionRuleEntry>> PromotionRulesJson::read(const QByteArray &json)
{
    using R = Result<QList<PromotionRuleEntry>>;
    auto tr = [](const char *text) { return QCoreApplication::translate("arbor::core::PromotionRulesJson", text); };
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return R::failure(tr("it is not JSON (%1 at byte %2); expected the output of arbor promotion-rules --json")
                              .arg(error.errorString())
                              .arg(error.offset));
    if (!doc.isArray())
        return R::failure(tr("it is not a JSON array; expected the output of arbor promotion-rules --json"));
    QList<PromotionRuleEntry> out;
    QSet<InstanceKey> seen;
    const QJsonArray array = doc.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = tr("entry %1").arg(i + 1);
        if (!array.at(i).isObject())
            return R::failure(tr("%1 is not an object").arg(where));
        const QJsonObject o = array.at(i).toObject();
        const QJsonValue port = o.value(u"Port"_s);
        const int portNumber = port.isDouble() ? port.toInt() : port.toString().toInt();
        auto key = InstanceKey::parse(o.value(u"Hostname"_s).toString() + u':' + QString::number(portNumber));
        if (!key.ok())
            return R::failure(tr("%1: %2").arg(where, key.error()));
        auto rule = parsePromotionRule(o.value(u"PromotionRule"_s).toString());
        if (!rule.ok())
            return R::failure(tr("%1 (%2): %3").arg(where, key->toString(), rule.error()));
        PromotionRuleEntry e{key.value(), rule.value(), {}, {}};
        const QString expires = o.value(u"ExpiresAt"_s).toString();
        if (!expires.isEmpty()) {
            e.expiresAt = QDateTime::fromString(expires, Qt::ISODate);
            if (!e.expiresAt.isValid())
                return R::failure(tr("%1 (%2): ExpiresAt '%3' is not an ISO 8601 time").arg(where, key->toString(), expires));
            e.expiresAt = e.expiresAt.toUTC();
        }
        if (seen.contains(e.key))
            return R::failure(tr("%1: %2 appears twice").arg(where, key->toString()));
        seen.insert(e.key);
        out.append(e);
    }
    return out;
}

} // namespace arbor::core
