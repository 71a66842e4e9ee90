#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// /web/status: one read-only HTML page (no script; it refreshes itself every 10 s) for people who
// want to see, on any node, which nodes run, their versions, which one is active, whether the backend
// answers, and each cluster's state. Same authentication as the API's reads.
void registerWebStatusRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
