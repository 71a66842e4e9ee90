#include "guimode.h"

#include "commandcontext.h"
#include "exportcommand.h"

#include "connection/connectedsession.h"
#include "connection/connectiondialog.h"
#include "connection/secretstore.h"
#include "mainwindow.h"
#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "core/recovery/recoverycoordinator.h"
#include "remote/servicesource.h"
#include "settings/appsettings.h"
#include "store/storewriter.h"
#include "history/historysampler.h"
#include "history/historystore.h"
#include "history/laghistory.h"
#include "i18n/translations.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {
// Credentials for the desktop when neither --credentials nor the environment gave any: the last
// saved connection with its password from the keychain, else the connection dialog. Returns false
// when the user cancelled.
bool chooseConnection(widgets::AppSettings &settings, Credentials *credentials, QList<InstanceKey> *seeds)
{
    const QList<widgets::ConnectionProfile> profiles = settings.connections();
    widgets::ConnectionProfile profile;
    for (const auto &p : profiles) {
        if (p.name == settings.lastConnection())
            profile = p;
    }
    QString password;
    bool keychain = true;
    QString keychainProblem;
    if (!profile.name.isEmpty()) {
        const auto read = widgets::SecretStore::readPassword(profile.name);
        if (read.status == widgets::SecretStore::Status::Ok) {
            *credentials = Credentials(profile.user, read.password);
            if (auto key = InstanceKey::parse(profile.seed); key.ok())
                seeds->append(key.value());
            return true;
        }
        keychain = read.status != widgets::SecretStore::Status::Unavailable;
        keychainProblem = read.message;
    } else {
        // Ask the keychain once so the dialog can say whether "remember" is possible.
        const auto probe = widgets::SecretStore::readPassword(u"(probe)"_s);
        keychain = probe.status != widgets::SecretStore::Status::Unavailable;
        keychainProblem = probe.message;
    }
    if (!keychain && !settings.keychainWarningShown()) {
        QMessageBox::information(nullptr, QApplication::translate("arbor", "No keychain"),
                                 QApplication::translate("arbor", "%1.\n\nThis message is shown once.").arg(keychainProblem));
        settings.setKeychainWarningShown(true);
    }
    widgets::ConnectionDialog dialog;
    if (!profile.name.isEmpty())
        dialog.setProfile(profile);
    dialog.setKeychainAvailable(keychain, keychainProblem);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    profile = dialog.profile();
    settings.saveConnection(profile);
    settings.setLastConnection(profile.name);
    if (dialog.rememberPassword())
        widgets::SecretStore::writePassword(profile.name, dialog.password());
    *credentials = Credentials(profile.user, dialog.password());
    if (auto key = InstanceKey::parse(profile.seed); key.ok())
        seeds->append(key.value());
    return true;
}

// Connected mode: the window shows what a running Arbor service sees, read from its HTTP API.
// Nothing is polled from this desktop, so the actions that would act on servers from here are off.
int runConnected(CommandContext &ctx, widgets::AppSettings &settings, int intervalSeconds)
{
    auto fail = [&](const QString &message) {
        QMessageBox::critical(nullptr, QApplication::translate("arbor", "Arbor"), message);
        return ctx.fail(message, 2);
    };
    const QUrl url = QUrl::fromUserInput(ctx.parser().value(u"connect"_s));
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty())
        return fail(u"--connect needs the service's URL, such as https://arbor-1:3000; \"%1\" is not one"_s.arg(
            ctx.parser().value(u"connect"_s)));
    ServiceSource::Options options;
    options.baseUrl = url;
    options.user = ctx.parser().value(u"api-user"_s);
    options.refreshMs = intervalSeconds * 1000;
    // The keychain entry is per user and service, beside the database connections' passwords.
    const QString secretName = u"api:%1@%2"_s.arg(options.user, url.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash));
    bool remember = false;
    if (!options.user.isEmpty()) {
        const auto read = widgets::SecretStore::readPassword(secretName);
        if (read.status == widgets::SecretStore::Status::Ok) {
            options.password = read.password;
        } else if (qEnvironmentVariableIsSet("ARBOR_API_PASSWORD")) {
            options.password = qEnvironmentVariable("ARBOR_API_PASSWORD");
        } else {
            bool ok = false;
            options.password = QInputDialog::getText(
                nullptr, QApplication::translate("arbor", "Arbor service"),
                QApplication::translate("arbor", "Password of API user %1 at %2:").arg(options.user, url.toDisplayString()),
                QLineEdit::Password, QString(), &ok);
            if (!ok)
                return 0;
            remember = read.status != widgets::SecretStore::Status::Unavailable;
        }
    }

    widgets::ConnectedSession session(options, &settings);
    // Only a password that worked is remembered.
    QObject::connect(session.source(), &ServiceSource::refreshed, session.source(), [&] {
        if (remember) {
            remember = false;
            widgets::SecretStore::writePassword(secretName, options.password);
        }
    });
    session.start();
    session.window()->show();
    const int rc = QApplication::exec();
    settings.sync();
    return rc;
}
} // namespace

int runGui(int &argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"arbor"_s);
    QApplication::setApplicationVersion(QStringLiteral(ARBOR_VERSION));
    QApplication::setDesktopFileName(u"org.arbor-project.arbor"_s);
    if (QApplication::arguments().value(1) == u"--render-export"_s)
        return runExportRender(QApplication::arguments());

    CommandContext ctx(u"(desktop)"_s);
    ctx.parser().setApplicationDescription(u"Arbor desktop: live MySQL/MariaDB replication trees."_s);
    ctx.parser().addOption({u"seed"_s, u"Server to discover from (repeatable)."_s, u"HOST:PORT"_s});
    ctx.parser().addOption({u"interval"_s, u"Seconds between polls of a server (default 5)."_s, u"S"_s, u"5"_s});
    ctx.parser().addOption({u"settings"_s, u"Settings file (default: the user's config folder)."_s, u"FILE"_s});
    ctx.parser().addOption({u"connect"_s, u"Connected mode: show what the Arbor service at URL sees, through its HTTP API."_s, u"URL"_s});
    ctx.parser().addOption({u"api-user"_s, u"API user for --connect (password: keychain, else ARBOR_API_PASSWORD, else asked)."_s, u"USER"_s});
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(QApplication::arguments(), &code))
        return code;

    auto fail = [&](const QString &message) {
        QMessageBox::critical(nullptr, QApplication::translate("arbor", "Arbor"), message);
        return ctx.fail(message, 2);
    };
    widgets::AppSettings settings(ctx.parser().isSet(u"settings"_s) ? ctx.parser().value(u"settings"_s)
                                                                     : widgets::AppSettings::defaultFileName());
    // The settings' language, else the system locale's; English when there is no catalogue for it.
    widgets::Translations::install(settings.language());
    if (ctx.parser().isSet(u"connect"_s)) {
        bool intervalOk = false;
        const int seconds = ctx.parser().value(u"interval"_s).toInt(&intervalOk);
        if (!intervalOk || seconds < 1 || seconds > 3600)
            return fail(u"--interval must be a whole number of seconds from 1 to 3600"_s);
        return runConnected(ctx, settings, seconds);
    }
    QList<InstanceKey> seeds;
    // Timeouts and patterns come from the command line; the desktop may get credentials from the
    // connection dialog instead, so a placeholder user lets the options parse without them.
    const bool haveCredentials = ctx.parser().isSet(u"credentials"_s) || !Credentials::fromEnvironment().isEmpty();
    if (!haveCredentials)
        qputenv("ARBOR_TOPOLOGY_USER", "(dialog)");
    auto options = ctx.pollerOptions();
    if (!haveCredentials)
        qunsetenv("ARBOR_TOPOLOGY_USER");
    if (!options.ok())
        return fail(options.error());
    PollerOptions pollerOptions = options.value();
    if (!haveCredentials) {
        Credentials chosen;
        if (!chooseConnection(settings, &chosen, &seeds))
            return 0;
        pollerOptions.probe.credentials = chosen;
    }
    bool ok = false;
    const int interval = ctx.parser().value(u"interval"_s).toInt(&ok);
    if (!ok || interval < 1 || interval > 3600)
        return fail(u"--interval must be a whole number of seconds from 1 to 3600"_s);
    pollerOptions.pollIntervalMs = interval * 1000;

    for (const QString &text : ctx.parser().values(u"seed"_s)) {
        auto key = InstanceKey::parse(text);
        if (!key.ok())
            return fail(key.error());
        seeds.append(key.value());
    }
    // The servers remembered from earlier sessions are polled again; what is polled is remembered.
    // The window keeps its own store connection (this thread) for downtime and forget.
    auto store = ctx.openStore();
    if (!store.ok())
        return fail(store.error());
    QHash<QString, QString> aliases;
    if (auto known = store.value()->readInstances(); known.ok()) {
        for (const Instance &i : known.value())
            seeds.append(i.key);
    }
    if (auto a = store.value()->readClusterAliases(); a.ok())
        aliases = a.value();
    StoreWriter writer(ctx.storeOptions());
    if (auto started = writer.start(); !started.ok())
        return fail(started.error());

    Poller poller(pollerOptions);
    TopologyState state;
    state.setAliases(aliases);
    QObject::connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
    // The store keeps the merged view: an unreachable server keeps its last known facts there too.
    QObject::connect(&state, &TopologyState::instanceAdded, &writer, &StoreWriter::enqueue);
    QObject::connect(&state, &TopologyState::instanceChanged, &writer,
                     [&writer](const Instance &now, const Instance &) { writer.enqueue(now); });
    // Failure detection and (manual) recovery: one monitor and one coordinator for the session,
    // handed to the window's Failures panel.
    AnalysisMonitor monitor(&state, &poller);
    RecoveryCoordinator coordinator(&state, &monitor, &poller, store.value().get(), RecoveryOptions{}, pollerOptions.probe);
    coordinator.setAutomatic(false); // the desktop is no HA node: a laptop lid must never decide a failover
    widgets::MainWindow window(&poller, &state, store.value().get(), &settings, &monitor, &coordinator);
    // Lag history for the charts: the last day from the store, then every poll (written in batches).
    LagHistory history;
    HistoryStore historyStore(ctx.storeOptions());
    if (auto opened = historyStore.open(); !opened.ok())
        qWarning("%s", qPrintable(opened.error()));
    else if (auto loaded = history.attachStore(&historyStore); !loaded.ok())
        qWarning("%s", qPrintable(loaded.error()));
    HistorySampler sampler(&poller, &history, store.value().get());
    window.attachHistory(&history, &sampler);
    for (const InstanceKey &k : seeds)
        poller.addInstance(k);
    poller.start();
    window.show();
    const int rc = QApplication::exec();
    poller.stop();
    (void)history.flush();
    (void)history.attachStore(nullptr);
    writer.stop();
    settings.sync();
    return rc;
}

} // namespace arbor::app
