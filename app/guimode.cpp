#include "guimode.h"

#include "commandcontext.h"

#include "mainwindow.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "store/storewriter.h"

#include <QApplication>
#include <QMessageBox>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

int runGui(int &argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"arbor"_s);
    QApplication::setApplicationVersion(QStringLiteral(ARBOR_VERSION));

    CommandContext ctx(u"(desktop)"_s);
    ctx.parser().setApplicationDescription(u"Arbor desktop: live MySQL/MariaDB replication trees."_s);
    ctx.parser().addOption({u"seed"_s, u"Server to discover from (repeatable)."_s, u"HOST:PORT"_s});
    ctx.parser().addOption({u"interval"_s, u"Seconds between polls of a server (default 5)."_s, u"S"_s, u"5"_s});
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(QApplication::arguments(), &code))
        return code;

    auto fail = [&](const QString &message) {
        QMessageBox::critical(nullptr, QApplication::translate("arbor", "Arbor"), message);
        return ctx.fail(message, 2);
    };
    auto options = ctx.pollerOptions();
    if (!options.ok())
        return fail(options.error());
    PollerOptions pollerOptions = options.value();
    bool ok = false;
    const int interval = ctx.parser().value(u"interval"_s).toInt(&ok);
    if (!ok || interval < 1 || interval > 3600)
        return fail(u"--interval must be a whole number of seconds from 1 to 3600"_s);
    pollerOptions.pollIntervalMs = interval * 1000;

    QList<InstanceKey> seeds;
    for (const QString &text : ctx.parser().values(u"seed"_s)) {
        auto key = InstanceKey::parse(text);
        if (!key.ok())
            return fail(key.error());
        seeds.append(key.value());
    }
    // The servers remembered from earlier sessions are polled again; what is polled is remembered.
    {
        auto store = ctx.openStore();
        if (!store.ok())
            return fail(store.error());
        if (auto known = store.value()->readInstances(); known.ok()) {
            for (const Instance &i : known.value())
                seeds.append(i.key);
        }
    }
    StoreWriter writer(ctx.storeOptions());
    if (auto started = writer.start(); !started.ok())
        return fail(started.error());

    Poller poller(pollerOptions);
    TopologyState state;
    QObject::connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
    // The store keeps the merged view: an unreachable server keeps its last known facts there too.
    QObject::connect(&state, &TopologyState::instanceAdded, &writer, &StoreWriter::enqueue);
    QObject::connect(&state, &TopologyState::instanceChanged, &writer,
                     [&writer](const Instance &now, const Instance &) { writer.enqueue(now); });
    widgets::MainWindow window(&poller, &state);
    for (const InstanceKey &k : seeds)
        poller.addInstance(k);
    poller.start();
    window.show();
    const int rc = QApplication::exec();
    poller.stop();
    writer.stop();
    return rc;
}

} // namespace arbor::app
