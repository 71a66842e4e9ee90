#pragma once

#include <QObject>

namespace arbor::core {
class AnalysisMonitor;
class HistorySampler;
class LagHistory;
} // namespace arbor::core

namespace arbor::widgets {

class TrayNotifier;

// What the tray and the charts hear about health: the sampler's events (a server unreachable,
// replication broken, recovered) become notifications, and each failure the monitor confirms
// becomes a chart marker and a notification. Any of the sources may be null.
class HealthNotifications : public QObject
{
    Q_OBJECT
public:
    HealthNotifications(core::LagHistory *history, core::HistorySampler *sampler, core::AnalysisMonitor *monitor,
                        TrayNotifier *tray, QObject *parent = nullptr);
};

} // namespace arbor::widgets
