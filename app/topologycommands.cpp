// discover, topology, clusters, instance: the read side of the CLI.
#include "commandcontext.h"
#include "commands.h"

#include "model/instancehealth.h"
#include "model/instancejson.h"
#include "model/topologytext.h"
#include "probe/discovery.h"
#include "probe/instanceprobe.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {
int discoveryDeadlineMs(const PollerOptions &o)
{
    // Enough for every server to time out once on connect and once on read, plus slack.
    return (o.probe.connectTimeoutSeconds + o.probe.readTimeoutSeconds) * 2000 + 5000;
}

void printWarnings(CommandContext &ctx, const QList<Instance> &instances)
{
    for (const Instance &i : instances) {
        for (const QString &w : i.warnings)
            ctx.err() << u"warning: %1: %2\n"_s.arg(i.key.toString(), w);
        if (!i.lastCheckValid)
            ctx.err() << u"warning: %1 is known from its neighbours but did not answer: %2\n"_s.arg(i.key.toString(), i.lastError);
    }
    ctx.err().flush();
}

// Fresh snapshots over the stored ones; a failed poll keeps the stored facts, marked unverified.
// Returns the whole set (for a topology with context) and, in *updated, what to write back.
QList<Instance> mergeWithStored(Store &store, const QList<Instance> &fresh, QList<Instance> *updated = nullptr)
{
    QHash<InstanceKey, Instance> all;
    if (auto stored = store.readInstances(); stored.ok()) {
        for (const Instance &i : stored.value())
            all.insert(i.key, i);
    }
    for (const Instance &i : fresh) {
        const Instance merged = Instance::mergeFailedPoll(i, all.value(i.key));
        all.insert(i.key, merged);
        if (updated)
            updated->append(merged);
    }
    return all.values();
}
} // namespace

int runDiscover(const QStringList &arguments)
{
    CommandContext ctx(u"discover"_s);
    ctx.parser().setApplicationDescription(
        u"Discover the replication topology around a server: follows its source up and its replicas down, "
        "prints the trees found and remembers them in the store."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"Any server of the topology."_s);
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    const auto seed = ctx.parseInstance(arguments, &code);
    if (!seed)
        return code;
    auto options = ctx.pollerOptions();
    if (!options.ok())
        return ctx.usage(options.error());

    const Discovery::Outcome outcome = Discovery::run({seed.value()}, options.value(), discoveryDeadlineMs(options.value()));
    auto seedSnapshot = std::find_if(outcome.instances.begin(), outcome.instances.end(),
                                     [&](const Instance &i) { return i.key == seed.value(); });
    if (seedSnapshot == outcome.instances.end() || !seedSnapshot->lastCheckValid)
        return ctx.fail((seedSnapshot == outcome.instances.end() ? u"no answer from %1"_s.arg(seed->toString())
                                                                 : seedSnapshot->lastError)
                        + u"; nothing was written to the store"_s);

    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    QList<Instance> updated;
    const QList<Instance> all = mergeWithStored(*store, outcome.instances, &updated);
    if (auto written = store->writeInstances(updated); !written.ok())
        return ctx.fail(written.error());
    auto aliases = store->readClusterAliases();
    const Topology topology = Topology::build(all, aliases.ok() ? aliases.value() : QHash<QString, QString>{});
    QList<InstanceKey> keys;
    for (const Instance &i : outcome.instances)
        keys.append(i.key);
    ctx.printClusters(topology, CommandContext::downtimedKeys(*store), keys);
    printWarnings(ctx, outcome.instances);
    ctx.err() << u"discovered %1 server(s) in %2 ms%3\n"_s.arg(outcome.instances.size())
                     .arg(outcome.elapsedMs)
                     .arg(outcome.complete ? QString() : u" (stopped at the deadline; some servers did not answer)"_s);
    return 0;
}

int runTopology(const QStringList &arguments)
{
    CommandContext ctx(u"topology"_s);
    ctx.parser().setApplicationDescription(
        u"Print a cluster as an indented tree, one line per server:\n"
        "  host:port [lag,state,version,ro|rw,binlog format,>> (log_slave_updates),GTID]\n"
        "The cluster's servers are polled live unless --cached is given."_s);
    ctx.parser().addPositionalArgument(u"CLUSTER"_s, u"Cluster name (its master's host:port), alias, or any member."_s);
    ctx.parser().addOption({u"cached"_s, u"Print what the store holds, without polling."_s});
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto argument = ctx.onlyArgument(u"CLUSTER"_s, &code);
    if (!argument)
        return code;
    const QString hint = *argument;

    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto stored = store->readInstances();
    if (!stored.ok())
        return ctx.fail(stored.error());
    auto aliases = store->readClusterAliases();
    const QHash<QString, QString> aliasMap = aliases.ok() ? aliases.value() : QHash<QString, QString>{};
    Topology topology = Topology::build(stored.value(), aliasMap);
    auto cluster = topology.findCluster(hint);
    if (!cluster) {
        QStringList names;
        for (const Cluster &c : topology.clusters())
            names << (c.alias.isEmpty() ? c.name : c.alias);
        return ctx.fail(names.isEmpty() ? u"no cluster '%1': the store is empty; run arbor discover HOST:PORT first"_s.arg(hint)
                                        : u"no cluster '%1'; known clusters: %2"_s.arg(hint, names.join(u", "_s)));
    }
    QList<InstanceKey> members = cluster->members;
    if (!ctx.parser().isSet(u"cached"_s)) {
        auto options = ctx.pollerOptions();
        if (!options.ok())
            return ctx.usage(options.error());
        const Discovery::Outcome outcome = Discovery::run(members, options.value(), discoveryDeadlineMs(options.value()));
        QList<Instance> updated;
        const QList<Instance> all = mergeWithStored(*store, outcome.instances, &updated);
        if (auto written = store->writeInstances(updated); !written.ok())
            return ctx.fail(written.error());
        topology = Topology::build(all, aliasMap);
        for (const Instance &i : outcome.instances) {
            if (!members.contains(i.key))
                members.append(i.key);
        }
        printWarnings(ctx, outcome.instances);
    }
    ctx.printClusters(topology, CommandContext::downtimedKeys(*store), members);
    return 0;
}

int runClusters(const QStringList &arguments)
{
    CommandContext ctx(u"clusters"_s);
    ctx.parser().setApplicationDescription(u"List the clusters in the store: name, alias, master, servers, worst state."_s);
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto stored = store->readInstances();
    if (!stored.ok())
        return ctx.fail(stored.error());
    auto aliases = store->readClusterAliases();
    const Topology topology = Topology::build(stored.value(), aliases.ok() ? aliases.value() : QHash<QString, QString>{});
    for (const Cluster &c : topology.clusters()) {
        InstanceHealth worst = InstanceHealth::Ok;
        for (const InstanceKey &k : c.members) {
            const InstanceHealth h = healthOf(*topology.instance(k), 10);
            if (healthSeverity(h) > healthSeverity(worst))
                worst = h;
        }
        ctx.out() << u"%1\t%2\t%3\t%4 server(s)\t%5\n"_s.arg(c.name, c.alias.isEmpty() ? u"-"_s : c.alias,
                                                           c.master.toString())
                         .arg(c.members.size())
                         .arg(healthName(worst));
    }
    return 0;
}

int runInstance(const QStringList &arguments)
{
    CommandContext ctx(u"instance"_s);
    ctx.parser().setApplicationDescription(u"Poll one server now and print its facts as JSON (orchestrator's field names)."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server."_s);
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    const auto key = ctx.parseInstance(arguments, &code);
    if (!key)
        return code;
    auto options = ctx.pollerOptions();
    if (!options.ok())
        return ctx.usage(options.error());
    InstanceProbe probe(key.value(), options.value().probe);
    const Instance instance = probe.poll();
    if (!instance.lastCheckValid)
        return ctx.fail(instance.lastError);
    auto store = ctx.openStore();
    if (store.ok()) {
        auto known = store.value()->readInstance(key.value());
        if (known.ok() && known.value().has_value())
            (void)store.value()->writeInstances({instance});
    }
    ctx.out() << QString::fromUtf8(QJsonDocument(InstanceJson::toJson(instance)).toJson(QJsonDocument::Indented));
    return 0;
}

} // namespace arbor::app
