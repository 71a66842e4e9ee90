#pragma once

#include "dialect/dialect.h"
#include "model/instance.h"
#include "model/topology.h"
#include "ops/operationplan.h"
#include "util/result.h"

#include <QHash>
#include <QVariant>

#include <functional>

namespace arbor::core {

// What operation code talks to. Two kinds: PlanSession records the statements against poll facts
// (the preview, --dry-run, drag feedback), LiveSession also runs them on the servers. Operations are
// written once against this interface, so a plan is exactly what a run does.
//
// The session keeps the working facts (one Instance per server); operations update them as they
// move replicas, so later steps of a composite operation (take-master) see the new shape.
class OpsSession
{
public:
    // Called before each step runs (live) or is recorded (plan); index counts from 0.
    using ProgressFn = std::function<void(int index, const OperationPlan::Step &step)>;
    // Undoes what ran so far; returns one sentence describing the state it left.
    using RollbackFn = std::function<Result<QString>()>;

    explicit OpsSession(const QList<Instance> &facts);
    virtual ~OpsSession();
    OpsSession(const OpsSession &) = delete;
    OpsSession &operator=(const OpsSession &) = delete;

    virtual bool isPlanning() const = 0;

    const Instance *fact(const InstanceKey &key) const;
    Instance *mutableFact(const InstanceKey &key);
    void setFact(const Instance &instance);
    const Topology &topology() const;
    Dialect dialectOf(const InstanceKey &key) const;

    // Runs (or records) one statement that changes state.
    // The plan records the statement as SqlStatement::toString() shows it (secrets redacted).
    Result<void> execute(const InstanceKey &server, const SqlStatement &sql, const QString &purpose);
    // Reads, not recorded: live from the server, planned from the facts.
    virtual Result<ReplicationState> replicaStatus(const InstanceKey &server) = 0;
    virtual Result<BinlogCoordinates> binlogStatus(const InstanceKey &server) = 0;
    // A global variable by plain name (gtid_slave_pos, gtid_binlog_pos, gtid_executed, ...).
    virtual Result<QString> globalVariable(const InstanceKey &server, const QString &name) = 0;
    // Blocks until @p server has executed its source's binary log up to @p coordinates (it must
    // have been started with START SLAVE UNTIL there or be running).
    virtual Result<void> waitExecuted(const InstanceKey &server, const BinlogCoordinates &coordinates,
                                      const QString &purpose) = 0;
    // Blocks until @p server has applied the GTID @p position.
    virtual Result<void> waitGtid(const InstanceKey &server, const QString &position, const QString &purpose) = 0;
    // Blocks until @p server replicates from @p source with both threads running and no error.
    virtual Result<void> waitReplicating(const InstanceKey &server, const InstanceKey &source, const QString &purpose) = 0;
    // Master_Host and Master_Port exactly as the server reports them ('//db1' when detached).
    virtual Result<std::pair<QString, int>> sourceHostText(const InstanceKey &server) = 0;
    // Re-reads a server's facts after it changed (live); a plan keeps what it simulated.
    virtual Result<void> refresh(const InstanceKey &server) = 0;

    // The replica now replicates from @p newSource (updates the facts and the plan's moves).
    void noteMove(const InstanceKey &replica, const InstanceKey &newSource);
    void noteSourceGone(const InstanceKey &replica); // after RESET SLAVE ALL / detach

    // What to do if a later step fails; replaces the previous rollback. The description goes into the plan.
    void setRollback(const QString &description, RollbackFn fn);
    void clearRollback();
    bool hasRollback() const { return static_cast<bool>(m_rollback); }
    Result<QString> runRollback();

    // Refuses the operation: recorded in the plan, returned as the failure.
    Result<void> refuse(const Refusal &refusal);
    void warn(const QString &warning);
    void setMethod(const QString &method);

    // Fencing: asked immediately before every statement that changes a server (execute()), so a
    // node that lost its lease mid-operation (during a catch-up wait, say) changes nothing more.
    void setLeaseCheck(std::function<bool()> holdsLease) { m_holdsLease = std::move(holdsLease); }
    bool fenced() const { return m_fenced; }

    OperationPlan &plan() { return m_plan; }
    const OperationPlan &plan() const { return m_plan; }
    void setProgress(ProgressFn fn) { m_progress = std::move(fn); }
    int stepsRun() const { return m_stepIndex; }

protected:
    // Live sessions run the statement; plan sessions return no rows.
    virtual Result<QList<QVariantMap>> run(const InstanceKey &server, const SqlStatement &sql) = 0;
    // Records a step and reports progress.
    void record(OperationPlan::Step::Kind kind, const InstanceKey &server, const SqlStatement &sql, const QString &purpose);

private:
    QHash<InstanceKey, Instance> m_facts;
    mutable std::optional<Topology> m_topology;
    OperationPlan m_plan;
    RollbackFn m_rollback;
    QString m_rollbackDescription;
    ProgressFn m_progress;
    int m_stepIndex = 0;
    std::function<bool()> m_holdsLease;
    bool m_fenced = false;
};

} // namespace arbor::core
