#pragma once

#include "model/replicaclaim.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

namespace arbor::core {

// The poller's processlist fallback (issue 12): when a replica's reported address fails (its host is
// not where the replica connects from, or the server there has another server_id/UUID), the replica
// is looked for at the addresses its source sees it connect from (ReplicaClaimJudge::fallbacksFor),
// one at a time, each polled under the claim's identity check. A trial that finds another server or
// nothing leaves no card; the first that answers as the replica stands in for the reported address.
// Owned by the Poller as a child object; all calls on the poller's thread.
class ReplicaFallbacks : public QObject
{
public:
    using QObject::QObject;

    struct Trial
    {
        InstanceKey key;
        ReplicaClaim expected; // key, and the claim's server_id/UUID
    };
    enum class KeyState { Free, Known, Trial };

    // What a source's probe found for its claims (claimed address -> candidate addresses).
    void learn(const QList<ReplicaClaim> &claims, const QHash<InstanceKey, QList<InstanceKey>> &candidates);
    // A claim failed: queue its replica's candidates (unless it is already found or has none).
    void claimFailed(const ReplicaClaim &claim);
    // The trials that can start now; @p state says what the poller knows of a key.
    QList<Trial> takeNext(const std::function<KeyState(const InstanceKey &)> &state);

    bool isTrial(const InstanceKey &key) const { return m_trials.contains(key); }
    // The reported address a verified fallback stands in for.
    std::optional<InstanceKey> standsInFor(const InstanceKey &key) const;
    // The trial's verdict: the replica (kept), or not (the next candidate is tried).
    void verified(const InstanceKey &key);
    void failed(const InstanceKey &key);
    void forget(const InstanceKey &key); // the poller forgot it

private:
    struct Pending
    {
        ReplicaClaim claim;
        QList<InstanceKey> candidates;
        int next = 0;
        InstanceKey trying;
    };

    QHash<InstanceKey, QList<InstanceKey>> m_candidatesOf;
    QList<Pending> m_pending;
    QHash<InstanceKey, InstanceKey> m_trials;   // trial key -> the reported address it may stand in for
    QHash<InstanceKey, InstanceKey> m_standIns; // verified key -> the reported address
};

} // namespace arbor::core
