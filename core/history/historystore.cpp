#include "history/historystore.h"

#include "store/storesql.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using storesql::errorText;

namespace {
QVariant number(double v)
{
    return std::isnan(v) ? QVariant(QMetaType::fromType<double>()) : QVariant(v);
}

double numberOf(const QVariant &v)
{
    return v.isNull() ? std::numeric_limits<double>::quiet_NaN() : v.toDouble();
}

QString placeholders(int rows, int columns)
{
    QString row = u"("_s;
    for (int c = 0; c < columns; ++c)
        row += c ? u",?"_s : u"?"_s;
    row += u')';
    QString out;
    for (int r = 0; r < rows; ++r)
        out += r ? u","_s + row : row;
    return out;
}
} // namespace

HistoryStore::HistoryStore(StoreOptions options) : m_connection(std::move(options))
{
}

HistoryStore::~HistoryStore() = default;

Result<void> HistoryStore::open()
{
    // Connecting migrates the schema too, so the lag tables (schema version 5) are there.
    return m_connection.open();
}

Result<void> HistoryStore::exec(const QString &what, const QString &sql, const QVariantList &values)
{
    QSqlQuery q(m_connection.database());
    if (!q.prepare(sql))
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
    if (!q.exec())
        return Result<void>::failure(m_connection.failure(what, errorText(q.lastError())));
    return Result<void>::success();
}

Result<void> HistoryStore::write(const QList<RawRow> &raw, const QList<MinuteRow> &minutes, const QList<HistoryEvent> &events)
{
    if (!m_connection.isOpen())
        return Result<void>::failure(u"could not write the lag history: the %1 is not open."_s.arg(m_connection.options().describe()));
    QSqlDatabase db = m_connection.database();
    if (!db.transaction())
        return Result<void>::failure(m_connection.failure(u"start a lag history transaction"_s, errorText(db.lastError())));
    auto fail = [&](const Result<void> &r) {
        db.rollback();
        return r;
    };
    const int chunk = StoreSchema::kRowsPerStatement;
    for (qsizetype at = 0; at < raw.size(); at += chunk) {
        const int n = int(std::min<qsizetype>(chunk, raw.size() - at));
        QVariantList v;
        v.reserve(n * 5);
        for (int i = 0; i < n; ++i) {
            const auto &[key, p] = raw.at(at + i);
            v << key.host() << key.port() << p.atMs << number(p.lagSeconds) << number(p.pollMs);
        }
        if (auto r = exec(u"write lag samples"_s,
                          u"REPLACE INTO lag_samples (hostname, port, at_ms, lag_seconds, poll_ms) VALUES "_s + placeholders(n, 5), v);
            !r.ok())
            return fail(r);
    }
    for (qsizetype at = 0; at < minutes.size(); at += chunk) {
        const int n = int(std::min<qsizetype>(chunk, minutes.size() - at));
        QVariantList v;
        v.reserve(n * 8);
        for (int i = 0; i < n; ++i) {
            const MinuteRow &m = minutes.at(at + i);
            v << m.key.host() << m.key.port() << m.startMs << number(m.lagMax) << number(m.lagAvg) << number(m.pollMax)
              << number(m.pollAvg) << m.samples;
        }
        if (auto r = exec(u"write per-minute lag"_s,
                          u"REPLACE INTO lag_minutes (hostname, port, minute_ms, lag_max, lag_avg, poll_max, poll_avg, samples) VALUES "_s
                              + placeholders(n, 8),
                          v);
            !r.ok())
            return fail(r);
    }
    for (const HistoryEvent &e : events) {
        if (auto r = exec(u"write a chart event"_s,
                          u"INSERT INTO history_events (at_ms, kind, hostname, port, text) VALUES (?,?,?,?,?)"_s,
                          {e.atMs, HistoryEvent::kindName(e.kind), e.key.host().isNull() ? u""_s : e.key.host(),
                           e.key.port(), e.text.isNull() ? u""_s : e.text});
            !r.ok())
            return fail(r);
    }
    if (!db.commit())
        return fail(Result<void>::failure(m_connection.failure(u"commit the lag history"_s, errorText(db.lastError()))));
    return Result<void>::success();
}

Result<QList<HistoryStore::RawRow>> HistoryStore::readRaw(qint64 sinceMs)
{
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT hostname, port, at_ms, lag_seconds, poll_ms FROM lag_samples WHERE at_ms >= ? ORDER BY at_ms"_s);
    q.bindValue(0, sinceMs);
    if (!q.exec())
        return Result<QList<RawRow>>::failure(m_connection.failure(u"read lag samples"_s, errorText(q.lastError())));
    QList<RawRow> out;
    while (q.next())
        out.append({InstanceKey(q.value(0).toString(), q.value(1).toInt()),
                    LagPoint{q.value(2).toLongLong(), numberOf(q.value(3)), numberOf(q.value(4))}});
    return out;
}

Result<QList<HistoryStore::MinuteRow>> HistoryStore::readMinutes(qint64 sinceMs)
{
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT hostname, port, minute_ms, lag_max, lag_avg, poll_max, poll_avg, samples FROM lag_minutes "
              "WHERE minute_ms >= ? ORDER BY minute_ms"_s);
    q.bindValue(0, sinceMs);
    if (!q.exec())
        return Result<QList<MinuteRow>>::failure(m_connection.failure(u"read per-minute lag"_s, errorText(q.lastError())));
    QList<MinuteRow> out;
    while (q.next())
        out.append({InstanceKey(q.value(0).toString(), q.value(1).toInt()), q.value(2).toLongLong(), numberOf(q.value(3)),
                    numberOf(q.value(4)), numberOf(q.value(5)), numberOf(q.value(6)), q.value(7).toInt()});
    return out;
}

Result<QList<HistoryEvent>> HistoryStore::readEvents(qint64 sinceMs)
{
    QSqlQuery q(m_connection.database());
    q.setForwardOnly(true);
    q.prepare(u"SELECT at_ms, kind, hostname, port, text FROM history_events WHERE at_ms >= ? ORDER BY at_ms, id"_s);
    q.bindValue(0, sinceMs);
    if (!q.exec())
        return Result<QList<HistoryEvent>>::failure(m_connection.failure(u"read chart events"_s, errorText(q.lastError())));
    QList<HistoryEvent> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), HistoryEvent::kindFromName(q.value(1).toString()),
                    InstanceKey(q.value(2).toString(), q.value(3).toInt()), q.value(4).toString()});
    return out;
}

Result<void> HistoryStore::prune(qint64 rawBeforeMs, qint64 minutesBeforeMs)
{
    if (auto r = exec(u"prune lag samples"_s, u"DELETE FROM lag_samples WHERE at_ms < ?"_s, {rawBeforeMs}); !r.ok())
        return r;
    if (auto r = exec(u"prune per-minute lag"_s, u"DELETE FROM lag_minutes WHERE minute_ms < ?"_s, {minutesBeforeMs}); !r.ok())
        return r;
    return exec(u"prune chart events"_s, u"DELETE FROM history_events WHERE at_ms < ?"_s, {minutesBeforeMs});
}

} // namespace arbor::core
