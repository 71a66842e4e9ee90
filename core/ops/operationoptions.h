#pragma once

#include "dialect/dialect.h"
#include "model/instance.h"
#include "ops/legality.h"

#include <QString>

namespace arbor::core {

// Policy shared by every operation.
struct OperationOptions
{
    Legality::Options legality;
    // Configured replication credentials. A replica keeps its own replication user and password
    // (CHANGE MASTER without MASTER_USER/MASTER_PASSWORD keeps them): these are set only on a server
    // that has no replication user of its own (a master that never replicated), or on every server
    // when replaceReplicationCredentials says the operation was asked to change them.
    QString replicationUser;
    QString replicationPassword;
    bool replaceReplicationCredentials = false;

    // The one rule for which credentials a CHANGE MASTER carries. @p server's facts say whether it
    // has a replication user of its own; a rollback never sets any, so that what was there stays.
    // Returns true when it replaced credentials a server had (worth a warning: a server never shows
    // a password, so no rollback can put the old one back).
    bool applyCredentials(Dialect::ChangeSource &change, const Instance *server, bool forRollback = false) const;
};

} // namespace arbor::core
