#pragma once

#include "model/instancekey.h"

#include <QDateTime>

namespace arbor::core {

// A planned maintenance window for one server: analysis still runs, recovery leaves it alone.
struct Downtime
{
    InstanceKey key;
    QString owner;
    QString reason;
    QDateTime begin;
    QDateTime end;

    bool isActiveAt(const QDateTime &now) const { return begin <= now && now < end; }
};

} // namespace arbor::core
