#pragma once

#include "model/instancekey.h"
#include "util/result.h"

#include <QList>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace arbor::bench {

// A fleet served by arbor-simulator processes on 127.0.0.1, ~4,000 servers each (ulimit -n 20000 per
// process holds their listening sockets plus one accepted connection per server). Server i listens
// on basePort() + i.
class SimulatedFleet
{
public:
    explicit SimulatedFleet(const QString &simulatorBinary) : m_binary(simulatorBinary) {}
    ~SimulatedFleet() { stop(); }
    SimulatedFleet(const SimulatedFleet &) = delete;
    SimulatedFleet &operator=(const SimulatedFleet &) = delete;

    core::Result<void> start(int servers);
    void stop();

    int size() const { return m_servers; }
    quint16 basePort() const { return m_base; }
    core::InstanceKey key(int i) const;

    // Sends one control line ("net 8-99/20 dead", see tests/simulator/controlserver.cpp) to every
    // shard: faults are fleet-wide knowledge, replicas of a dead source in another shard must see it.
    bool control(const QByteArray &line);
    double cpuSeconds() const; // of all simulator processes
    QList<qint64> processIds() const;

private:
    bool launch(int servers, int shards, int base);

    QString m_binary;
    QTemporaryDir m_dir;
    int m_servers = 0;
    quint16 m_base = 0;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    QList<quint16> m_controls;
};

} // namespace arbor::bench
