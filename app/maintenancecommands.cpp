// forget, begin-downtime, end-downtime, downtimed, alias: bookkeeping verbs on the store.
#include "commandcontext.h"
#include "commands.h"

#include "ops/maintenance.h"
#include "util/duration.h"

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

int runForget(const QStringList &arguments)
{
    CommandContext ctx(u"forget"_s);
    ctx.parser().setApplicationDescription(u"Remove a server from the store (it comes back if discovered again)."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server."_s);
    ctx.addStoreOption();
    int code = 0;
    const auto key = ctx.parseInstance(arguments, &code);
    if (!key)
        return code;
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto known = store->readInstance(key.value());
    if (!known.ok())
        return ctx.fail(known.error());
    if (!known.value())
        return ctx.fail(u"%1 is not known to %2"_s.arg(key->toString(), ctx.storeOptions().describe()));
    if (auto r = Maintenance(store.get()).forget(key.value()); !r.ok())
        return ctx.fail(r.error());
    ctx.out() << u"forgot %1\n"_s.arg(key->toString());
    return 0;
}

int runBeginDowntime(const QStringList &arguments)
{
    CommandContext ctx(u"begin-downtime"_s);
    ctx.parser().setApplicationDescription(
        u"Mark a server as downtimed: it is still polled and shown, but recovery leaves it alone."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server."_s);
    ctx.parser().addOption({u"reason"_s, u"Why (required)."_s, u"TEXT"_s});
    ctx.parser().addOption({u"duration"_s, u"How long: 90s, 30m, 2h, 1d (default 1h)."_s, u"D"_s, u"1h"_s});
    ctx.parser().addOption({u"owner"_s, u"Who (default: $USER)."_s, u"NAME"_s});
    ctx.addStoreOption();
    int code = 0;
    const auto key = ctx.parseInstance(arguments, &code);
    if (!key)
        return code;
    const QString reason = ctx.parser().value(u"reason"_s).trimmed();
    if (reason.isEmpty())
        return ctx.usage(u"--reason is required: say why the server is down"_s);
    auto seconds = Duration::parseSeconds(ctx.parser().value(u"duration"_s));
    if (!seconds.ok())
        return ctx.usage(u"--duration: "_s + seconds.error());
    QString owner = ctx.parser().value(u"owner"_s);
    if (owner.isEmpty())
        owner = qEnvironmentVariable("USER", u"unknown"_s);
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto begun = Maintenance(store.get()).beginDowntime(key.value(), owner, reason, seconds.value());
    if (!begun.ok())
        return ctx.fail(begun.error());
    const Downtime &downtime = begun.value();
    ctx.out() << u"%1 downtimed until %2 (%3)\n"_s.arg(key->toString(), downtime.end.toString(Qt::ISODate), reason);
    return 0;
}

int runEndDowntime(const QStringList &arguments)
{
    CommandContext ctx(u"end-downtime"_s);
    ctx.parser().setApplicationDescription(u"End a server's downtime."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"The server."_s);
    ctx.addStoreOption();
    int code = 0;
    const auto key = ctx.parseInstance(arguments, &code);
    if (!key)
        return code;
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    if (!CommandContext::downtimedKeys(*store).contains(key.value()))
        return ctx.fail(u"%1 is not downtimed"_s.arg(key->toString()));
    if (auto r = Maintenance(store.get()).endDowntime(key.value()); !r.ok())
        return ctx.fail(r.error());
    ctx.out() << u"downtime of %1 ended\n"_s.arg(key->toString());
    return 0;
}

int runDowntimed(const QStringList &arguments)
{
    CommandContext ctx(u"downtimed"_s);
    ctx.parser().setApplicationDescription(u"List servers in downtime: server, until, owner, reason."_s);
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    auto active = store->readActiveDowntimes(QDateTime::currentDateTimeUtc());
    if (!active.ok())
        return ctx.fail(active.error());
    for (const Downtime &d : active.value())
        ctx.out() << u"%1\t%2\t%3\t%4\n"_s.arg(d.key.toString(), d.end.toString(Qt::ISODate), d.owner, d.reason);
    return 0;
}

int runAlias(const QStringList &arguments)
{
    CommandContext ctx(u"alias"_s);
    ctx.parser().setApplicationDescription(u"Give a cluster a name people use (shown in trees and lists)."_s);
    ctx.parser().addPositionalArgument(u"CLUSTER"_s, u"Cluster name: its master's host:port."_s);
    ctx.parser().addPositionalArgument(u"ALIAS"_s, u"The alias; empty removes it."_s);
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const QStringList positional = ctx.parser().positionalArguments();
    if (positional.size() != 2)
        return ctx.usage(u"expected CLUSTER and ALIAS"_s);
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    if (auto r = store->setClusterAlias(positional[0], positional[1]); !r.ok())
        return ctx.fail(r.error());
    ctx.out() << u"cluster %1 is now called %2\n"_s.arg(positional[0], positional[1]);
    return 0;
}

} // namespace arbor::app
