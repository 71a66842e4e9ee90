#include "ops/servercontrol.h"

#include "model/gtiderrant.h"
#include "model/mysqlgtidset.h"
#include "ops/legality.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QString k(const InstanceKey &key)
{
    return key.toString();
}

bool isOn(const QString &value)
{
    return value == u"1"_s || value.compare(u"ON"_s, Qt::CaseInsensitive) == 0;
}

// More than this many errant transactions is not a stray write but a server that took traffic: a
// person should look before thousands of empty transactions land on the master.
constexpr qint64 kMaxInjected = 1000;
} // namespace

ServerControl::ServerControl(OpsSession &session, OperationOptions options) : m_session(session), m_options(std::move(options))
{
}

bool ServerControl::handles(OperationKind kind)
{
    switch (kind) {
    case OperationKind::StopReplicaNice:
    case OperationKind::SkipQuery:
    case OperationKind::EnableSemiSyncMaster:
    case OperationKind::DisableSemiSyncMaster:
    case OperationKind::EnableSemiSyncReplica:
    case OperationKind::DisableSemiSyncReplica:
    case OperationKind::DelayReplication:
    case OperationKind::FlushBinaryLogs:
    case OperationKind::PurgeBinaryLogs:
    case OperationKind::GtidErrantResetMaster:
    case OperationKind::GtidErrantInjectEmpty:
        return true;
    default:
        return false;
    }
}

Result<void> ServerControl::run(const OperationRequest &request)
{
    const Instance *found = m_session.fact(request.instance);
    if (!found)
        return m_session.refuse({u"unknown-server"_s, u"%1 is not known: discover it first"_s.arg(k(request.instance))});
    if (auto r = Legality::checkReachable(*found, u"server to operate on"_s))
        return m_session.refuse(*r);
    const Instance i = *found;
    m_session.setMethod(u"statements on one server"_s);
    switch (request.kind) {
    case OperationKind::StopReplicaNice:
        return stopNicely(i);
    case OperationKind::SkipQuery:
        return skipQuery(i);
    case OperationKind::EnableSemiSyncMaster:
        return semiSync(i, true, true);
    case OperationKind::DisableSemiSyncMaster:
        return semiSync(i, true, false);
    case OperationKind::EnableSemiSyncReplica:
        return semiSync(i, false, true);
    case OperationKind::DisableSemiSyncReplica:
        return semiSync(i, false, false);
    case OperationKind::DelayReplication:
        return delay(i, request.argument);
    case OperationKind::FlushBinaryLogs:
        return flushBinaryLogs(i);
    case OperationKind::PurgeBinaryLogs:
        return purgeBinaryLogs(i, request.argument);
    case OperationKind::GtidErrantResetMaster:
        return errantResetMaster(i);
    case OperationKind::GtidErrantInjectEmpty:
        return errantInjectEmpty(i);
    default:
        return Result<void>::failure(u"%1 is not a server control operation"_s.arg(OperationKinds::name(request.kind)));
    }
}

Result<void> ServerControl::needReplica(const Instance &i)
{
    if (i.isReplica())
        return Result<void>::success();
    return m_session.refuse({u"not-a-replica"_s, u"%1 is not a replica"_s.arg(k(i.key))});
}

Result<void> ServerControl::stopNicely(const Instance &i)
{
    if (auto r = needReplica(i); !r.ok())
        return r;
    const Dialect d = m_session.dialectOf(i.key);
    if (auto s = m_session.execute(i.key, d.stopReplicaThreadStatement(true), u"stop receiving events"_s); !s.ok())
        return s;
    m_session.setRollback(u"start replication on %1 again"_s.arg(k(i.key)), [this, i, d]() -> Result<QString> {
        if (auto s = m_session.execute(i.key, d.startReplicaStatement(), u"rollback: start replication again"_s); !s.ok())
            return Result<QString>::failure(s.error());
        return u"%1 replicates again"_s.arg(k(i.key));
    });
    auto status = m_session.replicaStatus(i.key);
    if (!status.ok())
        return Result<void>::failure(status.error());
    if (status->sqlThread == ReplicationState::ThreadState::Running) {
        if (auto w = m_session.waitExecuted(i.key, status->readCoordinates, u"the SQL thread applies every event received"_s); !w.ok())
            return w;
    }
    if (auto s = m_session.execute(i.key, d.stopReplicaStatement(), u"stop applying, nothing left in the relay log"_s); !s.ok())
        return s;
    m_session.clearRollback();
    if (m_session.isPlanning())
        return Result<void>::success();
    auto after = m_session.replicaStatus(i.key);
    if (!after.ok())
        return Result<void>::failure(after.error());
    if (after->ioThread != ReplicationState::ThreadState::Stopped || after->sqlThread != ReplicationState::ThreadState::Stopped)
        return Result<void>::failure(u"%1 still has a replication thread running after %2"_s.arg(k(i.key), d.stopReplicaStatement()));
    return Result<void>::success();
}

Result<void> ServerControl::skipQuery(const Instance &i)
{
    if (auto r = needReplica(i); !r.ok())
        return r;
    const ReplicationState &rs = *i.replication;
    if (rs.sqlThread == ReplicationState::ThreadState::Running)
        return m_session.refuse({u"sql-thread-running"_s,
                                 u"%1's SQL thread is running: there is no failed transaction to skip"_s.arg(k(i.key))});
    const Dialect d = m_session.dialectOf(i.key);
    if (i.flavour != Flavour::MariaDB && rs.usesGtid()) {
        // With auto-position MySQL refuses the skip counter: the failed transaction is the next GTID
        // of its source's UUID, committed empty so the SQL thread goes past it.
        const QString uuid = rs.sourceUuid.toLower();
        if (uuid.isEmpty())
            return m_session.refuse({u"no-source-uuid"_s, u"%1 does not report its source's UUID, so the failed GTID is not known"_s.arg(k(i.key))});
        auto executed = m_session.globalVariable(i.key, u"gtid_executed"_s);
        if (!executed.ok())
            return Result<void>::failure(executed.error());
        const auto set = MysqlGtidSet::parse(executed.value());
        if (!set.ok())
            return Result<void>::failure(set.error());
        const QList<MysqlGtidSet::Interval> done = set->intervals(uuid);
        const qint64 next = done.isEmpty() ? 1 : done.constLast().end + 1;
        const QString gtid = u"%1:%2"_s.arg(uuid).arg(next);
        m_session.warn(u"the transaction %1 is skipped on %2: its changes are missing there from now on"_s.arg(gtid, k(i.key)));
        if (auto s = m_session.execute(i.key, u"SET GTID_NEXT = '%1'"_s.arg(gtid), u"the next transaction is the failed one"_s); !s.ok())
            return s;
        for (const QString &sql : {u"BEGIN"_s, u"COMMIT"_s})
            if (auto s = m_session.execute(i.key, sql, u"commit it empty"_s); !s.ok())
                return s;
        if (auto s = m_session.execute(i.key, u"SET GTID_NEXT = 'AUTOMATIC'"_s, u"back to automatic GTIDs"_s); !s.ok())
            return s;
    } else {
        m_session.warn(u"the failed event group is skipped on %1: its changes are missing there from now on"_s.arg(k(i.key)));
        if (auto s = m_session.execute(i.key, d.skipCounterStatement(), u"skip the failed event group"_s); !s.ok())
            return s;
    }
    if (auto s = m_session.execute(i.key, d.startReplicaStatement(), u"start replication"_s); !s.ok())
        return s;
    return m_session.waitReplicating(i.key, i.sourceKey(), {});
}

Result<void> ServerControl::semiSync(const Instance &i, bool sourceSide, bool enable)
{
    if (!i.semiSync.available && enable)
        return m_session.refuse({u"semi-sync-unavailable"_s,
                                 u"%1 has no semi-sync: load the plugin (MySQL semisync_source/semisync_master; MariaDB 10.3+ "
                                 "has it built in)"_s.arg(k(i.key))});
    if (!sourceSide) {
        if (auto r = needReplica(i); !r.ok())
            return r;
    }
    // MySQL 8.0.26+ may run either plugin: the variable that exists names it.
    bool newNames = false;
    if (i.flavour != Flavour::MariaDB && !m_session.isPlanning()) {
        auto probe = m_session.globalVariable(i.key, Dialect::semiSyncEnabledVariable(sourceSide, true));
        newNames = probe.ok() && !probe->isEmpty();
    }
    const QString variable = Dialect::semiSyncEnabledVariable(sourceSide, newNames);
    if (auto s = m_session.execute(i.key, u"SET GLOBAL %1 = %2"_s.arg(variable, enable ? u"1"_s : u"0"_s),
                                   enable ? u"turn semi-sync on"_s : u"turn semi-sync off"_s);
        !s.ok())
        return s;
    if (!sourceSide && i.replication->ioThread == ReplicationState::ThreadState::Running) {
        // The replica side takes effect when the IO thread connects again.
        const Dialect d = m_session.dialectOf(i.key);
        if (auto s = m_session.execute(i.key, d.stopReplicaThreadStatement(true), u"reconnect the IO thread"_s); !s.ok())
            return s;
        if (auto s = m_session.execute(i.key, d.startReplicaThreadStatement(true), u"with the new semi-sync setting"_s); !s.ok())
            return s;
    }
    if (m_session.isPlanning())
        return Result<void>::success();
    auto value = m_session.globalVariable(i.key, variable);
    if (!value.ok())
        return Result<void>::failure(value.error());
    if (isOn(value.value()) != enable)
        return Result<void>::failure(u"%1 reports %2=%3 after the change"_s.arg(k(i.key), variable, value.value()));
    return Result<void>::success();
}

Result<void> ServerControl::delay(const Instance &i, const QString &argument)
{
    bool ok = false;
    const qint64 seconds = argument.toLongLong(&ok);
    if (!ok || seconds < 0 || seconds > 365LL * 24 * 3600)
        return m_session.refuse({u"bad-delay"_s, u"the delay \"%1\" is not a whole number of seconds from 0 to one year"_s.arg(argument)});
    if (auto r = needReplica(i); !r.ok())
        return r;
    const Dialect d = m_session.dialectOf(i.key);
    const bool sqlRunning = i.replication->sqlThread == ReplicationState::ThreadState::Running;
    const bool ioRunning = i.replication->ioThread != ReplicationState::ThreadState::Stopped;
    // MySQL changes the delay with the SQL thread stopped; MariaDB refuses CHANGE MASTER while either
    // thread runs. Either way each thread that ran is started again.
    const bool stopAll = d.isMariaDB() && (sqlRunning || ioRunning);
    auto restart = [this, i, d, sqlRunning, ioRunning, stopAll](const QString &purpose) -> Result<void> {
        if (stopAll && ioRunning) {
            if (auto s = m_session.execute(i.key, d.startReplicaThreadStatement(true), purpose); !s.ok())
                return s;
        }
        if (sqlRunning)
            return m_session.execute(i.key, d.startReplicaThreadStatement(false), purpose);
        return Result<void>::success();
    };
    if (stopAll || sqlRunning) {
        if (auto s = m_session.execute(i.key, stopAll ? d.stopReplicaStatement() : d.stopReplicaThreadStatement(false),
                                       u"the delay changes only with replication stopped"_s);
            !s.ok())
            return s;
        m_session.setRollback(u"start replication of %1 again"_s.arg(k(i.key)), [this, i, restart]() -> Result<QString> {
            if (auto s = restart(u"rollback: start the threads that ran"_s); !s.ok())
                return Result<QString>::failure(s.error());
            return u"%1 replicates again, with its former delay"_s.arg(k(i.key));
        });
    }
    if (auto s = m_session.execute(i.key, d.replicationDelayStatement(int(seconds)), u"apply events %1 s after the source wrote them"_s.arg(seconds)); !s.ok())
        return s;
    if (auto s = restart(u"start the threads that ran"_s); !s.ok())
        return s;
    m_session.clearRollback();
    if (m_session.isPlanning())
        return Result<void>::success();
    auto status = m_session.replicaStatus(i.key);
    if (!status.ok())
        return Result<void>::failure(status.error());
    if (status->sqlDelay != seconds)
        return Result<void>::failure(u"%1 reports SQL_Delay=%2 after setting %3"_s.arg(k(i.key)).arg(status->sqlDelay).arg(seconds));
    return Result<void>::success();
}

Result<void> ServerControl::flushBinaryLogs(const Instance &i)
{
    if (!i.logBin)
        return m_session.refuse({u"no-binlog"_s, u"%1 writes no binary log"_s.arg(k(i.key))});
    const BinlogCoordinates before = i.selfCoordinates;
    if (auto s = m_session.execute(i.key, u"FLUSH BINARY LOGS"_s, u"close the binary log and start the next"_s); !s.ok())
        return s;
    if (m_session.isPlanning())
        return Result<void>::success();
    auto now = m_session.binlogStatus(i.key);
    if (!now.ok())
        return Result<void>::failure(now.error());
    if (before.isValid() && now->file == before.file)
        return Result<void>::failure(u"%1 still writes %2 after FLUSH BINARY LOGS"_s.arg(k(i.key), before.file));
    return Result<void>::success();
}

Result<void> ServerControl::purgeBinaryLogs(const Instance &i, const QString &binlog)
{
    static const QRegularExpression name(u"^[A-Za-z0-9_.-]{1,255}$"_s);
    if (!name.match(binlog).hasMatch())
        return m_session.refuse({u"bad-binlog-name"_s, u"\"%1\" is not a binary log file name (letters, digits, '.', '_', '-')"_s.arg(binlog)});
    if (!i.logBin)
        return m_session.refuse({u"no-binlog"_s, u"%1 writes no binary log"_s.arg(k(i.key))});
    const BinlogCoordinates target{binlog, 4};
    if (i.selfCoordinates.isValid() && i.selfCoordinates < target)
        return m_session.refuse({u"binlog-in-future"_s, u"%1 writes %2 now: %3 is not among its binary logs yet"_s.arg(
                                                            k(i.key), i.selfCoordinates.file, binlog)});
    // orchestrator's rule: a replica still reading an older file would break.
    for (const InstanceKey &r : m_session.topology().childrenOf(i.key)) {
        const Instance *replica = m_session.fact(r);
        if (replica && replica->replication && replica->replication->readCoordinates.isValid()
            && replica->replication->readCoordinates < target)
            return m_session.refuse({u"replica-needs-binlog"_s, u"%1 still reads %2 of %3: purging up to %4 would break it"_s.arg(
                                                                    k(r), replica->replication->readCoordinates.file, k(i.key), binlog)});
    }
    m_session.warn(u"binary logs of %1 before %2 are deleted for good"_s.arg(k(i.key), binlog));
    return m_session.execute(i.key, u"PURGE BINARY LOGS TO %1"_s.arg(Dialect::quoteString(binlog)),
                             u"delete the binary logs before %1"_s.arg(binlog));
}

Result<QString> ServerControl::errantOf(const Instance &i)
{
    if (!i.isReplica())
        return Result<QString>::failure(QString());
    const Instance *source = m_session.fact(i.sourceKey());
    if (!source)
        return Result<QString>::failure(u"the source %1 of %2 is not known, so its errant GTIDs are not either"_s.arg(k(i.sourceKey()), k(i.key)));
    return GtidErrant::of(i, *source);
}

Result<void> ServerControl::errantResetMaster(const Instance &i)
{
    if (auto r = needReplica(i); !r.ok())
        return r;
    auto errant = errantOf(i);
    if (!errant.ok())
        return m_session.refuse({u"unknown-source"_s, errant.error()});
    if (errant->isEmpty())
        return m_session.refuse({u"no-errant-gtid"_s, u"%1 has no errant GTID"_s.arg(k(i.key))});
    if (!m_session.topology().childrenOf(i.key).isEmpty())
        return m_session.refuse({u"has-replicas"_s, u"%1 has replicas: %2 deletes the binary logs they read"_s.arg(
                                     k(i.key), m_session.dialectOf(i.key).resetBinaryLogsStatement())});
    const Dialect d = m_session.dialectOf(i.key);
    m_session.warn(u"%1 deletes every binary log of %2 (errant: %3)"_s.arg(d.resetBinaryLogsStatement(), k(i.key), errant.value()));
    if (auto s = m_session.execute(i.key, d.stopReplicaStatement(), u"stop replication"_s); !s.ok())
        return s;
    m_session.setRollback(u"start replication on %1 again"_s.arg(k(i.key)), [this, i, d]() -> Result<QString> {
        if (auto s = m_session.execute(i.key, d.startReplicaStatement(), u"rollback: start replication again"_s); !s.ok())
            return Result<QString>::failure(s.error());
        return u"%1 replicates again, errant GTIDs still there"_s.arg(k(i.key));
    });
    if (i.flavour == Flavour::MariaDB) {
        // The errant entries live in gtid_binlog_pos only; with the binary log gone,
        // gtid_current_pos is gtid_slave_pos again: what came from the source.
        if (auto s = m_session.execute(i.key, d.resetBinaryLogsStatement(), u"forget the local binary log and its GTIDs"_s); !s.ok())
            return s;
    } else {
        auto executed = m_session.globalVariable(i.key, u"gtid_executed"_s);
        if (!executed.ok())
            return Result<void>::failure(executed.error());
        const auto all = MysqlGtidSet::parse(executed.value());
        const auto bad = MysqlGtidSet::parse(errant.value());
        if (!all.ok() || !bad.ok())
            return Result<void>::failure(all.ok() ? bad.error() : all.error());
        const QString keep = all->subtract(bad.value()).toString();
        if (auto s = m_session.execute(i.key, d.resetBinaryLogsStatement(), u"forget the binary logs and gtid_executed"_s); !s.ok())
            return s;
        if (auto s = m_session.execute(i.key, u"SET GLOBAL gtid_purged = %1"_s.arg(Dialect::quoteString(keep)),
                                       u"what it executed, without the errant GTIDs"_s);
            !s.ok())
            return s;
    }
    if (auto s = m_session.execute(i.key, d.startReplicaStatement(), u"start replication"_s); !s.ok())
        return s;
    m_session.clearRollback();
    if (auto w = m_session.waitReplicating(i.key, i.sourceKey(), {}); !w.ok())
        return w;
    if (m_session.isPlanning())
        return Result<void>::success();
    // The source is read after the replica: what the source wrote meanwhile must not look errant
    // on the replica (a source fact from before the operation lacks what the replica applied since).
    if (auto r = m_session.refresh(i.key); !r.ok())
        return r;
    if (auto r = m_session.refresh(i.sourceKey()); !r.ok())
        return r;
    const Instance *fresh = m_session.fact(i.key);
    const Instance *source = m_session.fact(i.sourceKey());
    if (fresh && source && !GtidErrant::of(*fresh, *source).isEmpty())
        return Result<void>::failure(u"%1 still has errant GTIDs after %2: %3"_s.arg(k(i.key), d.resetBinaryLogsStatement(),
                                                                                      GtidErrant::of(*fresh, *source)));
    return Result<void>::success();
}

Result<void> ServerControl::errantInjectEmpty(const Instance &i)
{
    if (auto r = needReplica(i); !r.ok())
        return r;
    if (i.flavour == Flavour::MariaDB)
        return m_session.refuse({u"mariadb-no-empty-transactions"_s,
                                 u"MariaDB does not write an empty transaction to the binary log, so an errant GTID cannot be "
                                 "injected on its master; use gtid-errant-reset-master on %1"_s.arg(k(i.key))});
    auto errant = errantOf(i);
    if (!errant.ok())
        return m_session.refuse({u"unknown-source"_s, errant.error()});
    if (errant->isEmpty())
        return m_session.refuse({u"no-errant-gtid"_s, u"%1 has no errant GTID"_s.arg(k(i.key))});
    const auto set = MysqlGtidSet::parse(errant.value());
    if (!set.ok())
        return Result<void>::failure(set.error());
    if (set->count() > kMaxInjected)
        return m_session.refuse({u"too-many-errant"_s, u"%1 has %2 errant transactions (more than %3): look at them before "
                                                       "injecting"_s.arg(k(i.key)).arg(set->count()).arg(kMaxInjected)});
    // The cluster's master: the top of the tree above the replica.
    InstanceKey master = i.key;
    for (int guard = 0; guard < 64; ++guard) {
        const InstanceKey up = m_session.topology().parentOf(master);
        if (!up.isValid())
            break;
        master = up;
    }
    if (master == i.key)
        return m_session.refuse({u"no-master"_s, u"the master of %1 is not known"_s.arg(k(i.key))});
    if (auto r = Legality::checkReachable(*m_session.fact(master), u"master"_s))
        return m_session.refuse(*r);
    m_session.warn(u"%1 empty transactions are committed on %2 and replicate to the whole cluster"_s.arg(set->count()).arg(k(master)));
    for (const QString &uuid : set->uuids()) {
        for (const MysqlGtidSet::Interval &interval : set->intervals(uuid)) {
            for (qint64 n = interval.start; n <= interval.end; ++n) {
                const QString gtid = u"%1:%2"_s.arg(uuid).arg(n);
                if (auto s = m_session.execute(master, u"SET GTID_NEXT = '%1'"_s.arg(gtid), u"the errant GTID %1"_s.arg(gtid)); !s.ok())
                    return s;
                for (const QString &sql : {u"BEGIN"_s, u"COMMIT"_s})
                    if (auto s = m_session.execute(master, sql, u"committed empty"_s); !s.ok())
                        return s;
            }
        }
    }
    if (auto s = m_session.execute(master, u"SET GTID_NEXT = 'AUTOMATIC'"_s, u"back to automatic GTIDs"_s); !s.ok())
        return s;
    return Result<void>::success();
}

} // namespace arbor::core
