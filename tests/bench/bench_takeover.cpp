// Benchmark (not a test): kill -9 of the active `arbor --service` node, time until another node answers
// leader-check 200. Two real nodes on a shared MariaDB backend (a sandbox Single server); the killed one
// is started again between runs. A/B in the same run: every run is done with the leader lock
// (election.leaderLock, the default) and without it (the lease alone), alternating.
//   arbor-bench-takeover [--runs N] [--lease S]
#include "sandbox.h"
#include "servicebackend.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "waitfor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

namespace {

QString stats(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return u"n/a"_s;
    const qint64 median = v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
    return u"min %1 ms, median %2 ms, max %3 ms (%4 runs)"_s.arg(v.first()).arg(median).arg(v.last()).arg(v.size());
}

struct Cluster
{
    std::unique_ptr<ServiceProcess> nodes[2];

    bool isActive(int i)
    {
        return nodes[i]->isRunning() && nodes[i]->get(u"/api/leader-check"_s, {}, 1000).status == 200;
    }
    int active()
    {
        for (int i = 0; i < 2; ++i) {
            if (isActive(i))
                return i;
        }
        return -1;
    }
    double metric(int i, const QString &name)
    {
        const ServiceReply r = nodes[i]->get(u"/metrics"_s, {}, 1000);
        for (const QByteArray &line : r.body.split('\n')) {
            if (line.startsWith(name.toUtf8() + ' '))
                return line.mid(name.size() + 1).toDouble();
        }
        return -1;
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"runs"_s, u"Runs per variant"_s, u"N"_s, u"10"_s});
    parser.addOption({u"lease"_s, u"election.leaseSeconds"_s, u"S"_s, u"5"_s});
    parser.process(app);
    const int runs = parser.value(u"runs"_s).toInt();
    const int lease = parser.value(u"lease"_s).toInt();
    if (!Sandbox::available()) {
        std::fprintf(stderr, "mariadbd is not installed\n");
        return 1;
    }
    QTemporaryDir dir;
    Sandbox backend({SandboxShape::Single, 1, true});
    const auto section = startServiceBackend(backend, u"arbor_bench"_s, dir.path());
    if (!section.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(section.error()));
        return 1;
    }
    QList<qint64> results[2]; // [0] leader lock, [1] lease only
    for (int variant = 0; variant < 2; ++variant) {
        Cluster c;
        for (int i = 0; i < 2; ++i) {
            c.nodes[i] = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), dir.path(),
                                                          u"v%1node%2"_s.arg(variant).arg(i));
            const QJsonObject config{
                {u"backend"_s, section.value()},
                {u"topology"_s, serviceTopologySection(backend)},
                {u"election"_s, QJsonObject{{u"leaseSeconds"_s, lease}, {u"leaderLock"_s, variant == 0}}},
                {u"node"_s, QJsonObject{{u"name"_s, u"v%1node%2"_s.arg(variant).arg(i)}}},
                {u"api"_s, QJsonObject{{u"listen"_s, c.nodes[i]->listenAddress()}}},
            };
            if (auto w = c.nodes[i]->writeConfig(config); !w.ok()) {
                std::fprintf(stderr, "%s\n", qPrintable(w.error()));
                return 1;
            }
            c.nodes[i]->start();
            if (!c.nodes[i]->waitForPing(30000)) {
                std::fprintf(stderr, "node %d did not start\n%s\n", i, qPrintable(c.nodes[i]->log(2000)));
                return 1;
            }
        }
        for (int run = 0; run < runs; ++run) {
            int active = -1;
            if (!waitFor([&] { return (active = c.active()) >= 0; }, 3 * lease * 1000)) {
                std::fprintf(stderr, "no active node\n");
                return 1;
            }
            const int standby = 1 - active;
            if (variant == 0
                && !waitFor([&] { return c.metric(standby, u"arbor_leader_lock_watched"_s) == 1.0; }, 5000)) {
                std::fprintf(stderr, "the standby does not watch the leader lock\n%s\n", qPrintable(c.nodes[standby]->log(2000)));
                return 1;
            }
            // A random moment of the renewal cycle.
            waitFor([] { return false; }, 500 + int(QRandomGenerator::global()->bounded(1000)));
            c.nodes[active]->sendSignal(SIGKILL);
            c.nodes[active]->waitForFinished(5000);
            QElapsedTimer t;
            t.start();
            if (!waitFor([&] { return c.isActive(standby); }, (lease + 3) * 1000)) {
                std::fprintf(stderr, "run %d: no takeover\n", run + 1);
                return 1;
            }
            const qint64 took = t.elapsed();
            results[variant] << took;
            std::printf("%s run %d: %lld ms\n", variant == 0 ? "leader lock" : "lease only ", run + 1, took);
            std::fflush(stdout);
            c.nodes[active]->start();
            if (!c.nodes[active]->waitForPing(30000)) {
                std::fprintf(stderr, "restart failed\n");
                return 1;
            }
        }
        for (auto &n : c.nodes)
            n->stop();
    }
    std::printf("kill -9 of the active node -> another node active (lease %d s, renewal 1 s, MariaDB backend):\n", lease);
    std::printf("  leader lock (default): %s\n", qPrintable(stats(results[0])));
    std::printf("  lease only:            %s\n", qPrintable(stats(results[1])));
    return 0;
}
