#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// Writes that keep the inventory: discover, bulk-instances (POST), forget, begin-downtime and end-downtime.
void registerMaintenanceRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
