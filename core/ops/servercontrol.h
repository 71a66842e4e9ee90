#pragma once

#include "ops/operationoptions.h"
#include "ops/operationrequest.h"
#include "ops/opssession.h"

namespace arbor::core {

// orchestrator's one-server maintenance commands that are neither a move nor a thread toggle:
// skip-query, semi-sync on/off per side, delay-replication, flush/purge-binary-logs,
// stop-replica-nice and the errant-GTID repairs. Each checks the facts first (refusing with the rule
// named), runs its statements through the session (so a plan shows exactly what a run does), and
// verifies on the server what it promised.
class ServerControl
{
public:
    ServerControl(OpsSession &session, OperationOptions options);

    static bool handles(OperationKind kind);
    Result<void> run(const OperationRequest &request);

private:
    Result<void> skipQuery(const Instance &i);
    Result<void> semiSync(const Instance &i, bool sourceSide, bool enable);
    Result<void> delay(const Instance &i, const QString &argument);
    Result<void> flushBinaryLogs(const Instance &i);
    Result<void> purgeBinaryLogs(const Instance &i, const QString &binlog);
    Result<void> stopNicely(const Instance &i);
    Result<void> errantResetMaster(const Instance &i);
    Result<void> errantInjectEmpty(const Instance &i);
    Result<void> needReplica(const Instance &i);
    Result<QString> errantOf(const Instance &i);

    OpsSession &m_session;
    OperationOptions m_options;
};

} // namespace arbor::core
