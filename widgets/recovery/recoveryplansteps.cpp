#include "widgets/recovery/recoveryplansteps.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

namespace {
QString keys(const QList<InstanceKey> &list)
{
    QStringList out;
    for (const InstanceKey &k : list)
        out << k.toString();
    return out.join(u", "_s);
}
} // namespace

QString RecoveryPlanSteps::blocker(const RecoveryPlan &plan)
{
    if (plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster) {
        if (!plan.target.isValid())
            return tr("Nobody can take the replicas of %1: no usable sibling and its source is unreachable.")
                .arg(plan.failed.toString());
        return QString();
    }
    if (!plan.choice.ok())
        return tr("No replica can be promoted: %1.").arg(plan.choice.error);
    return QString();
}

QStringList RecoveryPlanSteps::describe(const RecoveryPlan &plan)
{
    const RecoveryOptions &o = plan.options;
    QStringList steps;
    auto hooks = [&](const QString &name, const QStringList &commands, const QString &when) {
        if (!commands.isEmpty())
            steps << tr("Run %1 (%n command(s)) %2.", nullptr, int(commands.size())).arg(name, when);
    };
    if (plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster) {
        if (!plan.target.isValid())
            return {blocker(plan)};
        for (const InstanceKey &k : plan.orphans)
            steps << tr("Move %1 under %2 by GTID, then read back that it runs both replication threads from it.")
                         .arg(k.toString(), plan.target.toString());
        if (!plan.orphansLost.isEmpty())
            steps << tr("Leave %1 where they are (they cannot move) and downtime them for %2 min.")
                         .arg(keys(plan.orphansLost))
                         .arg(o.lostReplicasDowntimeSeconds / 60);
        hooks(u"PostIntermediateMasterFailoverProcesses"_s, o.postIntermediateMasterFailoverProcesses, tr("on success"));
        hooks(u"PostFailoverProcesses"_s, o.postFailoverProcesses, tr("on success"));
        hooks(u"PostUnsuccessfulFailoverProcesses"_s, o.postUnsuccessfulFailoverProcesses, tr("if anything fails"));
        return steps;
    }
    const InstanceKey candidate = plan.choice.chosen;
    if (!candidate.isValid())
        return {blocker(plan)};
    if (plan.kind == RecoveryPlan::Kind::GracefulTakeover)
        hooks(u"PreGracefulTakeoverProcesses"_s, o.preGracefulTakeoverProcesses, tr("before anything changes"));
    else
        hooks(u"PreFailoverProcesses"_s, o.preFailoverProcesses, tr("before anything changes; a non-zero exit aborts"));
    if (plan.kind == RecoveryPlan::Kind::GracefulTakeover) {
        steps << tr("On %1: SET GLOBAL read_only=ON (stop writes; undone if anything before the promotion fails).")
                     .arg(plan.failed.toString());
        steps << tr("On %1: wait up to %2 s until it has applied everything %3 wrote (MASTER_GTID_WAIT, or "
                    "MASTER_POS_WAIT without GTID).")
                     .arg(candidate.toString())
                     .arg(o.relayLogWaitSeconds)
                     .arg(plan.failed.toString());
        hooks(u"PreFailoverProcesses"_s, o.preFailoverProcesses, tr("then; a non-zero exit aborts and makes %1 writable again").arg(plan.failed.toString()));
    }
    if (o.relayLogPolicy == RecoveryOptions::RelayLogPolicy::Delay)
        steps << tr("Wait up to %1 s for %2 to apply its relay log.").arg(o.relayLogWaitSeconds).arg(candidate.toString());
    else if (o.relayLogPolicy == RecoveryOptions::RelayLogPolicy::Fail)
        steps << tr("Check that %1 has applied its relay log; stop if it has not.").arg(candidate.toString());
    steps << tr("Promote %1: stop replication, forget its source (RESET SLAVE ALL), make it writable, then read back "
                "that it is writable and replicates from nobody.")
                 .arg(candidate.toString());
    if (!plan.choice.repointable.isEmpty())
        steps << tr("Point %1 at %2 (%3), then read back that each runs both replication threads from it.")
                     .arg(keys(plan.choice.repointable), candidate.toString(),
                          plan.choice.usesGtid ? tr("by GTID") : tr("by binlog coordinates"));
    if (!plan.choice.lost.isEmpty())
        steps << tr("Leave %1 behind (they cannot follow %2) and downtime them for %3 min.")
                     .arg(keys(plan.choice.lost), candidate.toString())
                     .arg(o.lostReplicasDowntimeSeconds / 60);
    if (plan.kind == RecoveryPlan::Kind::DeadMaster)
        steps << tr("If %1 comes back writable, set it read-only.").arg(plan.failed.toString());
    if (!plan.hooks.clusterAlias.isEmpty())
        steps << tr("Move the alias '%1' to the new master's cluster.").arg(plan.hooks.clusterAlias);
    if (plan.kind == RecoveryPlan::Kind::GracefulTakeover) {
        steps << (o.replicationUser.isEmpty()
                      ? tr("On %1: CHANGE MASTER TO %2 (it stays read-only); replication is not started: no replication "
                           "credentials are configured.")
                            .arg(plan.failed.toString(), candidate.toString())
                      : tr("On %1: CHANGE MASTER TO %2 as %3, START SLAVE, then read back that it replicates from it "
                           "and is read-only.")
                            .arg(plan.failed.toString(), candidate.toString(), o.replicationUser));
        hooks(u"PostGracefulTakeoverProcesses"_s, o.postGracefulTakeoverProcesses,
              tr("once %1 replicates from %2").arg(plan.failed.toString(), candidate.toString()));
    }
    else
        hooks(u"PostMasterFailoverProcesses"_s, o.postMasterFailoverProcesses, tr("on success"));
    hooks(u"PostFailoverProcesses"_s, o.postFailoverProcesses, tr("on success"));
    hooks(u"PostUnsuccessfulFailoverProcesses"_s, o.postUnsuccessfulFailoverProcesses, tr("if anything fails"));
    return steps;
}

} // namespace arbor::widgets
