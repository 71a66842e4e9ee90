#include "ops/legality.h"

#include "model/mysqlgtidset.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
Refusal refuse(const QString &rule, const QString &message)
{
    return Refusal{rule, message};
}

bool sameGtidFamily(const Instance &a, const Instance &b)
{
    return (a.flavour == Flavour::MariaDB) == (b.flavour == Flavour::MariaDB);
}

QString threadName(ReplicationState::ThreadState s)
{
    return ReplicationState::threadStateName(s);
}
} // namespace

int Legality::binlogFormatRank(const QString &format)
{
    const QString f = format.trimmed().toUpper();
    if (f == u"STATEMENT"_s)
        return 0;
    if (f == u"MIXED"_s)
        return 1;
    return 2;
}

std::optional<Refusal> Legality::checkReachable(const Instance &instance, const QString &role)
{
    if (!instance.lastCheckValid)
        return refuse(u"unreachable"_s,
                      u"%1 (the %2) did not answer its last check%3: Arbor moves nothing it cannot check first"_s
                          .arg(instance.key.toString(), role,
                               instance.lastError.isEmpty() ? QString() : u" (%1)"_s.arg(instance.lastError)));
    return std::nullopt;
}

std::optional<Refusal> Legality::canReplicateFrom(const Instance &replica, const Instance &source, const Options &options)
{
    const QString r = replica.key.toString();
    const QString s = source.key.toString();
    if (replica.key == source.key)
        return refuse(u"same-server"_s, u"%1 cannot replicate from itself"_s.arg(r));
    for (const auto &[instance, role] : {std::pair{&replica, u"replica"_s}, std::pair{&source, u"new source"_s}}) {
        if (auto unreachable = checkReachable(*instance, role)) {
            unreachable->message = u"%1 cannot replicate from %2: "_s.arg(r, s) + unreachable->message;
            return unreachable;
        }
    }
    if (!source.logBin)
        return refuse(u"source-no-binlog"_s,
                      u"%1 cannot replicate from %2: %2 writes no binary log (log_bin is OFF)"_s.arg(r, s));
    if (source.isReplica() && !source.logReplicaUpdates)
        return refuse(u"source-no-log-slave-updates"_s,
                      u"%1 cannot replicate from %2: %2 is itself a replica without log_slave_updates, so its binary "
                      "log lacks what it replicates"_s.arg(r, s));
    if (sameGtidFamily(replica, source)) {
        const ServerVersion rv = replica.serverVersion();
        const ServerVersion sv = source.serverVersion();
        if (rv.isValid() && sv.isValid() && (rv.major < sv.major || (rv.major == sv.major && rv.minor < sv.minor)))
            return refuse(u"version-order"_s,
                          u"%1 cannot replicate from %2: it runs %3, older than %2's %4; a replica must run the same "
                          "or a newer version than its source"_s.arg(r, s, replica.version, source.version));
    }
    if (replica.logBin && replica.logReplicaUpdates
        && binlogFormatRank(replica.binlogFormat) < binlogFormatRank(source.binlogFormat))
        return refuse(u"binlog-format-order"_s,
                      u"%1 cannot replicate from %2: its binlog_format %3 cannot log %2's %4 events (STATEMENT < "
                      "MIXED < ROW; replicate only towards a wider format)"_s.arg(r, s, replica.binlogFormat,
                                                                                   source.binlogFormat));
    if (replica.serverId != 0 && replica.serverId == source.serverId)
        return refuse(u"duplicate-server-id"_s,
                      u"%1 cannot replicate from %2: both have server_id %3, so each would ignore the other's events"_s
                          .arg(r, s)
                          .arg(replica.serverId));
    if (!replica.serverUuid.isEmpty() && replica.serverUuid.compare(source.serverUuid, Qt::CaseInsensitive) == 0)
        return refuse(u"duplicate-server-uuid"_s,
                      u"%1 cannot replicate from %2: both have server_uuid %3 (a cloned data directory?); remove "
                      "auto.cnf on one and restart it"_s.arg(r, s, replica.serverUuid));
    if (options.verifyFilters) {
        const QStringList sourceFilters = source.isReplica() ? source.replication->filters : QStringList();
        const QStringList replicaFilters = replica.isReplica() ? replica.replication->filters : QStringList();
        if (!sourceFilters.isEmpty() && replicaFilters.isEmpty())
            return refuse(u"replication-filters"_s,
                          u"%1 cannot replicate from %2: %2 filters what it replicates (%3) and %1 does not, so %1 "
                          "would silently miss data"_s.arg(r, s, sourceFilters.join(u", "_s)));
    }
    const qint64 sourceDelay = source.isReplica() ? source.replication->sqlDelay : 0;
    const qint64 replicaDelay = replica.isReplica() ? replica.replication->sqlDelay : 0;
    if (sourceDelay > options.maxLagSeconds && replicaDelay < sourceDelay)
        return refuse(u"delayed-source"_s,
                      u"%1 cannot replicate from %2: %2 is delayed by %3 s (MASTER_DELAY) and %1 by only %4 s, so %1 "
                      "would fall %3 s behind without being meant to"_s.arg(r, s)
                          .arg(sourceDelay)
                          .arg(replicaDelay));
    return std::nullopt;
}

std::optional<Refusal> Legality::checkNoCycle(const Topology &topology, const InstanceKey &replica, const InstanceKey &target)
{
    if (replica == target)
        return refuse(u"same-server"_s, u"%1 cannot replicate from itself"_s.arg(replica.toString()));
    if (topology.isDescendant(target, replica))
        return refuse(u"no-cycle"_s,
                      u"%1 cannot move below %2: %2 replicates (directly or not) from %1, so this would make a cycle"_s
                          .arg(replica.toString(), target.toString()));
    return std::nullopt;
}

std::optional<Refusal> Legality::canMoveByCoordinates(const Instance &replica, const Options &options)
{
    const QString r = replica.key.toString();
    if (auto unreachable = checkReachable(replica, u"replica"_s))
        return unreachable;
    if (!replica.isReplica())
        return refuse(u"not-a-replica"_s, u"%1 is not a replica: it has no source to move from"_s.arg(r));
    const ReplicationState &rs = *replica.replication;
    if (rs.hasError())
        return refuse(u"replication-error"_s,
                      u"%1 has a replication error (%2): fix it before moving it by binlog coordinates"_s.arg(
                          r, rs.lastSqlErrno ? rs.lastSqlError : rs.lastIoError));
    if (!rs.isHealthy())
        return refuse(u"replication-not-running"_s,
                      u"%1 is not replicating (IO thread %2, SQL thread %3): a binlog-coordinate move needs both threads "
                      "running; start replication first, or enable GTID positioning"_s.arg(
                          r, threadName(rs.ioThread), threadName(rs.sqlThread)));
    const auto lag = replica.lagSeconds();
    if (!lag)
        return refuse(u"lag-unknown"_s, u"%1 reports no lag (Seconds_Behind_Master is NULL): a binlog-coordinate move "
                                         "needs a replica that is known to be current"_s.arg(r));
    if (*lag > options.maxLagSeconds)
        return refuse(u"lag-too-high"_s,
                      u"%1 lags %2 s behind its source, more than the %3 s allowed for a binlog-coordinate move; wait "
                      "until it catches up"_s.arg(r)
                          .arg(*lag)
                          .arg(options.maxLagSeconds));
    return std::nullopt;
}

bool Legality::gtidUsable(const Instance &replica, const Instance &target)
{
    return replica.usesGtid() && !canMoveByGtid(replica, target).has_value();
}

std::optional<Refusal> Legality::canMoveByGtid(const Instance &replica, const Instance &target)
{
    const QString r = replica.key.toString();
    const QString t = target.key.toString();
    if (!sameGtidFamily(replica, target))
        return refuse(u"gtid-flavour"_s,
                      u"%1 cannot move below %2 by GTID: one is MariaDB and the other MySQL, and their GTIDs are "
                      "not compatible"_s.arg(r, t));
    if (replica.flavour == Flavour::MariaDB)
        return std::nullopt; // MariaDB GTIDs are always on
    for (const Instance *i : {&replica, &target}) {
        if (i->gtidMode.compare(u"ON"_s, Qt::CaseInsensitive) != 0)
            return refuse(u"gtid-mode"_s, u"%1 cannot move below %2 by GTID: %3 has gtid_mode %4, not ON"_s.arg(
                                              r, t, i->key.toString(), i->gtidMode.isEmpty() ? u"OFF"_s : i->gtidMode));
    }
    const auto purged = MysqlGtidSet::parse(target.purgedGtidSet);
    const auto executed = MysqlGtidSet::parse(replica.executedGtidSet);
    if (!purged.ok() || !executed.ok())
        return refuse(u"gtid-unreadable"_s, u"%1 cannot move below %2 by GTID: a GTID set does not parse (%3)"_s.arg(
                                                r, t, purged.ok() ? executed.error() : purged.error()));
    const MysqlGtidSet missing = purged->subtract(*executed);
    if (!missing.isEmpty())
        return refuse(u"gtid-purged"_s,
                      u"%1 cannot move below %2 by GTID: %2 has purged transactions %1 has not applied (%3), so %2 "
                      "cannot send them"_s.arg(r, t, missing.toString()));
    return std::nullopt;
}

} // namespace arbor::core
