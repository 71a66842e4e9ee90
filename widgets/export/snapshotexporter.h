#pragma once

#include "util/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace arbor::widgets {

class TopologyScene;

// Writes what the canvas shows to a file in one of the export formats. PNG and SVG draw the scene
// (SVG has one <g class="server"> per server); JSON, DOT and text come from core/export and the
// CLI tree format. The same code serves the window and `arbor export`.
class SnapshotExporter
{
    Q_DECLARE_TR_FUNCTIONS(SnapshotExporter)
public:
    enum class Format { Png, Svg, Json, Dot, Text };

    static core::Result<Format> parseFormat(const QString &name); // png|svg|json|dot|txt
    static Format formatForFile(const QString &path, Format fallback);
    static QString extension(Format format);
    static QString fileFilter(); // for file dialogs

    // clusters empty: every cluster. The scene must belong to a TopologyState holding the facts.
    static core::Result<void> write(TopologyScene *scene, Format format, const QStringList &clusters, const QString &path);
    static core::Result<QByteArray> render(TopologyScene *scene, Format format, const QStringList &clusters);
};

} // namespace arbor::widgets
