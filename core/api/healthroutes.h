#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// Health for load balancers and people: leader-check, lb-check, _ping, health and status (orchestrator's shapes).
void registerHealthRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
