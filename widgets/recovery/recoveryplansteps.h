#pragma once

#include "core/recovery/recoveryplan.h"

#include <QCoreApplication>
#include <QStringList>

namespace arbor::widgets {

// What a recovery plan will do, step by step, in the order the executor does it, for the person who
// has to say yes: hooks, the promotion and its read-back, the replicas moved, the ones lost.
class RecoveryPlanSteps
{
    Q_DECLARE_TR_FUNCTIONS(RecoveryPlanSteps)
public:
    static QStringList describe(const core::RecoveryPlan &plan);
    // Why nothing can be done, or empty when the plan can run.
    static QString blocker(const core::RecoveryPlan &plan);
};

} // namespace arbor::widgets
