#pragma once

#include "ops/livesession.h"
#include "ops/operationoptions.h"
#include "ops/operationplan.h"
#include "ops/operationrequest.h"
#include "probe/probeoptions.h"
#include "model/auditentry.h"

#include <functional>

namespace arbor::core {

class Store;

// The entry point for GUI, CLI and API: plan an operation from known facts (no server contact), or
// run it: take the cluster's lock, re-poll the servers involved, re-check legality on those fresh
// facts, run the steps, roll back when a step fails, write the audit row, ask for a re-probe of
// every server touched. Runs in the calling thread; the GUI calls run() off its UI thread.
class OperationRunner
{
public:
    struct Options
    {
        ProbeOptions probe; // credentials and timeouts for the servers
        OperationOptions operation;
        LiveSession::Timeouts timeouts;
        QString who;            // recorded in the audit and the lock
        Store *store = nullptr; // lock and audit in the store; must belong to the calling thread
        std::function<void(const AuditEntry &)> audit;               // also called with each audit row
        std::function<void(const QList<InstanceKey> &)> reprobe;     // after the operation, success or not
        OpsSession::ProgressFn progress;                             // before each step
        int lockTtlSeconds = 900;
        // Service: true while this node holds the active-node lease; checked at admission and before
        // every statement (thread-safe: it runs on the operation's thread). Unset: always true.
        std::function<bool()> holdsLease;
    };

    struct Outcome
    {
        bool ok = false;
        QString result;  // "ok", "refused", "busy", "rolled back", "failed"
        QString message; // one sentence for the user
        OperationPlan executed; // the steps that ran, including any rollback
        qint64 durationMs = 0;
    };

    explicit OperationRunner(Options options);

    // What the operation would do, judged on @p facts alone; cheap enough for live drag feedback.
    static OperationPlan plan(const QList<Instance> &facts, const OperationRequest &request,
                              const OperationOptions &options = {});
    // Re-polls the servers involved first, then plans.
    OperationPlan planFresh(const QList<Instance> &facts, const OperationRequest &request);
    Outcome run(const QList<Instance> &facts, const OperationRequest &request);

    static Result<void> dispatch(OpsSession &session, const OperationRequest &request, const OperationOptions &options);

private:
    void refreshInvolved(LiveSession &session, const OperationRequest &request) const;

    Options m_options;
};

} // namespace arbor::core
