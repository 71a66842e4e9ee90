// --service: QCoreApplication, logs to stderr with levels (journald reads the <N> prefixes),
// SIGHUP reloads the config, SIGTERM/SIGINT shut down cleanly and hand leadership over at once.
#include "servicemode.h"

#include "api/apiroutes.h"
#include "api/httpapi.h"
#include "api/servicerecovery.h"
#include "config/serviceconfig.h"
#include "ha/servicenode.h"
#include "probe/replicaclaimjudge.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QSocketNotifier>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <malloc.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {

std::atomic<int> s_minLevel{int(ServiceConfig::LogLevel::Info)};
int s_signalFd[2] = {-1, -1};
bool s_journal = false;

extern "C" void onSignal(int signal)
{
    const char c = char(signal);
    [[maybe_unused]] const auto n = ::write(s_signalFd[0], &c, 1);
}

void logHandler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    ServiceConfig::LogLevel level = ServiceConfig::LogLevel::Info;
    int syslog = 6;
    QString name = u"info"_s;
    switch (type) {
    case QtDebugMsg: level = ServiceConfig::LogLevel::Debug; syslog = 7; name = u"debug"_s; break;
    case QtInfoMsg: break;
    case QtWarningMsg: level = ServiceConfig::LogLevel::Warning; syslog = 4; name = u"warning"_s; break;
    case QtCriticalMsg:
    case QtFatalMsg: level = ServiceConfig::LogLevel::Error; syslog = 3; name = u"error"_s; break;
    }
    if (int(level) < s_minLevel.load())
        return;
    QString line = s_journal ? u"<%1>%2: %3\n"_s.arg(syslog).arg(name, message)
                             : u"%1 %2: %3\n"_s.arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), name, message);
    const QByteArray bytes = line.toUtf8();
    [[maybe_unused]] const auto n = ::write(STDERR_FILENO, bytes.constData(), size_t(bytes.size()));
}

} // namespace

int runService(const QStringList &arguments)
{
    // One malloc arena per poll thread costs RSS for nothing on a mostly idle node.
    mallopt(M_ARENA_MAX, 2);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Run Arbor headless as a service node."_s);
    parser.addHelpOption();
    parser.addOption({u"service"_s, u"Run as a service node."_s});
    parser.addOption({u"config"_s, u"The service's JSON config (see installer/arbor-service.example.json)."_s, u"FILE"_s});
    if (!parser.parse(arguments)) {
        QTextStream(stderr) << u"arbor --service: %1 (see arbor --service --help)\n"_s.arg(parser.errorText());
        return 2;
    }
    if (parser.isSet(u"help"_s)) {
        QTextStream(stdout) << parser.helpText().replace(u"[options]"_s, u"--service --config FILE"_s);
        return 0;
    }
    if (!parser.isSet(u"config"_s)) {
        QTextStream(stderr) << u"arbor --service: --config FILE is required\n"_s;
        return 2;
    }
    const QString configPath = parser.value(u"config"_s);
    auto check = ServiceConfig::checkFile(configPath);
    if (!check.errors.isEmpty()) {
        QTextStream err(stderr);
        err << u"arbor --service: the config %1 is not valid:\n"_s.arg(configPath);
        for (const QString &e : std::as_const(check.errors))
            err << u"  "_s << e << u'\n';
        return 2;
    }
    ServiceConfig config = check.config;

    s_journal = !qEnvironmentVariableIsEmpty("JOURNAL_STREAM");
    s_minLevel.store(int(config.logLevel));
    qInstallMessageHandler(logHandler);
    for (const QString &w : std::as_const(config.warnings))
        qWarning().noquote() << u"config: %1"_s.arg(w);
    ReplicaClaimJudge::setDefaultInstancePort(config.defaultPort); // where a replica with a wrong report_port is looked for

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFd) != 0) {
        qCritical().noquote() << u"cannot set up signal handling"_s;
        return 1;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        sigaction(s, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    ServiceNode node(config);
    if (auto started = node.start(); !started) {
        qCritical().noquote() << u"cannot start: %1"_s.arg(started.error());
        return 1;
    }
    // Detection and recovery run on the active node only; every destructive step re-checks the lease.
    ServiceRecovery recovery(node);
    ApiRoutes routes(node, &recovery);
    HttpApi api([&routes](ApiRequest request, HttpApi::Reply reply) { routes.handle(std::move(request), std::move(reply)); });
    api.setOptions(HttpApi::optionsFor(config));
    auto port = api.listen(config.listenHost, config.listenPort, config.tlsCertFile, config.tlsKeyFile);
    if (!port) {
        qCritical().noquote() << u"cannot start: %1"_s.arg(port.error());
        recovery.stop();
        node.shutdown();
        return 1;
    }
    const QHostAddress bound(config.listenHost);
    const bool everywhere = bound == QHostAddress::AnyIPv4 || bound == QHostAddress::AnyIPv6 || bound == QHostAddress::Any;
    QString anonymous;
    if (config.anonymous == ServiceConfig::Anonymous::Operator)
        anonymous = u" (api.anonymous is \"operator\": anyone who reaches it may change topologies)"_s;
    else if (config.users.isEmpty() && config.anonymous != ServiceConfig::Anonymous::None)
        anonymous = u" (no api.users: anonymous callers may read, never write)"_s;
    const QString line = u"API listening on %1://%2:%3%4%5"_s.arg(api.isTls() ? u"https"_s : u"http"_s, config.listenHost)
                             .arg(port.value())
                             .arg(everywhere ? u", listening on every interface"_s : QString(), anonymous);
    if (everywhere || config.anonymous == ServiceConfig::Anonymous::Operator)
        qWarning().noquote() << line;
    else
        qInfo().noquote() << line;

    QSocketNotifier notifier(s_signalFd[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] {
        char c = 0;
        if (::read(s_signalFd[1], &c, 1) != 1)
            return;
        if (int(c) == SIGHUP) {
            auto reloaded = ServiceConfig::checkFile(configPath);
            if (!reloaded.errors.isEmpty()) {
                qWarning().noquote() << u"SIGHUP: the config %1 is not valid, keeping the running one: %2"_s.arg(
                    configPath, reloaded.errors.join(u"; "_s));
                return;
            }
            for (const QString &w : std::as_const(reloaded.config.warnings))
                qWarning().noquote() << u"config: %1"_s.arg(w);
            const QStringList restart = node.reload(reloaded.config);
            routes.configure(node.config());
            api.setOptions(HttpApi::optionsFor(node.config()));
            recovery.configure(node.config().recovery);
            s_minLevel.store(int(node.config().logLevel));
            qInfo().noquote() << u"SIGHUP: config reloaded%1"_s.arg(
                restart.isEmpty() ? QString() : u"; these keys changed but need a restart: %1"_s.arg(restart.join(u", "_s)));
            return;
        }
        qInfo().noquote() << u"%1: shutting down"_s.arg(int(c) == SIGTERM ? u"SIGTERM"_s : u"SIGINT"_s);
        QCoreApplication::quit();
    });

    const int rc = QCoreApplication::exec();
    recovery.stop(); // no recovery step may run once the lease is given up
    node.shutdown();
    qInfo().noquote() << u"stopped"_s;
    return rc;
}

} // namespace arbor::app
