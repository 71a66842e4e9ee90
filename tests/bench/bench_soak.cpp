// Benchmark (not a test, not in CI): a long run of `arbor --service` polling a simulated fleet (default
// 5,000 servers at 1 s) while 1 % of the servers flap (dead, hung, slow, broken replication, in turns),
// an API client reads /api/cluster/... and /metrics (default 50 requests/s) and one relocation runs
// every 10 s. Every minute: the service's RSS, threads, open descriptors and CPU, and the polls that
// finished within an interval of their due time; at the end the slopes after the warm-up, the API's
// latency percentiles and the relocations.
//   build/tests/bench/arbor-bench-soak                 30 minutes
//   build/tests/bench/arbor-bench-soak --minutes 3     a short try
#include "benchutil.h"
#include "serviceconfig.h"
#include "serviceprocess.h"
#include "simulatedfleet.h"
#include "waitfor.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::bench;
using namespace arbor::testsupport;

namespace {

QTextStream out(stdout);

// Tree shape of the simulator's default fleet (clusters of 10, fanout 3): 0 is the master, 1-3 its
// replicas, 4-6 replicate from 1 and 7-9 from 2. Flapping servers are leaves 5-9, so no fault ever
// asks for a master recovery; relocations move leaf 4 between the intermediate masters 1 and 2.
constexpr int kClusterSize = 10;
constexpr int kFirstFlappingLeaf = 5;
constexpr int kMovingLeaf = 4;

struct Sample
{
    int minute = 0;
    double rssMb = 0;
    double threads = 0;
    double fds = 0;
    double cores = 0;
    qint64 attempts = 0;
    qint64 overruns = 0;
    QString load;
};

// "arbor_poll_attempts_total 123" lines of /metrics.
double metric(const QByteArray &text, const QByteArray &name)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(name + ' '))
            return line.mid(name.size() + 1).trimmed().toDouble();
    }
    return -1;
}

class Soak : public QObject
{
public:
    struct Options
    {
        int servers = 5000;
        int intervalSeconds = 1;
        int minutes = 30;
        int warmupMinutes = 5;
        double flapShare = 0.01;
        int requestsPerSecond = 50;
        int relocateSeconds = 10;
        int flapSeconds = 10;
    };

    explicit Soak(const Options &o) : m_o(o), m_fleet(QStringLiteral(ARBOR_SIMULATOR_BINARY)) {}

    int run()
    {
        if (auto started = m_fleet.start(m_o.servers); !started.ok()) {
            out << started.error() << "\n";
            return 1;
        }
        m_clusters = m_o.servers / kClusterSize;
        m_service = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), u"soak"_s);
        if (!startService())
            return 1;
        out << u"service (pid %1, API http://%2) up and polling all %3 servers after %4 s; load %5\n"_s
                   .arg(m_service->process().processId())
                   .arg(m_service->listenAddress())
                   .arg(m_o.servers)
                   .arg(m_clock.elapsed() / 1000.0, 0, 'f', 1)
                   .arg(loadAverage())
            << Qt::flush;

        QTimer api;
        connect(&api, &QTimer::timeout, this, &Soak::request);
        api.start(1000 / m_o.requestsPerSecond);
        QTimer flap;
        connect(&flap, &QTimer::timeout, this, &Soak::nextFlap);
        flap.start(m_o.flapSeconds * 1000);
        QTimer relocate;
        connect(&relocate, &QTimer::timeout, this, &Soak::relocate);
        relocate.start(m_o.relocateSeconds * 1000);
        QTimer minute;
        connect(&minute, &QTimer::timeout, this, &Soak::sample);
        minute.start(60000);

        out << "\n| minute | RSS MB | threads | open fds | service cores | polls | finished > 1 interval late | load |\n"
               "|---|---|---|---|---|---|---|---|\n"
            << Qt::flush;
        sample();
        const bool alive = waitFor([&] { return !m_service->isRunning() || int(m_samples.size()) > m_o.minutes; },
                                   (m_o.minutes + 1) * 60000 + 30000);
        api.stop();
        flap.stop();
        relocate.stop();
        minute.stop();
        waitFor([&] { return m_inFlight == 0; }, 15000);
        report(alive && m_service->isRunning());
        m_service->stop();
        return 0;
    }

private:
    bool startService()
    {
        const QString credentials = m_dir.filePath(u"topology.cnf"_s);
        QFile f(credentials);
        if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
            out << "cannot write " << credentials << "\n";
            return false;
        }
        f.write("[client]\nuser=arbor\npassword=arbor\n");
        f.close();
        QJsonArray seeds;
        for (int c = 0; c < m_clusters; ++c)
            seeds.append(m_fleet.key(c * kClusterSize).toString());
        const QJsonObject config{
            {u"backend"_s, QJsonObject{{u"kind"_s, u"sqlite"_s}, {u"sqliteFile"_s, m_dir.filePath(u"arbor.sqlite3"_s)}}},
            {u"topology"_s, QJsonObject{{u"credentialsFile"_s, credentials}, {u"pollSeconds"_s, m_o.intervalSeconds},
                                        {u"connectTimeoutSeconds"_s, 1}, {u"readTimeoutSeconds"_s, 2}, {u"seeds"_s, seeds}}},
            {u"node"_s, QJsonObject{{u"name"_s, u"soak"_s}}},
            {u"api"_s, QJsonObject{{u"listen"_s, m_service->listenAddress()}, {u"anonymous"_s, u"read-only"_s},
                                   {u"users"_s, QJsonArray{serviceUser(u"op"_s, u"operator"_s)}}}},
        };
        if (auto written = m_service->writeConfig(config); !written.ok()) {
            out << written.error() << "\n";
            return false;
        }
        m_clock.start();
        m_service->start();
        if (!m_service->waitForStarted() || !m_service->waitForPing(60000)) {
            out << "the service did not answer /api/_ping within 60 s; its log:\n" << m_service->log(4000) << "\n";
            return false;
        }
        // Discovery from one seed per tree, then every server polled.
        const bool known = waitFor(
            [&] {
                const ServiceReply r = m_service->get(u"/metrics"_s, {}, 5000);
                return metric(r.body, "arbor_instances_known") >= m_o.servers
                       && metric(r.body, "arbor_instances_unreachable") == 0;
            },
            300000);
        if (!known) {
            out << "the service did not know and reach all " << m_o.servers << " servers within 300 s; /metrics:\n"
                << m_service->get(u"/metrics"_s, {}, 5000).body << "\n";
            return false;
        }
        return true;
    }

    void request()
    {
        if (m_inFlight >= 200) { // the service has fallen far behind: count it instead of piling up
            ++m_skipped;
            return;
        }
        QString path = u"/metrics"_s;
        if (m_requests++ % 2 == 0) {
            const int c = int(QRandomGenerator::global()->bounded(m_clusters));
            path = u"/api/cluster/"_s + m_fleet.key(c * kClusterSize).toString();
        }
        send(path, {}, [this](QNetworkReply *reply, double ms) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200 && !reply->readAll().isEmpty())
                m_latencies.push_back(ms);
            else
                ++m_apiFailures;
        });
    }

    template<typename Done>
    void send(const QString &path, const QString &user, Done done)
    {
        QNetworkRequest r(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_service->port()).arg(path)));
        r.setTransferTimeout(30000);
        if (!user.isEmpty())
            r.setRawHeader("Authorization", "Basic " + (user + u':' + servicePassword(user)).toUtf8().toBase64());
        QElapsedTimer t;
        t.start();
        ++m_inFlight;
        QNetworkReply *reply = m_http.get(r);
        connect(reply, &QNetworkReply::finished, this, [this, reply, t, done] {
            --m_inFlight;
            done(reply, double(t.nsecsElapsed()) / 1e6);
            reply->deleteLater();
        });
    }

    // One turn: the previous 1 % back to healthy, the next 1 % (one leaf in each of that many
    // consecutive trees) into the next fault of the cycle.
    void nextFlap()
    {
        const int count = std::max(1, int(m_o.servers * m_o.flapShare));
        if (!m_flapRange.isEmpty()) {
            m_fleet.control("net " + m_flapRange + " ok");
            m_fleet.control("repl " + m_flapRange + " ok");
        }
        const int firstCluster = (m_turn * count) % std::max(1, m_clusters - count);
        const int leaf = kFirstFlappingLeaf + m_turn % (kClusterSize - kFirstFlappingLeaf);
        const int first = firstCluster * kClusterSize + leaf;
        m_flapRange = QByteArray::number(first) + '-' + QByteArray::number(first + (count - 1) * kClusterSize) + '/'
                      + QByteArray::number(kClusterSize);
        static const QByteArrayList faults = {"net %1 dead", "net %1 hung", "net %1 slow 700", "repl %1 broken-sql"};
        QByteArray line = faults.at(m_turn % faults.size());
        line.replace("%1", m_flapRange);
        if (!m_fleet.control(line))
            ++m_controlFailures;
        ++m_turn;
    }

    // Leaf 4 of the next tree moves below the other intermediate master (1 ↔ 2).
    void relocate()
    {
        const int c = m_relocations % m_clusters;
        const int below = m_moved.value(c) ? 1 : 2;
        const QString path = u"/api/relocate/127.0.0.1/%1/127.0.0.1/%2"_s.arg(m_fleet.key(c * kClusterSize + kMovingLeaf).port())
                                 .arg(m_fleet.key(c * kClusterSize + below).port());
        ++m_relocations;
        send(path, u"op"_s, [this, c](QNetworkReply *reply, double ms) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status == 200) {
                m_moved[c] = !m_moved.value(c);
                m_relocateMs.push_back(ms);
            } else {
                ++m_relocateFailures;
                if (m_relocateErrors.size() < 3)
                    m_relocateErrors << u"%1: %2"_s.arg(status).arg(QString::fromUtf8(reply->readAll().left(300)));
            }
        });
    }

    void sample()
    {
        const qint64 pid = m_service->process().processId();
        const ServiceReply metrics = m_service->get(u"/metrics"_s, {}, 10000);
        Sample s;
        s.minute = int(m_samples.size());
        s.rssMb = double(processStatus(pid, "VmRSS")) / 1024.0;
        s.threads = double(processStatus(pid, "Threads"));
        s.fds = openDescriptors(pid);
        const double cpu = processCpuSeconds(pid);
        s.cores = m_samples.empty() ? 0 : (cpu - m_lastCpu) / 60.0;
        m_lastCpu = cpu;
        // A /metrics that did not answer within 10 s keeps the last counters (and is counted).
        s.attempts = qint64(metric(metrics.body, "arbor_poll_attempts_total"));
        s.overruns = qint64(metric(metrics.body, "arbor_poll_overruns_total"));
        if (metrics.status != 200 || s.attempts < 0 || s.overruns < 0) {
            ++m_unansweredSamples;
            s.attempts = m_samples.empty() ? -1 : m_samples.back().attempts;
            s.overruns = m_samples.empty() ? -1 : m_samples.back().overruns;
        }
        s.load = loadAverage();
        const bool counted = !m_samples.empty() && m_samples.back().attempts >= 0 && s.attempts >= 0;
        const qint64 polls = counted ? s.attempts - m_samples.back().attempts : 0;
        const qint64 late = counted ? s.overruns - m_samples.back().overruns : 0;
        out << u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |\n"_s.arg(s.minute)
                   .arg(s.rssMb, 0, 'f', 1)
                   .arg(s.threads)
                   .arg(s.fds)
                   .arg(s.cores, 0, 'f', 2)
                   .arg(polls)
                   .arg(late)
                   .arg(s.load)
            << Qt::flush;
        m_samples.push_back(s);
    }

    void report(bool survived)
    {
        out << "\n";
        if (!survived)
            out << "THE SERVICE DIED during the run; its log's tail:\n" << m_service->log(4000) << "\n";
        std::vector<double> rss, threads, fds;
        for (const Sample &s : m_samples) {
            if (s.minute >= m_o.warmupMinutes) {
                rss.push_back(s.rssMb);
                threads.push_back(s.threads);
                fds.push_back(s.fds);
            }
        }
        out << u"slopes after minute %1 (least squares over %2 samples): RSS %3 MB/min, threads %4/min, open fds %5/min\n"_s
                   .arg(m_o.warmupMinutes)
                   .arg(rss.size())
                   .arg(slope(rss), 0, 'f', 3)
                   .arg(slope(threads), 0, 'f', 3)
                   .arg(slope(fds), 0, 'f', 3);
        out << u"/metrics unanswered within 10 s at %1 of %2 samples\n"_s.arg(m_unansweredSamples).arg(m_samples.size());
        const auto firstCounted = std::find_if(m_samples.begin(), m_samples.end(), [](const Sample &x) { return x.attempts >= 0; });
        if (firstCounted != m_samples.end() && firstCounted->minute < m_samples.back().minute) {
            const Sample &a = *firstCounted;
            const Sample &b = m_samples.back();
            const qint64 polls = b.attempts - a.attempts;
            out << u"polls: %1 in %2 min (%3/s), %4 finished more than one interval after they were due (%5 % within)\n"_s
                       .arg(polls)
                       .arg(b.minute - a.minute)
                       .arg(double(polls) / (60.0 * (b.minute - a.minute)), 0, 'f', 0)
                       .arg(b.overruns - a.overruns)
                       .arg(polls ? 100.0 * double(polls - (b.overruns - a.overruns)) / double(polls) : 0, 0, 'f', 3);
        }
        out << u"API: %1 answered reads, p50 %2 ms, p99 %3 ms, max %4 ms; %5 failed, %6 not sent (200 in flight)\n"_s
                   .arg(m_latencies.size())
                   .arg(percentile(m_latencies, 0.5), 0, 'f', 1)
                   .arg(percentile(m_latencies, 0.99), 0, 'f', 1)
                   .arg(percentile(m_latencies, 1.0), 0, 'f', 1)
                   .arg(m_apiFailures)
                   .arg(m_skipped);
        out << u"relocations: %1 done (median %2 ms, max %3 ms), %4 failed; flap turns %5 (%6 control failures)\n"_s
                   .arg(m_relocateMs.size())
                   .arg(percentile(m_relocateMs, 0.5), 0, 'f', 0)
                   .arg(percentile(m_relocateMs, 1.0), 0, 'f', 0)
                   .arg(m_relocateFailures)
                   .arg(m_turn)
                   .arg(m_controlFailures);
        for (const QString &e : m_relocateErrors)
            out << "  relocation refused: " << e << "\n";
        out << Qt::flush;
    }

    Options m_o;
    SimulatedFleet m_fleet;
    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_service;
    QNetworkAccessManager m_http;
    QElapsedTimer m_clock;
    int m_clusters = 0;
    double m_lastCpu = 0;
    std::vector<Sample> m_samples;
    std::vector<double> m_latencies;
    std::vector<double> m_relocateMs;
    QStringList m_relocateErrors;
    QHash<int, bool> m_moved;
    QByteArray m_flapRange;
    qint64 m_requests = 0;
    int m_inFlight = 0;
    int m_skipped = 0;
    int m_apiFailures = 0;
    int m_relocations = 0;
    int m_relocateFailures = 0;
    int m_turn = 0;
    int m_controlFailures = 0;
    int m_unansweredSamples = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"arbor --service under a long mixed load against an arbor-simulator fleet."_s);
    parser.addHelpOption();
    const QCommandLineOption minutes(u"minutes"_s, u"Length of the run after start-up."_s, u"N"_s, u"30"_s);
    const QCommandLineOption servers(u"servers"_s, u"Simulated servers (a multiple of 10)."_s, u"N"_s, u"5000"_s);
    const QCommandLineOption interval(u"interval"_s, u"Poll interval, seconds."_s, u"S"_s, u"1"_s);
    const QCommandLineOption rate(u"rate"_s, u"API reads per second (half /api/cluster/..., half /metrics)."_s, u"N"_s, u"50"_s);
    parser.addOptions({minutes, servers, interval, rate});
    parser.process(app);
    Soak::Options o;
    o.minutes = std::max(1, parser.value(minutes).toInt());
    o.servers = std::max(100, parser.value(servers).toInt() / kClusterSize * kClusterSize);
    o.intervalSeconds = std::max(1, parser.value(interval).toInt());
    o.requestsPerSecond = std::clamp(parser.value(rate).toInt(), 1, 1000);
    o.warmupMinutes = std::min(5, o.minutes / 2);
    out << "arbor-bench-soak: " << o.servers << " servers at " << o.intervalSeconds << " s, " << o.minutes << " min, "
        << o.requestsPerSecond << " API reads/s, 1 % flapping every 10 s, a relocation every 10 s; " << cpuModel()
        << ", load " << loadAverage() << "\n"
        << Qt::flush;
    Soak soak(o);
    return soak.run();
}
