#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// replication-analysis[/:cluster]: computed on the spot from this node's topology (core/analysis), so standbys answer too.
void registerAnalysisRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
