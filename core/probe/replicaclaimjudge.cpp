#include "probe/replicaclaimjudge.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QList<QHostAddress> addressesOf(const QString &host, const ReplicaClaimJudge::Resolver &resolve)
{
    QHostAddress literal;
    if (literal.setAddress(host))
        return {literal};
    return resolve ? resolve(host) : QList<QHostAddress>();
}
} // namespace

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

QList<InstanceKey> ReplicaClaimJudge::fallbackKeys(const QList<ReplicaClaim> &judged, const QStringList &peerHosts,
                                                   const Resolver &resolve, int assumedPort, const InstanceKey &source)
{
    QList<InstanceKey> keys;
    for (const QString &peer : peerHosts) {
        const bool accounted = std::any_of(judged.cbegin(), judged.cend(), [&](const ReplicaClaim &c) {
            return c.distrust.isEmpty() && sameHost(c.reported.host(), peer, resolve);
        });
        if (accounted || !InstanceKey::isValidHost(peer))
            continue;
        const InstanceKey key(peer, assumedPort);
        if (key.port() == source.port() && sameHost(peer, source.host(), resolve))
            continue;
        if (!keys.contains(key))
            keys << key;
    }
    return keys;
}

} // namespace arbor::core
