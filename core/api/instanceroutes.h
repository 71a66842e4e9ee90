#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// Reads of instances and clusters: instance, clusters, clusters-info, cluster, cluster-info, topology, bulk-instances.
void registerInstanceRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
