#pragma once

#include "recovery/promotionrule.h"
#include "util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

namespace arbor::core {

// The promotion rules file format: exactly what `arbor promotion-rules --json` prints (an array of
// {Hostname, Port, PromotionRule, ExpiresAt, Active}), so a dump from the CLI imports in the editor
// and an export from the editor reads like the CLI's. Written once here for the CLI and the editor.
class PromotionRulesJson
{
public:
    static QByteArray write(const QList<PromotionRuleEntry> &entries, const QDateTime &now);
    // Every entry is checked; the first bad one fails the whole file with its position and problem,
    // so that a half-valid file never half-applies. "Active" is informative and ignored.
    static Result<QList<PromotionRuleEntry>> read(const QByteArray &json);
};

} // namespace arbor::core
