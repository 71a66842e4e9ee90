#pragma once

#include "history/lagpoint.h"

#include <QJsonArray>
#include <QList>

namespace arbor::core {

// The one JSON form of a server's lag history, written by the service's lag-history route and read
// by the desktop's connected mode: a list of [atMs, lagSeconds, pollMs], null for "not known".
class LagPointJson
{
public:
    static QJsonArray toJson(const QList<LagPoint> &points);
    // Items that are not such triples are skipped (an older or newer service may add fields).
    static QList<LagPoint> fromJson(const QJsonArray &array);
};

} // namespace arbor::core
