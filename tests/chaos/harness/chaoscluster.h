#pragma once

#include "invariantmonitor.h"
#include "networklab.h"
#include "workload.h"

#include "resultassert.h"
#include "sandbox.h"
#include "serviceprocess.h"
#include "util/result.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace arbor::chaos {

struct ChaosOptions
{
    int replicas = 2;          // a star: server 0 is the master, 1..replicas replicate from it
    int replicaNetTimeout = 2; // slave_net_timeout of every server, seconds
    int nodes = 1;             // `arbor --service` processes on one shared backend
    int leaseSeconds = 4;
    int writers = 2;           // workload threads
    QJsonObject extraConfig;   // merged into every node's config (top-level keys replace)
    // Environment of the backend's mariadbd only (TZ, libfaketime), set while it starts.
    QHash<QString, QString> backendEnvironment;
    // Environment of node 0's process only (libfaketime), set while it starts.
    QHash<QString, QString> node0Environment;
    // mariadbd options of topology server i from its first start (a binary log on a small filesystem).
    QHash<int, QStringList> serverArguments;
};

// One scenario's world: a backend server, a topology (a master and its replicas, each with a group of
// its own for owner rules), service nodes (each with a group of its own) recovering it automatically
// (1 s polls, 1 s timeouts, short lease), a workload writing acknowledged rows to the master and the
// invariant monitor. Server i runs with group serverGroup(i), node n with nodeGroup(n), so a LinkCut
// from nodeGroup(n) to the master's port is "Arbor cannot reach the master", from serverGroup(1) it
// is "replica 1 cannot reach the master".
class ChaosCluster
{
public:
    explicit ChaosCluster(ChaosOptions options = {});
    ~ChaosCluster(); // resumes frozen processes, stops the workload, the monitor, the nodes, the servers
    ChaosCluster(const ChaosCluster &) = delete;
    ChaosCluster &operator=(const ChaosCluster &) = delete;

    // Everything up: servers replicating, the table created and replicated, one node active and
    // seeing every server, the monitor running. The workload is not started.
    core::Result<void> start();

    static unsigned serverGroup(int i) { return 47000U + unsigned(i); }
    static unsigned nodeGroup(int n) { return 47100U + unsigned(n); }

    testsupport::Sandbox &topology() { return *m_topology; }
    testsupport::Sandbox &backend() { return *m_backend; }
    testsupport::ServiceProcess &node(int n) { return *m_nodes[size_t(n)]; }
    int nodeCount() const { return int(m_nodes.size()); }
    Workload &workload() { return *m_workload; }
    InvariantMonitor &monitor() { return *m_monitor; }
    QString directory() const { return m_dir.path(); }
    int size() const { return m_topology->size(); }

    // The node answering leader-check 200 (-1: none, -2: several).
    int activeNode();
    // GET on node @p n's API; {} on no answer.
    QJsonDocument api(int n, const QString &path, int timeoutMs = 3000);
    // audit-recovery on node @p n, newest first.
    QJsonArray recoveries(int n);
    QJsonArray successfulRecoveries(int n);
    // The analysis code Arbor reports for server @p i now ("" when none), asking node @p n.
    QString analysisOf(int n, int i);
    // The whole replication-analysis entry for server @p i ({} when none).
    QJsonObject analysisEntryOf(int n, int i);
    int indexOfPort(int port) const;
    // The first successful recovery node @p n records within @p timeoutMs ({} when none).
    QJsonObject waitForRecovery(int n, int timeoutMs);
    // The sandbox index of a recovery record's successor (-1: none).
    int successorOf(const QJsonObject &recovery) const;

    // As the servers say it: @p replica replicates from @p source with both threads running.
    bool replicatesFrom(int replica, int source);
    // Every running server other than @p master (and the @p replaced old master, fenced instead)
    // replicates from it, and it is writable; waits up to @p timeoutMs.
    core::Result<void> survivorsFollow(int master, int timeoutMs, int replaced = -1);
    // Servers (running ones) whose SHOW SLAVE STATUS names @p source with the IO thread running or connecting.
    QList<int> replicasOf(int source);
    int readOnly(int i);
    // Acknowledged writes missing on @p master (stops the workload first).
    core::Result<QList<Workload::Ack>> lostAcknowledged(int master);
    // The same, counted and printed as "<scenario>: N acknowledged writes, M lost (asynchronous replication)".
    core::Result<qsizetype> reportLost(int master, const char *scenario);
    // Every SQL step of every recovery ran while its node held the lease by the backend's record:
    // the recovery's node from its log ("recovery UID started"), the steps from the backend.
    core::Result<void> checkStepsUnderLease();
    struct Step
    {
        qint64 atMs;
        QString kind;
        QString what;
        bool ok;
    };
    // The steps of recovery @p uid as the backend holds them (ms precision, unlike the API's stamps).
    core::Result<QList<Step>> stepsOf(const QString &uid);
    // The tails of every node's log, for failure messages.
    QString logs(qsizetype tail = 2500) const;

    // Frozen with SIGSTOP by the test: resumed before teardown.
    void frozeNode(int n) { m_frozenNodes.push_back(n); }

private:
    core::Result<void> startNodes();
    QList<QVariantMap> rowsOf(int i, const QString &sql);

    ChaosOptions m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<testsupport::Sandbox> m_backend;
    std::unique_ptr<testsupport::Sandbox> m_topology;
    std::vector<std::unique_ptr<testsupport::ServiceProcess>> m_nodes;
    std::unique_ptr<Workload> m_workload;
    std::unique_ptr<InvariantMonitor> m_monitor;
    std::vector<int> m_frozenNodes;
};

// In a test slot: skips when mariadbd or the network lab is missing, fails with the reason when the
// cluster did not come up.
#define REQUIRE_CHAOS_CLUSTER(cluster)                                                                                 \
    do {                                                                                                               \
        REQUIRE_NETWORK_LAB();                                                                                         \
        if (!arbor::testsupport::Sandbox::available())                                                                 \
            QSKIP("mariadbd is not installed");                                                                        \
        QVERIFY_RESULT((cluster).start());                                                                             \
    } while (false)

} // namespace arbor::chaos
