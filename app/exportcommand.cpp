// export, import: snapshots of the stored topology out, discovery seeds in.
#include "exportcommand.h"

#include "commandcontext.h"
#include "commands.h"

#include "canvas/topologyscene.h"
#include "widgets/export/snapshotexporter.h"
#include "core/export/topologydot.h"
#include "core/export/topologyjson.h"
#include "model/topologystate.h"
#include "model/topologytext.h"
#include "probe/discovery.h"

#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace arbor::app {

namespace {
void describeExport(CommandContext &ctx)
{
    ctx.parser().setApplicationDescription(
        u"Export the stored topology (as the last polls saw it) to a file:\n"
        "  png  the canvas as an image (2x scale)\n"
        "  svg  the canvas as a drawing, one <g class=\"server\"> per server\n"
        "  json every server's facts (orchestrator's field names) and the tree; re-imports with arbor import\n"
        "  dot  Graphviz\n"
        "  txt  the tree as arbor topology prints it"_s);
    ctx.parser().addOption({{u"f"_s, u"format"_s}, u"png, svg, json, dot or txt (default: from the file name)."_s, u"FORMAT"_s});
    ctx.parser().addOption({u"cluster"_s, u"Only this cluster (name, alias or any member); default all."_s, u"NAME"_s});
    ctx.parser().addOption({{u"o"_s, u"output"_s}, u"The file to write."_s, u"FILE"_s});
    ctx.parser().addOption({u"dark"_s, u"Draw png/svg in the dark palette."_s});
    ctx.parser().addOption({u"horizontal"_s, u"Draw png/svg trees left to right."_s});
    ctx.addStoreOption();
}

struct Loaded
{
    TopologyState state;
    QStringList clusters; // chosen cluster names (empty: all)
    QSet<InstanceKey> downtimed;
};

// Reads the store into a TopologyState and resolves --cluster. Returns an exit code, or -1 to go on.
int load(CommandContext &ctx, Loaded *out)
{
    auto store = ctx.openStore();
    if (!store.ok())
        return ctx.fail(store.error());
    auto stored = store.value()->readInstances();
    if (!stored.ok())
        return ctx.fail(stored.error());
    if (stored.value().isEmpty())
        return ctx.fail(u"the store holds no servers: run arbor discover HOST:PORT first"_s);
    auto aliases = store.value()->readClusterAliases();
    out->state.setAliases(aliases.ok() ? aliases.value() : QHash<QString, QString>{});
    for (const Instance &i : stored.value())
        out->state.update(i);
    out->downtimed = CommandContext::downtimedKeys(*store.value());
    QHash<InstanceKey, QString> reasons;
    for (const InstanceKey &k : std::as_const(out->downtimed))
        reasons.insert(k, QString());
    out->state.setDowntimed(reasons);
    if (ctx.parser().isSet(u"cluster"_s)) {
        const QString hint = ctx.parser().value(u"cluster"_s);
        auto cluster = out->state.topology().findCluster(hint);
        if (!cluster) {
            QStringList names;
            for (const Cluster &c : out->state.topology().clusters())
                names << (c.alias.isEmpty() ? c.name : c.alias);
            return ctx.fail(u"no cluster '%1'; known clusters: %2"_s.arg(hint, names.join(u", "_s)));
        }
        out->clusters = {cluster->name};
    }
    return -1;
}

Result<widgets::SnapshotExporter::Format> formatOf(CommandContext &ctx)
{
    const QString output = ctx.parser().value(u"output"_s);
    if (ctx.parser().isSet(u"format"_s))
        return widgets::SnapshotExporter::parseFormat(ctx.parser().value(u"format"_s));
    const QString suffix = output.section(u'.', -1);
    auto f = widgets::SnapshotExporter::parseFormat(suffix);
    if (!f.ok())
        return Result<widgets::SnapshotExporter::Format>::failure(
            u"cannot tell the format from '%1': pass --format png|svg|json|dot|txt"_s.arg(output));
    return f;
}

int writeFile(CommandContext &ctx, const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return ctx.fail(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    ctx.err() << u"wrote %1 (%2 bytes)\n"_s.arg(path).arg(bytes.size());
    return 0;
}
} // namespace

int runExport(const QStringList &arguments)
{
    CommandContext ctx(u"export"_s);
    describeExport(ctx);
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    if (!ctx.parser().isSet(u"output"_s))
        return ctx.usage(u"expected -o FILE"_s);
    auto format = formatOf(ctx);
    if (!format.ok())
        return ctx.usage(format.error());
    using Format = widgets::SnapshotExporter::Format;
    if (format.value() == Format::Png || format.value() == Format::Svg) {
        // The canvas needs a GUI application; run again as one, on the offscreen platform.
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        child.setProcessEnvironment(env);
        QStringList args = arguments.mid(1);
        args.prepend(u"--render-export"_s);
        child.start(QCoreApplication::applicationFilePath(), args);
        if (!child.waitForStarted(10000))
            return ctx.fail(u"could not start %1 to draw the image: %2"_s.arg(QCoreApplication::applicationFilePath(), child.errorString()));
        child.waitForFinished(-1);
        return child.exitStatus() == QProcess::NormalExit ? child.exitCode() : ctx.fail(u"drawing the image crashed"_s);
    }
    Loaded loaded;
    if (const int rc = load(ctx, &loaded); rc >= 0)
        return rc;
    const Topology &topology = loaded.state.topology();
    QList<Cluster> chosen;
    for (const Cluster &c : topology.clusters()) {
        if (loaded.clusters.isEmpty() || loaded.clusters.contains(c.name))
            chosen.append(c);
    }
    QByteArray bytes;
    switch (format.value()) {
    case Format::Json: bytes = TopologyJson::toText(topology, chosen, loaded.downtimed); break;
    case Format::Dot: bytes = TopologyDot::render(topology, chosen, loaded.downtimed).toUtf8(); break;
    case Format::Text: {
        QString text;
        for (const Cluster &c : chosen)
            text += TopologyText::render(topology, c, loaded.downtimed);
        bytes = text.toUtf8();
        break;
    }
    case Format::Png:
    case Format::Svg: break;
    }
    return writeFile(ctx, ctx.parser().value(u"output"_s), bytes);
}

int runExportRender(const QStringList &arguments)
{
    CommandContext ctx(u"export"_s);
    describeExport(ctx);
    QStringList args = arguments;
    args.removeAll(u"--render-export"_s);
    int code = 0;
    if (!ctx.parse(args, &code))
        return code;
    auto format = formatOf(ctx);
    if (!format.ok())
        return ctx.usage(format.error());
    Loaded loaded;
    if (const int rc = load(ctx, &loaded); rc >= 0)
        return rc;
    widgets::TopologyScene scene(&loaded.state);
    scene.setTheme(ctx.parser().isSet(u"dark"_s) ? widgets::CanvasTheme::darkTheme() : widgets::CanvasTheme::light());
    if (ctx.parser().isSet(u"horizontal"_s))
        scene.setOrientation(widgets::TopologyLayout::Orientation::Horizontal);
    scene.setDowntimed(loaded.downtimed);
    auto bytes = widgets::SnapshotExporter::render(&scene, format.value(), loaded.clusters);
    if (!bytes.ok())
        return ctx.fail(bytes.error());
    return writeFile(ctx, ctx.parser().value(u"output"_s), bytes.value());
}

int runImport(const QStringList &arguments)
{
    CommandContext ctx(u"import"_s);
    ctx.parser().setApplicationDescription(
        u"Read an arbor export --format json file and discover from every server in it (they become seeds); "
        "what answers is remembered in the store. With --facts-only the file's facts are stored as they are, "
        "without connecting to anything."_s);
    ctx.parser().addPositionalArgument(u"FILE"_s, u"A JSON export."_s);
    ctx.parser().addOption({u"facts-only"_s, u"Store the exported facts without polling the servers."_s});
    ctx.addTopologyOptions();
    ctx.addStoreOption();
    int code = 0;
    if (!ctx.parse(arguments, &code))
        return code;
    const auto path = ctx.onlyArgument(u"FILE"_s, &code);
    if (!path)
        return code;
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly))
        return ctx.fail(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
    const QByteArray text = file.readAll();
    const auto store = ctx.openStoreOrFail(&code);
    if (!store)
        return code;
    if (ctx.parser().isSet(u"facts-only"_s)) {
        auto instances = TopologyJson::instancesFromText(text);
        if (!instances.ok())
            return ctx.fail(u"%1: %2"_s.arg(file.fileName(), instances.error()));
        if (auto written = store->writeInstances(instances.value()); !written.ok())
            return ctx.fail(written.error());
        ctx.err() << u"stored %1 server(s) from %2 without polling\n"_s.arg(instances->size()).arg(file.fileName());
        return 0;
    }
    auto seeds = TopologyJson::seedsFromText(text);
    if (!seeds.ok())
        return ctx.fail(u"%1: %2"_s.arg(file.fileName(), seeds.error()));
    if (seeds->isEmpty())
        return ctx.fail(u"%1 names no servers"_s.arg(file.fileName()));
    auto options = ctx.pollerOptions();
    if (!options.ok())
        return ctx.usage(options.error());
    const int deadline = (options->probe.connectTimeoutSeconds + options->probe.readTimeoutSeconds) * 2000 + 5000;
    const Discovery::Outcome outcome = Discovery::run(seeds.value(), options.value(), deadline);
    QList<Instance> reachable;
    for (const Instance &i : outcome.instances) {
        if (i.lastCheckValid)
            reachable.append(i);
        else
            ctx.err() << u"warning: %1 did not answer: %2\n"_s.arg(i.key.toString(), i.lastError);
    }
    if (auto written = store->writeInstances(reachable); !written.ok())
        return ctx.fail(written.error());
    auto aliases = store->readClusterAliases();
    const Topology topology = Topology::build(reachable, aliases.ok() ? aliases.value() : QHash<QString, QString>{});
    ctx.printClusters(topology, CommandContext::downtimedKeys(*store));
    ctx.err() << u"imported %1 seed(s); %2 server(s) answered and are remembered\n"_s.arg(seeds->size()).arg(reachable.size());
    return reachable.isEmpty() ? 1 : 0;
}

} // namespace arbor::app
