#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// The route files, one per resource, each behind one registration function. ApiRoutes' constructor
// calls them in this order (the first pattern that matches a path wins), then adds OperationRoutes
// and RecoveryRoutes.

// healthroutes.cpp: health for load balancers and people: leader-check, lb-check, _ping, health and status (orchestrator's shapes).
void registerHealthRoutes(ApiRoutes &routes, ServiceNode &node);

// instanceroutes.cpp: reads of instances and clusters: instance, clusters, clusters-info, cluster, cluster-info, topology, bulk-instances.
void registerInstanceRoutes(ApiRoutes &routes, ServiceNode &node);

// maintenanceroutes.cpp: writes that keep the inventory: discover, bulk-instances (POST), forget, begin-downtime and end-downtime.
void registerMaintenanceRoutes(ApiRoutes &routes, ServiceNode &node);

// metricsroutes.cpp: discovery and backend-query metrics windows (orchestrator's paths) and Prometheus text at /metrics.
void registerMetricsRoutes(ApiRoutes &routes, ServiceNode &node);

// analysisroutes.cpp: replication-analysis[/:cluster]: computed on the spot from this node's topology (core/analysis), so standbys answer too.
void registerAnalysisRoutes(ApiRoutes &routes, ServiceNode &node);

// auditroutes.cpp: audit[/:page]: the audit of topology operations that core/ops writes through the store, 50 rows a page.
void registerAuditRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
