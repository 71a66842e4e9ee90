#pragma once

#include "api/apiroutes.h"
#include "ops/operationrequest.h"

#include <QList>
#include <QPointer>

class QThread;

namespace arbor::core {

// Topology operations over HTTP with orchestrator's paths (relocate/:host/:port/:belowHost/:belowPort,
// move-up, take-siblings, start-slave, ...; GET like orchestrator, operator role, active node only).
// Each runs through OperationRunner on a thread of its own (the API and the election loop keep
// answering meanwhile) with the cluster's lock and audit in the shared backend, then the servers it
// touched are polled again and the reply carries the moved server's fresh JSON in Details, as
// orchestrator-client expects. can-replicate-from only judges, from the facts in memory.
class OperationRoutes
{
public:
    OperationRoutes(ApiRoutes &routes, ServiceNode &node);
    ~OperationRoutes(); // waits for operations still running

    OperationRoutes(const OperationRoutes &) = delete;
    OperationRoutes &operator=(const OperationRoutes &) = delete;

private:
    void run(const OperationRequest &request, const ApiRequest &http, ApiRoutes::Reply reply);

    ApiRoutes &m_routes;
    ServiceNode &m_node;
    QList<QPointer<QThread>> m_threads;
};

} // namespace arbor::core
