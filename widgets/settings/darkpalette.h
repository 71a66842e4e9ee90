#pragma once

#include <QPalette>

namespace arbor::widgets {

// The window's dark palette (Fusion style), tuned with the canvas's dark theme.
class DarkPalette
{
public:
    static QPalette make();
};

} // namespace arbor::widgets
