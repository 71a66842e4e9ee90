#pragma once

#include "model/promotionrule.h"
#include "store/storeconnection.h"

#include <QList>

namespace arbor::core {

// Promotion rules (table promotion_rules).
// One family of records of the Store, on the Store's connection.
class PromotionRuleTable
{
public:
    explicit PromotionRuleTable(StoreConnection &connection) : m_connection(connection) {}

    // Promotion rules. A neutral rule without expiry removes the row. Expired rules are read too
    // (callers filter with PromotionRuleEntry::isActiveAt) so that editors can show them.
    Result<void> setPromotionRule(const PromotionRuleEntry &entry);
    Result<QList<PromotionRuleEntry>> readPromotionRules();

private:
    StoreConnection &m_connection;
};

} // namespace arbor::core
