#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// The route files, one per resource, each behind one registration function. ApiRoutes' constructor
// calls them in this order (the first pattern that matches a path wins), then adds OperationRoutes
// and RecoveryRoutes, then the orchestrator-client routes below, MaintenanceLockRoutes and TagRoutes.

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

// historyroutes.cpp: arbor/lag-history/:host/:port and arbor/lag-history/cluster/:clusterHint, each with
// ?seconds=N (default 300, at most a day): the lag and poll history this node recorded, for the desktop's
// charts in connected mode.
void registerHistoryRoutes(ApiRoutes &routes, ServiceNode &node);

// inventoryroutes.cpp: the lists orchestrator-client reads servers from: instance-replicas, master/:hint,
// masters, all-instances, downtimed[/:hint], cluster-osc-replicas, topology-tabulated (raw instance JSON).
void registerInventoryRoutes(ApiRoutes &routes, ServiceNode &node);

// leadershiproutes.cpp: routed-leader-check and raft-state/-leader/-health/-peers answered from Arbor's own
// election (the backend lease; Arbor has no raft, and the answers say so); raft-yield and peer changes: 501.
void registerLeadershipRoutes(ApiRoutes &routes, ServiceNode &node);

// unsupportedroutes.cpp: orchestrator paths refused on purpose with 501 and the reason (Pseudo-GTID,
// equivalence coordinates, binlog servers, KV stores, pools, hostname unresolve).
void registerUnsupportedRoutes(ApiRoutes &routes);

// webstatusroutes.cpp: /web/status, a read-only HTML page (no script) with the nodes, versions, the active
// node, backend health and each cluster's state.
void registerWebStatusRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
