#pragma once

#include "ops/opssession.h"

namespace arbor::core {

// Records what an operation would run, reading positions from the poll facts it was given.
class PlanSession : public OpsSession
{
public:
    explicit PlanSession(const QList<Instance> &facts) : OpsSession(facts) {}

    bool isPlanning() const override { return true; }
    Result<ReplicationState> replicaStatus(const InstanceKey &server) override;
    Result<BinlogCoordinates> binlogStatus(const InstanceKey &server) override;
    Result<QString> globalVariable(const InstanceKey &server, const QString &name) override;
    Result<void> waitExecuted(const InstanceKey &server, const BinlogCoordinates &coordinates, const QString &purpose) override;
    Result<void> waitGtid(const InstanceKey &server, const QString &position, const QString &purpose) override;
    Result<void> waitReplicating(const InstanceKey &server, const InstanceKey &source, const QString &purpose) override;
    Result<std::pair<QString, int>> sourceHostText(const InstanceKey &server) override;
    Result<void> refresh(const InstanceKey &) override { return Result<void>::success(); }

protected:
    Result<QList<QVariantMap>> run(const InstanceKey &, const SqlStatement &) override { return QList<QVariantMap>(); }
};

} // namespace arbor::core
