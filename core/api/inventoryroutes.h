#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// The lists orchestrator-client reads servers from: instance-replicas, master/:hint, masters,
// all-instances, downtimed[/:hint], cluster-osc-replicas (cluster-osc-slaves), topology-tabulated.
// Each answers orchestrator's raw JSON (a list of instance objects, one instance object, or
// {Code, Message, Details} with the text), read from memory on any node.
void registerInventoryRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
