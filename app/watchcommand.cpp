// watch: the headless face of the demo — discover, then keep polling and printing the live tree.
#include "commandcontext.h"
#include "commands.h"

#include "model/topologystate.h"
#include "model/topologytext.h"
#include "probe/poller.h"

#include <QCoreApplication>
#include <QTime>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {
std::atomic<bool> s_interrupted{false};
extern "C" void onInterrupt(int)
{
    s_interrupted.store(true);
}
} // namespace

int runWatch(const QStringList &arguments)
{
    CommandContext ctx(u"watch"_s);
    ctx.parser().setApplicationDescription(
        u"Discover the topology around HOST:PORT, then poll every server and print the live tree whenever it "
        "changes (redrawn in place on a terminal) until Ctrl-C."_s);
    ctx.parser().addPositionalArgument(u"HOST:PORT"_s, u"Any server of the topology."_s);
    ctx.parser().addOption({u"interval"_s, u"Seconds between polls of a server (default 5)."_s, u"S"_s, u"5"_s});
    ctx.addTopologyOptions();
    int code = 0;
    const auto seed = ctx.parseInstance(arguments, &code);
    if (!seed)
        return code;
    auto options = ctx.pollerOptions();
    if (!options.ok())
        return ctx.usage(options.error());
    bool ok = false;
    const int interval = ctx.parser().value(u"interval"_s).toInt(&ok);
    if (!ok || interval < 1 || interval > 3600)
        return ctx.usage(u"--interval must be a whole number of seconds from 1 to 3600"_s);
    PollerOptions pollerOptions = options.value();
    pollerOptions.pollIntervalMs = interval * 1000;

    Poller poller(pollerOptions);
    TopologyState state;
    QObject::connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
    const bool terminal = isatty(STDOUT_FILENO);
    QString lastText;
    bool dirty = true;
    auto redraw = [&] {
        if (!dirty)
            return;
        dirty = false;
        QString text;
        const Topology &topology = state.topology();
        for (const Cluster &cluster : topology.clusters()) {
            QSet<InstanceKey> downtimed;
            text += TopologyText::render(topology, cluster, downtimed) + u'\n';
            for (const InstanceKey &k : cluster.members) {
                const Instance *i = topology.instance(k);
                if (i && !i->lastCheckValid)
                    text += u"  ! %1: %2\n"_s.arg(k.toString(), i->lastError);
            }
        }
        if (text == lastText && !terminal)
            return;
        lastText = text;
        if (terminal)
            ctx.out() << u"\x1b[H\x1b[2J"_s;
        ctx.out() << u"Arbor watching %1 server(s) from %2, polling every %3 s — %4 (Ctrl-C to stop)\n\n"_s
                         .arg(state.instances().size())
                         .arg(seed->toString())
                         .arg(interval)
                         .arg(QTime::currentTime().toString(u"HH:mm:ss"_s))
                  << text;
        ctx.out().flush();
    };
    QObject::connect(&state, &TopologyState::instanceChanged, [&](const Instance &now, const Instance &before) {
        if (TopologyText::describe(now, false, 10) != TopologyText::describe(before, false, 10)
            || now.lastError != before.lastError)
            dirty = true;
    });
    QObject::connect(&state, &TopologyState::structureChanged, [&] { dirty = true; });

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        if (s_interrupted.load()) {
            QCoreApplication::quit();
            return;
        }
        redraw();
    });
    tick.start(200);
    poller.addInstance(seed.value());
    poller.start();
    const int rc = QCoreApplication::exec();
    poller.stop();
    ctx.out() << u"stopped watching\n"_s;
    return rc;
}

} // namespace arbor::app
