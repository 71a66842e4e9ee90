#pragma once

#include "model/instance.h"
#include "probe/polleroptions.h"
#include "probe/pollrecord.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>
#include <set>

namespace arbor::core {

class ConnectionWatch;
class InstanceProbe;
class PollLane;

// Re-polls every known instance every pollIntervalMs on two lanes of worker threads: healthy servers
// on one, unreachable or hung servers on the other, so a dead host never delays a live one. Each
// instance keeps one persistent connection, which travels with its poll to whichever worker of the
// lane is free; a server that hangs blocks one thread, and the lane adds threads (bounded) so that
// the others keep their schedule. Lives in the thread that created it; results arrive there as signals.
class Poller : public QObject
{
    Q_OBJECT
public:
    explicit Poller(PollerOptions options, QObject *parent = nullptr);
    ~Poller() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // Adds a key (first poll at once). Returns false when it is known (also under another name: a
    // key that turned out to be an alias of a known server) or was forgotten very recently.
    bool addInstance(const InstanceKey &key);
    // A user's explicit discovery (CLI, API `discover`): as addInstance, and it lifts the short block a
    // forget puts on the key (which only keeps polls in flight from bringing it back on their own).
    bool discoverInstance(const InstanceKey &key);
    // The key a server is known by when @p key is another name for it (127.1:3306 for 127.0.0.1:3306).
    InstanceKey canonical(const InstanceKey &key) const { return m_aliases.value(key, key); }
    void forgetInstance(const InstanceKey &key);
    void pollNow(const InstanceKey &key);
    QList<InstanceKey> instances() const { return m_entries.keys(); }
    bool contains(const InstanceKey &key) const { return m_entries.contains(key); }

    // True when every known instance has been polled at least once and none is in flight for the first time.
    bool isSettled() const;
    const PollerOptions &options() const { return m_options; }

    // Metrics.
    std::vector<PollRecord> recentPolls() const { return {m_history.begin(), m_history.end()}; }
    qint64 pollsCompleted() const { return m_pollsCompleted; }
    qint64 pollsFailed() const { return m_pollsFailed; }
    qint64 now() const; // the poller's monotonic clock, ms
    // Threads of the healthy and backoff lanes now, and the most either had since start().
    int workerThreads() const;
    int peakWorkerThreads() const;
    int queuedPolls() const; // due, waiting for a free worker
    // Sources whose idle connection is watched for EOF now (ProbeOptions::crashWatch).
    bool isWatched(const InstanceKey &key) const;
    int watchedConnections() const;

Q_SIGNALS:
    void instancePolled(const arbor::core::Instance &instance);
    void pollRecorded(const arbor::core::PollRecord &record);
    void instanceAdded(const arbor::core::InstanceKey &key);
    void instanceForgotten(const arbor::core::InstanceKey &key);
    void settled();
    // A watched source's idle connection ended (EOF or reset): the server died, restarts, or was told
    // to drop us. Nothing is concluded here; the analysis re-probes the server and its replicas.
    void connectionLost(const arbor::core::InstanceKey &key);

private:
    enum class Lane { Healthy, Backoff };
    struct Entry
    {
        InstanceKey key;
        qint64 due = 0;
        Lane lane = Lane::Healthy;
        std::shared_ptr<InstanceProbe> probe; // the connection, created on first dispatch
        int failures = 0;
        bool inFlight = false;
        bool pollAgain = false;
        bool everPolled = false;
        // What the source that listed this address says is there (a replica's claim): checked on
        // every poll. A distrusted entry is not polled until its source's claim changes.
        std::optional<ReplicaClaim> expected;
        bool distrusted = false;
        ReplicaClaim distrustedFor;
        bool watched = false; // its idle connection is in m_watch
    };

    void schedule(Entry &entry, qint64 due);
    // The first time at or after t in this key's slot of the interval (keys spread evenly over it).
    qint64 slotAtOrAfter(const InstanceKey &key, qint64 t) const;
    std::unique_ptr<PollLane> makeLane(Lane laneId);
    void dispatchDue();
    void armTimer();
    PollLane &lane(Lane l) { return *(l == Lane::Healthy ? m_healthy : m_backoff); }
    void onPolled(Instance instance, Lane lane, qint64 started, qint64 finished);
    void follow(const Instance &instance);
    void followClaim(const ReplicaClaim &claim);
    bool addEntry(const InstanceKey &key, const std::optional<ReplicaClaim> &claim);
    // Stops polling @p entry and publishes it as "reported address does not answer as this replica".
    void distrust(Entry &entry, const QString &problem, const QDateTime &when);
    // Server identity across names: UUID where the flavour has one, else server_id + @@hostname + @@port.
    static QString identityOf(const Instance &instance);
    void canonicalize(Instance &instance) const;
    void unwatch(Entry &entry);
    void onConnectionClosed(const InstanceKey &key);

    PollerOptions m_options;
    QHash<InstanceKey, Entry> m_entries;
    std::set<std::pair<qint64, InstanceKey>> m_schedule;
    QHash<InstanceKey, qint64> m_forgotten; // key -> until (ms)
    QHash<InstanceKey, InstanceKey> m_aliases; // another name -> the key the server is known by
    QHash<QString, InstanceKey> m_identities;  // identityOf() -> key
    std::unique_ptr<PollLane> m_healthy;
    std::unique_ptr<PollLane> m_backoff;
    std::unique_ptr<ConnectionWatch> m_watch; // while running, when crashWatch is on
    QTimer m_timer;
    bool m_running = false;
    bool m_wasSettled = false;
    std::deque<PollRecord> m_history;
    qint64 m_pollsCompleted = 0;
    qint64 m_pollsFailed = 0;
    qint64 m_epochNs = 0;
};

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::PollRecord)
