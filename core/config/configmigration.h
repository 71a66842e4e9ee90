#pragma once

#include "config/serviceconfig.h"

#include <QJsonObject>
#include <QStringList>

namespace arbor::core {

// `arbor config migrate orchestrator.conf.json`: a checked config written back in Arbor's own nested
// keys, with the same behaviour: API passwords as PBKDF2 hashes (never the plaintext), hook lines as
// they were (Arbor runs shell syntax through a shell with every placeholder quoted), and every key
// that is not carried over listed with the reason.
struct ConfigMigration
{
    QJsonObject native;
    QStringList dropped; // "KEY: why", one per orchestrator key not carried over
    QStringList notes;   // what the reader should do by hand (passwords kept in plaintext, ...)

    static ConfigMigration from(const ServiceConfig &config);
};

} // namespace arbor::core
