#include "ops/plansession.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QString unknown(const InstanceKey &server)
{
    return u"%1 is not among the servers Arbor knows in this cluster: discover it first"_s.arg(server.toString());
}
} // namespace

Result<ReplicationState> PlanSession::replicaStatus(const InstanceKey &server)
{
    const Instance *i = fact(server);
    if (!i)
        return Result<ReplicationState>::failure(unknown(server));
    if (!i->replication)
        return Result<ReplicationState>::failure(u"%1 is not a replica"_s.arg(server.toString()));
    return *i->replication;
}

Result<BinlogCoordinates> PlanSession::binlogStatus(const InstanceKey &server)
{
    const Instance *i = fact(server);
    if (!i)
        return Result<BinlogCoordinates>::failure(unknown(server));
    return i->selfCoordinates;
}

Result<QString> PlanSession::globalVariable(const InstanceKey &server, const QString &name)
{
    const Instance *i = fact(server);
    if (!i)
        return Result<QString>::failure(unknown(server));
    if (name == u"gtid_slave_pos"_s)
        return i->gtidSlavePos;
    if (name == u"gtid_binlog_pos"_s)
        return i->gtidBinlogPos;
    if (name == u"gtid_current_pos"_s || name == u"gtid_executed"_s)
        return i->executedGtidSet;
    if (name == u"gtid_purged"_s)
        return i->purgedGtidSet;
    return QString();
}

Result<void> PlanSession::waitExecuted(const InstanceKey &server, const BinlogCoordinates &coordinates, const QString &purpose)
{
    record(OperationPlan::Step::Kind::Wait, server, dialectOf(server).sourcePosWaitQuery(coordinates, 0).replace(u", 0)"_s, u", timeout)"_s),
           purpose);
    return Result<void>::success();
}

Result<void> PlanSession::waitGtid(const InstanceKey &server, const QString &position, const QString &purpose)
{
    record(OperationPlan::Step::Kind::Wait, server, dialectOf(server).gtidWaitQuery(position, 0).replace(u", 0)"_s, u", timeout)"_s),
           purpose);
    return Result<void>::success();
}

Result<std::pair<QString, int>> PlanSession::sourceHostText(const InstanceKey &server)
{
    return Result<std::pair<QString, int>>::failure(
        u"the source host of %1 is read from the server when the operation runs"_s.arg(server.toString()));
}

Result<void> PlanSession::waitReplicating(const InstanceKey &server, const InstanceKey &source, const QString &purpose)
{
    record(OperationPlan::Step::Kind::Check, server, dialectOf(server).replicaStatusQuery(),
           purpose.isEmpty() ? u"until it replicates from %1 with both threads running"_s.arg(source.toString()) : purpose);
    return Result<void>::success();
}

} // namespace arbor::core
