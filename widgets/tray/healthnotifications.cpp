#include "tray/healthnotifications.h"

#include "analysis/analysismonitor.h"
#include "history/historysampler.h"
#include "history/laghistory.h"
#include "tray/traynotifier.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

HealthNotifications::HealthNotifications(LagHistory *history, HistorySampler *sampler, AnalysisMonitor *monitor,
                                         TrayNotifier *tray, QObject *parent)
    : QObject(parent)
{
    if (sampler)
        connect(sampler, &HistorySampler::healthEvent, tray, &TrayNotifier::notify);
    if (monitor) {
        connect(monitor, &AnalysisMonitor::failureConfirmed, this, [history, tray](const ReplicationAnalysis &a) {
            const HistoryEvent event{history->now(), HistoryEvent::Kind::FailureDetected, a.key,
                                     analysisCodeName(a.code) + u": "_s + a.description};
            history->addEvent(event);
            tray->notify(event);
        });
    }
}

} // namespace arbor::widgets
