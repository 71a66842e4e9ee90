// tag, untag, tags, search, which-replicas: orchestrator-client's verbs for tags and lookups, on the
// store (tags live in the backend, beside the servers the service or `arbor discover` stored).
#include "commandcontext.h"
#include "commands.h"

#include "model/topology.h"
#include "store/store.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {
// HOST:PORT then one more argument (the tag).
std::optional<std::pair<InstanceKey, QString>> instanceAndTag(CommandContext &ctx, int *code)
{
    const QStringList args = ctx.parser().positionalArguments();
    if (args.size() != 2) {
        *code = ctx.usage(u"give HOST:PORT and one tag (name or name=value)"_s);
        return std::nullopt;
    }
    auto key = InstanceKey::parse(args.first());
    if (!key.ok()) {
        *code = ctx.usage(key.error());
        return std::nullopt;
    }
    return std::make_pair(key.value(), args.at(1));
}
} // namespace

int runTag(const QStringList &arguments)
{
    CommandContext ctx(u"tag"_s);
    ctx.parser().setApplicationDescription(u"Tag a server: a name, or name=value (one value per name and server)."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server."_s);
    ctx.parser().addPositionalArgument(u"TAG"_s, u"name or name=value"_s);
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto given = instanceAndTag(ctx, &code);
    if (!given)
        return code;
    const auto tag = InstanceTag::parse(given->second);
    if (!tag.ok())
        return ctx.usage(tag.error());
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    if (auto r = store->putTag(given->first, tag.value()); !r.ok())
        return ctx.fail(r.error());
    ctx.out() << u"%1 tagged with %2\n"_s.arg(given->first.toString(), tag->toString());
    return 0;
}

int runUntag(const QStringList &arguments)
{
    CommandContext ctx(u"untag"_s);
    ctx.parser().setApplicationDescription(u"Remove a tag from a server, or with --all from every server (then name=value "
                                           "removes only that value)."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server (not with --all)."_s);
    ctx.parser().addPositionalArgument(u"TAG"_s, u"The tag name (or name=value with --all)."_s);
    ctx.parser().addOption({u"all"_s, u"From every server."_s});
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    InstanceKey key;
    QString text;
    if (ctx.parser().isSet(u"all"_s)) {
        const auto only = ctx.onlyArgument(u"TAG"_s, &code);
        if (!only)
            return code;
        text = *only;
    } else {
        const auto given = instanceAndTag(ctx, &code);
        if (!given)
            return code;
        key = given->first;
        text = given->second;
    }
    const auto tag = InstanceTag::parse(text);
    if (!tag.ok())
        return ctx.usage(tag.error());
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto removed = store->removeTag(key, tag->name, key.isValid() ? QString() : tag->value);
    if (!removed.ok())
        return ctx.fail(removed.error());
    for (const InstanceKey &k : removed.value())
        ctx.out() << k.toString() << u'\n';
    if (removed->isEmpty())
        return ctx.fail(u"no server had the tag %1"_s.arg(tag->toString()));
    return 0;
}

int runTags(const QStringList &arguments)
{
    CommandContext ctx(u"tags"_s);
    ctx.parser().setApplicationDescription(u"List a server's tags, or with --tagged EXPR the servers whose tags match "
                                           "(name, name=value, ~name; commas: all must hold)."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server (not with --tagged)."_s);
    ctx.parser().addOption({u"tagged"_s, u"List the servers matching this tag expression."_s, u"EXPR"_s});
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    auto store = ctx.openStore();
    if (ctx.parser().isSet(u"tagged"_s)) {
        QList<bool> negated;
        const auto expression = InstanceTag::parseExpression(ctx.parser().value(u"tagged"_s), &negated);
        if (!expression.ok())
            return ctx.usage(expression.error());
        if (!store.ok())
            return ctx.fail(store.error());
        auto all = store.value()->readAllTags();
        if (!all.ok())
            return ctx.fail(all.error());
        QList<InstanceKey> keys = all->keys();
        if (std::any_of(negated.cbegin(), negated.cend(), [](bool n) { return n; })) {
            // A negation selects among every stored server, tagged or not.
            auto instances = store.value()->readInstances();
            if (!instances.ok())
                return ctx.fail(instances.error());
            for (const Instance &i : instances.value()) {
                if (!keys.contains(i.key))
                    keys << i.key;
            }
        }
        std::sort(keys.begin(), keys.end());
        for (const InstanceKey &k : std::as_const(keys)) {
            if (InstanceTag::matches(all->value(k), expression.value(), negated))
                ctx.out() << k.toString() << u'\n';
        }
        return 0;
    }
    const auto key = ctx.onlyInstance(&code);
    if (!key)
        return code;
    if (!store.ok())
        return ctx.fail(store.error());
    auto read = store.value()->readTags(key.value());
    if (!read.ok())
        return ctx.fail(read.error());
    for (const InstanceTag &t : read.value())
        ctx.out() << t.toString() << u'\n';
    return 0;
}

int runSearch(const QStringList &arguments)
{
    CommandContext ctx(u"search"_s);
    ctx.parser().setApplicationDescription(u"List the stored servers whose host:port, host name, cluster, alias, version, "
                                           "data center or tags contain TEXT (case-insensitive)."_s);
    ctx.parser().addPositionalArgument(u"TEXT"_s, u"What to look for."_s);
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto text = ctx.onlyArgument(u"TEXT"_s, &code);
    if (!text)
        return code;
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto instances = store->readInstances();
    if (!instances.ok())
        return ctx.fail(instances.error());
    auto aliases = store->readClusterAliases();
    QHash<InstanceKey, QList<InstanceTag>> tagged;
    if (auto all = store->readAllTags(); all.ok())
        tagged = all.value();
    const Topology topology = Topology::build(instances.value(), aliases.ok() ? aliases.value() : QHash<QString, QString>());
    QList<InstanceKey> found;
    for (const Instance &i : instances.value()) {
        const QString cluster = topology.clusterNameOf(i.key);
        const auto c = topology.findCluster(cluster);
        QStringList fields{i.key.toString(), i.hostname, i.reportHost, cluster, c ? c->alias : QString(), i.version, i.dataCenter, i.region};
        for (const InstanceTag &t : tagged.value(i.key))
            fields << t.toString();
        if (std::any_of(fields.cbegin(), fields.cend(), [&](const QString &f) { return f.contains(*text, Qt::CaseInsensitive); }))
            found << i.key;
    }
    std::sort(found.begin(), found.end());
    for (const InstanceKey &k : std::as_const(found))
        ctx.out() << k.toString() << u'\n';
    return found.isEmpty() ? 1 : 0;
}

int runWhichReplicas(const QStringList &arguments)
{
    CommandContext ctx(u"which-replicas"_s);
    ctx.parser().setApplicationDescription(u"List the stored replicas of HOST:PORT (orchestrator-client's which-replicas)."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The source."_s);
    ctx.addStoreOption();
    int code = 0;
    const auto key = ctx.parseInstance(arguments, &code);
    if (!key)
        return code;
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto instances = store->readInstances();
    if (!instances.ok())
        return ctx.fail(instances.error());
    QList<InstanceKey> replicas;
    bool known = false;
    for (const Instance &i : instances.value()) {
        known = known || i.key == key.value();
        if (i.isReplica() && i.sourceKey() == key.value())
            replicas << i.key;
    }
    if (!known)
        return ctx.fail(u"%1 is not known to %2: discover it first"_s.arg(key->toString(), ctx.storeOptions().describe()));
    std::sort(replicas.begin(), replicas.end());
    for (const InstanceKey &k : std::as_const(replicas))
        ctx.out() << k.toString() << u'\n';
    return 0;
}

} // namespace arbor::app
