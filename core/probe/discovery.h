#pragma once

#include "model/instance.h"
#include "probe/polleroptions.h"

#include <QList>

namespace arbor::core {

// One-shot discovery: from seeds, follow sources up and replicas down until every server found has
// been polled once. Used by the CLI and benchmarks; the long-running poller does the same continuously.
class Discovery
{
public:
    struct Outcome
    {
        QList<Instance> instances; // every server found, reachable or not
        bool complete = false;     // false when the deadline passed first
        qint64 elapsedMs = 0;
    };

    static Outcome run(const QList<InstanceKey> &seeds, const PollerOptions &options, int deadlineMs);
};

} // namespace arbor::core
