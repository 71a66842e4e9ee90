#pragma once

#include "dialect/dialect.h"
#include "model/instance.h"
#include "probe/probeoptions.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlError;
class QSqlQuery;

namespace arbor::core {

// One server, one persistent connection, one poll at a time. A QSqlDatabase belongs to one thread
// (its driver's QObject affinity); the poller hands a probe from worker to worker, so a thread that
// is about to use it calls adoptThread() and releaseThread() when it is done (what
// QSqlDatabase::moveToThread does from Qt 6.8). Never used by two threads at once.
class InstanceProbe
{
public:
    InstanceProbe(InstanceKey key, ProbeOptions options);
    ~InstanceProbe();
    InstanceProbe(const InstanceProbe &) = delete;
    InstanceProbe &operator=(const InstanceProbe &) = delete;

    // Polls the server, reconnecting if needed. Always returns a snapshot: on failure it has
    // lastCheckValid=false and lastError says what failed and what to do.
    Instance poll();
    // Connects (if needed) and runs one statement; used by `check` and operations.
    Result<QList<QVariantMap>> query(const QString &sql);
    void disconnect();
    // Moves the connection to the calling thread (it must have no thread, or be ours already) and back
    // to no thread, so that the next worker can adopt it.
    void adoptThread();
    void releaseThread();

    const InstanceKey &key() const { return m_key; }
    // What the source that listed this address says the server there is (a replica's claim). When
    // set, a poll that finds another server_id (or UUID) stops after the identity query, keeps no
    // facts and sets Instance::identityProblem. Set only while no poll runs.
    void setExpectedIdentity(std::optional<ReplicaClaim> claim) { m_expected = std::move(claim); }
    // Per claimed address of the last poll's SHOW SLAVE HOSTS, where that replica may really be
    // (ReplicaClaimJudge::fallbacksFor). Read only while no poll runs.
    const QHash<InstanceKey, QList<InstanceKey>> &claimFallbacks() const { return m_claimFallbacks; }
    // The socket of the open connection, -1 when there is none. For ConnectionWatch, between polls only.
    int socketDescriptor() const;
    std::optional<Dialect> dialect() const { return m_dialect; }

private:
    Result<void> ensureConnected();
    Result<QList<QVariantMap>> run(const QString &sql, bool *lostConnection = nullptr);
    // Runs the statements a poll will need as one batch; run() then answers them from here. A
    // statement that failed keeps its error; those after it in the batch run alone if asked for.
    void prefetch(const QStringList &statements);
    QStringList statementsOfThisPoll() const;
    bool semiSyncEnabled() const; // as the cached semi-sync settings say
    Result<QList<QVariantMap>> failureOf(const QString &sql, const QSqlError &error, bool *lostConnection);
    Result<QList<QVariantMap>> failureOf(const QString &sql, int code, const QString &text, bool *lostConnection);
    Result<void> collect(Instance *instance);
    void addWarnings(Instance *instance) const;
    // Judges the claims of SHOW SLAVE HOSTS against the processlist (see ReplicaClaimJudge).
    Result<void> judgeClaims(const QList<ReplicaClaim> &claims, bool slowPoll, Instance *instance);
    QList<QHostAddress> resolve(const QString &host);

    InstanceKey m_key;
    ProbeOptions m_options;
    QString m_connectionName;
    QSqlDatabase m_db; // held, not looked up by name: QSqlDatabase::database() refuses other threads
    std::optional<Dialect> m_dialect;
    bool m_connected = false;
    bool m_direct = false; // during poll(), with ProbeOptions::directRows: rows through DirectQuery
    // Facts that change rarely are re-read every kSlowPollEvery polls of a connection.
    static constexpr int kSlowPollEvery = 12;
    qint64 m_pollsOnConnection = 0;
    std::optional<QList<QVariantMap>> m_semiSyncVariables;
    std::optional<QList<InstanceKey>> m_processlistReplicas;
    std::optional<QStringList> m_processlistHosts; // where replicas connect from, for judging claims
    QHash<QString, QList<QHostAddress>> m_resolved;  // per connection: names of claimed and peer hosts
    std::optional<ReplicaClaim> m_expected;
    QHash<InstanceKey, QList<InstanceKey>> m_claimFallbacks;
    struct Prefetched
    {
        Result<QList<QVariantMap>> result;
        bool lostConnection = false;
    };
    QHash<QString, Prefetched> m_prefetched;
    std::optional<bool> m_logBin; // as the last poll on this connection saw it
    qint64 m_uptimeAtRead = 0;
    QElapsedTimer m_uptimeClock; // since Uptime was read on this connection
};

} // namespace arbor::core
