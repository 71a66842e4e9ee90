#pragma once

namespace arbor::core {

class ApiRoutes;

// orchestrator paths Arbor refuses on purpose, each with 501 and the reason, so a script gets a clear
// ERROR naming what to use instead rather than a 404: Pseudo-GTID (match, match-up, rematch,
// last-pseudo-gtid, ...), equivalence coordinates (move-equivalent), binlog servers, KV stores,
// instance pools and hostname unresolving.
void registerUnsupportedRoutes(ApiRoutes &routes);

} // namespace arbor::core
