#include "core/recovery/recoveryplanner.h"

#include "core/recovery/candidatechooser.h"

#include <QHostInfo>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QHash<InstanceKey, PromotionRule> RecoveryPlanner::activeRules(const QList<PromotionRuleEntry> &entries,
                                                              const QDateTime &now)
{
    QHash<InstanceKey, PromotionRule> out;
    for (const PromotionRuleEntry &e : entries) {
        if (e.isActiveAt(now))
            out.insert(e.key, e.rule);
    }
    return out;
}

Result<RecoveryPlan> RecoveryPlanner::plan(const Input &in, const RecoveryOptions &options, const ProbeOptions &probe)
{
    using R = Result<RecoveryPlan>;
    const Topology &t = *in.topology;
    const InstanceKey failed = in.analysis.key;
    const auto cluster = t.findCluster(failed.toString());
    if (!cluster)
        return R::failure(u"%1 is in no known cluster; discover it first"_s.arg(failed.toString()));

    RecoveryPlan p;
    p.uid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.trigger = in.trigger;
    p.analysis = in.analysis;
    p.failed = failed;
    p.options = options;
    p.probe = probe;
    for (const InstanceKey &k : cluster->members) {
        if (const Instance *i = t.instance(k))
            p.facts.append(*i);
    }

    const bool intermediate = isDeadIntermediateMasterCode(in.analysis.code)
                              || (in.analysis.type == ReplicationAnalysis::InstanceType::IntermediateMaster && !in.takeover);
    if (in.takeover) {
        p.kind = RecoveryPlan::Kind::GracefulTakeover;
        if (t.parentOf(failed).isValid())
            return R::failure(u"%1 is not a top master; a graceful takeover replaces a cluster's master"_s.arg(failed.toString()));
    } else if (intermediate) {
        p.kind = RecoveryPlan::Kind::DeadIntermediateMaster;
    } else {
        p.kind = RecoveryPlan::Kind::DeadMaster;
    }

    if (p.kind == RecoveryPlan::Kind::DeadIntermediateMaster) {
        const InstanceKey parent = t.parentOf(failed);
        QStringList lines;
        for (const InstanceKey &k : t.childrenOf(failed)) {
            const Instance *o = t.instance(k);
            if (!o || !o->lastCheckValid) {
                p.orphansLost.append(k);
                lines << u"  %1: lost (unreachable)"_s.arg(k.toString());
            } else if (!o->usesGtid()) {
                p.orphansLost.append(k);
                lines << u"  %1: lost (no GTID: its position on another source is unknown)"_s.arg(k.toString());
            } else {
                p.orphans.append(k);
            }
        }
        // A sibling first (keeps the shape), when it has everything the orphans have; else the grandparent.
        QList<const Instance *> siblings;
        for (const InstanceKey &k : t.childrenOf(parent)) {
            if (k == failed)
                continue;
            const Instance *s = t.instance(k);
            const PromotionRule rule = in.rules.value(k, PromotionRule::Neutral);
            QString why;
            if (!s || !s->lastCheckValid)
                why = u"unreachable"_s;
            else if (!s->replication || !s->replication->isHealthy())
                why = u"not replicating"_s;
            else if (!s->logBin || !s->logReplicaUpdates)
                why = u"no binary log of replicated transactions (log_bin, log_slave_updates)"_s;
            else if (rule == PromotionRule::MustNot)
                why = u"promotion rule must_not"_s;
            else {
                for (const InstanceKey &o : std::as_const(p.orphans)) {
                    const int c = CandidateChooser::compareProgress(*s, *t.instance(o));
                    if (c == -1 || c == 2)
                        why = u"behind or diverged from %1"_s.arg(o.toString());
                }
            }
            if (why.isEmpty())
                siblings.append(s);
            else
                lines << u"  sibling %1: not used (%2)"_s.arg(k.toString(), why);
        }
        std::sort(siblings.begin(), siblings.end(), [&](const Instance *a, const Instance *b) {
            const PromotionRule ra = in.rules.value(a->key, PromotionRule::Neutral), rb = in.rules.value(b->key, PromotionRule::Neutral);
            return ra != rb ? ra < rb : a->key < b->key;
        });
        const Instance *grand = t.instance(parent);
        if (in.candidate.isValid()) {
            p.target = in.candidate;
            lines.prepend(u"move the replicas of %1 under %2 (requested)"_s.arg(failed.toString(), in.candidate.toString()));
        } else if (!siblings.isEmpty()) {
            p.target = siblings.first()->key;
            lines.prepend(u"move the replicas of %1 under its sibling %2"_s.arg(failed.toString(), p.target.toString()));
        } else if (grand && grand->lastCheckValid) {
            p.target = parent;
            lines.prepend(u"move the replicas of %1 up under %2"_s.arg(failed.toString(), parent.toString()));
        } else {
            lines.prepend(u"nobody can take the replicas of %1: no usable sibling and its source is unreachable"_s.arg(failed.toString()));
        }
        QStringList moved;
        for (const InstanceKey &k : std::as_const(p.orphans))
            moved << k.toString();
        lines << u"  replicas to move: %1"_s.arg(moved.isEmpty() ? u"none"_s : moved.join(u", "_s));
        p.explanation = lines.join(u'\n');
        if (p.orphans.isEmpty() && p.target.isValid())
            return R::failure(u"%1 has no reachable GTID replica to move"_s.arg(failed.toString()));
    } else {
        CandidateChooser::Input ci;
        ci.topology = &t;
        ci.failed = failed;
        ci.rules = in.rules;
        ci.history = in.history;
        ci.failureTime = in.analysis.analyzedAt.isValid() ? in.analysis.analyzedAt : QDateTime::currentDateTimeUtc();
        ci.requested = in.candidate;
        ci.excluded = in.excluded;
        ci.failedStillReplicates = in.takeover;
        p.choice = CandidateChooser::choose(ci, options);
        p.explanation = p.choice.explanation();
    }

    HookContext &h = p.hooks;
    h.failureType = in.takeover ? u"GracefulMasterTakeover"_s : in.analysis.codeName();
    h.instanceType = ReplicationAnalysis::typeName(p.kind == RecoveryPlan::Kind::DeadIntermediateMaster
                                                       ? ReplicationAnalysis::InstanceType::IntermediateMaster
                                                       : ReplicationAnalysis::InstanceType::Master);
    h.failureDescription = in.analysis.description;
    h.command = !in.command.isEmpty() ? in.command
                : in.takeover         ? u"graceful-master-takeover"_s
                : in.trigger == u"manual"_s ? u"force-master-failover"_s
                                            : QString();
    h.failed = failed;
    h.clusterName = cluster->name;
    h.clusterAlias = cluster->alias;
    h.replicas = t.childrenOf(failed);
    h.isDowntimed = in.analysis.isDowntimed;
    h.autoMasterRecovery = in.trigger == u"automatic"_s && p.kind != RecoveryPlan::Kind::DeadIntermediateMaster;
    h.autoIntermediateMasterRecovery = in.trigger == u"automatic"_s && p.kind == RecoveryPlan::Kind::DeadIntermediateMaster;
    h.arborHost = options.arborHost.isEmpty() ? QHostInfo::localHostName() : options.arborHost;
    h.recoveryUid = p.uid;
    h.lostReplicas = p.kind == RecoveryPlan::Kind::DeadIntermediateMaster ? p.orphansLost : p.choice.lost;
    return p;
}

} // namespace arbor::core
