#pragma once

#include "api/apiroutes.h"

namespace arbor::core {

class ServiceRecovery;

// Failure detection and recovery over HTTP with orchestrator's paths and response fields:
// recover[-lite], graceful-master-takeover, ack-recovery (by id, uid, cluster, alias, instance, all),
// audit-recovery, audit-recovery-steps, audit-failure-detection, blocked-recoveries,
// disable/enable/check-global-recoveries, automated-recovery-filters, register-candidate,
// bulk-promotion-rules; and Arbor's read-only arbor/rehearse-recovery (what a failover would do now). Reads come from the shared backend, so every node answers them; recoveries
// run on the active node (ServiceRecovery), and the reply waits for the recovery's end, as
// orchestrator's does.
class RecoveryRoutes
{
public:
    RecoveryRoutes(ApiRoutes &routes, ServiceNode &node, ServiceRecovery *recovery);

private:
    void addRecover();
    void addRehearse();
    void addAcknowledge();
    void addAudit();
    void addSwitchesAndRules();

    ApiRoutes &m_routes;
    ServiceNode &m_node;
    ServiceRecovery *m_recovery;
};

} // namespace arbor::core
