#pragma once
// Shared by the tst_ops_* integration tests: a sandbox, fresh facts, an operation runner, and checks
// made on the servers themselves (SHOW SLAVE STATUS, rows written on the master arriving everywhere).

#include "sandbox.h"
#include "waitfor.h"

#include "model/topology.h"
#include "ops/operationrunner.h"
#include "probe/discovery.h"

#include <QTest>

namespace arbor::testsupport {

class OpsFixture
{
public:
    explicit OpsFixture(SandboxOptions options) : m_sandbox(options) {}

    Sandbox &sandbox() { return m_sandbox; }
    core::InstanceKey key(int i) const { return m_sandbox.key(i); }

    core::Result<void> start()
    {
        auto started = m_sandbox.start();
        if (!started.ok())
            return started;
        for (const QString &sql : {QStringLiteral("CREATE DATABASE IF NOT EXISTS opstest"),
                                   QStringLiteral("CREATE TABLE IF NOT EXISTS opstest.t (id INT PRIMARY KEY, note VARCHAR(64))")}) {
            if (auto r = m_sandbox.execute(0, sql); !r.ok())
                return r;
        }
        return core::Result<void>::success();
    }

    core::PollerOptions pollerOptions() const
    {
        core::PollerOptions o;
        o.probe.credentials = core::Credentials(m_sandbox.user(), m_sandbox.password());
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 2;
        return o;
    }

    QList<core::Instance> facts() const
    {
        return core::Discovery::run({m_sandbox.key(0)}, pollerOptions(), 20000).instances;
    }

    core::OperationRunner::Options runnerOptions() const
    {
        core::OperationRunner::Options o;
        o.probe = pollerOptions().probe;
        o.who = QStringLiteral("tester");
        o.timeouts.verifyMs = 8000;
        o.timeouts.catchUpSeconds = 20;
        return o;
    }

    core::OperationRunner::Outcome run(core::OperationKind kind, int instance, int target = -1,
                                       std::optional<core::OperationRunner::Options> options = std::nullopt)
    {
        core::OperationRequest request;
        request.kind = kind;
        request.instance = m_sandbox.key(instance);
        if (target >= 0)
            request.target = m_sandbox.key(target);
        core::OperationRunner runner(options ? *options : runnerOptions());
        return runner.run(facts(), request);
    }

    core::OperationPlan plan(core::OperationKind kind, int instance, int target = -1)
    {
        core::OperationRequest request;
        request.kind = kind;
        request.instance = m_sandbox.key(instance);
        if (target >= 0)
            request.target = m_sandbox.key(target);
        return core::OperationRunner::plan(facts(), request);
    }

    QVariantMap slaveStatus(int i)
    {
        auto rows = m_sandbox.query(i, QStringLiteral("SHOW SLAVE STATUS"));
        return rows.ok() && !rows->isEmpty() ? rows->constFirst() : QVariantMap();
    }

    // The port server i replicates from, with both threads running and no error; -1 otherwise.
    int healthySourcePort(int i)
    {
        const QVariantMap s = slaveStatus(i);
        if (s.isEmpty() || s.value(QStringLiteral("Slave_IO_Running")).toString() != QStringLiteral("Yes")
            || s.value(QStringLiteral("Slave_SQL_Running")).toString() != QStringLiteral("Yes")
            || s.value(QStringLiteral("Last_IO_Errno")).toInt() != 0 || s.value(QStringLiteral("Last_SQL_Errno")).toInt() != 0)
            return -1;
        return s.value(QStringLiteral("Master_Port")).toInt();
    }

    // Server i replicates from server source, healthily (waits a little for threads to settle).
    bool replicatesFrom(int i, int source)
    {
        return waitFor([&] { return healthySourcePort(i) == m_sandbox.port(source); }, 5000);
    }

    // A row written on the master reaches every listed running server exactly once.
    bool rowArrivesEverywhere(const QList<int> &servers, int master = 0)
    {
        const int id = ++m_nextRow;
        if (!m_sandbox.execute(master, QStringLiteral("INSERT INTO opstest.t VALUES (%1, 'row')").arg(id)).ok())
            return false;
        for (int i : servers) {
            const bool arrived = waitFor(
                [&] {
                    auto rows = m_sandbox.query(i, QStringLiteral("SELECT COUNT(*) AS n FROM opstest.t WHERE id = %1").arg(id));
                    return rows.ok() && !rows->isEmpty() && rows->constFirst().value(QStringLiteral("n")).toInt() == 1;
                },
                10000);
            if (!arrived) {
                qWarning("row %d did not arrive on server %d (%s)", id, i, qPrintable(m_sandbox.key(i).toString()));
                return false;
            }
        }
        // No server has applied anything twice or stopped with a duplicate-key error.
        for (int i : servers) {
            if (i != master && healthySourcePort(i) < 0) {
                qWarning("server %d is not replicating healthily after row %d", i, id);
                return false;
            }
        }
        return true;
    }

    QList<int> all() const
    {
        QList<int> out;
        for (int i = 0; i < m_sandbox.size(); ++i)
            out << i;
        return out;
    }

private:
    Sandbox m_sandbox;
    int m_nextRow = 0;
};

} // namespace arbor::testsupport
