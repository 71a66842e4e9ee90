#pragma once

#include "model/instancekey.h"

#include <QString>

namespace arbor::core {

// One row of a source's SHOW SLAVE HOSTS / SHOW REPLICAS: what a replica says about itself
// (report_host, report_port) next to what the source knows of it (its server_id, and on MySQL its
// UUID). The address is a claim: Arbor connects there only when the claimed host is one the source
// sees the replica connect from, and keeps what it reads there only when the server answers with
// this server_id (and UUID).
struct ReplicaClaim
{
    InstanceKey reported; // report_host:report_port
    qint64 serverId = 0;
    QString serverUuid; // MySQL Slave_UUID / Replica_UUID; empty on MariaDB
    // Empty when the address may be tried; otherwise why Arbor does not connect there.
    QString distrust;

    bool operator==(const ReplicaClaim &other) const = default;
};

} // namespace arbor::core
