#pragma once

#include "model/instancehealth.h"

#include <QColor>

class QPalette;

namespace arbor::widgets {

// Colours of the canvas and its exports, one set per palette. State colours are chosen to stay
// distinct on both backgrounds; state is also drawn as a glyph and a word, never colour alone.
struct CanvasTheme
{
    bool dark = false;
    QColor background;
    QColor cardFill;
    QColor cardBorder;
    QColor text;
    QColor mutedText;
    QColor edge;
    QColor clusterFrame;
    QColor clusterTitle;
    QColor selection;
    QColor ok;
    QColor lagging;
    QColor connecting; // amber, yellower than lagging: in progress, not yet a problem
    QColor stopped;
    QColor broken;
    QColor unreachable;
    QColor downtimed;

    QColor stateColour(core::InstanceHealth health) const;

    static CanvasTheme light();
    static CanvasTheme darkTheme();
    // Dark when the window background is darker than its text.
    static CanvasTheme forPalette(const QPalette &palette);
};

} // namespace arbor::widgets
