// Benchmark (not a test): Arbor's poller against simulated fleets of 1,000 / 5,000 / 10,000 MariaDB
// servers (arbor-simulator processes on 127.0.0.1), at 5 s and 1 s intervals; with 10% dead or hung
// servers; with the SQLite and MariaDB store backends; and discovery of a 10,000-server fleet.
//   build/tests/bench/arbor-bench-scale            full run (about 10 minutes)
//   build/tests/bench/arbor-bench-scale --quick    1,000 servers only
// Every load is bounded: a fixed measuring window per scenario and a deadline for each wait.
#include "benchutil.h"
#include "fleetmodel.h"
#include "simulatedfleet.h"
#include "sandbox.h"
#include "waitfor.h"

#include "probe/discovery.h"
#include "probe/poller.h"
#include "store/storewriter.h"
#include "util/allocator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <map>
#include <unistd.h>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::bench;

namespace {

QTextStream out(stdout);

qint64 g_rssAtStartKb = 0; // before any scenario: Qt, libmariadb and SQLite, no servers

qint64 rssKb()
{
    return processStatus(0, "VmRSS");
}

struct Scenario
{
    int servers = 1000;
    int intervalMs = 5000;
    StoreOptions store;
    QString storeName = u"SQLite"_s;
    double faultShare = 0; // half dead, half hung
    int windowIntervals = 3;
    bool batch = true;
    bool directRows = true; // false: rows through QSqlQuery and QSqlRecord (before issue 16)
    bool crashWatch = true;
};

void runScenario(SimulatedFleet &fleet, const Scenario &sc)
{
    PollerOptions o;
    o.probe.credentials = Credentials(u"arbor"_s, u"arbor"_s);
    o.pollIntervalMs = sc.intervalMs;
    o.followTopology = false;
    o.recordHistory = 1000;
    o.batchStatements = sc.batch;
    o.probe.directRows = sc.directRows;
    o.probe.crashWatch = sc.crashWatch;

    StoreWriter writer(sc.store, 100, 1000);
    if (auto started = writer.start(); !started.ok()) {
        out << "store: " << started.error() << "\n";
        return;
    }
    Poller poller(o);
    std::vector<PollRecord> records;
    records.reserve(size_t(sc.servers) * 20);
    QObject::connect(&poller, &Poller::pollRecorded, [&](const PollRecord &r) { records.push_back(r); });
    QObject::connect(&poller, &Poller::instancePolled, [&](const Instance &i) { writer.enqueue(i); });
    for (int i = 0; i < sc.servers; ++i)
        poller.addInstance(fleet.key(i));
    QElapsedTimer clock;
    clock.start();
    poller.start();
    if (!arbor::testsupport::waitFor([&] { return poller.isSettled(); }, 120000)) {
        out << "poller did not settle within 120 s\n";
        return;
    }
    const qint64 settleMs = clock.elapsed();
    // Faults on leaves spread across trees (every k-th server whose index ends in 8 or 9).
    std::vector<bool> bad(size_t(sc.servers), false);
    const qint64 faultAt = poller.now();
    if (sc.faultShare > 0) {
        const int step = int(std::lround(1.0 / sc.faultShare)) * 2;
        fleet.control(u"net 8-%1/%2 dead"_s.arg(sc.servers - 1).arg(step).toUtf8());
        fleet.control(u"net 9-%1/%2 hung"_s.arg(sc.servers - 1).arg(step).toUtf8());
        for (int i = 8; i < sc.servers; i += step)
            bad[size_t(i)] = true;
        for (int i = 9; i < sc.servers; i += step)
            bad[size_t(i)] = true;
    }
    // Let the schedule reach steady state, then measure a fixed window.
    const qint64 from = poller.now() + 2 * sc.intervalMs;
    const qint64 to = from + qint64(sc.windowIntervals) * sc.intervalMs;
    arbor::testsupport::waitFor([&] { return poller.now() >= from; }, 4 * sc.intervalMs + 5000);
    const double cpu0 = selfCpuSeconds();
    const double simCpu0 = fleet.cpuSeconds();
    const qint64 rows0 = writer.rowsWritten();
    const qint64 batches0 = writer.batchesWritten();
    arbor::testsupport::waitFor([&] { return poller.now() >= to; }, sc.windowIntervals * sc.intervalMs + 5000);
    const double wall = double(poller.now() - from) / 1000.0;
    const double cpu = selfCpuSeconds() - cpu0;
    const double simCpu = fleet.cpuSeconds() - simCpu0;
    const qint64 rows = writer.rowsWritten() - rows0;
    const qint64 batches = writer.batchesWritten() - batches0;
    const qint64 rssAfter = rssKb();
    const int threadsAfter = poller.workerThreads();
    // Polls due in the window may finish a little after it.
    arbor::testsupport::waitFor([&] { return poller.now() >= to + std::min(sc.intervalMs, 3000); }, 10000);
    const int peakThreads = poller.peakWorkerThreads();
    poller.stop();
    writer.stop();
    if (sc.faultShare > 0) {
        fleet.control(u"net 8-%1/%2 ok"_s.arg(sc.servers - 1).arg(int(std::lround(1.0 / sc.faultShare)) * 2).toUtf8());
        fleet.control(u"net 9-%1/%2 ok"_s.arg(sc.servers - 1).arg(int(std::lround(1.0 / sc.faultShare)) * 2).toUtf8());
    }

    const qint64 onTimeMs = std::max<qint64>(100, sc.intervalMs / 10);
    std::vector<double> latency;
    std::vector<double> lateness;
    qint64 polls = 0;
    qint64 onTime = 0;
    qint64 failedHealthy = 0;
    qint64 transitionLate = 0;
    qint64 transitionPolls = 0;
    for (const PollRecord &r : records) {
        const int index = r.key.port() - fleet.basePort();
        const bool isBad = index >= 0 && index < sc.servers && bad[size_t(index)];
        if (isBad)
            continue;
        if (sc.faultShare > 0 && r.due >= faultAt && r.due < from) {
            ++transitionPolls;
            if (r.latenessMs() > onTimeMs)
                ++transitionLate;
        }
        if (r.due < from || r.due >= to)
            continue;
        ++polls;
        if (!r.ok)
            ++failedHealthy;
        if (r.latenessMs() <= onTimeMs)
            ++onTime;
        lateness.push_back(double(r.latenessMs()));
        latency.push_back(double(r.durationMs()));
    }
    const qint64 expected = qint64(sc.windowIntervals) * qint64(std::count(bad.begin(), bad.end(), false));
    out << u"| %1 | %2 s | %3 | %4 | %5 / %6 / %7 | %8 % | %9 / %10 ms | %11 / %12 ms | %13 s | %14 | %15 | %16 | %17/s, %18 rows | settle %19 s"_s
               .arg(sc.servers)
               .arg(sc.intervalMs / 1000.0)
               .arg(sc.storeName + (sc.batch ? QString() : u" (one statement per round trip)"_s)
                    + (sc.directRows ? QString() : u" (rows through QtSql)"_s)
                    + (sc.crashWatch ? QString() : u" (no crash watch)"_s))
               .arg(sc.faultShare > 0 ? u"%1 %"_s.arg(sc.faultShare * 100) : u"-"_s)
               .arg(failedHealthy)
               .arg(polls)
               .arg(expected)
               .arg(polls ? 100.0 * double(onTime) / double(polls) : 0, 0, 'f', 2)
               .arg(percentile(latency, 0.5), 0, 'f', 1)
               .arg(percentile(latency, 0.99), 0, 'f', 1)
               .arg(percentile(lateness, 0.99), 0, 'f', 0)
               .arg(lateness.empty() ? 0 : *std::max_element(lateness.begin(), lateness.end()), 0, 'f', 0)
               .arg(polls ? cpu / double(polls) * 1000 : 0, 0, 'f', 3)
               .arg(cpu / wall, 0, 'f', 2)
               .arg(simCpu / wall, 0, 'f', 2)
               .arg(u"%1 MB (%2 KB)"_s.arg(double(rssAfter) / 1024, 0, 'f', 0).arg(double(rssAfter - g_rssAtStartKb) / sc.servers, 0, 'f', 1))
               .arg(double(rows) / wall, 0, 'f', 0)
               .arg(batches ? double(rows) / double(batches) : 0, 0, 'f', 0)
               .arg(settleMs / 1000.0, 0, 'f', 1)
        << u", load %1, poll threads %2 (peak %3)"_s.arg(loadAverage()).arg(threadsAfter).arg(peakThreads);
    if (sc.faultShare > 0)
        out << u", transition: %1 of %2 healthy polls late"_s.arg(transitionLate).arg(transitionPolls);
    out << " |\n" << Qt::flush;
    if (sc.faultShare > 0 && qEnvironmentVariableIsSet("ARBOR_BENCH_TIMELINE")) {
        // Per second after the faults: healthy polls due, late, worst lateness, and bad servers' polls.
        struct Second { int due = 0; int late = 0; qint64 worst = 0; qint64 slowest = 0; int bad = 0; qint64 badWorst = 0; };
        std::map<qint64, Second> seconds;
        for (const PollRecord &r : records) {
            if (r.due < faultAt || r.due >= to)
                continue;
            const int index = r.key.port() - fleet.basePort();
            Second &sec = seconds[(r.due - faultAt) / 1000];
            if (index >= 0 && index < sc.servers && bad[size_t(index)]) {
                ++sec.bad;
                sec.badWorst = std::max(sec.badWorst, r.durationMs());
                continue;
            }
            ++sec.due;
            sec.late += r.latenessMs() > onTimeMs ? 1 : 0;
            sec.worst = std::max(sec.worst, r.latenessMs());
            sec.slowest = std::max(sec.slowest, r.durationMs());
        }
        for (const auto &[second, sec] : seconds)
            out << u"  t+%1 s: healthy %2, late %3, worst %4 ms, slowest %5 ms; bad polls %6, longest %7 ms\n"_s.arg(second)
                       .arg(sec.due).arg(sec.late).arg(sec.worst).arg(sec.slowest).arg(sec.bad).arg(sec.badWorst);
    }
}

void runDiscovery(SimulatedFleet &fleet, int servers)
{
    arbor::simulator::FleetOptions fo;
    fo.servers = servers;
    fo.basePort = fleet.basePort();
    const arbor::simulator::FleetModel model(fo);
    QList<InstanceKey> seeds;
    for (int c = 0; c < model.clusterCount(); ++c)
        seeds << fleet.key(std::min(servers - 1, c * fo.clusterSize + fo.clusterSize - 1));
    PollerOptions o;
    o.probe.credentials = Credentials(u"arbor"_s, u"arbor"_s);
    const double cpu0 = selfCpuSeconds();
    const auto outcome = Discovery::run(seeds, o, 180000);
    const double cpu = selfCpuSeconds() - cpu0;
    int right = 0;
    QHash<InstanceKey, InstanceKey> parent;
    for (const Instance &i : outcome.instances)
        parent.insert(i.key, i.sourceKey());
    for (int i = 0; i < servers; ++i) {
        const int s = model.sourceOf(i);
        if (parent.contains(fleet.key(i)) && parent.value(fleet.key(i)) == (s < 0 ? InstanceKey() : fleet.key(s)))
            ++right;
    }
    out << u"discovery of %1 servers in %2 trees from %3 leaf seeds: %4 found, %5 with the right source, %6 in %7 s "
           "(Arbor CPU %8 s)\n"_s
               .arg(servers)
               .arg(model.clusterCount())
               .arg(seeds.size())
               .arg(outcome.instances.size())
               .arg(right)
               .arg(outcome.complete ? u"complete"_s : u"INCOMPLETE"_s)
               .arg(outcome.elapsedMs / 1000.0, 0, 'f', 2)
               .arg(cpu, 0, 'f', 2)
        << Qt::flush;
}

} // namespace

int main(int argc, char **argv)
{
    arbor::core::limitMallocArenas(); // as the arbor binary does
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Arbor's poller at scale against arbor-simulator fleets."_s);
    parser.addHelpOption();
    const QCommandLineOption quick(u"quick"_s, u"1,000 servers only."_s);
    const QCommandLineOption sizesOption(u"sizes"_s, u"Fleet sizes."_s, u"N,N"_s, u"1000,5000,10000"_s);
    const QCommandLineOption intervalsOption(u"intervals"_s, u"Poll intervals, ms."_s, u"MS,MS"_s, u"5000,1000"_s);
    const QCommandLineOption noMariaDb(u"no-mariadb"_s, u"Skip the MariaDB store backend run."_s);
    const QCommandLineOption faultsOnly(u"faults-only"_s, u"Only the 10 % dead/hung run (and discovery)."_s);
    const QCommandLineOption compareBatch(u"compare-batch"_s,
                                          u"Each healthy scenario also with one statement per round trip (the baseline)."_s);
    const QCommandLineOption compareRows(u"compare-rows"_s,
                                         u"Each healthy scenario first with rows read through QtSql and no crash watch "
                                         "(the path before issue 16), then as now: an A/B in the same run."_s);
    const QCommandLineOption repeat(u"repeat"_s, u"Run each healthy scenario (and its baseline) this often."_s, u"N"_s, u"1"_s);
    parser.addOptions({quick, sizesOption, intervalsOption, noMariaDb, faultsOnly, compareBatch, compareRows, repeat});
    parser.process(app);

    QList<int> sizes;
    for (const QString &s : parser.value(sizesOption).split(u','))
        sizes << s.toInt();
    if (parser.isSet(quick))
        sizes = {1000};
    QList<int> intervals;
    for (const QString &s : parser.value(intervalsOption).split(u','))
        intervals << s.toInt();
    const int largest = *std::max_element(sizes.begin(), sizes.end());

    out << "machine: " << QSysInfo::prettyProductName() << ", " << cpuModel() << ", " << QThread::idealThreadCount()
        << " cores, ulimit -n " << sysconf(_SC_OPEN_MAX) << "\n";
    out << "on time: a poll started within max(100 ms, interval/10) of its due time; latency = one poll's duration "
           "(6-7 statements); CPU of the Arbor process only.\n\n";
    out << "| servers | interval | store | bad | failed/healthy polls/expected | on time | latency p50 / p99 | "
           "lateness p99 / max | Arbor CPU per 1,000 polls | Arbor cores | simulator cores | RSS (per server over start) | "
           "store rows / mean batch | notes |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        << Qt::flush;

    QTemporaryDir dir;
    g_rssAtStartKb = rssKb();
    for (const int servers : sizes) {
        SimulatedFleet fleet(QStringLiteral(ARBOR_SIMULATOR_BINARY));
        if (auto started = fleet.start(servers); !started.ok()) {
            out << started.error() << "\n";
            return 1;
        }
        for (const int interval : intervals) {
            if (parser.isSet(faultsOnly))
                break;
            Scenario sc;
            sc.servers = servers;
            sc.intervalMs = interval;
            sc.windowIntervals = interval >= 5000 ? 3 : 10;
            sc.store = StoreOptions::sqlite(dir.filePath(u"store-%1-%2.sqlite3"_s.arg(servers).arg(interval)));
            for (int r = 0; r < std::max(1, parser.value(repeat).toInt()); ++r) {
                if (parser.isSet(compareBatch)) {
                    Scenario baseline = sc;
                    baseline.batch = false;
                    baseline.store = StoreOptions::sqlite(dir.filePath(u"store-%1-%2-single-%3.sqlite3"_s.arg(servers).arg(interval).arg(r)));
                    runScenario(fleet, baseline);
                }
                if (parser.isSet(compareRows)) {
                    Scenario baseline = sc;
                    baseline.directRows = false;
                    baseline.crashWatch = false;
                    baseline.store = StoreOptions::sqlite(dir.filePath(u"store-%1-%2-qtsql-%3.sqlite3"_s.arg(servers).arg(interval).arg(r)));
                    runScenario(fleet, baseline);
                }
                sc.store = StoreOptions::sqlite(dir.filePath(u"store-%1-%2-%3.sqlite3"_s.arg(servers).arg(interval).arg(r)));
                runScenario(fleet, sc);
            }
        }
        if (servers == largest) {
            Scenario sc;
            sc.servers = servers;
            sc.intervalMs = intervals.first();
            sc.windowIntervals = 3;
            sc.faultShare = 0.1;
            sc.store = StoreOptions::sqlite(dir.filePath(u"store-faults.sqlite3"_s));
            runScenario(fleet, sc);
            if (!parser.isSet(noMariaDb) && arbor::testsupport::Sandbox::available()) {
                arbor::testsupport::Sandbox sandbox({arbor::testsupport::SandboxShape::Single, 1, true});
                if (auto s = sandbox.start(); s.ok()) {
                    (void)sandbox.execute(0, u"CREATE DATABASE arbor_bench"_s);
                    (void)sandbox.execute(0, u"CREATE USER 'bench'@'%' IDENTIFIED BY 'bench'"_s);
                    (void)sandbox.execute(0, u"GRANT ALL ON arbor_bench.* TO 'bench'@'%'"_s);
                    Scenario m = sc;
                    m.faultShare = 0;
                    m.store = StoreOptions::mySql(u"127.0.0.1"_s, sandbox.port(0), u"arbor_bench"_s, u"bench"_s, u"bench"_s);
                    m.storeName = u"MariaDB"_s;
                    runScenario(fleet, m);
                } else {
                    out << "MariaDB store sandbox: " << s.error() << "\n";
                }
            }
            out << "\n";
            runDiscovery(fleet, servers);
        }
    }
    return 0;
}
