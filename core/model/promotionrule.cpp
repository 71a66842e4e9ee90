#include "model/promotionrule.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString promotionRuleName(PromotionRule rule)
{
    switch (rule) {
    case PromotionRule::Must: return u"must"_s;
    case PromotionRule::Prefer: return u"prefer"_s;
    case PromotionRule::Neutral: return u"neutral"_s;
    case PromotionRule::PreferNot: return u"prefer_not"_s;
    case PromotionRule::MustNot: return u"must_not"_s;
    }
    return u"neutral"_s;
}

Result<PromotionRule> parsePromotionRule(const QString &text)
{
    const QString t = text.trimmed().toLower().replace(u'-', u'_');
    for (PromotionRule r : {PromotionRule::Must, PromotionRule::Prefer, PromotionRule::Neutral,
                            PromotionRule::PreferNot, PromotionRule::MustNot}) {
        if (t == promotionRuleName(r))
            return r;
    }
    return Result<PromotionRule>::failure(
        u"'%1' is not a promotion rule: use must, prefer, neutral, prefer_not or must_not."_s.arg(text));
}

} // namespace arbor::core
