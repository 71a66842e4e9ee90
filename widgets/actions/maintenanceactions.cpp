#include "actions/maintenanceactions.h"

#include "ops/maintenance.h"
#include "panels/activitylog.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::widgets {

using namespace arbor::core;

MaintenanceActions::MaintenanceActions(Store *store, TopologyState *state, Poller *poller, ActivityLog *log)
    : m_store(store), m_state(state), m_poller(poller), m_log(log)
{
}

void MaintenanceActions::loadDowntimes()
{
    if (!m_store)
        return;
    // The state announces the change; the canvas and the lists follow it.
    if (auto r = Maintenance(m_store, m_state).reloadDowntimes(); !r.ok())
        m_log->add(ActivityLog::Level::Warning, {}, r.error());
}

Result<void> MaintenanceActions::beginDowntime(const InstanceKey &key, const QString &reason, int minutes)
{
    if (!m_store)
        return Result<void>::failure(tr("downtime needs the store, and this window has none"));
    auto begun = Maintenance(m_store, m_state)
                     .beginDowntime(key, qEnvironmentVariable("USER", u"desktop"_s), reason, qint64(minutes) * 60);
    if (!begun.ok()) {
        m_log->add(ActivityLog::Level::Error, key, tr("begin downtime failed: %1").arg(begun.error()));
        return Result<void>::failure(begun.error());
    }
    m_log->add(ActivityLog::Level::Operation, key, tr("downtime begun for %1 min: %2").arg(minutes).arg(reason));
    return Result<void>::success();
}

Result<void> MaintenanceActions::endDowntime(const InstanceKey &key)
{
    if (!m_store)
        return Result<void>::failure(tr("downtime needs the store, and this window has none"));
    if (auto r = Maintenance(m_store, m_state).endDowntime(key); !r.ok()) {
        m_log->add(ActivityLog::Level::Error, key, tr("end downtime failed: %1").arg(r.error()));
        return r;
    }
    m_log->add(ActivityLog::Level::Operation, key, tr("downtime ended"));
    return Result<void>::success();
}

Result<void> MaintenanceActions::forget(const InstanceKey &key)
{
    if (auto r = Maintenance(m_store, m_state, m_poller).forget(key); !r.ok()) {
        m_log->add(ActivityLog::Level::Error, key, tr("forget failed: %1").arg(r.error()));
        return r;
    }
    m_log->add(ActivityLog::Level::Operation, key, tr("forgotten"));
    return Result<void>::success();
}

} // namespace arbor::widgets
