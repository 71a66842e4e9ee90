#include "canvas/canvastheme.h"

#include <QPalette>

namespace arbor::widgets {

using core::InstanceHealth;

QColor CanvasTheme::stateColour(InstanceHealth health) const
{
    switch (health) {
    case InstanceHealth::Ok: return ok;
    case InstanceHealth::Lagging: return lagging;
    case InstanceHealth::Connecting: return connecting;
    case InstanceHealth::ReplicationStopped: return stopped;
    case InstanceHealth::ReplicationBroken: return broken;
    case InstanceHealth::Unreachable: return unreachable;
    }
    return unreachable;
}

CanvasTheme CanvasTheme::light()
{
    CanvasTheme t;
    t.dark = false;
    t.background = QColor(0xf4, 0xf5, 0xf8);
    t.cardFill = QColor(0xff, 0xff, 0xff);
    t.cardBorder = QColor(0xb8, 0xbf, 0xcb);
    t.text = QColor(0x1d, 0x23, 0x30);
    t.mutedText = QColor(0x55, 0x5e, 0x6c);
    t.edge = QColor(0x6f, 0x79, 0x8a);
    t.clusterFrame = QColor(0xe7, 0xea, 0xf0);
    t.clusterTitle = QColor(0x2f, 0x37, 0x45);
    t.selection = QColor(0x1e, 0x63, 0xd6);
    t.ok = QColor(0x2e, 0x7d, 0x32);
    t.lagging = QColor(0xa8, 0x5d, 0x00);
    t.connecting = QColor(0x7c, 0x64, 0x00);
    t.stopped = QColor(0x5e, 0x35, 0xb1);
    t.broken = QColor(0xc6, 0x28, 0x28);
    t.unreachable = QColor(0x8e, 0x24, 0x4d);
    t.downtimed = QColor(0x54, 0x6e, 0x7a);
    return t;
}

CanvasTheme CanvasTheme::darkTheme()
{
    CanvasTheme t;
    t.dark = true;
    t.background = QColor(0x1b, 0x1e, 0x24);
    t.cardFill = QColor(0x2a, 0x2e, 0x37);
    t.cardBorder = QColor(0x4a, 0x51, 0x5e);
    t.text = QColor(0xe8, 0xeb, 0xf0);
    t.mutedText = QColor(0xa6, 0xae, 0xbb);
    t.edge = QColor(0x8d, 0x96, 0xa7);
    t.clusterFrame = QColor(0x23, 0x27, 0x2f);
    t.clusterTitle = QColor(0xcf, 0xd6, 0xe0);
    t.selection = QColor(0x6a, 0xa6, 0xff);
    t.ok = QColor(0x6c, 0xc0, 0x70);
    t.lagging = QColor(0xff, 0xb7, 0x4d);
    t.connecting = QColor(0xfd, 0xd8, 0x35);
    t.stopped = QColor(0xb3, 0x9d, 0xdb);
    t.broken = QColor(0xff, 0x6b, 0x68);
    t.unreachable = QColor(0xf4, 0x8f, 0xb1);
    t.downtimed = QColor(0x90, 0xa4, 0xae);
    return t;
}

CanvasTheme CanvasTheme::forPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness() ? darkTheme()
                                                                                                          : light();
}

} // namespace arbor::widgets
