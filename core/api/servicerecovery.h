#pragma once

#include "config/recoveryconfig.h"
#include "core/recovery/recoveryplan.h"
#include "model/recoveryrecord.h"
#include "util/result.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace arbor::core {

class AnalysisMonitor;
class RecoveryCoordinator;
class ServiceNode;

// Failure detection and recovery of one service node. The analysis monitor and the recovery
// coordinator exist only while this node polls, i.e. on the active node: a standby neither analyses
// (it would record every change twice) nor recovers. Automatic recovery runs only while the node
// holds a valid lease and recovery.automatic is on; every destructive step of any recovery asks the
// lease again (fencing), so a node that lost it mid-recovery stops before the next change.
class ServiceRecovery : public QObject
{
    Q_OBJECT
public:
    explicit ServiceRecovery(ServiceNode &node, QObject *parent = nullptr);
    ~ServiceRecovery() override;

    // Applies recovery, hooks and analysis settings (at start and on SIGHUP).
    void configure(const RecoveryConfig &config);
    const RecoveryConfig &config() const { return m_config; }
    // Stops recovering and waits for running recoveries; call before the node shuts down.
    void stop();

    // Null unless this node polls (is, or was until a backend outage, the active node).
    RecoveryCoordinator *coordinator() const { return m_coordinator.get(); }
    AnalysisMonitor *monitor() const { return m_monitor.get(); }

    // A plan for the failure of @p failed (its current analysis), or for a graceful takeover of the
    // master of @p failed's cluster. Fails with a sentence when there is nothing to recover.
    Result<RecoveryPlan> planFor(const InstanceKey &failed, const InstanceKey &candidate, bool takeover,
                                 bool withHooks);
    // A rehearsal: the plan for @p victim (a master or an intermediate master) dying now, with the
    // rules, filters and hooks of this moment; nothing runs it.
    Result<RecoveryPlan> rehearse(const InstanceKey &victim) const;
    // Starts @p plan and calls @p done on this thread when it finished (or could not start).
    void run(RecoveryPlan plan, std::function<void(const RecoveryRecord &)> done);

Q_SIGNALS:
    void recoveryFinished(const arbor::core::RecoveryRecord &record);

private:
    void update();
    void startRecovering();
    void stopRecovering(bool wait);
    void settleAfter(const RecoveryRecord &record);

    ServiceNode &m_node;
    RecoveryConfig m_config;
    std::unique_ptr<AnalysisMonitor> m_monitor;
    std::unique_ptr<RecoveryCoordinator> m_coordinator;
    // Coordinators of a node that stopped polling while a recovery still ran: kept until it ends.
    std::vector<std::unique_ptr<RecoveryCoordinator>> m_retiring;
    QHash<QString, std::function<void(const RecoveryRecord &)>> m_waiters;
    bool m_stopped = false;
};

} // namespace arbor::core
