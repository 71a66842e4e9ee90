#pragma once

#include "model/instancekey.h"

namespace arbor::core {

// The outcome of one poll, for schedule checks and metrics. Times are the poller's monotonic ms.
struct PollRecord
{
    InstanceKey key;
    qint64 due = 0;
    qint64 started = 0;
    qint64 finished = 0;
    bool ok = false;
    bool backoffLane = false;

    qint64 latenessMs() const { return started - due; }
    qint64 durationMs() const { return finished - started; }
};

} // namespace arbor::core
