#pragma once

#include "history/historyevent.h"
#include "history/lagpoint.h"
#include "model/instancekey.h"
#include "store/storeconnection.h"
#include "util/result.h"

#include <QList>
#include <QString>

#include <utility>

namespace arbor::core {

// The lag history tables of the store (schema version 5): raw polls, per-minute aggregates and chart
// events. Its own StoreConnection to the store's database, so the history never waits on the
// instance writer. One thread opens, uses and destroys it.
class HistoryStore
{
public:
    struct MinuteRow
    {
        InstanceKey key;
        qint64 startMs = 0;
        double lagMax = 0, lagAvg = 0, pollMax = 0, pollAvg = 0; // NaN when unknown
        int samples = 0;
    };
    using RawRow = std::pair<InstanceKey, LagPoint>;

    explicit HistoryStore(StoreOptions options);
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    // Connects and brings the schema up to date (StoreConnection::open).
    Result<void> open();
    bool isOpen() const { return m_connection.isOpen(); }

    // One transaction, multi-row statements.
    Result<void> write(const QList<RawRow> &raw, const QList<MinuteRow> &minutes, const QList<HistoryEvent> &events);
    Result<QList<RawRow>> readRaw(qint64 sinceMs);
    Result<QList<MinuteRow>> readMinutes(qint64 sinceMs);
    Result<QList<HistoryEvent>> readEvents(qint64 sinceMs);
    Result<void> prune(qint64 rawBeforeMs, qint64 minutesBeforeMs);

private:
    Result<void> exec(const QString &what, const QString &sql, const QVariantList &values);

    StoreConnection m_connection;
};

} // namespace arbor::core
