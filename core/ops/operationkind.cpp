#include "ops/operationkind.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
struct KindInfo
{
    OperationKind kind;
    QString name;
    bool needsTarget;
    bool acceptsTarget;
    bool changesTopology;
    QString summary;
};

const QList<KindInfo> &infos()
{
    static const QList<KindInfo> list = {
        {OperationKind::Relocate, u"relocate"_s, true, true, true,
         u"Move a replica below another server, choosing GTID or binlog coordinates"_s},
        {OperationKind::RelocateReplicas, u"relocate-replicas"_s, true, true, true,
         u"Move the replicas of a server (optionally matching --pattern) below another server"_s},
        {OperationKind::MoveUp, u"move-up"_s, false, false, true, u"Move a replica up: below its source's source"_s},
        {OperationKind::MoveUpReplicas, u"move-up-replicas"_s, false, false, true,
         u"Move every replica of a server up to that server's source"_s},
        {OperationKind::MoveBelow, u"move-below"_s, true, true, true, u"Move a replica below one of its siblings"_s},
        {OperationKind::Repoint, u"repoint"_s, false, true, true,
         u"Point a replica at its source again (or, with GTID, at another)"_s},
        {OperationKind::TakeSiblings, u"take-siblings"_s, false, false, true,
         u"Make a replica the source of all its siblings"_s},
        {OperationKind::TakeMaster, u"take-master"_s, false, false, true,
         u"Swap a replica with its source, which becomes its replica"_s},
        {OperationKind::MakeCoMaster, u"make-co-master"_s, false, false, true,
         u"Make the master replicate from this (read-only) replica too"_s},
        {OperationKind::RegroupReplicas, u"regroup-replicas"_s, false, false, true,
         u"Make the most advanced replica of a server the source of its siblings"_s},
        {OperationKind::StartReplica, u"start-replica"_s, false, false, false, u"Start replication"_s},
        {OperationKind::StopReplica, u"stop-replica"_s, false, false, false, u"Stop replication"_s},
        {OperationKind::RestartReplica, u"restart-replica"_s, false, false, false, u"Stop, then start replication"_s},
        {OperationKind::ResetReplica, u"reset-replica"_s, false, false, true,
         u"Forget the source for good (RESET REPLICA ALL, RESET SLAVE ALL before MySQL 8.0.22); detach-replica is reversible"_s},
        {OperationKind::DetachReplica, u"detach-replica"_s, false, false, true,
         u"Break replication reversibly (Master_Host becomes //host)"_s},
        {OperationKind::ReattachReplica, u"reattach-replica"_s, false, false, true,
         u"Undo detach-replica"_s},
        {OperationKind::SetReadOnly, u"set-read-only"_s, false, false, false, u"Set read_only (and super_read_only)"_s},
        {OperationKind::SetWriteable, u"set-writeable"_s, false, false, false, u"Clear read_only (and super_read_only)"_s},
        {OperationKind::EnableGtid, u"enable-gtid"_s, false, false, false,
         u"Replicate by GTID (MariaDB slave_pos, MySQL auto-position)"_s},
        {OperationKind::DisableGtid, u"disable-gtid"_s, false, false, false,
         u"Replicate by binlog file and position"_s},
        {OperationKind::MoveGtid, u"move-gtid"_s, true, true, true, u"Move a replica below another server by GTID only"_s},
        {OperationKind::MoveReplicasGtid, u"move-replicas-gtid"_s, true, true, true,
         u"Move the replicas of a server below another server by GTID only"_s},
        {OperationKind::RepointReplicas, u"repoint-replicas"_s, false, false, true,
         u"Point every replica of a server at it again, each at its own position"_s},
        {OperationKind::StopReplicaNice, u"stop-replica-nice"_s, false, false, false,
         u"Stop the IO thread, let the SQL thread apply the relay log, then stop it"_s},
        {OperationKind::SkipQuery, u"skip-query"_s, false, false, false,
         u"Skip the transaction the SQL thread fails on, then start replication"_s},
        {OperationKind::EnableSemiSyncMaster, u"enable-semi-sync-master"_s, false, false, false,
         u"Turn on semi-synchronous replication on the source side"_s},
        {OperationKind::DisableSemiSyncMaster, u"disable-semi-sync-master"_s, false, false, false,
         u"Turn off semi-synchronous replication on the source side"_s},
        {OperationKind::EnableSemiSyncReplica, u"enable-semi-sync-replica"_s, false, false, false,
         u"Turn on semi-synchronous replication on the replica side (restarts the IO thread)"_s},
        {OperationKind::DisableSemiSyncReplica, u"disable-semi-sync-replica"_s, false, false, false,
         u"Turn off semi-synchronous replication on the replica side (restarts the IO thread)"_s},
        {OperationKind::DelayReplication, u"delay-replication"_s, false, false, false,
         u"Delay the SQL thread by --seconds (MASTER_DELAY), threads left as they were"_s},
        {OperationKind::FlushBinaryLogs, u"flush-binary-logs"_s, false, false, false, u"Start a new binary log"_s},
        {OperationKind::PurgeBinaryLogs, u"purge-binary-logs"_s, false, false, false,
         u"Purge the binary logs before --binlog, unless a replica still reads them"_s},
        {OperationKind::GtidErrantResetMaster, u"gtid-errant-reset-master"_s, false, false, false,
         u"Drop a replica's errant GTIDs with RESET MASTER (RESET BINARY LOGS AND GTIDS on MySQL 8.4; only a replica without replicas)"_s},
        {OperationKind::GtidErrantInjectEmpty, u"gtid-errant-inject-empty"_s, false, false, false,
         u"MySQL: commit a replica's errant GTIDs as empty transactions on its cluster's master"_s},
    };
    return list;
}

const KindInfo &info(OperationKind kind)
{
    for (const KindInfo &i : infos()) {
        if (i.kind == kind)
            return i;
    }
    return infos().constFirst();
}
} // namespace

QString OperationKinds::name(OperationKind kind)
{
    return info(kind).name;
}

std::optional<OperationKind> OperationKinds::fromName(const QString &name)
{
    QString n = name.trimmed().toLower();
    // orchestrator's synonyms
    n.replace(u"slaves"_s, u"replicas"_s).replace(u"slave"_s, u"replica"_s);
    if (n == u"relocate-below"_s)
        n = u"relocate"_s;
    if (n == u"detach-replica-master-host"_s)
        n = u"detach-replica"_s;
    if (n == u"reattach-replica-master-host"_s)
        n = u"reattach-replica"_s;
    if (n == u"move-below-gtid"_s)
        n = u"move-gtid"_s;
    for (const KindInfo &i : infos()) {
        if (i.name == n)
            return i.kind;
    }
    return std::nullopt;
}

QList<OperationKind> OperationKinds::all()
{
    QList<OperationKind> out;
    for (const KindInfo &i : infos())
        out << i.kind;
    return out;
}

bool OperationKinds::needsTarget(OperationKind kind)
{
    return info(kind).needsTarget;
}

bool OperationKinds::acceptsTarget(OperationKind kind)
{
    return info(kind).acceptsTarget;
}

bool OperationKinds::changesTopology(OperationKind kind)
{
    return info(kind).changesTopology;
}

QString OperationKinds::argumentName(OperationKind kind)
{
    if (kind == OperationKind::DelayReplication)
        return u"seconds"_s;
    if (kind == OperationKind::PurgeBinaryLogs)
        return u"binlog"_s;
    return {};
}

QString OperationKinds::summary(OperationKind kind)
{
    return info(kind).summary;
}

} // namespace arbor::core
