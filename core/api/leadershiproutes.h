#pragma once

namespace arbor::core {

class ApiRoutes;
class ServiceNode;

// orchestrator's leadership paths, answered from Arbor's own election (a lease in the shared
// backend; Arbor has no raft): routed-leader-check (as leader-check), raft-state ("Leader" on the
// active node, "Follower" elsewhere), raft-leader (the active node), raft-health (healthy while the
// backend answers), raft-peers (the nodes of node_health). The text answers say that they come from
// the backend lease, so nobody mistakes them for a raft quorum. raft-yield/raft-yield-hint and the
// peer changes answer 501: the lease cannot be handed to a named node.
void registerLeadershipRoutes(ApiRoutes &routes, ServiceNode &node);

} // namespace arbor::core
