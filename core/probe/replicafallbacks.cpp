#include "probe/replicafallbacks.h"

#include <algorithm>

namespace arbor::core {

void ReplicaFallbacks::learn(const QList<ReplicaClaim> &claims, const QHash<InstanceKey, QList<InstanceKey>> &candidates)
{
    for (const ReplicaClaim &claim : claims) {
        const QList<InstanceKey> keys = candidates.value(claim.reported);
        if (keys.isEmpty())
            m_candidatesOf.remove(claim.reported);
        else
            m_candidatesOf.insert(claim.reported, keys);
    }
}

void ReplicaFallbacks::claimFailed(const ReplicaClaim &claim)
{
    const QList<InstanceKey> candidates = m_candidatesOf.value(claim.reported);
    if (claim.serverId == 0 || candidates.isEmpty())
        return; // nothing to verify a server against, or nowhere to look
    for (auto it = m_standIns.cbegin(); it != m_standIns.cend(); ++it) {
        if (it.value() == claim.reported)
            return; // already found
    }
    auto pending = std::find_if(m_pending.begin(), m_pending.end(), [&](const Pending &p) { return p.claim.reported == claim.reported; });
    if (pending == m_pending.end())
        m_pending.append(Pending{claim, candidates, 0, {}});
    else if (!pending->trying.isValid())
        *pending = Pending{claim, candidates, 0, {}};
}

QList<ReplicaFallbacks::Trial> ReplicaFallbacks::takeNext(const std::function<KeyState(const InstanceKey &)> &state)
{
    QList<Trial> out;
    for (Pending &p : m_pending) {
        if (p.trying.isValid())
            continue; // its poll is under way
        while (p.next < p.candidates.size()) {
            const InstanceKey key = p.candidates.at(p.next);
            const KeyState s = state(key);
            if (s == KeyState::Trial)
                break; // another replica's trial: wait for its verdict
            if (s == KeyState::Known) {
                ++p.next; // a server polled as itself: its own poll shows what it is
                continue;
            }
            p.trying = key;
            m_trials.insert(key, p.claim.reported);
            out.append(Trial{key, ReplicaClaim{key, p.claim.serverId, p.claim.serverUuid, {}}});
            break;
        }
    }
    m_pending.removeIf([](const Pending &p) { return !p.trying.isValid() && p.next >= p.candidates.size(); });
    return out;
}

std::optional<InstanceKey> ReplicaFallbacks::standsInFor(const InstanceKey &key) const
{
    const auto it = m_standIns.constFind(key);
    return it == m_standIns.cend() ? std::nullopt : std::optional<InstanceKey>(*it);
}

void ReplicaFallbacks::verified(const InstanceKey &key)
{
    m_standIns.insert(key, m_trials.take(key));
    m_pending.removeIf([&](const Pending &p) { return p.trying == key; });
}

void ReplicaFallbacks::failed(const InstanceKey &key)
{
    m_trials.remove(key);
    for (Pending &p : m_pending) {
        if (p.trying == key) {
            p.trying = {};
            ++p.next;
        }
    }
}

void ReplicaFallbacks::forget(const InstanceKey &key)
{
    if (m_trials.contains(key))
        failed(key);
    m_standIns.remove(key);
}

} // namespace arbor::core
