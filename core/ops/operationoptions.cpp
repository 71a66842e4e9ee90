#include "ops/operationoptions.h"

namespace arbor::core {

bool OperationOptions::applyCredentials(Dialect::ChangeSource &change, const Instance *server, bool forRollback) const
{
    change.user.clear();
    change.password.clear();
    if (forRollback || replicationUser.isEmpty())
        return false;
    const bool hasOwn = server && server->replication && !server->replication->sourceUser.isEmpty();
    if (hasOwn && !replaceReplicationCredentials)
        return false;
    change.user = replicationUser;
    change.password = replicationPassword;
    return hasOwn;
}

} // namespace arbor::core
