#pragma once

#include "model/instancehealth.h"

#include <QColor>
#include <QIcon>
#include <QRectF>

class QPainter;

namespace arbor::widgets {

// A shape per state, so that state reads without colour: a tick (ok), a clock (lagging), an ellipsis
// (connecting), a pause sign (replication stopped), a cross (broken), a slashed circle (unreachable).
// Painted on the canvas, written into SVG exports and used as list icons.
class StateGlyph
{
public:
    static void paint(QPainter *painter, const QRectF &rect, core::InstanceHealth health, const QColor &colour);
    // The same drawing as SVG elements (a <g>), for the SVG export.
    static QString svg(const QRectF &rect, core::InstanceHealth health, const QColor &colour);
    static QIcon icon(core::InstanceHealth health, const QColor &colour);
};

} // namespace arbor::widgets
