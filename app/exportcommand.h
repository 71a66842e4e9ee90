#pragma once

#include <QStringList>

namespace arbor::app {

// `arbor export`: the stored topology as PNG, SVG, JSON, DOT or text. PNG and SVG draw the canvas,
// which needs a GUI application: under the CLI's QCoreApplication the command runs itself again as
// `arbor --render-export ...` on the offscreen platform (guimode.cpp hands that to runExportRender).
int runExportRender(const QStringList &arguments);

} // namespace arbor::app
