#pragma once

#include <QDateTime>

#include <optional>

namespace arbor::core {

// What a replica was doing before a failure: candidate choice must never promote a replica that was
// broken or far behind *before* its master died (orchestrator #83, #1050), and after the death every
// replica looks broken, so the last healthy moment has to be remembered.
struct ReplicaHistory
{
    QDateTime lastReplicatingAt;              // last poll with IO and SQL threads running
    std::optional<qint64> lagAtLastReplicating; // lag at that poll
    QDateTime sqlBrokenSince;                 // SQL thread stopped or in error since (invalid: fine)
};

} // namespace arbor::core
