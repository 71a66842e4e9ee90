#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// Discovery and backend-query metrics windows (orchestrator's paths) and Prometheus text at /metrics.
void registerMetricsRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
