// arbor-simulator: thousands of simulated MariaDB 10.11 servers on 127.0.0.1 for benchmarks and
// manual tests of Arbor at scale. Not part of the product. See docs/performance.md.
#include "controlserver.h"
#include "simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::simulator;

namespace {
int s_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char c = 1;
    (void)!::write(s_signalPipe[1], &c, 1);
}
} // namespace

int main(int argc, char **argv)
{
    ::prctl(PR_SET_PDEATHSIG, SIGTERM); // a benchmark that dies takes its simulators with it
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"arbor-simulator"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Simulated MariaDB 10.11 (or MySQL, --flavour) replication fleet on 127.0.0.1, one port per server (base port + index).\n"
        "The monitoring account is --user with the password from $ARBOR_SIMULATOR_PASSWORD (default: arbor)."_s);
    parser.addHelpOption();
    const QCommandLineOption servers(u"servers"_s, u"Servers in the whole fleet."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption clusterSize(u"cluster-size"_s, u"Servers per replication tree."_s, u"N"_s, u"10"_s);
    const QCommandLineOption fanout(u"fanout"_s, u"Replicas per server in a tree."_s, u"N"_s, u"3"_s);
    const QCommandLineOption basePort(u"base-port"_s, u"Server i listens on this + i (0: pick a free block)."_s, u"PORT"_s, u"0"_s);
    const QCommandLineOption shard(u"shard"_s, u"Serve only clusters c with c % K == I (several processes, one fleet)."_s, u"I/K"_s, u"0/1"_s);
    const QCommandLineOption threads(u"threads"_s, u"Event-loop threads."_s, u"N"_s, u"2"_s);
    const QCommandLineOption user(u"user"_s, u"Monitoring user."_s, u"NAME"_s, u"arbor"_s);
    const QCommandLineOption lagging(u"lagging-share"_s, u"Share of replicas whose lag moves (0-1)."_s, u"X"_s, u"0.1"_s);
    const QCommandLineOption control(u"control-port"_s, u"Control port on 127.0.0.1 (0: pick one)."_s, u"PORT"_s, u"0"_s);
    const QCommandLineOption flavour(u"flavour"_s, u"mariadb-10.11, mysql-5.7, mysql-8.0 or mysql-8.4."_s, u"NAME"_s,
                                     u"mariadb-10.11"_s);
    const QCommandLineOption readyFile(u"ready-file"_s, u"Write 'base=PORT control=PORT servers=N' here once serving."_s, u"FILE"_s);
    parser.addOptions({servers, clusterSize, fanout, basePort, shard, threads, user, lagging, control, flavour, readyFile});
    parser.process(app);

    FleetOptions options;
    options.servers = parser.value(servers).toInt();
    options.clusterSize = parser.value(clusterSize).toInt();
    options.fanout = parser.value(fanout).toInt();
    options.basePort = quint16(parser.value(basePort).toInt());
    const QStringList shardParts = parser.value(shard).split(u'/');
    options.shardIndex = shardParts.value(0).toInt();
    options.shardCount = std::max(1, shardParts.value(1).toInt());
    options.threads = std::max(1, parser.value(threads).toInt());
    options.user = parser.value(user).toUtf8();
    options.password = qEnvironmentVariableIsSet("ARBOR_SIMULATOR_PASSWORD") ? qgetenv("ARBOR_SIMULATOR_PASSWORD")
                                                                            : QByteArray("arbor");
    options.laggingShare = parser.value(lagging).toDouble();
    QTextStream err(stderr);
    const auto kind = ServerFlavour::parse(parser.value(flavour).toUtf8());
    if (!kind) {
        err << "arbor-simulator: --flavour must be mariadb-10.11, mysql-5.7, mysql-8.0 or mysql-8.4\n";
        return 2;
    }
    options.flavour = *kind;
    if (options.servers < 1 || options.shardIndex < 0 || options.shardIndex >= options.shardCount) {
        err << "arbor-simulator: --servers must be positive and --shard I/K must have 0 <= I < K\n";
        return 2;
    }

    Simulator simulator(options);
    if (auto started = simulator.start(); !started.ok()) {
        err << "arbor-simulator: " << started.error() << "\n";
        return 1;
    }
    ControlServer controlServer(&simulator);
    if (!controlServer.listen(quint16(parser.value(control).toInt()))) {
        err << "arbor-simulator: cannot listen on control port 127.0.0.1:" << parser.value(control) << "\n";
        return 1;
    }
    QObject::connect(&controlServer, &ControlServer::quitRequested, &app, &QCoreApplication::quit, Qt::QueuedConnection);

    ::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalPipe);
    QSocketNotifier signalNotifier(s_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);

    const QString ready = u"base=%1 control=%2 servers=%3 shard=%4/%5\n"_s.arg(simulator.port(0))
                              .arg(controlServer.port())
                              .arg(options.servers)
                              .arg(options.shardIndex)
                              .arg(options.shardCount);
    QTextStream(stdout) << ready << Qt::flush;
    if (parser.isSet(readyFile)) {
        QSaveFile f(parser.value(readyFile));
        if (f.open(QIODevice::WriteOnly)) {
            f.write(ready.toUtf8());
            f.commit();
        }
    }
    const int rc = app.exec();
    simulator.stop();
    return rc;
}
