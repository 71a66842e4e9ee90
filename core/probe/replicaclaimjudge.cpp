#include "probe/replicaclaimjudge.h"

#include <algorithm>
#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
std::atomic<int> s_defaultInstancePort{0};

QList<QHostAddress> addressesOf(const QString &host, const ReplicaClaimJudge::Resolver &resolve)
{
    QHostAddress literal;
    if (literal.setAddress(host))
        return {literal};
    return resolve ? resolve(host) : QList<QHostAddress>();
}
} // namespace

void ReplicaClaimJudge::setDefaultInstancePort(int port)
{
    s_defaultInstancePort.store(port);
}

int ReplicaClaimJudge::defaultInstancePort()
{
    return s_defaultInstancePort.load();
}

bool ReplicaClaimJudge::sameHost(const QString &a, const QString &b, const Resolver &resolve)
{
    if (a.compare(b, Qt::CaseInsensitive) == 0)
        return true;
    const QList<QHostAddress> left = addressesOf(a, resolve);
    const QList<QHostAddress> right = addressesOf(b, resolve);
    for (const QHostAddress &l : left) {
        for (const QHostAddress &r : right) {
            // ::ffff:10.0.0.5 and 10.0.0.5 are one peer.
            if (l.isEqual(r, QHostAddress::TolerantConversion))
                return true;
        }
    }
    return false;
}

QList<ReplicaClaim> ReplicaClaimJudge::judge(QList<ReplicaClaim> claims, const QStringList &peerHosts, const Resolver &resolve)
{
    if (peerHosts.isEmpty())
        return claims;
    for (ReplicaClaim &claim : claims) {
        const bool seen = std::any_of(peerHosts.cbegin(), peerHosts.cend(),
                                      [&](const QString &peer) { return sameHost(claim.reported.host(), peer, resolve); });
        claim.distrust = seen ? QString()
                              : u"it reports host %1, but no replica connects from there (replicas connect from %2); "
                                "Arbor does not connect to it"_s.arg(claim.reported.host(), peerHosts.join(u", "_s));
    }
    return claims;
}

QList<InstanceKey> ReplicaClaimJudge::fallbacksFor(const QList<ReplicaClaim> &judged, int index, const QStringList &peerHosts,
                                                   const Resolver &resolve, int defaultPort, const InstanceKey &source)
{
    const ReplicaClaim &claim = judged.at(index);
    // Every host a replica connects from: the processlist does not say which replica is which. An
    // address Arbor already polls as itself is skipped by the poller without a connection, so in a
    // fleet of one replica per host only the lying replica's own host is tried.
    QStringList hosts;
    for (const QString &peer : peerHosts) {
        if (InstanceKey::isValidHost(peer)
            && std::none_of(hosts.cbegin(), hosts.cend(), [&](const QString &h) { return sameHost(h, peer, resolve); }))
            hosts << peer;
    }
    QList<InstanceKey> keys;
    for (const QString &host : std::as_const(hosts)) {
        for (const int port : {claim.reported.port(), defaultPort}) {
            const InstanceKey key(host, port);
            if (port <= 0 || keys.contains(key) || (port == claim.reported.port() && sameHost(host, claim.reported.host(), resolve))
                || (port == source.port() && sameHost(host, source.host(), resolve)))
                continue;
            keys << key;
        }
    }
    return keys;
}

} // namespace arbor::core
