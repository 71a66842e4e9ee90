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
    // Where to look for the replica of claim @p index if its claimed address is distrusted or answers
    // as another server: each peer host (where a replica connects from), on the claim's reported port
    // and on @p defaultPort (DefaultInstancePort; 0: none). Never the claimed address itself, never
    // the source. The poller tries them under the claim's server_id/UUID check.
    static QList<InstanceKey> fallbacksFor(const QList<ReplicaClaim> &judged, int index, const QStringList &peerHosts,
                                           const Resolver &resolve, int defaultPort, const InstanceKey &source);
    // DefaultInstancePort, for fallbacksFor: one value per process (the service sets it from its
    // config at start; 0, the default, tries the reported port only).
    static void setDefaultInstancePort(int port);
    static int defaultInstancePort();
    static bool sameHost(const QString &a, const QString &b, const Resolver &resolve);
};

} // namespace arbor::core
