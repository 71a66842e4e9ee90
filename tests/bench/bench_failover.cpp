// Failover benchmark: a 4-server MariaDB sandbox (master + 3 replicas), Arbor polling every second,
// the master SIGKILLed at a random moment of the poll cycle. Reports, per run and as min/median/max,
// the time from the kill to: detection (DeadMaster confirmed), the pre-failover hook done, and every
// reachable replica read back replicating from the new master.
// With the crash watch (the default) detection does not wait for a poll: the master's idle connection
// reports EOF at once. --compare-watch alternates runs with and without it (A/B in the same run).
//   arbor-bench-failover [--runs N] [--interval-ms MS] [--no-crash-watch | --compare-watch]
#include "sandbox.h"
#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "core/recovery/recoverycoordinator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {

struct Run
{
    qint64 detect = -1, preHook = -1, repointed = -1;
};

QString stats(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return u"n/a"_s;
    const qint64 median = v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
    return u"min %1 ms, median %2 ms, max %3 ms"_s.arg(v.first()).arg(median).arg(v.last());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"runs"_s, u"Number of runs"_s, u"N"_s, u"5"_s});
    parser.addOption({u"interval-ms"_s, u"Poll interval"_s, u"MS"_s, u"1000"_s});
    parser.addOption({u"no-crash-watch"_s, u"Detect by polls only (the behaviour before issue 16)"_s});
    parser.addOption({u"compare-watch"_s, u"Alternate runs with and without the crash watch"_s});
    parser.process(app);
    const bool compare = parser.isSet(u"compare-watch"_s);
    const int runs = parser.value(u"runs"_s).toInt();
    const int interval = parser.value(u"interval-ms"_s).toInt();
    if (!Sandbox::available()) {
        std::fprintf(stderr, "mariadbd is not installed\n");
        return 1;
    }
    QList<qint64> detects[2], hooks[2], repoints[2]; // [0] crash watch, [1] polls only
    for (int run = 0; run < (compare ? 2 * runs : runs); ++run) {
        const bool watch = compare ? run % 2 == 0 : !parser.isSet(u"no-crash-watch"_s);
        Sandbox sandbox(SandboxOptions{SandboxShape::Star, 4, true});
        if (auto s = sandbox.start(); !s.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(s.error()));
            return 1;
        }
        PollerOptions po;
        po.probe.credentials = Credentials(sandbox.user(), sandbox.password());
        po.probe.connectTimeoutSeconds = 1;
        po.probe.readTimeoutSeconds = 1;
        po.pollIntervalMs = interval;
        po.probe.crashWatch = watch;
        Poller poller(po);
        TopologyState state;
        QObject::connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        AnalysisMonitor monitor(&state, &poller);
        RecoveryOptions ro;
        ro.recoverMasterClusterFilters = {u"*"_s};
        ro.preFailoverProcesses = {u"true"_s};
        RecoveryCoordinator coordinator(&state, &monitor, &poller, nullptr, ro, po.probe);
        coordinator.setAutomatic(true);
        QElapsedTimer clock;
        Run r;
        bool done = false;
        QString outcome;
        QObject::connect(&monitor, &AnalysisMonitor::failureConfirmed, [&](const ReplicationAnalysis &) {
            if (r.detect < 0 && clock.isValid())
                r.detect = clock.elapsed();
        });
        QObject::connect(&coordinator, &RecoveryCoordinator::recoveryStep, [&](const RecoveryStep &s) {
            if (r.preHook < 0 && s.kind == u"hook"_s && s.what.startsWith(u"PreFailoverProcesses"_s))
                r.preHook = clock.elapsed();
        });
        QObject::connect(&coordinator, &RecoveryCoordinator::recoveryFinished, [&](const RecoveryRecord &rec) {
            r.repointed = clock.elapsed();
            outcome = rec.status + u": "_s + rec.message;
            done = true;
        });
        poller.addInstance(sandbox.key(0));
        poller.start();
        if (!waitFor([&] { return poller.isSettled() && state.instances().size() == 4; }, 20000)) {
            std::fprintf(stderr, "discovery failed\n");
            return 1;
        }
        // Settle into the schedule, then kill at a random moment of the cycle.
        waitFor([] { return false; }, 2 * interval + int(QRandomGenerator::global()->bounded(interval)));
        if (auto k = sandbox.kill(0); !k.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(k.error()));
            return 1;
        }
        clock.start();
        if (!waitFor([&] { return done; }, 30000)) {
            std::fprintf(stderr, "run %d: no recovery within 30 s\n", run + 1);
            return 1;
        }
        std::printf("run %d (%s): detection %lld ms, pre-hook done %lld ms, all replicas repointed %lld ms (%s)\n", run + 1,
                    watch ? "crash watch" : "polls only", r.detect, r.preHook, r.repointed, qPrintable(outcome.left(90)));
        std::fflush(stdout);
        const int v = watch ? 0 : 1;
        detects[v] << r.detect;
        hooks[v] << r.preHook;
        repoints[v] << r.repointed;
    }
    std::printf("poll interval %d ms, %d runs per variant\n", interval, runs);
    for (int v = 0; v < 2; ++v) {
        if (detects[v].isEmpty())
            continue;
        std::printf("%s:\n", v == 0 ? "crash watch (default)" : "polls only");
        std::printf("  detection:              %s\n", qPrintable(stats(detects[v])));
        std::printf("  pre-failover hook done: %s\n", qPrintable(stats(hooks[v])));
        std::printf("  all replicas repointed: %s\n", qPrintable(stats(repoints[v])));
    }
    return 0;
}
