#pragma once

#include "dialect/dialect.h"
#include "core/recovery/recoveryplan.h"

#include <QElapsedTimer>
#include <QSet>

#include <map>
#include <memory>

namespace arbor::core {

class OpsConnection;


// Carries out one RecoveryPlan on the servers, blocking, in the calling thread (a worker thread in
// the service and the desktop; the main thread in the CLI). Every step is reported, and every
// promise is verified on the server: the new master is read back writable and not replicating, each
// repointed replica is read back running both threads from the new master. A claim the server does
// not confirm fails the recovery (and runs PostUnsuccessfulFailoverProcesses), whatever the
// statements returned. Before each destructive step the lease is checked (fencing).
class RecoveryExecutor
{
public:
    RecoveryExecutor(RecoveryPlan plan, RecoveryCallbacks callbacks);
    ~RecoveryExecutor();

    RecoveryOutcome run();

private:
    RecoveryOutcome runDeadMaster();
    RecoveryOutcome runIntermediateMaster();
    RecoveryOutcome runGracefulTakeover();

    // Shared by DeadMaster and GracefulTakeover: pre-failover hooks, promotion, repointing, post hooks.
    RecoveryOutcome promoteAndRepoint(RecoveryOutcome out, bool graceful);
    bool runHooks(const QString &name, const QStringList &lines, bool stopOnFailure);
    void finishHooks(RecoveryOutcome &out, bool intermediate, bool graceful);

    // Steps record SqlStatement::toString() (secrets redacted); OpsConnection redacts server errors.
    Result<void> sql(const InstanceKey &key, const SqlStatement &statement, const QString &what);
    Result<QList<QVariantMap>> query(const InstanceKey &key, const SqlStatement &statement);
    Result<Dialect> dialectOf(const InstanceKey &key);
    Result<std::optional<ReplicationState>> replicaStatus(const InstanceKey &key);
    Result<QString> variable(const InstanceKey &key, const QString &name);
    Result<void> waitRelayLogApplied(const InstanceKey &key);
    // MariaDB takeover: @p designated's gtid_current_pos already holds all @p master wrote (a step says so).
    bool designatedHasEverything(const InstanceKey &designated, const InstanceKey &master);
    Result<void> promote(const InstanceKey &key, BinlogCoordinates *coordinates);
    // orchestrator's detach: Master_Host becomes '//host' at the same position, so the replica cannot
    // reconnect to @p from (nothing is done when it replicates from another source) and can be reattached.
    Result<void> detachFrom(const InstanceKey &key, const InstanceKey &from, const QString &why);
    // DetachLostReplicasAfterMasterFailover: the reachable lost replicas stop pointing at the failed master.
    void detachLost(const QList<InstanceKey> &lost);
    // Repoints the replicas that follow the new master; @p issued gets those whose statements ran.
    void repointAll(const QList<InstanceKey> &keys, const InstanceKey &candidate, const BinlogCoordinates &coordinates,
                    RecoveryOutcome &out, QList<InstanceKey> &issued);
    Result<void> repoint(const InstanceKey &replica, const InstanceKey &source, bool gtid,
                         const BinlogCoordinates &coordinates, Dialect::ChangeSource::Positioning gtidMode);
    // PostponeReplicaRecoveryOnLagMinutes: takes out of @p keys the replicas delayed (SQL_Delay) or lagging
    // by more than the option, which move only after the post-failover hooks (orchestrator's postponed moves).
    QList<InstanceKey> takePostponed(QList<InstanceKey> &keys);
    // Moves the postponed replicas under @p source once the hooks ran; the outcome's lists and message follow.
    void movePostponed(const QList<InstanceKey> &postponed, const InstanceKey &source, bool intermediate,
                       const BinlogCoordinates &coordinates, RecoveryOutcome &out);
    // Waits until every key replicates from @p source with both threads running; returns the ones that do not.
    QList<std::pair<InstanceKey, QString>> verifyReplicating(const QList<InstanceKey> &keys, const InstanceKey &source);
    bool fenced(RecoveryOutcome &out, const QString &before);
    // The candidate failed before its promotion: when it no longer answers and nothing else was
    // changed, says what it left and marks the outcome for a retry with the next candidate.
    void candidateFailed(RecoveryOutcome &out, const InstanceKey &candidate);

    void step(const QString &kind, const QString &what, bool ok = true, const QString &detail = QString());
    OpsConnection &connection(const InstanceKey &key);
    const Instance *fact(const InstanceKey &key) const;

    RecoveryPlan m_plan;
    RecoveryCallbacks m_callbacks;
    QElapsedTimer m_clock;
    std::map<InstanceKey, std::unique_ptr<OpsConnection>> m_connections;
    bool m_changedServers = false;
    QSet<InstanceKey> m_changed; // servers a statement changed
    bool m_fencedOut = false; // a statement was refused for want of the lease: none runs after it
};

} // namespace arbor::core
