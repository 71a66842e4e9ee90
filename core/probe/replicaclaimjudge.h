#pragma once

#include "model/replicaclaim.h"

#include <QHostAddress>
#include <QList>
#include <QStringList>

#include <functional>

namespace arbor::core {

// Decides which replica addresses (report_host/report_port, a claim) Arbor may connect to, before it
// sends them any credentials: the claimed host must be one the source sees a replica connect from
// (its processlist's Binlog Dump threads, the peer address the kernel saw, which a replica cannot
// choose). The port remains a claim; the server_id check after connecting covers it (see
// docs/security.md). Pure functions, so the rules are tested without servers.
class ReplicaClaimJudge
{
public:
    // Host name -> addresses; IP literals never reach it. The probe passes a cached QHostInfo lookup.
    using Resolver = std::function<QList<QHostAddress>(const QString &host)>;

    // Sets ReplicaClaim::distrust on each claim whose host is not among @p peerHosts. With no peers
    // at all (no PROCESS privilege, or every replica just disconnected) hosts cannot be judged and
    // every claim stays trusted, left to the server_id check.
    static QList<ReplicaClaim> judge(QList<ReplicaClaim> claims, const QStringList &peerHosts, const Resolver &resolve);
    // The processlist fallback: peers that no trusted claim accounts for, on @p assumedPort (the
    // source's, as orchestrator assumes), never the source itself.
    static QList<InstanceKey> fallbackKeys(const QList<ReplicaClaim> &judged, const QStringList &peerHosts,
                                           const Resolver &resolve, int assumedPort, const InstanceKey &source);
    static bool sameHost(const QString &a, const QString &b, const Resolver &resolve);
};

} // namespace arbor::core
