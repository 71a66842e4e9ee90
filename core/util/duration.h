#pragma once

#include "util/result.h"

#include <QString>

namespace arbor::core {

// The one parser for the durations people type: "90s", "30m", "2h", "1d" or plain seconds.
// Downtimes, promotion-rule expiries and the CLI and API all use it, so the same text means the
// same time everywhere and nothing overflows: the value is more than 0 and at most a year.
class Duration
{
public:
    static constexpr qint64 kMaxSeconds = 366LL * 86400;

    // Seconds, or a sentence saying what is wrong with @p text.
    static Result<qint64> parseSeconds(const QString &text);
};

} // namespace arbor::core
