#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// audit[/:page]: the audit of topology operations that core/ops writes through the store, 50 rows a page.
void registerAuditRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
