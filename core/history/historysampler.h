#pragma once

#include "history/historyevent.h"
#include "model/instance.h"
#include "probe/pollrecord.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace arbor::core {

class LagHistory;
class Poller;
class Store;

// Feeds LagHistory from the poller: each poll's lag and duration, and an event when a server becomes
// unreachable, breaks replication or recovers. Relocations and failovers come from the store's audit
// and recovery tables (read every few seconds), so the GUI, the CLI and the service all show up.
class HistorySampler : public QObject
{
    Q_OBJECT
public:
    static constexpr int kStoreEventIntervalMs = 10000;

    // @p store may be null (no audit or recovery markers); it must live in this thread.
    HistorySampler(Poller *poller, LagHistory *history, Store *store = nullptr, QObject *parent = nullptr);

    // Reads new audit and recovery rows now (normally on a timer).
    void importStoreEvents();
    // For tests that feed polls by hand.
    void onPollRecorded(const PollRecord &record);
    void onInstancePolled(const Instance &instance);

Q_SIGNALS:
    // A failure was detected or a server recovered; the tray notifier listens.
    void healthEvent(const arbor::core::HistoryEvent &event);

private:
    enum class Trouble { None, Unreachable, Broken };
    static HistoryEvent::Kind kindOfOperation(const QString &operation);

    QPointer<Poller> m_poller;
    LagHistory *m_history;
    Store *m_store;
    QHash<InstanceKey, qint64> m_pollDurationMs;
    QHash<InstanceKey, Trouble> m_trouble;
    qint64 m_lastAuditId = -1;
    QSet<QString> m_seenRecoveries;
    QTimer m_storeTimer;
};

} // namespace arbor::core
