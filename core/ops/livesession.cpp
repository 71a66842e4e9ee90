#include "ops/livesession.h"

#include "probe/instanceprobe.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
// Replication state changes within milliseconds on a healthy pair; polling this often keeps a
// relocate well under the time a human notices, at a cost of one cheap SHOW per tick.
constexpr int kPollTickMs = 2;

QString threadName(ReplicationState::ThreadState s)
{
    return ReplicationState::threadStateName(s);
}
} // namespace

LiveSession::LiveSession(const QList<Instance> &facts, ProbeOptions probe, Timeouts timeouts)
    : OpsSession(facts), m_probe(std::move(probe)), m_timeouts(timeouts)
{
}

LiveSession::~LiveSession() = default;

OpsConnection &LiveSession::connection(const InstanceKey &server)
{
    auto &c = m_connections[server];
    if (!c)
        c = std::make_unique<OpsConnection>(server, m_probe.credentials, m_probe.connectTimeoutSeconds,
                                            m_timeouts.statementReadSeconds + m_timeouts.catchUpSeconds);
    return *c;
}

Result<QList<QVariantMap>> LiveSession::run(const InstanceKey &server, const SqlStatement &sql)
{
    return connection(server).query(sql);
}

Result<QVariantMap> LiveSession::rawReplicaStatus(const InstanceKey &server)
{
    auto rows = run(server, dialectOf(server).replicaStatusQuery());
    if (!rows.ok())
        return Result<QVariantMap>::failure(rows.error());
    return rows->isEmpty() ? QVariantMap() : rows->constFirst();
}

Result<ReplicationState> LiveSession::replicaStatus(const InstanceKey &server)
{
    auto row = rawReplicaStatus(server);
    if (!row.ok())
        return Result<ReplicationState>::failure(row.error());
    const auto state = dialectOf(server).parseReplicaStatus(row.value());
    if (!state)
        return Result<ReplicationState>::failure(
            u"%1 is not a replica (%2 is empty)"_s.arg(server.toString(), dialectOf(server).replicaStatusQuery()));
    return *state;
}

Result<BinlogCoordinates> LiveSession::binlogStatus(const InstanceKey &server)
{
    const Dialect d = dialectOf(server);
    auto rows = run(server, d.binlogStatusQuery());
    if (!rows.ok())
        return Result<BinlogCoordinates>::failure(rows.error());
    if (rows->isEmpty())
        return Result<BinlogCoordinates>::failure(
            u"%1 has no binary log (%2 is empty)"_s.arg(server.toString(), dialectOf(server).binlogStatusQuery()));
    return d.parseBinlogStatus(rows->constFirst());
}

Result<QString> LiveSession::globalVariable(const InstanceKey &server, const QString &name)
{
    static const QRegularExpression plain(u"^[a-z_]{1,64}$"_s);
    if (!plain.match(name).hasMatch())
        return Result<QString>::failure(u"'%1' is not a variable name"_s.arg(name));
    auto rows = run(server, u"SELECT @@GLOBAL.%1 AS value"_s.arg(name));
    if (!rows.ok())
        return Result<QString>::failure(rows.error());
    if (rows->isEmpty())
        return QString();
    QString value = rows->constFirst().value(u"value"_s).toString();
    value.remove(u'\n');
    return value;
}

Result<void> LiveSession::waitExecuted(const InstanceKey &server, const BinlogCoordinates &coordinates, const QString &purpose)
{
    const Dialect d = dialectOf(server);
    const QString waitSql = d.sourcePosWaitQuery(coordinates, m_timeouts.catchUpSeconds);
    record(OperationPlan::Step::Kind::Wait, server, waitSql, purpose);
    if (waitSql.isEmpty())
        return Result<void>::failure(u"cannot wait for %1 on %2: %3"_s.arg(coordinates.toString(), server.toString(),
                                                                            d.checkCoordinates(coordinates).error()));
    const QDeadlineTimer deadline(qint64(m_timeouts.catchUpSeconds) * 1000);
    for (;;) {
        auto status = replicaStatus(server);
        if (!status.ok())
            return Result<void>::failure(status.error());
        const ReplicationState &s = status.value();
        if (s.execCoordinates == coordinates || coordinates < s.execCoordinates)
            return Result<void>::success();
        if (s.lastSqlErrno != 0)
            return Result<void>::failure(u"%1 stopped with an SQL error before reaching %2: %3"_s.arg(
                server.toString(), coordinates.toString(), s.lastSqlError));
        if (s.sqlThread != ReplicationState::ThreadState::Running)
            return Result<void>::failure(u"%1's SQL thread stopped at %2, before reaching %3"_s.arg(
                server.toString(), s.execCoordinates.toString(), coordinates.toString()));
        if (deadline.hasExpired())
            return Result<void>::failure(u"%1 did not reach %2 within %3 s (it is at %4): it lags too much for a "
                                          "binlog-coordinate move"_s.arg(server.toString(), coordinates.toString())
                                          .arg(m_timeouts.catchUpSeconds)
                                          .arg(s.execCoordinates.toString()));
        // MASTER_POS_WAIT blocks in the server until the position is reached; it returns NULL when
        // the SQL thread stops on its UNTIL, which the next status read then confirms.
        const int left = int(std::max<qint64>(1, deadline.remainingTime() / 1000));
        auto waited = run(server, d.sourcePosWaitQuery(coordinates, left));
        if (!waited.ok())
            return Result<void>::failure(waited.error());
    }
}

Result<void> LiveSession::waitGtid(const InstanceKey &server, const QString &position, const QString &purpose)
{
    const QString sql = dialectOf(server).gtidWaitQuery(position, m_timeouts.catchUpSeconds);
    record(OperationPlan::Step::Kind::Wait, server, sql, purpose);
    auto rows = run(server, sql);
    if (!rows.ok())
        return Result<void>::failure(rows.error());
    const QVariant result = rows->isEmpty() ? QVariant() : rows->constFirst().value(u"result"_s);
    if (result.isNull() || result.toLongLong() != 0)
        return Result<void>::failure(u"%1 did not apply GTID position %2 within %3 s"_s.arg(server.toString(), position)
                                         .arg(m_timeouts.catchUpSeconds));
    return Result<void>::success();
}

Result<void> LiveSession::waitReplicating(const InstanceKey &server, const InstanceKey &source, const QString &purpose)
{
    const Dialect d = dialectOf(server);
    record(OperationPlan::Step::Kind::Check, server, d.replicaStatusQuery(),
           purpose.isEmpty() ? u"until it replicates from %1 with both threads running"_s.arg(source.toString()) : purpose);
    const QDeadlineTimer deadline(m_timeouts.verifyMs);
    QDeadlineTimer ioErrorSince(QDeadlineTimer::Forever);
    bool sawIoError = false;
    for (;;) {
        auto status = replicaStatus(server);
        if (!status.ok())
            return Result<void>::failure(status.error());
        const ReplicationState &s = status.value();
        if (s.sourceKey != source)
            return Result<void>::failure(u"%1 replicates from %2, not %3 as expected"_s.arg(
                server.toString(), s.sourceKey.isValid() ? s.sourceKey.toString() : u"nothing"_s, source.toString()));
        if (s.isHealthy() && !s.hasError())
            return Result<void>::success();
        if (s.lastSqlErrno != 0)
            return Result<void>::failure(u"%1 stopped replicating from %2 with SQL error %3: %4"_s.arg(
                server.toString(), source.toString()).arg(s.lastSqlErrno).arg(s.lastSqlError));
        if (s.sqlThread == ReplicationState::ThreadState::Stopped && s.ioThread == ReplicationState::ThreadState::Stopped)
            return Result<void>::failure(u"%1's replication threads are stopped"_s.arg(server.toString()));
        if (s.lastIoErrno != 0 && s.ioThread != ReplicationState::ThreadState::Running) {
            if (!sawIoError) {
                sawIoError = true;
                ioErrorSince = QDeadlineTimer(m_timeouts.ioErrorGraceMs);
            } else if (ioErrorSince.hasExpired() || s.ioThread == ReplicationState::ThreadState::Stopped) {
                return Result<void>::failure(u"%1 cannot replicate from %2: IO error %3: %4"_s.arg(
                    server.toString(), source.toString()).arg(s.lastIoErrno).arg(s.lastIoError));
            }
        } else {
            sawIoError = false;
        }
        if (deadline.hasExpired())
            return Result<void>::failure(u"%1 did not start replicating from %2 within %3 ms (IO thread %4, SQL thread %5%6)"_s
                                             .arg(server.toString(), source.toString())
                                             .arg(m_timeouts.verifyMs)
                                             .arg(threadName(s.ioThread), threadName(s.sqlThread),
                                                  s.lastIoError.isEmpty() ? QString() : u", "_s + s.lastIoError));
        QThread::msleep(kPollTickMs);
    }
}

Result<std::pair<QString, int>> LiveSession::sourceHostText(const InstanceKey &server)
{
    using R = Result<std::pair<QString, int>>;
    auto row = rawReplicaStatus(server);
    if (!row.ok())
        return R::failure(row.error());
    if (row->isEmpty())
        return R::failure(u"%1 is not a replica (%2 is empty)"_s.arg(server.toString(), dialectOf(server).replicaStatusQuery()));
    const bool renamed = row->contains(u"Source_Host"_s);
    const QString host = row->value(renamed ? u"Source_Host"_s : u"Master_Host"_s).toString();
    const int port = row->value(renamed ? u"Source_Port"_s : u"Master_Port"_s).toInt();
    return std::pair<QString, int>(host, port);
}

Result<void> LiveSession::refresh(const InstanceKey &server)
{
    auto &probe = m_probes[server];
    if (!probe)
        probe = std::make_unique<InstanceProbe>(server, m_probe);
    const Instance fresh = probe->poll();
    if (!fresh.lastCheckValid)
        return Result<void>::failure(fresh.lastError);
    setFact(fresh);
    return Result<void>::success();
}

} // namespace arbor::core
