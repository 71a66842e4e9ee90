#pragma once

#include "analysis/replicationanalysis.h"
#include "ops/clusterlock.h"
#include "probe/probeoptions.h"
#include "core/recovery/recoveryplan.h"
#include "model/replicahistory.h"
#include "model/recoveryrecord.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace arbor::core {

class AnalysisMonitor;
class Poller;
class Store;
class TopologyState;

// Drives recoveries for one node. Automatic recovery (the service only: the desktop keeps it off and
// offers manual recovery) reacts to AnalysisMonitor::failureConfirmed through the gates — global
// disable, cluster filters, downtime, anti-flapping — and runs each recovery on its own worker thread,
// one per cluster at a time. Steps are recorded in the store from this object's thread. A manual
// recovery bypasses the gates but its plan still says what it will do and what it bypassed.
class RecoveryCoordinator : public QObject
{
    Q_OBJECT
public:
    // @p store and @p poller may be null (no records / no re-probes).
    RecoveryCoordinator(TopologyState *state, AnalysisMonitor *monitor, Poller *poller, Store *store,
                        RecoveryOptions options, ProbeOptions probe, QObject *parent = nullptr);
    ~RecoveryCoordinator() override; // waits for running recoveries

    void setAutomatic(bool enabled) { m_automatic = enabled; }
    bool isAutomatic() const { return m_automatic; }
    // Fencing for the service: called from worker threads before each destructive step, so it must
    // be thread-safe (read an atomic the lease keeper updates). Unset: always true.
    void setHoldsLease(std::function<bool()> holdsLease) { m_holdsLease = std::move(holdsLease); }
    // The service node's election token, written on every recovery it runs: how the next active node
    // tells a recovery whose node died (abandoned) from one still running. Empty (CLI, desktop): none.
    void setOwnerToken(const QString &token) { m_ownerToken = token; }
    const RecoveryOptions &options() const { return m_options; }
    void setOptions(const RecoveryOptions &options) { m_options = options; }

    // A plan for @p analysis from the current state (rules from the store, history from the monitor).
    Result<RecoveryPlan> plan(const ReplicationAnalysis &analysis, const InstanceKey &candidate = {},
                              bool takeover = false, const QString &trigger = QStringLiteral("manual")) const;
    // Why an automatic recovery of @p analysis would not run now, or nullopt.
    std::optional<QString> automaticBlockReason(const ReplicationAnalysis &analysis) const;

    // Starts @p plan on a worker thread; fails when the cluster already has a recovery running.
    Result<QString> start(RecoveryPlan plan);
    bool isRecovering(const QString &clusterName) const { return m_runningClusters.contains(clusterName); }
    int runningCount() const { return int(m_runningClusters.size()); }
    // Reads back the record of a recovery this coordinator ran (also when no store is attached).
    std::optional<RecoveryRecord> record(const QString &uid) const;

Q_SIGNALS:
    void recoveryStarted(const arbor::core::RecoveryRecord &record);
    void recoveryStep(const arbor::core::RecoveryStep &step);
    void recoveryFinished(const arbor::core::RecoveryRecord &record);
    void recoveryBlocked(const arbor::core::RecoveryRecord &record, const QString &reason);

private:
    void onFailureConfirmed(const ReplicationAnalysis &analysis);
    void onInstanceChanged(const Instance &instance);
    void finish(const QString &uid, const RecoveryOutcome &outcome);
    void saveRecord(const RecoveryRecord &record);
    // Recoveries of @p clusterName the store says are running, run by another node, while this node
    // holds the lease: that node died or was cut off mid-way (it is fenced if it ever wakes). Marks
    // them abandoned, saying what they had done (a step and an audit row), and frees their cluster lock.
    void reclaimAbandoned(const QString &clusterName);
    void saveStep(const RecoveryStep &step);
    void fenceOldMaster(const InstanceKey &key, const QString &uid);
    void fenceDone(const RecoveryStep &step, const InstanceKey &key);
    // Old masters replaced by failovers in the store whose return no step records yet.
    void loadReplacedMasters();
    // The start of every step about a replaced master's return ("old master H:P came back").
    static QString oldMasterBack(const InstanceKey &key);
    // The replicas' history in the store (for the node active after this one), and read back merged
    // with the monitor's: the newer of the two per replica.
    void persistHistory();
    void historyWriteFailed(const QString &error);
    QHash<InstanceKey, ReplicaHistory> history() const;

    QPointer<TopologyState> m_state;
    QPointer<AnalysisMonitor> m_monitor;
    QPointer<Poller> m_poller;
    Store *m_store = nullptr;
    RecoveryOptions m_options;
    ProbeOptions m_probe;
    bool m_automatic = false;
    std::function<bool()> m_holdsLease;
    QString m_ownerToken;
    QHash<QString, RecoveryRecord> m_records;   // uid -> record
    QHash<QString, RecoveryPlan> m_plans;       // running, uid -> plan
    QSet<QString> m_runningClusters;
    QHash<InstanceKey, QString> m_oldMasters;   // set read-only when they come back; -> recovery uid
    QSet<InstanceKey> m_fencing;                // a fence of it is under way
    QHash<InstanceKey, QDateTime> m_fenceRetryAt; // a fence failed: not before then again
    QSet<QString> m_blockedOnce;                // cluster + failed: one blocked record per episode
    QSet<QString> m_notBlocking;                // ours that stopped at a fence, or lost their candidate, before any change
    QHash<QString, QSet<InstanceKey>> m_lostCandidates; // episode -> candidates that died in an attempt at it
    QHash<InstanceKey, QDateTime> m_detectionHooksRun; // FailureDetectionPeriodBlockMinutes
    QHash<InstanceKey, ReplicaHistory> m_historyWritten; // what the store holds (read once, then as written)
    bool m_historySeeded = false;
    QString m_historyError; // the last failure to read or write it, logged once
    QList<QThread *> m_threads;
    // The cluster's operation lock, held from start() to finish() like any operation's, so a
    // recovery and an operator's relocation never change one cluster at once.
    std::map<QString, std::unique_ptr<ClusterLock>> m_locks; // uid -> lock
};

} // namespace arbor::core
