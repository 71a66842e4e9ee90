#pragma once

#include "model/instance.h"

#include <QList>
#include <QString>

namespace arbor::testsupport {

// What a poll of a healthy MariaDB 10.11 server says, for tests that plan, check or draw without
// any server. Tests change the few facts their case is about.
class SyntheticFacts
{
public:
    // db:PORT (server_id PORT), binary log bin.000003 at 1000+PORT, GTID 0-1-100; with sourcePort a
    // read-only replica of db:SOURCEPORT, both threads running, no lag, executed to bin.000001:500,
    // GTID positioning unless gtid is false.
    static core::Instance plannedServer(int port, int sourcePort = 0, bool gtid = true);

    // 127.0.0.1-style keys as given: a reachable server listing its replicas, and a read-only
    // replica of source (both threads running, no lag, GTID positioning).
    static core::Instance reachableServer(const core::InstanceKey &key, const QList<core::InstanceKey> &replicas = {},
                                          const QString &version = QStringLiteral("10.11.6-MariaDB-log"));
    static core::Instance healthyReplica(const core::InstanceKey &key, const core::InstanceKey &source,
                                         const QList<core::InstanceKey> &replicas = {},
                                         const QString &version = QStringLiteral("10.11.6-MariaDB-log"));

    // A server as the store keeps it: HOST:PORT, checked 2024-05-01 12:00:00.250 UTC; with a valid
    // source a replica of it, both threads running, no lag.
    static core::Instance storedInstance(const QString &host, int port, const core::InstanceKey &source = {});
};

} // namespace arbor::testsupport
