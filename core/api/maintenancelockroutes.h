#pragma once

#include "model/instancekey.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <memory>

namespace arbor::core {

class ApiRoutes;
class ClusterLock;
class ServiceNode;

// orchestrator's begin-maintenance/:host/:port/:owner/:reason and end-maintenance/:host/:port: a
// maintenance lock keeps Arbor's own operations (and recoveries, which take the same lock) off the
// server's cluster while a person works on it. It is the cluster's operation lock, held in the
// backend so every node and the CLI see it, for kExpireMinutes (orchestrator's
// MaintenanceExpireMinutes default) unless ended earlier. One lock per cluster: a second server of
// a cluster in maintenance is refused with the holder named.
class MaintenanceLockRoutes : public QObject
{
public:
    static constexpr int kExpireMinutes = 10;

    MaintenanceLockRoutes(ApiRoutes &routes, ServiceNode &node);
    ~MaintenanceLockRoutes() override;

private:
    void expire();

    ServiceNode &m_node;
    struct Held
    {
        std::unique_ptr<ClusterLock> lock;
        QDateTime until;
    };
    QHash<InstanceKey, std::shared_ptr<Held>> m_held;
};

} // namespace arbor::core
