#pragma once

#include "ha/electionstate.h"
#include "model/instance.h"
#include "store/storeoptions.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSqlDatabase>

#include <atomic>

class QThread;
class QTimer;

namespace arbor::core {

class QueryMetrics;

// The node's loop against the shared backend, on a thread of its own so a slow or dead backend
// never stalls polling or the API. Every renewal period it
//   1. takes or renews the active_node lease (INSERT IGNORE, then UPDATE ... WHERE the row is ours
//      or older than the lease by the database's clock), and reads who holds it;
//   2. writes this node's node_health row and reads everyone's;
//   3. on a standby (follow mode), reads the instance snapshots the active node wrote, and the
//      downtimes and aliases.
// Lost connections are retried with a doubling backoff (1 s .. 10 s).
//
// Fencing: holdsLease() is true only until one second before the lease could expire, counted from
// the moment the last successful renewal was *sent*, so this node stops acting before any other
// node can take over; every destructive step asks it again.
class LeaderElection : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        StoreOptions store;
        QString nodeName;
        QString hostname;
        QString apiUrl;
        QString appVersion;
        int leaseSeconds = 5;
        int renewMs = 1000;
    };

    explicit LeaderElection(Options options, QueryMetrics *metrics = nullptr);
    ~LeaderElection() override;

    void start();
    // Blocking. With resign, deletes the lease row when it is ours so another node takes over at its
    // next renewal instead of waiting for the lease to expire.
    void stop(bool resign);

    // Thread-safe.
    bool holdsLease() const;
    qint64 leaseRemainingMs() const;
    QString token() const { return m_token; }
    void setStatus(const QString &status);
    void setFollowInstances(bool follow) { m_follow.store(follow); }
    // Re-read everything on the next follow round (after this node stopped polling).
    void resetFollow() { m_resetFollow.store(true); }
    // While this node polls, it retries a lost backend every renewal instead of backing off, so that
    // it learns within a second of the backend's return whether another node has taken over.
    void setEagerReconnect(bool eager) { m_eager.store(eager); }
    // Thread-safe. A LeaderLock saw the backend session of the active node @p token end: take the lease
    // as soon as that node has also missed a renewal (renewMs plus a margin) rather than after the whole
    // lease. A node that renews after its session ended lives, and keeps the lease.
    void takeOverFrom(const QString &token);

Q_SIGNALS:
    void stateChanged(const arbor::core::ElectionState &state);
    void backendLost(const QString &error);
    void backendRestored();
    // Follow mode: snapshots newer than those sent before; allKeys set when the full key list was read.
    void instancesRead(const QList<arbor::core::Instance> &changed, const QList<arbor::core::InstanceKey> &allKeys,
                       bool haveAllKeys);
    void downtimesRead(const QHash<arbor::core::InstanceKey, QString> &reasons);
    void aliasesRead(const QHash<QString, QString> &aliases);

private:
    void tick();
    bool ensureConnected(qint64 nowSteady);
    bool elect(ElectionState *state);
    bool writeHealth(ElectionState *state);
    bool follow();
    bool readDowntimesAndAliases();
    void resign();
    void dropConnection(const QString &error);
    QString clock() const; // the database's clock, ms since the epoch, as SQL
    bool exec(QSqlQuery &query, const QString &what);
    void resolveTakeOver(const ElectionState &state, qint64 lastSeen);
    void scheduleTakeOverRetry();

    const Options m_options;
    QueryMetrics *const m_metrics;
    const QString m_token;
    QString m_connectionName;
    QThread *m_thread = nullptr;
    QTimer *m_timer = nullptr;

    std::atomic<qint64> m_leaseDeadline{0}; // steady ms; 0: no lease
    std::atomic<bool> m_follow{false};
    std::atomic<bool> m_resetFollow{false};
    std::atomic<bool> m_eager{false};
    mutable QMutex m_statusMutex;
    QString m_status;

    // Thread-owned.
    bool m_connected = false;
    bool m_everConnected = false;
    bool m_lostReported = false;
    qint64 m_nextConnectAt = 0;
    int m_backoffMs = 1000;
    QString m_lastError;
    qint64 m_startedAtMs = 0;
    int m_tickCount = 0;
    QHash<InstanceKey, qint64> m_seenChecked; // follow mode: last_checked already sent
    qint64 m_watermark = 0;
    // Takeover from a node whose session ended (LeaderLock): its token, and when we learned it (db ms).
    QMutex m_takeOverMutex;
    QString m_takeOverToken; // guarded by m_takeOverMutex
    qint64 m_sessionEndedAt = 0;
    bool m_takeOverPending = false;
    bool m_takeOverRetryScheduled = false;
};

} // namespace arbor::core
