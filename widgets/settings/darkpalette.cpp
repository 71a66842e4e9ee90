#include "settings/darkpalette.h"

namespace arbor::widgets {

QPalette DarkPalette::make()
{
    QPalette p;
    const QColor window(0x26, 0x29, 0x30), base(0x1e, 0x21, 0x27), text(0xe6, 0xe9, 0xef), mid(0x3a, 0x3f, 0x4a);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0x18, 0x1a, 0x1f));
    p.setColor(QPalette::Light, QColor(0x4a, 0x50, 0x5c));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7b, 0xd9));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6a, 0xa6, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x92, 0xa0));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a, 0x80, 0x8c));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a, 0x80, 0x8c));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a, 0x80, 0x8c));
    return p;
}

} // namespace arbor::widgets
