// replication-analysis, recover, ack-recovery: failure detection and manual recovery from the CLI.
#include "commandcontext.h"
#include "core/recovery/rehearsal.h"
#include "commands.h"

#include "analysis/analyzer.h"
#include "analysis/factsfile.h"
#include "config/recoveryconfig.h"
#include "probe/discovery.h"
#include "core/recovery/antiflapping.h"
#include "core/recovery/recoveryexecutor.h"
#include "core/recovery/recoveryplanner.h"
#include "core/recovery/recoverytarget.h"

#include <QFile>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {

// Polls the stored servers (of one cluster, or all) once, keeping the last known facts of the ones
// that do not answer, so that a dead master still has its place in the tree.
Result<Topology> liveTopology(CommandContext &ctx, Store &store, const QString &hint, const PollerOptions &options)
{
    const auto stored = store.readInstances();
    if (!stored.ok())
        return Result<Topology>::failure(stored.error());
    const auto aliases = store.readClusterAliases();
    const QHash<QString, QString> aliasMap = aliases.ok() ? aliases.value() : QHash<QString, QString>{};
    const Topology cached = Topology::build(stored.value(), aliasMap);
    QList<InstanceKey> seeds;
    if (hint.isEmpty()) {
        for (const Instance &i : stored.value())
            seeds.append(i.key);
    } else if (const auto c = cached.findCluster(hint)) {
        seeds = c->members;
    } else {
        return Result<Topology>::failure(u"no cluster or server '%1' in the store; run arbor discover HOST:PORT first"_s.arg(hint));
    }
    if (seeds.isEmpty())
        return Result<Topology>::failure(u"the store is empty; run arbor discover HOST:PORT first"_s);
    const int deadline = (options.probe.connectTimeoutSeconds + options.probe.readTimeoutSeconds) * 3000 + 5000;
    const Discovery::Outcome outcome = Discovery::run(seeds, options, deadline);
    QHash<InstanceKey, Instance> merged;
    for (const Instance &i : stored.value())
        merged.insert(i.key, i);
    for (const Instance &i : outcome.instances) {
        const auto it = merged.constFind(i.key);
        merged.insert(i.key, !i.lastCheckValid && it != merged.constEnd() ? Instance::mergeFailedPoll(i, *it) : i);
    }
    Q_UNUSED(ctx)
    return Topology::build(merged.values(), aliasMap);
}

QSet<InstanceKey> downtimed(Store &store)
{
    return CommandContext::downtimedKeys(store);
}

} // namespace

int runReplicationAnalysis(const QStringList &arguments)
{
    CommandContext ctx(u"replication-analysis"_s);
    ctx.parser().setApplicationDescription(
        u"Poll the known servers and print every problem found, with orchestrator's analysis codes "
        "(DeadMaster, UnreachableMaster, DeadIntermediateMaster, ...) and structure warnings."_s);
    ctx.parser().addPositionalArgument(u"CLUSTER"_s, u"A cluster name, alias or member (default: all)."_s, u"[CLUSTER]"_s);
    ctx.parser().addOption({u"facts"_s,
                            u"Analyse this snapshot instead of polling: an Arbor JSON export, or orchestrator's instance JSON "
                            "(what /api/cluster/HINT answers)."_s,
                            u"FILE"_s});
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const QString hint = ctx.parser().positionalArguments().value(0);
    Result<Topology> topology = Result<Topology>::failure(QString());
    QSet<InstanceKey> down;
    if (ctx.parser().isSet(u"facts"_s)) {
        QFile file(ctx.parser().value(u"facts"_s));
        if (!file.open(QIODevice::ReadOnly))
            return ctx.fail(u"cannot read the facts %1: %2"_s.arg(file.fileName(), file.errorString()), 2);
        const auto facts = FactsFile::parse(file.readAll());
        if (!facts.ok())
            return ctx.fail(u"%1: %2"_s.arg(file.fileName(), facts.error()), 2);
        topology = Topology::build(facts->instances);
        down = facts->downtimed;
        if (!hint.isEmpty() && !topology->findCluster(hint))
            return ctx.fail(u"no cluster of the facts matches \"%1\""_s.arg(hint));
    } else {
        auto options = ctx.pollerOptions();
        if (!options.ok())
            return ctx.usage(options.error());
        const auto store = ctx.openStoreOrFail(&code);
        if (!store)
            return code;
        topology = liveTopology(ctx, *store, hint, options.value());
        if (!topology.ok())
            return ctx.fail(topology.error());
        down = downtimed(*store);
    }
    const auto rows = Analyzer::analyze(topology.value(), AnalysisOptions{}, down);
    const auto wanted = hint.isEmpty() ? std::optional<Cluster>() : topology->findCluster(hint);
    int shown = 0;
    for (const ReplicationAnalysis &a : rows) {
        if (wanted && a.clusterName != wanted->name)
            continue;
        ++shown;
        ctx.out() << u"%1\t%2\t%3%4\t%5%6\n"_s.arg(a.clusterAlias.isEmpty() ? a.clusterName : a.clusterAlias,
                                                 a.key.toString(), a.codeName(), a.isActionable() ? u" (actionable)"_s : QString(),
                                                 a.description,
                                                 a.structureWarnings.isEmpty() ? QString()
                                                                               : u" ["_s + a.structureWarnings.join(u", "_s) + u']');
    }
    if (shown == 0)
        ctx.out() << u"no problems found\n"_s;
    return 0;
}

int runRecover(const QStringList &arguments)
{
    CommandContext ctx(u"recover"_s);
    ctx.parser().setApplicationDescription(
        u"Recover a cluster's dead master or a dead intermediate master now, by hand: explains the plan (the "
        "candidate ranking and why each other replica lost), then acts. A manual recovery bypasses the block "
        "period, cluster filters, downtime and the global switch, and says so. --takeover replaces a live master "
        "(planned switchover; PreGracefulTakeoverProcesses runs before anything changes)."_s);
    ctx.parser().addPositionalArgument(u"CLUSTER|HOST:PORT"_s, u"The cluster, or the failed server."_s);
    ctx.parser().addOption({u"candidate"_s, u"Promote this replica (it must be eligible and most up to date)."_s, u"HOST:PORT"_s});
    ctx.parser().addOption({u"takeover"_s, u"Graceful takeover of a live master."_s});
    ctx.parser().addOption({u"dry-run"_s, u"Explain the plan and stop."_s});
    ctx.parser().addOption({u"rehearse"_s, u"What Arbor would do if the master (or the given intermediate master) died now: "
                                           "the candidate ranking, the steps and the hooks; touches no server."_s});
    ctx.parser().addOption({u"config"_s,
                            u"Take the recovery settings and hooks (PreFailoverProcesses, PostMasterFailoverProcesses, ..., "
                            "hooks.timeoutSeconds, PromotionIgnoreHostnameFilters, ...) from this service config; other keys "
                            "are ignored. Without it: Arbor's defaults and no hooks."_s,
                            u"FILE"_s});
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto argument = ctx.onlyArgument(u"CLUSTER or HOST:PORT"_s, &code);
    if (!argument)
        return code;
    const QString &requested = *argument;
    RecoveryOptions ro;
    if (ctx.parser().isSet(u"config"_s)) {
        const auto config = RecoveryConfig::load(ctx.parser().value(u"config"_s));
        if (!config.ok())
            return ctx.usage(config.error());
        const auto resolved = config->resolvedOptions();
        if (!resolved.ok())
            return ctx.usage(resolved.error());
        ro = resolved.value();
    }
    InstanceKey candidate;
    if (ctx.parser().isSet(u"candidate"_s)) {
        auto c = InstanceKey::parse(ctx.parser().value(u"candidate"_s));
        if (!c.ok())
            return ctx.usage(c.error());
        candidate = c.value();
    }
    const bool takeover = ctx.parser().isSet(u"takeover"_s);
    auto options = ctx.pollerOptions();
    if (!options.ok())
        return ctx.usage(options.error());
    auto opened = ctx.openStore();
    if (!opened.ok())
        return ctx.fail(opened.error());
    Store &store = *opened.value();
    const auto topology = liveTopology(ctx, store, requested, options.value());
    if (!topology.ok())
        return ctx.fail(topology.error());
    const auto cluster = topology->findCluster(requested);
    if (!cluster)
        return ctx.fail(u"no cluster holds %1"_s.arg(requested));

    // What to recover: the given server's failure, else the cluster's actionable one.
    const auto rows = Analyzer::analyze(topology.value(), AnalysisOptions{}, downtimed(store));
    const auto asKey = InstanceKey::parse(requested);
    const bool rehearse = ctx.parser().isSet(u"rehearse"_s);
    if (rehearse && takeover)
        return ctx.usage(u"--rehearse rehearses a failure; --takeover is a planned switchover: choose one"_s);
    std::optional<ReplicationAnalysis> target;
    if (rehearse) {
        // As if the server died now: the same planner on the live facts, with nothing run afterwards.
        const InstanceKey victim = asKey.ok() && topology->instance(asKey.value()) ? asKey.value() : cluster->master;
        auto assumed = Rehearsal::assumeDead(topology.value(), victim);
        if (!assumed.ok())
            return ctx.fail(assumed.error());
        target = assumed.value();
    } else {
        std::optional<InstanceKey> server;
        if (asKey.ok() && cluster->name != requested)
            server = asKey.value();
        const auto chosen = RecoveryTarget::choose(rows, *cluster, server, takeover, u"--takeover"_s);
        if (!chosen.ok())
            return ctx.fail(chosen.error());
        target = chosen.value();
    }

    RecoveryPlanner::Input in;
    in.topology = &topology.value();
    in.analysis = target.value();
    in.candidate = candidate;
    in.takeover = takeover;
    in.trigger = u"manual"_s;
    if (const auto rules = store.readPromotionRules(); rules.ok())
        in.rules = RecoveryPlanner::activeRules(rules.value(), QDateTime::currentDateTimeUtc());
    auto plan = RecoveryPlanner::plan(in, ro, options->probe);
    if (!plan.ok())
        return ctx.fail(plan.error());
    ctx.out() << u"%1: %2\n%3\n"_s.arg(target->key.toString(), target->codeName(), plan->explanation);
    if (const auto blocking = AntiFlapping::blockingRecovery(store, cluster->name, cluster->alias, target->key,
                                                             ro.recoveryPeriodBlockSeconds, QDateTime::currentDateTimeUtc());
        blocking.ok() && blocking->has_value())
        ctx.out() << u"note: automatic recovery would be %1; this manual recovery bypasses the block.\n"_s.arg(
            AntiFlapping::explain(**blocking, ro.recoveryPeriodBlockSeconds));
    if (target->isDowntimed)
        ctx.out() << u"note: %1 is downtimed; a manual recovery proceeds anyway.\n"_s.arg(target->key.toString());
    if (rehearse) {
        for (const auto &[name, commands] : Rehearsal::hooks(plan.value())) {
            for (const QString &c : commands)
                ctx.out() << u"hook %1: %2\n"_s.arg(name, c);
        }
        ctx.out() << u"rehearsal only: no server was changed and no hook was run\n"_s;
        return 0;
    }
    if (ctx.parser().isSet(u"dry-run"_s))
        return 0;

    RecoveryRecord record;
    record.uid = plan->uid;
    record.clusterName = cluster->name;
    record.clusterAlias = cluster->alias;
    record.failed = plan->failed;
    record.analysis = takeover ? u"GracefulMasterTakeover"_s : target->codeName();
    record.kind = RecoveryPlan::kindName(plan->kind);
    record.trigger = u"manual"_s;
    record.status = u"running"_s;
    record.explanation = plan->explanation;
    record.startedAt = QDateTime::currentDateTimeUtc();
    (void)store.writeRecovery(record);
    RecoveryCallbacks callbacks;
    callbacks.step = [&](const RecoveryStep &s) {
        (void)store.appendRecoveryStep(s);
        ctx.out() << u"  [%1] %2 %3%4\n"_s.arg(s.ok ? u"ok"_s : u"FAILED"_s, s.kind, s.what,
                                              s.detail.isEmpty() || s.kind == u"info"_s ? QString() : u"\n      "_s + s.detail.trimmed());
        ctx.out().flush();
    };
    RecoveryExecutor executor(plan.value(), callbacks);
    const RecoveryOutcome outcome = executor.run();
    record.status = outcome.status;
    record.successor = outcome.successor;
    record.lostReplicas = outcome.lost;
    record.message = outcome.message;
    record.endedAt = QDateTime::currentDateTimeUtc();
    (void)store.writeRecovery(record);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const InstanceKey &k : outcome.lost)
        (void)store.beginDowntime(Downtime{k, u"arbor"_s, u"lost-in-recovery %1"_s.arg(record.uid), now,
                                           now.addSecs(ro.lostReplicasDowntimeSeconds)});
    ctx.out() << u"recovery %1 %2 in %3 ms: %4\n"_s.arg(record.uid, outcome.status).arg(outcome.elapsedMs).arg(outcome.message);
    return outcome.status == u"succeeded"_s ? 0 : 1;
}

int runAckRecovery(const QStringList &arguments)
{
    CommandContext ctx(u"ack-recovery"_s);
    ctx.parser().setApplicationDescription(
        u"Acknowledge recoveries so that the block period (RecoveryPeriodBlockSeconds) no longer stops the next "
        "automatic one. Give a recovery id, a cluster (name or alias), or --all."_s);
    ctx.parser().addPositionalArgument(u"UID|CLUSTER"_s, u"A recovery id or a cluster."_s, u"[UID|CLUSTER]"_s);
    ctx.parser().addOption({u"all"_s, u"Acknowledge every unacknowledged recovery."_s});
    ctx.parser().addOption({u"comment"_s, u"Why (required)."_s, u"TEXT"_s});
    ctx.parser().addOption({u"by"_s, u"Who acknowledges (default: $USER)."_s, u"NAME"_s});
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const QString what = ctx.parser().positionalArguments().value(0);
    const bool all = ctx.parser().isSet(u"all"_s);
    if (what.isEmpty() == !all)
        return ctx.usage(u"give one recovery id or cluster, or --all"_s);
    const QString comment = ctx.parser().value(u"comment"_s).trimmed();
    if (comment.isEmpty())
        return ctx.usage(u"--comment is required: say why the recovery is acknowledged"_s);
    const QString by = ctx.parser().isSet(u"by"_s) ? ctx.parser().value(u"by"_s) : qEnvironmentVariable("USER", u"unknown"_s);
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    // A recovery id, else a cluster name or alias.
    const auto recent = store->readRecoveries(1000);
    if (!recent.ok())
        return ctx.fail(recent.error());
    const bool isUid = std::any_of(recent->cbegin(), recent->cend(), [&](const RecoveryRecord &r) { return r.uid == what; });
    const auto acked = store->acknowledgeRecoveries(isUid ? what : QString(), isUid || all ? QString() : what, by, comment);
    if (!acked.ok())
        return ctx.fail(acked.error());
    if (acked.value() == 0)
        return ctx.fail(all ? u"no unacknowledged recovery"_s : u"no unacknowledged recovery matches '%1'"_s.arg(what));
    ctx.out() << u"acknowledged %1 recovery(ies)\n"_s.arg(acked.value());
    return 0;
}

} // namespace arbor::app
