#pragma once

#include "model/instancekey.h"
#include "ops/operationkind.h"

#include <QString>

namespace arbor::core {

// What a user asked for: one operation on one server, with a target when the operation takes one.
struct OperationRequest
{
    OperationKind kind = OperationKind::Relocate;
    InstanceKey instance;
    InstanceKey target;  // the new source (relocate, repoint), the sibling (move-below)
    QString pattern;     // relocate-replicas: a regular expression on the replicas' host:port
    QString argument;    // see OperationKinds::argumentName: delay seconds, binary log name
};

} // namespace arbor::core
