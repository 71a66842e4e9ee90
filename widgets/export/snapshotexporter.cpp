#include "widgets/export/snapshotexporter.h"

#include "canvas/topologyscene.h"
#include "core/export/topologydot.h"
#include "core/export/topologyjson.h"
#include "model/topologytext.h"

#include <QBuffer>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

Result<SnapshotExporter::Format> SnapshotExporter::parseFormat(const QString &name)
{
    const QString n = name.toLower();
    if (n == u"png"_s)
        return Format::Png;
    if (n == u"svg"_s)
        return Format::Svg;
    if (n == u"json"_s)
        return Format::Json;
    if (n == u"dot"_s || n == u"gv"_s)
        return Format::Dot;
    if (n == u"txt"_s || n == u"text"_s)
        return Format::Text;
    return Result<Format>::failure(tr("unknown export format '%1': use png, svg, json, dot or txt").arg(name));
}

SnapshotExporter::Format SnapshotExporter::formatForFile(const QString &path, Format fallback)
{
    auto f = parseFormat(QFileInfo(path).suffix());
    return f.ok() ? f.value() : fallback;
}

QString SnapshotExporter::extension(Format format)
{
    switch (format) {
    case Format::Png: return u"png"_s;
    case Format::Svg: return u"svg"_s;
    case Format::Json: return u"json"_s;
    case Format::Dot: return u"dot"_s;
    case Format::Text: return u"txt"_s;
    }
    return {};
}

QString SnapshotExporter::fileFilter()
{
    return tr("PNG image (*.png);;SVG drawing (*.svg);;JSON facts and tree (*.json);;Graphviz DOT (*.dot);;Text tree (*.txt)");
}

Result<QByteArray> SnapshotExporter::render(TopologyScene *scene, Format format, const QStringList &clusters)
{
    scene->layoutNow();
    const Topology &topology = scene->topologyState()->topology();
    QList<Cluster> chosen;
    for (const Cluster &c : topology.clusters()) {
        if (clusters.isEmpty() || clusters.contains(c.name))
            chosen.append(c);
    }
    if (chosen.isEmpty())
        return Result<QByteArray>::failure(clusters.isEmpty() ? tr("there is no cluster to export yet: discover a topology first")
                                                              : tr("no cluster named %1").arg(clusters.join(u", "_s)));
    QStringList names;
    for (const Cluster &c : chosen)
        names << c.name;
    switch (format) {
    case Format::Png: {
        const QImage image = scene->toImage(names, 2.0);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            return Result<QByteArray>::failure(tr("could not encode the PNG image (%1 x %2 pixels)").arg(image.width()).arg(image.height()));
        return bytes;
    }
    case Format::Svg: return scene->toSvg(names).toUtf8();
    case Format::Json: return TopologyJson::toText(topology, chosen, scene->downtimed());
    case Format::Dot: return TopologyDot::render(topology, chosen, scene->downtimed(), scene->lagThreshold()).toUtf8();
    case Format::Text: {
        QString out;
        for (const Cluster &c : chosen)
            out += TopologyText::render(topology, c, scene->downtimed(), scene->lagThreshold());
        return out.toUtf8();
    }
    }
    return Result<QByteArray>::failure(tr("unknown export format"));
}

Result<void> SnapshotExporter::write(TopologyScene *scene, Format format, const QStringList &clusters, const QString &path)
{
    auto bytes = render(scene, format, clusters);
    if (!bytes.ok())
        return Result<void>::failure(bytes.error());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<void>::failure(tr("cannot write %1: %2").arg(path, file.errorString()));
    file.write(bytes.value());
    if (!file.commit())
        return Result<void>::failure(tr("cannot write %1: %2").arg(path, file.errorString()));
    return Result<void>::success();
}

} // namespace arbor::widgets
