#pragma once

#include "model/instancekey.h"
#include "util/result.h"

#include <QDateTime>
#include <QString>

namespace arbor::core {

// orchestrator's order, best first. `must` is Arbor's: when a `must` server is healthy it is the one
// promoted; when it is not, the recovery fails loudly rather than promote anyone else.
enum class PromotionRule { Must, Prefer, Neutral, PreferNot, MustNot };

QString promotionRuleName(PromotionRule rule); // "must", "prefer", "neutral", "prefer_not", "must_not"
Result<PromotionRule> parsePromotionRule(const QString &text);

// One server's rule as stored; an invalid expiresAt never expires.
struct PromotionRuleEntry
{
    InstanceKey key;
    PromotionRule rule = PromotionRule::Neutral;
    QDateTime expiresAt;
    QDateTime updatedAt;

    bool isActiveAt(const QDateTime &now) const { return !expiresAt.isValid() || now < expiresAt; }
};

} // namespace arbor::core
