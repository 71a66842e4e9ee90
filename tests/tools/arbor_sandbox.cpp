// arbor-sandbox: starts a MariaDB replication sandbox for the demo, benchmarks and manual tries, and keeps
// it running until SIGINT/SIGTERM.
#include "sandbox.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using arbor::testsupport::Sandbox;
using arbor::testsupport::SandboxOptions;
using arbor::testsupport::SandboxShape;

namespace {

int g_signalPipe[2] = {-1, -1};

// Only async-signal-safe work here: the Qt side reads the pipe from the event loop.
void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

bool installSignalHandlers()
{
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void printLine(const QString &line, FILE *stream = stdout)
{
    std::fputs(line.toLocal8Bit().constData(), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"arbor-sandbox"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Starts local MariaDB servers replicating in a given shape, until interrupted."_s);
    parser.addHelpOption();
    const QCommandLineOption shapeOption(
        u"shape"_s, u"single, chain, star, tree (default) or two-clusters."_s, u"shape"_s, u"tree"_s);
    const QCommandLineOption serversOption(u"servers"_s, u"Number of servers (default 5)."_s, u"n"_s, u"5"_s);
    const QCommandLineOption noGtidOption(u"no-gtid"_s,
                                          u"Position replicas by binlog file and offset, not GTID."_s);
    const QCommandLineOption dirOption(u"dir"_s, u"Directory for the servers (default: a temporary one)."_s,
                                       u"dir"_s);
    const QCommandLineOption readyOption(
        u"ready-file"_s, u"Write seed=, credentials= and dir= lines here once replicating."_s, u"file"_s);
    parser.addOptions({shapeOption, serversOption, noGtidOption, dirOption, readyOption});
    parser.process(app);

    SandboxOptions options;
    const QString shape = parser.value(shapeOption).toLower();
    if (shape == u"single"_s)
        options.shape = SandboxShape::Single;
    else if (shape == u"chain"_s)
        options.shape = SandboxShape::Chain;
    else if (shape == u"star"_s)
        options.shape = SandboxShape::Star;
    else if (shape == u"tree"_s)
        options.shape = SandboxShape::Tree;
    else if (shape == u"two-clusters"_s)
        options.shape = SandboxShape::TwoClusters;
    else {
        printLine(
            u"arbor-sandbox: unknown shape '%1'; use single, chain, star, tree or two-clusters"_s.arg(shape),
            stderr);
        return 2;
    }
    bool numberOk = false;
    options.servers = parser.value(serversOption).toInt(&numberOk);
    if (!numberOk || options.servers < 1) {
        printLine(u"arbor-sandbox: --servers needs a positive number"_s, stderr);
        return 2;
    }
    options.gtid = !parser.isSet(noGtidOption);
    options.directory = parser.value(dirOption);

    // Before start(): a signal during startup must still lead to a clean stop.
    if (!installSignalHandlers()) {
        printLine(u"arbor-sandbox: cannot install signal handlers"_s, stderr);
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    // start() runs nested event loops, where quit() would be lost: remember the request as well.
    bool stopRequested = false;
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&stopRequested] {
        char buffer[16];
        while (::read(g_signalPipe[0], buffer, sizeof buffer) > 0) {
        }
        stopRequested = true;
        QCoreApplication::quit();
    });

    Sandbox sandbox(options);
    const arbor::core::Result<void> started = sandbox.start();
    if (!started.ok() && stopRequested)
        return 0;
    if (!started.ok()) {
        printLine(u"arbor-sandbox: %1"_s.arg(started.error()), stderr);
        return 1;
    }

    for (int i = 0; i < sandbox.size(); ++i) {
        const int source = sandbox.sourceOf(i);
        printLine(u"%1  source=%2"_s.arg(sandbox.key(i).toString(),
                                         source < 0 ? u"none"_s : sandbox.key(source).toString()));
    }

    if (parser.isSet(readyOption)) {
        // Atomic: a script polling for the file never reads half of it.
        QSaveFile ready(parser.value(readyOption));
        if (ready.open(QIODevice::WriteOnly)) {
            ready.write(u"seed=%1\ncredentials=%2\ndir=%3\npid=%4\n"_s
                            .arg(sandbox.key(0).toString(), sandbox.credentialsFile(), sandbox.directory())
                            .arg(QCoreApplication::applicationPid())
                            .toUtf8());
        }
        if (!ready.commit()) {
            printLine(u"arbor-sandbox: cannot write the ready file %1"_s.arg(parser.value(readyOption)),
                      stderr);
            sandbox.stop();
            return 1;
        }
    }

    if (!stopRequested)
        app.exec();
    sandbox.stop();
    return 0;
}
