#include "core/recovery/rehearsal.h"

#include "analysis/analysiscode.h"
#include "model/promotionrule.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QJsonObject keyJson(const InstanceKey &k)
{
    return QJsonObject{{u"Hostname"_s, k.host()}, {u"Port"_s, k.port()}};
}
InstanceKey keyOf(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    const QString host = o.value(u"Hostname"_s).toString();
    const auto key = InstanceKey::parse((host.contains(u':') ? u'[' + host + u']' : host) + u':'
                                        + QString::number(o.value(u"Port"_s).toInt()));
    return key.ok() ? key.value() : InstanceKey();
}
} // namespace

Result<ReplicationAnalysis> Rehearsal::assumeDead(const Topology &topology, const InstanceKey &victim)
{
    using R = Result<ReplicationAnalysis>;
    const auto cluster = topology.findCluster(victim.toString());
    if (!cluster || !topology.instance(victim))
        return R::failure(u"%1 is in no known cluster"_s.arg(victim.toString()));
    if (topology.childrenOf(victim).isEmpty())
        return R::failure(u"%1 has no replicas: its failure would need no recovery"_s.arg(victim.toString()));
    const bool intermediate = victim != cluster->master;
    ReplicationAnalysis a;
    a.key = victim;
    a.code = intermediate ? AnalysisCode::DeadIntermediateMaster : AnalysisCode::DeadMaster;
    a.clusterName = cluster->name;
    a.clusterAlias = cluster->alias;
    a.lastCheckValid = true;
    a.description = u"rehearsal: %1 is assumed dead; it is not"_s.arg(victim.toString());
    return a;
}

QHash<InstanceKey, InstanceKey> Rehearsal::resultingSources(const RecoveryPlan &plan)
{
    const Topology before = Topology::build(plan.facts);
    QHash<InstanceKey, InstanceKey> out;
    const bool intermediate = plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster;
    const QList<InstanceKey> &moved = intermediate ? plan.orphans : plan.choice.repointable;
    const InstanceKey newSource = intermediate ? plan.target : plan.choice.chosen;
    const QList<InstanceKey> &lost = intermediate ? plan.orphansLost : plan.choice.lost;
    for (const Instance &i : plan.facts) {
        if (i.key == plan.failed || lost.contains(i.key))
            continue;
        if (!intermediate && i.key == plan.choice.chosen)
            out.insert(i.key, InstanceKey());
        else if (moved.contains(i.key) && newSource.isValid())
            out.insert(i.key, newSource);
        else
            out.insert(i.key, before.parentOf(i.key));
    }
    // A graceful takeover keeps the old master, under the new one.
    if (plan.kind == RecoveryPlan::Kind::GracefulTakeover && plan.choice.chosen.isValid())
        out.insert(plan.failed, plan.choice.chosen);
    return out;
}

QList<std::pair<QString, QStringList>> Rehearsal::hooks(const RecoveryPlan &plan)
{
    const RecoveryOptions &o = plan.options;
    QList<std::pair<QString, QStringList>> all;
    if (plan.kind == RecoveryPlan::Kind::GracefulTakeover)
        all.append({u"PreGracefulTakeoverProcesses"_s, o.preGracefulTakeoverProcesses});
    all.append({u"PreFailoverProcesses"_s, o.preFailoverProcesses});
    if (plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster)
        all.append({u"PostIntermediateMasterFailoverProcesses"_s, o.postIntermediateMasterFailoverProcesses});
    else
        all.append({u"PostMasterFailoverProcesses"_s, o.postMasterFailoverProcesses});
    all.append({u"PostFailoverProcesses"_s, o.postFailoverProcesses});
    if (plan.kind == RecoveryPlan::Kind::GracefulTakeover)
        all.append({u"PostGracefulTakeoverProcesses"_s, o.postGracefulTakeoverProcesses});
    all.append({u"PostUnsuccessfulFailoverProcesses"_s, o.postUnsuccessfulFailoverProcesses});
    QList<std::pair<QString, QStringList>> out;
    for (const auto &h : all) {
        if (!h.second.isEmpty())
            out.append(h);
    }
    return out;
}

QJsonObject Rehearsal::toJson(const RecoveryPlan &plan)
{
    QJsonArray ranking;
    for (const CandidateChoice::Entry &e : plan.choice.ranking) {
        QJsonObject o = keyJson(e.key);
        o.insert(u"PromotionRule"_s, promotionRuleName(e.rule));
        o.insert(u"Eligible"_s, e.eligible);
        o.insert(u"MostAdvanced"_s, e.mostAdvanced);
        o.insert(u"Rank"_s, e.rank);
        o.insert(u"Position"_s, e.position);
        o.insert(u"Reason"_s, e.reason);
        ranking.append(o);
    }
    const bool intermediate = plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster;
    const InstanceKey successor = intermediate ? plan.target : plan.choice.chosen;
    const QHash<InstanceKey, InstanceKey> sources = resultingSources(plan);
    const Topology before = Topology::build(plan.facts);
    QJsonArray tree;
    QJsonArray changes;
    for (const Instance &i : plan.facts) {
        const auto it = sources.constFind(i.key);
        if (it == sources.constEnd()) {
            if (i.key != plan.failed)
                changes.append(QJsonObject{{u"Server"_s, keyJson(i.key)}, {u"Change"_s, u"lost"_s}});
            continue;
        }
        QJsonObject node = keyJson(i.key);
        node.insert(u"Source"_s, it->isValid() ? QJsonValue(keyJson(*it)) : QJsonValue(QJsonValue::Null));
        tree.append(node);
        if (i.key == successor && !intermediate)
            changes.append(QJsonObject{{u"Server"_s, keyJson(i.key)}, {u"Change"_s, u"promote"_s}});
        else if (*it != before.parentOf(i.key))
            changes.append(QJsonObject{{u"Server"_s, keyJson(i.key)},
                                       {u"Change"_s, u"repoint"_s},
                                       {u"Source"_s, keyJson(*it)},
                                       {u"Method"_s, plan.choice.usesGtid || intermediate ? u"gtid"_s : u"coordinates"_s}});
    }
    QJsonArray hooks;
    for (const auto &[name, commands] : Rehearsal::hooks(plan))
        hooks.append(QJsonObject{{u"Name"_s, name}, {u"Commands"_s, QJsonArray::fromStringList(commands)}});
    return QJsonObject{{u"Rehearsal"_s, true},
                       {u"Analysis"_s, plan.analysis.codeName()},
                       {u"Kind"_s, RecoveryPlan::kindName(plan.kind)},
                       {u"ClusterName"_s, plan.analysis.clusterName},
                       {u"Failed"_s, keyJson(plan.failed)},
                       {u"Successor"_s, successor.isValid() ? QJsonValue(keyJson(successor)) : QJsonValue(QJsonValue::Null)},
                       {u"Error"_s, successor.isValid() ? QString() : plan.choice.error},
                       {u"Explanation"_s, plan.explanation},
                       {u"Ranking"_s, ranking},
                       {u"ResultingTree"_s, tree},
                       {u"Changes"_s, changes},
                       {u"Hooks"_s, hooks},
                       {u"Note"_s, u"rehearsal only: no server was changed and no hook was run"_s}};
}

Result<RecoveryPlan> Rehearsal::fromJson(const QJsonObject &json, const QList<Instance> &facts)
{
    using R = Result<RecoveryPlan>;
    if (!json.value(u"Rehearsal"_s).toBool())
        return R::failure(u"the answer is not a rehearsal"_s);
    RecoveryPlan plan;
    const QString kind = json.value(u"Kind"_s).toString();
    plan.kind = kind == RecoveryPlan::kindName(RecoveryPlan::Kind::DeadIntermediateMaster) ? RecoveryPlan::Kind::DeadIntermediateMaster
                                                                                             : RecoveryPlan::Kind::DeadMaster;
    const bool intermediate = plan.kind == RecoveryPlan::Kind::DeadIntermediateMaster;
    plan.trigger = u"rehearsal"_s;
    plan.failed = keyOf(json.value(u"Failed"_s));
    if (!plan.failed.isValid())
        return R::failure(u"the rehearsal names no failed server"_s);
    plan.analysis.key = plan.failed;
    plan.analysis.code = analysisCodeFromName(json.value(u"Analysis"_s).toString());
    plan.analysis.clusterName = json.value(u"ClusterName"_s).toString();
    plan.analysis.lastCheckValid = true;
    plan.analysis.description = u"rehearsal: %1 is assumed dead; it is not"_s.arg(plan.failed.toString());
    plan.hooks.clusterName = plan.analysis.clusterName;
    plan.explanation = json.value(u"Explanation"_s).toString();
    plan.facts = facts;
    const InstanceKey successor = keyOf(json.value(u"Successor"_s));
    if (intermediate)
        plan.target = successor;
    else
        plan.choice.chosen = successor;
    plan.choice.error = json.value(u"Error"_s).toString();
    for (const QJsonValue &v : json.value(u"Ranking"_s).toArray()) {
        const QJsonObject o = v.toObject();
        CandidateChoice::Entry e;
        e.key = keyOf(o);
        const auto rule = parsePromotionRule(o.value(u"PromotionRule"_s).toString());
        e.rule = rule.ok() ? rule.value() : PromotionRule::Neutral;
        e.eligible = o.value(u"Eligible"_s).toBool();
        e.mostAdvanced = o.value(u"MostAdvanced"_s).toBool();
        e.rank = o.value(u"Rank"_s).toInt();
        e.position = o.value(u"Position"_s).toString();
        e.reason = o.value(u"Reason"_s).toString();
        plan.choice.ranking.append(e);
    }
    for (const QJsonValue &v : json.value(u"Changes"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const InstanceKey k = keyOf(o.value(u"Server"_s));
        const QString change = o.value(u"Change"_s).toString();
        if (change == u"repoint"_s) {
            (intermediate ? plan.orphans : plan.choice.repointable).append(k);
            plan.choice.usesGtid = o.value(u"Method"_s).toString() == u"gtid"_s;
        } else if (change == u"lost"_s) {
            (intermediate ? plan.orphansLost : plan.choice.lost).append(k);
        }
    }
    RecoveryOptions &o = plan.options;
    const QHash<QString, QStringList *> lists{{u"PreFailoverProcesses"_s, &o.preFailoverProcesses},
                                              {u"PostMasterFailoverProcesses"_s, &o.postMasterFailoverProcesses},
                                              {u"PostIntermediateMasterFailoverProcesses"_s, &o.postIntermediateMasterFailoverProcesses},
                                              {u"PostFailoverProcesses"_s, &o.postFailoverProcesses},
                                              {u"PostUnsuccessfulFailoverProcesses"_s, &o.postUnsuccessfulFailoverProcesses}};
    for (const QJsonValue &v : json.value(u"Hooks"_s).toArray()) {
        const QJsonObject h = v.toObject();
        if (QStringList *list = lists.value(h.value(u"Name"_s).toString()))
            for (const QJsonValue &c : h.value(u"Commands"_s).toArray())
                list->append(c.toString());
    }
    return plan;
}

} // namespace arbor::core
