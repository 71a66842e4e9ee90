// Benchmark (not a test): the cost of one poll on a reused connection, and of a full discovery of a
// 5-server sandbox tree. Prints medians of several runs.   build/tests/bench/arbor-bench-poll [runs]
#include "benchutil.h"
#include "sandbox.h"

#include "probe/discovery.h"
#include "probe/instanceprobe.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSysInfo>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::bench;


int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int runs = argc > 1 ? std::max(3, atoi(argv[1])) : 21;
    Sandbox sandbox({SandboxShape::Tree, 5, true});
    QElapsedTimer startClock;
    startClock.start();
    if (auto started = sandbox.start(); !started.ok()) {
        QTextStream(stderr) << "sandbox: " << started.error() << "\n";
        return 1;
    }
    const qint64 sandboxMs = startClock.elapsed();
    out << "machine: " << QSysInfo::prettyProductName() << ", " << cpuModel() << ", " << QThread::idealThreadCount()
        << " cores\n";
    out << "sandbox: 5-server MariaDB tree started and replicating in " << sandboxMs << " ms\n";

    ProbeOptions probeOptions;
    probeOptions.credentials = Credentials(sandbox.user(), sandbox.password());
    for (int target : {0, 3}) {
        InstanceProbe probe(sandbox.key(target), probeOptions);
        QElapsedTimer t;
        t.start();
        const Instance first = probe.poll();
        const double connectMs = t.nsecsElapsed() / 1e6;
        if (!first.lastCheckValid) {
            QTextStream(stderr) << first.lastError << "\n";
            return 1;
        }
        std::vector<double> samples;
        for (int i = 0; i < runs * 10; ++i) {
            t.restart();
            const Instance snapshot = probe.poll();
            samples.push_back(t.nsecsElapsed() / 1e6);
            if (!snapshot.lastCheckValid)
                return 1;
        }
        out << u"poll of %1 (%2): first (with connect) %3 ms; reused connection: median %4 ms, p95 %5 ms, n=%6\n"_s
                   .arg(sandbox.key(target).toString(), target == 0 ? u"master"_s : u"replica"_s)
                   .arg(connectMs, 0, 'f', 2)
                   .arg(percentile(samples, 0.5), 0, 'f', 3)
                   .arg(percentile(samples, 0.95), 0, 'f', 3)
                   .arg(samples.size());
    }

    // CPU of the Arbor side of a poll, rows through DirectQuery (now) or QtSql (before issue 16): A/B in
    // blocks of 500 polls, alternating, batched as the poller sends them.
    for (int target : {0, 3}) {
        double cpu[2] = {0, 0};
        int polls[2] = {0, 0};
        for (int block = 0; block < 2 * std::max(2, runs / 5); ++block) {
            const int variant = block % 2;
            ProbeOptions o = probeOptions;
            o.batchStatements = true;
            o.directRows = variant == 0;
            InstanceProbe probe(sandbox.key(target), o);
            for (int i = 0; i < 13; ++i)
                probe.poll(); // connect and pass the first (unbatched) polls
            const double c0 = selfCpuSeconds();
            for (int i = 0; i < 500; ++i) {
                if (!probe.poll().lastCheckValid)
                    return 1;
            }
            cpu[variant] += selfCpuSeconds() - c0;
            polls[variant] += 500;
        }
        const double direct = cpu[0] * 1000 / polls[0], qtsql = cpu[1] * 1000 / polls[1];
        out << u"CPU per 1,000 polls of %1 (%2): rows through QtSql %3 s, DirectQuery %4 s (%5 %), n=%6 each\n"_s
                   .arg(sandbox.key(target).toString(), target == 0 ? u"master"_s : u"replica"_s)
                   .arg(qtsql, 0, 'f', 3)
                   .arg(direct, 0, 'f', 3)
                   .arg((direct / qtsql - 1) * 100, 0, 'f', 0)
                   .arg(polls[0]);
    }

    PollerOptions pollerOptions;
    pollerOptions.probe = probeOptions;
    for (int seed : {0, 3}) {
        std::vector<double> samples;
        for (int i = 0; i < runs; ++i) {
            const auto outcome = Discovery::run({sandbox.key(seed)}, pollerOptions, 20000);
            if (!outcome.complete || outcome.instances.size() != 5) {
                QTextStream(stderr) << "discovery incomplete: " << outcome.instances.size() << " servers\n";
                return 1;
            }
            samples.push_back(double(outcome.elapsedMs));
        }
        out << u"full discovery of the 5-server tree from %1 (%2): median %3 ms, min %4 ms, max %5 ms, n=%6\n"_s
                   .arg(sandbox.key(seed).toString(), seed == 0 ? u"master"_s : u"leaf replica"_s)
                   .arg(percentile(samples, 0.5), 0, 'f', 1)
                   .arg(*std::min_element(samples.begin(), samples.end()), 0, 'f', 1)
                   .arg(*std::max_element(samples.begin(), samples.end()), 0, 'f', 1)
                   .arg(samples.size());
    }
    return 0;
}
