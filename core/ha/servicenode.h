#pragma once

#include "config/serviceconfig.h"
#include "ha/electionstate.h"
#include "history/laghistory.h"
#include "metrics/pollmetrics.h"
#include "metrics/prometheustext.h"
#include "metrics/querymetrics.h"
#include "model/topologystate.h"
#include "model/downtime.h"
#include "util/logthrottle.h"
#include "util/result.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace arbor::core {

class GraphitePusher;
class HistorySampler;
class LeaderElection;
class LeaderLock;
class Poller;
class Store;
class StoreWriter;

// One node of `arbor --service`: the election loop, and the poller that runs only while this node
// is active (or, during a backend outage, while it was active when the outage began: polling goes on
// in memory, automatic recovery does not). A standby follows the active node's snapshots from the
// backend so that any node answers reads.
class ServiceNode : public QObject
{
    Q_OBJECT
public:
    explicit ServiceNode(ServiceConfig config, QObject *parent = nullptr);
    ~ServiceNode() override;

    // Opens the backend (running migrations) and starts the election. Fails when the backend cannot
    // be reached or the credentials cannot be read.
    Result<void> start();
    // Gives up the lease at once, stops polling, writes what is queued.
    void shutdown();
    // Applies what can change live; returns the keys that need a restart.
    QStringList reload(const ServiceConfig &config);

    const ServiceConfig &config() const { return m_config; }
    QString nodeName() const { return m_config.effectiveNodeName(); }
    QString token() const;
    QDateTime startedAt() const { return m_startedAt; }

    // Roles. isActive(): holds a valid lease now. Fencing for anything destructive: fence() fails
    // unless the lease is valid, so a node that lost it mid-recovery stops.
    bool isActive() const;
    bool isPolling() const { return m_poller != nullptr; }
    // The poller while this node polls (else null); recreated when polling restarts (pollingChanged).
    Poller *poller() const { return m_poller.get(); }
    bool backendOk() const { return m_election.backendOk; }
    Result<void> fence(const QString &step) const;
    const ElectionState &election() const { return m_election; }
    QString status() const;

    TopologyState &state() { return m_state; }
    PollMetrics &pollMetrics() { return m_pollMetrics; }
    QueryMetrics &queryMetrics() { return m_queryMetrics; }
    // Lag and poll history of what this node polled (in memory, the last day), for the desktop's
    // charts in connected mode. A standby polls nothing, so it has only what it polled while active.
    LagHistory &lagHistory() { return m_lagHistory; }
    QList<MetricSample> metrics() const;
    // The backend from this (the main) thread, for API reads and writes; reconnects when needed.
    Result<Store *> store();

    // Writes; the API only calls them on the active node.
    void discover(const InstanceKey &key, std::function<void(Result<Instance>)> done);
    int discoverMany(const QList<InstanceKey> &keys);
    Result<void> forget(const InstanceKey &key);
    Result<void> beginDowntime(const Downtime &downtime);
    Result<void> endDowntime(const InstanceKey &key);

Q_SIGNALS:
    void activeChanged(bool active);
    void pollingChanged(bool polling);

private:
    void onElection(const ElectionState &state);
    void onInstancesRead(const QList<Instance> &changed, const QList<InstanceKey> &allKeys, bool haveAllKeys);
    void onDowntimes(const QHash<InstanceKey, QString> &reasons);
    void startPolling();
    void stopPolling();
    void onPolled(const Instance &instance);
    // UnseenInstanceForgetHours: a server unreachable for longer is forgotten, with an audit row.
    void forgetIfUnseenTooLong(const InstanceKey &key, bool reachable);
    void forgetUnseen(const InstanceKey &key, const QDateTime &since);
    void updateStatus();
    void configureGraphite();
    void applyAliasPatterns(); // ClusterNameToAlias

    ServiceConfig m_config;
    QDateTime m_startedAt;
    TopologyState m_state;
    PollMetrics m_pollMetrics;
    QueryMetrics m_queryMetrics;
    ElectionState m_election;
    bool m_wasActive = false;
    std::unique_ptr<LeaderElection> m_electionLoop;
    std::unique_ptr<LeaderLock> m_leaderLock; // MySQL/MariaDB backends: instant takeover after a crash
    std::unique_ptr<StoreWriter> m_writer;
    std::unique_ptr<Store> m_store;
    LogThrottle m_writeFailureLog{30000};
    std::unique_ptr<Poller> m_poller;
    LagHistory m_lagHistory;
    std::unique_ptr<HistorySampler> m_sampler; // feeds m_lagHistory while m_poller lives
    QHash<InstanceKey, PollRecord> m_lastRecord;
    QHash<InstanceKey, QDateTime> m_unseenSince; // never seen since this node polls it: first failure
    QHash<QString, QString> m_aliases;
    struct Waiter
    {
        quint64 id;
        InstanceKey key;
        std::function<void(Result<Instance>)> done;
    };
    QList<Waiter> m_waiters;
    quint64 m_nextWaiter = 0;
    GraphitePusher *m_graphite = nullptr;
    QTimer m_graphiteTimer;
    QString m_lastLoggedBackendError;
};

} // namespace arbor::core
