#pragma once

#include "analysis/analysisoptions.h"
#include "model/replicahistory.h"
#include "analysis/replicationanalysis.h"
#include "model/topologystate.h"
#include "util/clock.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

namespace arbor::core {

class Poller;

// Keeps the analysis of every cluster current as snapshots arrive, and makes detection fast: the
// moment any server of a cluster reports trouble (unreachable, replication IO down) it re-probes that
// server's source and siblings and its replicas at once instead of waiting for their next scheduled
// poll, and keeps re-probing while a master is unreachable (UnreachableMaster is not actionable but
// urgent). Actionable codes are confirmed after the optional grace period. Lives in the poller's thread.
class AnalysisMonitor : public QObject
{
    Q_OBJECT
public:
    // @p poller may be null (no re-probes, e.g. in tests that feed snapshots by hand).
    AnalysisMonitor(TopologyState *state, Poller *poller, AnalysisOptions options = {}, QObject *parent = nullptr);

    const AnalysisOptions &options() const { return m_options; }
    void setOptions(const AnalysisOptions &options) { m_options = options; }

    // Current rows with a problem or warning.
    QList<ReplicationAnalysis> current() const { return m_current.values(); }
    std::optional<ReplicationAnalysis> analysisOf(const InstanceKey &key) const;
    QHash<InstanceKey, ReplicaHistory> replicaHistory() const { return m_history; }
    // Re-analyses at once (normally done on every snapshot change, coalesced).
    void analyzeNow();
    // Analyses run so far (diagnostics and tests).
    qint64 analysisRuns() const { return m_runs; }
    // Clock for tests: milliseconds, monotonic.
    void setClock(Clock clock) { m_clock = std::move(clock); }

Q_SIGNALS:
    // A server's code changed; @p previous is NoProblem for a new problem, and the analysis says
    // NoProblem when a problem went away. Record these (Store::recordAnalysisChange).
    void analysisChanged(const arbor::core::ReplicationAnalysis &analysis, arbor::core::AnalysisCode previous);
    // An actionable failure, after the grace period; once per failure episode of a server.
    void failureConfirmed(const arbor::core::ReplicationAnalysis &analysis);
    // Emitted with the keys re-probed at once (diagnostics and benchmarks).
    void reprobed(const QList<arbor::core::InstanceKey> &keys);

private:
    void onInstance(const Instance &instance, const Instance &before);
    void scheduleAnalysis();
    void reprobeFamily(const InstanceKey &key);
    void reprobe(QList<InstanceKey> keys);
    void onReprobeTick();
    void updateHistory(const Instance &instance);
    bool isUnconfirmedTrouble(const ReplicationAnalysis &row) const;
    qint64 nowMs() const;

    struct Episode
    {
        AnalysisCode code = AnalysisCode::NoProblem;
        qint64 since = 0;
        bool confirmed = false;
    };

    QPointer<TopologyState> m_state;
    QPointer<Poller> m_poller;
    AnalysisOptions m_options;
    QHash<InstanceKey, ReplicationAnalysis> m_current;
    QHash<InstanceKey, Episode> m_episodes;
    QHash<InstanceKey, qint64> m_semiSyncSince;
    QHash<InstanceKey, qint64> m_troubleSince; // masters being re-probed, since when
    QHash<InstanceKey, qint64> m_lastReprobe;
    QSet<InstanceKey> m_deferred; // throttled re-probes, run when their interval has passed
    QHash<InstanceKey, ReplicaHistory> m_history;
    // The topology of the last analysis (implicitly shared, a cheap copy): who to re-probe with a
    // server. Rebuilding the current one for every failed poll cost a whole-fleet build each.
    std::optional<Topology> m_family;
    QTimer m_analyzeTimer;
    QTimer m_reprobeTimer;
    QTimer m_graceTimer;
    QElapsedTimer m_elapsed;
    QElapsedTimer m_sinceAnalysis; // real time since the last analysis ended
    qint64 m_lastAnalysisUs = 0;   // how long it took
    qint64 m_runs = 0;
    Clock m_clock;
};

} // namespace arbor::core
