#include "ops/maintenance.h"

#include "model/topologystate.h"
#include "probe/poller.h"
#include "store/store.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Maintenance::Maintenance(Store *store, TopologyState *state, Poller *poller)
    : m_store(store), m_state(state), m_poller(poller)
{
}

Result<Downtime> Maintenance::beginDowntime(const InstanceKey &key, const QString &owner, const QString &reason,
                                            qint64 seconds, const QDateTime &now)
{
    if (!key.isValid())
        return Result<Downtime>::failure(u"downtime needs a server (host:port)"_s);
    if (reason.trimmed().isEmpty())
        return Result<Downtime>::failure(u"downtime of %1 needs a reason: say why the server is down"_s.arg(key.toString()));
    if (seconds <= 0 || seconds > kMaxDowntimeSeconds)
        return Result<Downtime>::failure(
            u"downtime of %1 must last more than 0 s and at most a year (%2 s asked)"_s.arg(key.toString()).arg(seconds));
    Downtime d;
    d.key = key;
    d.owner = owner.isEmpty() ? u"unknown"_s : owner;
    d.reason = reason.trimmed();
    d.begin = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    d.end = d.begin.addSecs(seconds);
    if (auto r = beginDowntime(d); !r.ok())
        return Result<Downtime>::failure(r.error());
    return d;
}

Result<void> Maintenance::beginDowntime(const Downtime &downtime)
{
    if (!m_store)
        return Result<void>::failure(u"downtime of %1 needs the store, and there is none"_s.arg(downtime.key.toString()));
    if (auto r = m_store->beginDowntime(downtime); !r.ok())
        return r;
    if (m_state) {
        QHash<InstanceKey, QString> d = m_state->downtimed();
        if (downtime.isActiveAt(QDateTime::currentDateTimeUtc()))
            d.insert(downtime.key, downtime.reason);
        else
            d.remove(downtime.key); // a window in the future replaces the running one
        m_state->setDowntimed(d);
    }
    return Result<void>::success();
}

Result<void> Maintenance::endDowntime(const InstanceKey &key)
{
    if (!m_store)
        return Result<void>::failure(u"downtime of %1 needs the store, and there is none"_s.arg(key.toString()));
    if (auto r = m_store->endDowntime(key); !r.ok())
        return r;
    if (m_state) {
        QHash<InstanceKey, QString> d = m_state->downtimed();
        d.remove(key);
        m_state->setDowntimed(d);
    }
    return Result<void>::success();
}

Result<void> Maintenance::forget(const InstanceKey &key)
{
    if (m_poller)
        m_poller->forgetInstance(key);
    if (m_beforeForget)
        m_beforeForget();
    if (m_store) {
        if (auto r = m_store->forgetInstance(key); !r.ok())
            return r;
    }
    if (m_state) {
        m_state->remove(key);
        if (m_state->downtimed().contains(key)) {
            QHash<InstanceKey, QString> d = m_state->downtimed();
            d.remove(key);
            m_state->setDowntimed(d);
        }
    }
    return Result<void>::success();
}

Result<QHash<InstanceKey, QString>> Maintenance::reloadDowntimes(const QDateTime &now)
{
    using R = Result<QHash<InstanceKey, QString>>;
    if (!m_store)
        return R::failure(u"downtimes need the store, and there is none"_s);
    auto active = m_store->readActiveDowntimes(now.isValid() ? now : QDateTime::currentDateTimeUtc());
    if (!active.ok())
        return R::failure(active.error());
    QHash<InstanceKey, QString> reasons;
    for (const Downtime &d : active.value())
        reasons.insert(d.key, d.reason);
    if (m_state)
        m_state->setDowntimed(reasons);
    return reasons;
}

} // namespace arbor::core
