#pragma once

#include "model/instancekey.h"
#include "util/result.h"

#include <QCoreApplication>

namespace arbor::core {
class Poller;
class Store;
class TopologyState;
} // namespace arbor::core

namespace arbor::widgets {

class ActivityLog;

// The window's writes to the store (downtime begin/end, forget, the downtimes read at start), each
// through core/ops/Maintenance and logged to the activity log. The window only asks and shows.
class MaintenanceActions
{
    Q_DECLARE_TR_FUNCTIONS(MaintenanceActions)
public:
    // @p store may be null: downtime then fails with a sentence, forget still drops the server.
    MaintenanceActions(core::Store *store, core::TopologyState *state, core::Poller *poller, ActivityLog *log);

    void loadDowntimes();
    core::Result<void> beginDowntime(const core::InstanceKey &key, const QString &reason, int minutes);
    core::Result<void> endDowntime(const core::InstanceKey &key);
    core::Result<void> forget(const core::InstanceKey &key);

private:
    core::Store *m_store;
    core::TopologyState *m_state;
    core::Poller *m_poller;
    ActivityLog *m_log;
};

} // namespace arbor::widgets
