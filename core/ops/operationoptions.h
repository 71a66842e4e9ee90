#pragma once

#include "ops/legality.h"

#include <QString>

namespace arbor::core {

// Policy shared by every operation.
struct OperationOptions
{
    Legality::Options legality;
    // CHANGE MASTER keeps each replica's own replication user and password unless these are set.
    QString replicationUser;
    QString replicationPassword;
};

} // namespace arbor::core
