#pragma once

#include "ops/operationoptions.h"
#include "ops/operationrequest.h"
#include "ops/opssession.h"

namespace arbor::core {

// Operations on one server's replication state: start/stop/restart, reset, detach/reattach
// (reversible), read-only, GTID positioning on/off. Each verifies the state it promises afterwards.
class ReplicationControl
{
public:
    ReplicationControl(OpsSession &session, OperationOptions options);

    static bool handles(OperationKind kind);
    Result<void> run(const OperationRequest &request);

private:
    Result<void> start(const InstanceKey &key);
    Result<void> stop(const InstanceKey &key);
    Result<void> reset(const InstanceKey &key);
    Result<void> detach(const InstanceKey &key);
    Result<void> reattach(const InstanceKey &key);
    Result<void> setReadOnly(const InstanceKey &key, bool readOnly);
    Result<void> setGtid(const InstanceKey &key, bool enable);
    Result<void> needReplica(const Instance &instance);

    OpsSession &m_session;
    OperationOptions m_options;
};

} // namespace arbor::core
