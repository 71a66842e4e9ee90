// relocate, move-up, ..., set-read-only, enable-gtid, audit: the topology operations on the CLI.
// Every verb discovers the cluster first, then plans (--dry-run prints the plan and stops) or runs
// under the cluster's lock with an audit row in the store, and prints the tree afterwards.
#include "commandcontext.h"
#include "commands.h"

#include "config/credentials.h"
#include "ops/operationrunner.h"
#include "probe/discovery.h"
#include "store/store.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

QString operationSummary(const QString &verb)
{
    const auto kind = OperationKinds::fromName(verb);
    return kind ? OperationKinds::summary(*kind) : QString();
}

int runOperationVerb(const QString &verb, const QStringList &arguments)
{
    const auto kind = OperationKinds::fromName(verb);
    CommandContext ctx(verb);
    if (!kind)
        return ctx.fail(u"'%1' is not an operation"_s.arg(verb), 2);
    ctx.parser().setApplicationDescription(OperationKinds::summary(*kind) + u"."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server to operate on."_s);
    const bool target = OperationKinds::acceptsTarget(*kind);
    if (target) {
        ctx.parser().addOption({{u"below"_s, u"to"_s},
                                *kind == OperationKind::Repoint ? u"The source to point at (default: its current source)."_s
                                                                : u"The server to move below (required)."_s,
                                u"HOST:PORT"_s});
    }
    const QString argumentName = OperationKinds::argumentName(*kind);
    if (!argumentName.isEmpty())
        ctx.parser().addOption({argumentName, *kind == OperationKind::DelayReplication ? u"The delay in seconds (required)."_s
                                                                                      : u"The first binary log to keep (required)."_s,
                                argumentName.toUpper()});
    if (*kind == OperationKind::RelocateReplicas)
        ctx.parser().addOption({u"pattern"_s, u"Only the replicas whose host:port matches this regular expression."_s, u"REGEX"_s});
    ctx.parser().addOption({u"dry-run"_s, u"Print the plan (method, statements per server, warnings) and change nothing."_s});
    ctx.parser().addOption({u"replication-credentials"_s,
                            u"my.cnf-style file with the replication user= and password= for a server that has no "
                            "replication user of its own (make-co-master); every replica that has one keeps it."_s,
                            u"FILE"_s});
    ctx.parser().addOption({u"replace-replication-credentials"_s,
                            u"Also replace the replication user and password of every replica the operation points "
                            "elsewhere with those of --replication-credentials (a rollback keeps the new ones)."_s});
    ctx.parser().addOption({u"max-lag"_s, u"Largest lag, in seconds, for a binlog-coordinate move (default 20)."_s, u"S"_s, u"20"_s});
    ctx.parser().addOption({u"quiet"_s, u"Do not print each step as it runs."_s});
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    const auto instance = ctx.parseInstance(arguments, &code);
    if (!instance)
        return code;
    OperationRequest request;
    request.kind = *kind;
    request.instance = instance.value();
    if (target && ctx.parser().isSet(u"below"_s)) {
        auto t = InstanceKey::parse(ctx.parser().value(u"below"_s));
        if (!t.ok())
            return ctx.usage(u"--below: "_s + t.error());
        request.target = t.value();
    }
    if (OperationKinds::needsTarget(*kind) && !request.target.isValid())
        return ctx.usage(u"%1 needs --below HOST:PORT"_s.arg(verb));
    if (*kind == OperationKind::RelocateReplicas)
        request.pattern = ctx.parser().value(u"pattern"_s);
    if (!argumentName.isEmpty()) {
        request.argument = ctx.parser().value(argumentName).trimmed();
        if (request.argument.isEmpty())
            return ctx.usage(u"%1 needs --%2"_s.arg(verb, argumentName));
    }

    auto pollerOptions = ctx.pollerOptions();
    if (!pollerOptions.ok())
        return ctx.usage(pollerOptions.error());
    OperationRunner::Options options;
    options.probe = pollerOptions->probe;
    options.who = qEnvironmentVariable("USER", u"unknown"_s) + u"@cli"_s;
    bool lagOk = false;
    options.operation.legality.maxLagSeconds = ctx.parser().value(u"max-lag"_s).toLongLong(&lagOk);
    if (!lagOk || options.operation.legality.maxLagSeconds < 0)
        return ctx.usage(u"--max-lag must be a whole number of seconds"_s);
    if (ctx.parser().isSet(u"replication-credentials"_s)) {
        auto replication = Credentials::fromFile(ctx.parser().value(u"replication-credentials"_s));
        if (!replication.ok())
            return ctx.fail(replication.error(), 2);
        options.operation.replicationUser = replication->user();
        options.operation.replicationPassword = replication->password();
    }
    if (ctx.parser().isSet(u"replace-replication-credentials"_s)) {
        if (!ctx.parser().isSet(u"replication-credentials"_s))
            return ctx.usage(u"--replace-replication-credentials needs --replication-credentials FILE"_s);
        options.operation.replaceReplicationCredentials = true;
    }

    const int deadlineMs = (options.probe.connectTimeoutSeconds + options.probe.readTimeoutSeconds) * 2000 + 5000;
    QList<InstanceKey> seeds{request.instance};
    if (request.target.isValid())
        seeds << request.target;
    const QList<Instance> facts = Discovery::run(seeds, pollerOptions.value(), deadlineMs).instances;

    if (ctx.parser().isSet(u"dry-run"_s)) {
        const OperationPlan plan = OperationRunner::plan(facts, request, options.operation);
        ctx.out() << plan.toText();
        ctx.out().flush();
        return plan.isLegal() ? 0 : 1;
    }

    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    options.store = store.get();
    if (!ctx.parser().isSet(u"quiet"_s)) {
        options.progress = [&ctx](int index, const OperationPlan::Step &step) {
            ctx.err() << u"  %1. %2: %3\n"_s.arg(index + 1, 2).arg(step.server.toString(), step.sql);
            ctx.err().flush();
        };
    }
    QList<InstanceKey> touched;
    options.reprobe = [&touched](const QList<InstanceKey> &keys) { touched = keys; };

    OperationRunner runner(options);
    const OperationRunner::Outcome outcome = runner.run(facts, request);
    if (!outcome.ok)
        return ctx.fail(outcome.message, 1);
    ctx.out() << outcome.message << u'\n';

    // Re-poll what the operation touched and show the cluster as it is now.
    const QList<Instance> after = Discovery::run(touched.isEmpty() ? seeds : touched, pollerOptions.value(), deadlineMs).instances;
    (void)store->writeInstances(after);
    ctx.printClusters(Topology::build(after), CommandContext::downtimedKeys(*store), {request.instance});
    return 0;
}

int runAudit(const QStringList &arguments)
{
    CommandContext ctx(u"audit"_s);
    ctx.parser().setApplicationDescription(u"List the topology operations run on a cluster (or all), newest first."_s);
    ctx.parser().addPositionalArgument(u"CLUSTER"_s, u"A cluster name (its master's host:port); all when left out."_s, u"[CLUSTER]"_s);
    ctx.parser().addOption({u"limit"_s, u"How many rows (default 50)."_s, u"N"_s, u"50"_s});
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    bool ok = false;
    const int limit = ctx.parser().value(u"limit"_s).toInt(&ok);
    if (!ok || limit < 1)
        return ctx.usage(u"--limit must be a positive number"_s);
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto rows = store->readAudit(limit, ctx.parser().positionalArguments().value(0));
    if (!rows.ok())
        return ctx.fail(rows.error());
    for (const AuditEntry &e : rows.value()) {
        ctx.out() << u"%1  %2  %3 %4  from %5 to %6  %7  %8 (%9 ms)  %10\n"_s.arg(
            e.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), e.who, e.operation, e.instance.toString(),
            e.from.isEmpty() ? u"-"_s : e.from, e.to.isEmpty() ? u"-"_s : e.to, e.method.isEmpty() ? u"-"_s : e.method, e.result)
                         .arg(e.durationMs)
                         .arg(e.message);
    }
    return 0;
}

} // namespace arbor::app
