#include "core/recovery/antiflapping.h"

#include "store/store.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Result<std::optional<RecoveryRecord>> AntiFlapping::blockingRecovery(Store &store, const QString &clusterName,
                                                                     const QString &clusterAlias,
                                                                     const InstanceKey &failed, int blockSeconds,
                                                                     const QDateTime &now,
                                                                     const QSet<QString> &notBlocking)
{
    using R = Result<std::optional<RecoveryRecord>>;
    const auto recent = store.readRecoveries(200);
    if (!recent.ok())
        return R::failure(recent.error());
    for (const RecoveryRecord &r : *recent) {
        if (r.status == u"blocked"_s || r.isAcknowledged())
            continue;
        if (r.startedAt.secsTo(now) >= blockSeconds)
            continue;
        const bool sameCluster = r.clusterName == clusterName || (!clusterAlias.isEmpty() && r.clusterAlias == clusterAlias);
        const bool promotedThisOne = r.successor.isValid() && r.successor == failed;
        const bool sameFailed = r.failed == failed;
        if (!(sameCluster || promotedThisOne || sameFailed) || notBlocking.contains(r.uid))
            continue;
        const auto fenced = leavesNothingToBlock(store, r);
        if (!fenced.ok())
            return R::failure(fenced.error());
        if (*fenced)
            continue;
        return std::optional<RecoveryRecord>(r);
    }
    return std::optional<RecoveryRecord>();
}

Result<bool> AntiFlapping::leavesNothingToBlock(Store &store, const RecoveryRecord &r)
{
    if (r.status == u"running"_s || r.status == u"succeeded"_s)
        return false;
    const auto steps = store.readRecoverySteps(r.uid);
    if (!steps.ok())
        return Result<bool>::failure(steps.error());
    bool fenced = r.status == u"abandoned"_s; // its node died or lost the lease: a fence of sorts
    for (const RecoveryStep &s : *steps) {
        if (s.kind == u"retry"_s)
            return true; // the executor checked that only the dead candidate was touched
        if (s.kind == u"sql"_s && s.ok)
            return false; // it changed servers before it stopped: a human should look first
        fenced = fenced || s.kind == u"fence"_s;
    }
    return fenced;
}

QString AntiFlapping::explain(const RecoveryRecord &b, int blockSeconds)
{
    const QDateTime until = b.startedAt.addSecs(blockSeconds);
    return u"blocked by recovery %1 (%2 of %3, %4, started %5): RecoveryPeriodBlockSeconds=%6 keeps automatic recovery "
           "off until %7 unless it is acknowledged: `arbor ack-recovery %1 --comment TEXT`, or run `arbor recover` by hand"_s
        .arg(b.uid, b.analysis, b.failed.toString(), b.status, b.startedAt.toString(Qt::ISODate))
        .arg(blockSeconds)
        .arg(until.toString(Qt::ISODate));
}

} // namespace arbor::core
