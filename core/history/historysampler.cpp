#include "history/historysampler.h"

#include "history/laghistory.h"
#include "model/instancehealth.h"
#include "probe/poller.h"
#include "store/store.h"

#include <QDateTime>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kStoreEventRows = 200;
} // namespace

HistorySampler::HistorySampler(Poller *poller, LagHistory *history, Store *store, QObject *parent)
    : QObject(parent), m_poller(poller), m_history(history), m_store(store)
{
    if (poller) {
        connect(poller, &Poller::pollRecorded, this, &HistorySampler::onPollRecorded);
        connect(poller, &Poller::instancePolled, this, &HistorySampler::onInstancePolled);
        connect(poller, &Poller::instanceForgotten, this, [this](const InstanceKey &key) {
            m_trouble.remove(key);
            m_pollDurationMs.remove(key);
        });
    }
    if (m_store) {
        m_storeTimer.setInterval(kStoreEventIntervalMs);
        connect(&m_storeTimer, &QTimer::timeout, this, &HistorySampler::importStoreEvents);
        m_storeTimer.start();
        importStoreEvents();
    }
}

void HistorySampler::onPollRecorded(const PollRecord &record)
{
    // pollRecorded comes just before instancePolled for the same poll.
    m_pollDurationMs.insert(record.key, record.durationMs());
}

void HistorySampler::onInstancePolled(const Instance &instance)
{
    const qint64 now = m_history->now();
    // A heartbeat keeps its sub-second precision on the chart; Seconds_Behind_Master has none.
    double lag = kNaN;
    if (instance.lastCheckValid && instance.heartbeatLagSeconds)
        lag = std::max(0.0, *instance.heartbeatLagSeconds);
    else if (const auto seconds = instance.lastCheckValid ? instance.lagSeconds() : std::nullopt)
        lag = double(*seconds);
    const double pollMs = instance.lastCheckValid ? double(m_pollDurationMs.value(instance.key, -1)) : kNaN;
    m_history->record(instance.key, now, lag, pollMs < 0 ? kNaN : pollMs);

    Trouble trouble = Trouble::None;
    QString why;
    if (!instance.lastCheckValid) {
        trouble = Trouble::Unreachable;
        why = instance.lastError;
    } else if (const ReplicationState *r = instance.replication ? &*instance.replication : nullptr;
               r && !r->isHealthy()
               && (r->hasError() || !r->lastSqlError.isEmpty() || !r->lastIoError.isEmpty())) {
        trouble = Trouble::Broken;
        why = !r->lastSqlError.isEmpty() ? r->lastSqlError
              : !r->lastIoError.isEmpty() ? r->lastIoError
                                          : u"error %1"_s.arg(r->lastSqlErrno ? r->lastSqlErrno : r->lastIoErrno);
    }
    const auto known = m_trouble.constFind(instance.key);
    const Trouble before = known == m_trouble.constEnd() ? Trouble::None : *known;
    // A broken link whose error was cleared (CHANGE MASTER, START SLAVE) is not recovered while the IO
    // thread still connects: the tray says "recovered" once it replicates.
    if (before == Trouble::Broken && trouble == Trouble::None
        && healthOf(instance, std::numeric_limits<int>::max()) == InstanceHealth::Connecting)
        return;
    m_trouble.insert(instance.key, trouble);
    if (trouble == before)
        return;
    HistoryEvent event;
    event.atMs = now;
    event.key = instance.key;
    if (trouble == Trouble::Unreachable) {
        event.kind = HistoryEvent::Kind::Unreachable;
        event.text = why;
    } else if (trouble == Trouble::Broken) {
        event.kind = HistoryEvent::Kind::ReplicationError;
        event.text = why;
    } else if (known == m_trouble.constEnd()) {
        return; // first sight of a healthy server: nothing happened
    } else {
        event.kind = HistoryEvent::Kind::Recovered;
    }
    m_history->addEvent(event);
    Q_EMIT healthEvent(event);
}

HistoryEvent::Kind HistorySampler::kindOfOperation(const QString &operation)
{
    static const QSet<QString> moves = {u"relocate"_s, u"relocate-replicas"_s, u"move-up"_s, u"move-below"_s,
                                        u"move-up-replicas"_s, u"repoint"_s, u"take-siblings"_s, u"take-master"_s,
                                        u"make-co-master"_s, u"regroup-replicas"_s};
    if (moves.contains(operation))
        return HistoryEvent::Kind::Relocation;
    if (operation.contains(u"recover"_s) || operation.contains(u"failover"_s) || operation.contains(u"takeover"_s))
        return HistoryEvent::Kind::Failover;
    return HistoryEvent::Kind::Operation;
}

void HistorySampler::importStoreEvents()
{
    if (!m_store || !m_store->isOpen())
        return;
    const qint64 oldest = m_history->now() - LagHistory::kMinutesKeepMs;
    if (auto audit = m_store->readAudit(kStoreEventRows); audit.ok()) {
        const QList<AuditEntry> rows = audit.value();
        qint64 newest = m_lastAuditId;
        // Newest first from the store; markers go in oldest first.
        for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
            newest = std::max(newest, it->id);
            if (it->id <= m_lastAuditId || it->startedAt.toMSecsSinceEpoch() < oldest)
                continue;
            QString text = it->operation;
            if (!it->to.isEmpty())
                text += u" → "_s + it->to;
            text += u" ("_s + it->result + u')';
            m_history->addEvent({it->startedAt.toMSecsSinceEpoch(), kindOfOperation(it->operation), it->instance, text}, false);
        }
        m_lastAuditId = newest;
    }
    if (auto recoveries = m_store->readRecoveries(kStoreEventRows); recoveries.ok()) {
        const QList<RecoveryRecord> rows = recoveries.value();
        for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
            if (it->status == u"running"_s || m_seenRecoveries.contains(it->uid)
                || it->startedAt.toMSecsSinceEpoch() < oldest)
                continue; // a running recovery is marked once it has an outcome
            m_seenRecoveries.insert(it->uid);
            QString text = it->analysis + u": "_s + it->status;
            if (it->successor.isValid())
                text += u", "_s + it->successor.toString();
            HistoryEvent event{it->startedAt.toMSecsSinceEpoch(), HistoryEvent::Kind::Failover, it->failed, text};
            m_history->addEvent(event, false);
        }
    }
}

} // namespace arbor::core
