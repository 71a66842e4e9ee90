#pragma once

#include <QDockWidget>

namespace arbor::core {
class LagHistory;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

class AppSettings;
class ChartsPanel;

// The Charts dock: the lag-history panel, movable and closable like the other docks, its time
// window kept in the settings (may be null).
class ChartsDock : public QDockWidget
{
    Q_OBJECT
public:
    ChartsDock(core::LagHistory *history, core::TopologyState *state, AppSettings *settings, QWidget *parent = nullptr);

    ChartsPanel *panel() const { return m_panel; }

private:
    ChartsPanel *m_panel;
};

} // namespace arbor::widgets
