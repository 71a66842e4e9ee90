#pragma once

#include "model/instancekey.h"
#include "model/downtime.h"
#include "util/result.h"

#include <QDateTime>
#include <QHash>

#include <functional>

namespace arbor::core {

class Poller;
class Store;
class TopologyState;

// The bookkeeping a DBA does around servers, without touching them: downtime begin/end and forget.
// One implementation for the window, the CLI and the service: the store is the record, the live
// state (when there is one) follows it at once, and a forgotten server leaves the poller first so a
// poll in flight cannot bring it back. Any of store, state and poller may be null: the CLI has no
// state, the desktop may run without a store (forget then only leaves this session).
class Maintenance
{
public:
    Maintenance(Store *store, TopologyState *state = nullptr, Poller *poller = nullptr);

    // Called after the poller has let go of a server and before the store forgets it (the service
    // flushes its snapshot writer here, so a queued snapshot does not bring the row back).
    void setBeforeForget(std::function<void()> fn) { m_beforeForget = std::move(fn); }

    // Longest downtime accepted: a year, as orchestrator's habits and the CLI's --duration allow.
    static constexpr qint64 kMaxDowntimeSeconds = 366LL * 86400;

    // A downtime from @p now (default: the current time) for @p seconds; the reason is required.
    Result<Downtime> beginDowntime(const InstanceKey &key, const QString &owner, const QString &reason, qint64 seconds,
                                   const QDateTime &now = {});
    Result<void> beginDowntime(const Downtime &downtime);
    Result<void> endDowntime(const InstanceKey &key);
    Result<void> forget(const InstanceKey &key);
    // Reads the active downtimes into the state (which announces the change); returns them.
    Result<QHash<InstanceKey, QString>> reloadDowntimes(const QDateTime &now = {});

private:
    Store *m_store;
    TopologyState *m_state;
    Poller *m_poller;
    std::function<void()> m_beforeForget;
};

} // namespace arbor::core
