#include "charts/chartsdock.h"

#include "charts/chartspanel.h"
#include "settings/appsettings.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

ChartsDock::ChartsDock(core::LagHistory *history, core::TopologyState *state, AppSettings *settings, QWidget *parent)
    : QDockWidget(tr("Charts"), parent), m_panel(new ChartsPanel(history, state, this))
{
    setObjectName(u"chartsDock"_s);
    setWidget(m_panel);
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    if (settings) {
        m_panel->setWindow(ChartsPanel::windowForSeconds(settings->chartWindowSeconds()));
        connect(m_panel, &ChartsPanel::windowChanged, this,
                [settings](ChartsPanel::Window w) { settings->setChartWindowSeconds(int(ChartsPanel::windowMs(w) / 1000)); });
    }
}

} // namespace arbor::widgets
