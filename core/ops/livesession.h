#pragma once

#include "ops/opsconnection.h"
#include "ops/opssession.h"
#include "probe/probeoptions.h"

#include <map>
#include <memory>

namespace arbor::core {

class InstanceProbe;

// Runs operation statements on the servers, in the calling thread (the GUI calls it off its UI thread).
class LiveSession : public OpsSession
{
public:
    struct Timeouts
    {
        int catchUpSeconds = 60;       // START SLAVE UNTIL / GTID catch-up
        int verifyMs = 10000;          // "replicating from the new source" after START SLAVE
        int ioErrorGraceMs = 1500;     // an IO error that persists this long fails the check early
        int statementReadSeconds = 30; // one statement (STOP SLAVE can wait for a long transaction)
    };

    LiveSession(const QList<Instance> &facts, ProbeOptions probe, Timeouts timeouts);
    ~LiveSession() override;

    bool isPlanning() const override { return false; }
    Result<ReplicationState> replicaStatus(const InstanceKey &server) override;
    Result<BinlogCoordinates> binlogStatus(const InstanceKey &server) override;
    Result<QString> globalVariable(const InstanceKey &server, const QString &name) override;
    Result<void> waitExecuted(const InstanceKey &server, const BinlogCoordinates &coordinates, const QString &purpose) override;
    Result<void> waitGtid(const InstanceKey &server, const QString &position, const QString &purpose) override;
    Result<void> waitReplicating(const InstanceKey &server, const InstanceKey &source, const QString &purpose) override;
    Result<std::pair<QString, int>> sourceHostText(const InstanceKey &server) override;
    Result<void> refresh(const InstanceKey &server) override;

protected:
    Result<QList<QVariantMap>> run(const InstanceKey &server, const SqlStatement &sql) override;

private:
    OpsConnection &connection(const InstanceKey &server);
    Result<QVariantMap> rawReplicaStatus(const InstanceKey &server);

    ProbeOptions m_probe;
    Timeouts m_timeouts;
    std::map<InstanceKey, std::unique_ptr<OpsConnection>> m_connections;
    std::map<InstanceKey, std::unique_ptr<InstanceProbe>> m_probes;
};

} // namespace arbor::core
