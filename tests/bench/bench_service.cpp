// Benchmark (not a test) of `arbor --service`:
//  1. API latency (median, p99) of cluster reads on a standby node following a 5,000-server synthetic
//     topology (500 clusters of 10) from a shared MariaDB backend;
//  2. leader takeover time once the lease holder stops renewing;
//  3. idle cost of one node watching the 5-server sandbox at 1 s polling: CPU % of a core over 60 s, RSS.
//     build/tests/bench/arbor-bench-service [idle-seconds]
#include "sandbox.h"
#include "waitfor.h"

#include "store/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <unistd.h>
#include <vector>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {
QTextStream out(stdout);

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

int freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

struct Http
{
    int status = -1;
    QByteArray body;
};

Http get(QNetworkAccessManager &http, int port, const QString &path)
{
    QNetworkRequest r(QUrl(u"http://127.0.0.1:%1%2"_s.arg(port).arg(path)));
    r.setTransferTimeout(10000);
    QNetworkReply *reply = http.get(r);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Http h{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return h;
}

QString writeConfig(const QTemporaryDir &dir, const QString &name, const QJsonObject &config)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(QJsonDocument(config).toJson());
    return path;
}

// utime + stime in clock ticks, and RSS in kB, of a process.
qint64 cpuTicks(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray s = f.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong(); // fields 14 and 15 of stat
}

qint64 statusKb(qint64 pid, const QByteArray &key)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QList<Instance> syntheticTopology(int clusters, int perCluster)
{
    QList<Instance> all;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int c = 0; c < clusters; ++c) {
        const QString host = u"db-%1.example"_s.arg(c);
        for (int n = 0; n < perCluster; ++n) {
            Instance i;
            i.key = InstanceKey(host, 3306 + n);
            i.serverId = c * 100 + n + 1;
            i.version = u"10.11.6-MariaDB-log"_s;
            i.flavour = Flavour::MariaDB;
            i.logBin = true;
            i.logReplicaUpdates = true;
            i.binlogFormat = u"ROW"_s;
            i.readOnly = n > 0;
            i.lastChecked = now;
            i.lastSeen = now;
            i.lastCheckValid = true;
            if (n > 0) {
                ReplicationState r;
                r.sourceKey = InstanceKey(host, n <= 3 ? 3306 : 3306 + 1 + (n % 3));
                r.ioThread = ReplicationState::ThreadState::Running;
                r.sqlThread = ReplicationState::ThreadState::Running;
                r.secondsBehindSource = 0;
                i.replication = r;
            }
            for (int m = 1; m < perCluster; ++m) {
                const int source = m <= 3 ? 0 : 1 + (m % 3);
                if (source == n)
                    i.replicaKeys.append(InstanceKey(host, 3306 + m));
            }
            all.append(i);
        }
    }
    return all;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int idleSeconds = argc > 1 ? std::max(5, atoi(argv[1])) : 60;
    if (!Sandbox::available()) {
        out << "mariadbd is not installed\n";
        return 1;
    }
    QTemporaryDir dir;
    QNetworkAccessManager http;

    // ---- 1 and 2: a standby node following 5,000 servers from a MariaDB backend
    Sandbox backend({SandboxShape::Single, 1, true});
    if (auto r = backend.start(); !r) {
        out << r.error() << "\n";
        return 1;
    }
    for (const QString &sql : {u"CREATE DATABASE arbor_bench"_s, u"CREATE USER 'svc'@'%' IDENTIFIED BY 'svc-secret'"_s,
                               u"GRANT ALL ON arbor_bench.* TO 'svc'@'%'"_s})
        (void)backend.execute(0, sql);
    const QString backendCnf = dir.filePath(u"backend.cnf"_s);
    {
        QFile f(backendCnf);
        (void)f.open(QIODevice::WriteOnly);
        f.write("[client]\nuser=svc\npassword=svc-secret\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    constexpr int kClusters = 500, kPerCluster = 10, kLease = 5;
    {
        Store store(StoreOptions::mySql(u"127.0.0.1"_s, backend.port(0), u"arbor_bench"_s, u"svc"_s, u"svc-secret"_s));
        if (auto r = store.open(); !r) {
            out << r.error() << "\n";
            return 1;
        }
        (void)store.writeInstances(syntheticTopology(kClusters, kPerCluster));
    }
    // A lease held by a pretend node that the benchmark renews, so the measured node stays standby.
    auto renewFake = [&] {
        (void)backend.execute(0, u"REPLACE INTO arbor_bench.active_node VALUES (1, 'bench-leader', 'bench', 'bench-token', "
                                  "'http://bench', CAST(UNIX_TIMESTAMP(NOW(3))*1000 AS SIGNED), "
                                  "CAST(UNIX_TIMESTAMP(NOW(3))*1000 AS SIGNED))"_s);
    };
    renewFake();
    QTimer renewer;
    QObject::connect(&renewer, &QTimer::timeout, renewFake);
    renewer.start(500);

    const int port = freePort();
    const QString config = writeConfig(
        dir, u"standby.json"_s,
        QJsonObject{{u"backend"_s, QJsonObject{{u"kind"_s, u"mysql"_s}, {u"port"_s, backend.port(0)},
                                                {u"database"_s, u"arbor_bench"_s}, {u"credentialsFile"_s, backendCnf}}},
                    {u"topology"_s, QJsonObject{{u"credentialsFile"_s, backend.credentialsFile()}}},
                    {u"election"_s, QJsonObject{{u"leaseSeconds"_s, kLease}}},
                    {u"api"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:%1"_s.arg(port)}}},
                    {u"log"_s, QJsonObject{{u"level"_s, u"warning"_s}}}});
    QProcess node;
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    node.start(QStringLiteral(ARBOR_BINARY), {u"--service"_s, u"--config"_s, config});
    waitFor([&] { return get(http, port, u"/api/clusters"_s).body.count(',') >= kClusters - 1; }, 30000);
    out << "standby follows " << get(http, port, u"/api/bulk-instances"_s).body.count('{') << " servers\n";

    std::vector<double> clusterMs, infoMs, instanceMs;
    auto timeGet = [&](const QString &path, std::vector<double> &into) {
        QElapsedTimer t;
        t.start();
        const Http h = get(http, port, path);
        into.push_back(double(t.nsecsElapsed()) / 1e6);
        return h.status;
    };
    for (int i = 0; i < 2000; ++i) {
        const int c = int(QRandomGenerator::global()->bounded(kClusters));
        timeGet(u"/api/cluster/db-%1.example:3306"_s.arg(c), clusterMs);
        timeGet(u"/api/instance/db-%1.example/3307"_s.arg(c), instanceMs);
    }
    for (int i = 0; i < 200; ++i)
        timeGet(u"/api/clusters-info"_s, infoMs);
    out << u"API on a 5,000-server topology (%1 clusters x %2), sequential requests over loopback:\n"_s.arg(kClusters).arg(kPerCluster);
    out << u"  /api/cluster/HINT (10 instances)  median %1 ms  p99 %2 ms  (n=%3)\n"_s.arg(percentile(clusterMs, 0.5), 0, 'f', 2)
               .arg(percentile(clusterMs, 0.99), 0, 'f', 2).arg(clusterMs.size());
    out << u"  /api/instance/HOST/PORT           median %1 ms  p99 %2 ms  (n=%3)\n"_s.arg(percentile(instanceMs, 0.5), 0, 'f', 2)
               .arg(percentile(instanceMs, 0.99), 0, 'f', 2).arg(instanceMs.size());
    out << u"  /api/clusters-info (500 clusters) median %1 ms  p99 %2 ms  (n=%3)\n"_s.arg(percentile(infoMs, 0.5), 0, 'f', 2)
               .arg(percentile(infoMs, 0.99), 0, 'f', 2).arg(infoMs.size());
    out.flush();

    renewer.stop();
    QElapsedTimer takeover;
    takeover.start();
    waitFor([&] { return get(http, port, u"/api/leader-check"_s).status == 200; }, 30000);
    out << u"takeover after the lease holder stopped renewing: %1 ms (lease %2 s, renewal 1 s)\n"_s.arg(takeover.elapsed()).arg(kLease);
    out.flush();
    node.terminate();
    node.waitForFinished(15000);
    backend.stop();

    // ---- 3: idle cost, one node watching the 5-server sandbox at 1 s polling
    Sandbox topology({SandboxShape::Tree, 5, true});
    if (auto r = topology.start(); !r) {
        out << r.error() << "\n";
        return 1;
    }
    const int idlePort = freePort();
    const QString idleConfig = writeConfig(
        dir, u"idle.json"_s,
        QJsonObject{{u"backend"_s, QJsonObject{{u"kind"_s, u"sqlite"_s}, {u"sqliteFile"_s, dir.filePath(u"idle.sqlite3"_s)}}},
                    {u"topology"_s, QJsonObject{{u"credentialsFile"_s, topology.credentialsFile()}, {u"pollSeconds"_s, 1},
                                                {u"seeds"_s, QJsonArray{topology.key(0).toString()}}}},
                    {u"api"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:%1"_s.arg(idlePort)}}},
                    {u"log"_s, QJsonObject{{u"level"_s, u"warning"_s}}}});
    QProcess idle;
    idle.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    idle.start(QStringLiteral(ARBOR_BINARY), {u"--service"_s, u"--config"_s, idleConfig});
    waitFor([&] { return get(http, idlePort, u"/api/bulk-instances"_s).body.count('{') == 5; }, 20000);
    waitFor([] { return false; }, 5000); // warm up
    const qint64 pid = idle.processId();
    const long hz = sysconf(_SC_CLK_TCK);
    const qint64 before = cpuTicks(pid);
    QElapsedTimer wall;
    wall.start();
    waitFor([] { return false; }, idleSeconds * 1000);
    const qint64 after = cpuTicks(pid);
    const double seconds = double(wall.elapsed()) / 1000.0;
    const double cpu = double(after - before) / double(hz) / seconds * 100.0;
    const QByteArray agg = get(http, idlePort, u"/api/discovery-metrics-aggregated/60"_s).body;
    const int polls = QJsonDocument::fromJson(agg).object().value(u"SuccessfulDiscoveries"_s).toInt();
    out << u"idle node, 5-server sandbox, 1 s polling, %1 s: CPU %2 % of a core, RSS %3 MB (peak %4 MB), %5 polls in the last 60 s\n"_s
               .arg(seconds, 0, 'f', 1)
               .arg(cpu, 0, 'f', 2)
               .arg(double(statusKb(pid, "VmRSS")) / 1024.0, 0, 'f', 1)
               .arg(double(statusKb(pid, "VmHWM")) / 1024.0, 0, 'f', 1)
               .arg(polls);
    out << u"  of which anonymous (heap, stacks) %1 MB, file-backed (code and data of the binary and libraries) %2 MB, "
           "%3 threads\n"_s
               .arg(double(statusKb(pid, "RssAnon")) / 1024.0, 0, 'f', 1)
               .arg(double(statusKb(pid, "RssFile") + statusKb(pid, "RssShmem")) / 1024.0, 0, 'f', 1)
               .arg(statusKb(pid, "Threads"));
    out.flush();
    idle.terminate();
    idle.waitForFinished(15000);
    return 0;
}
