#pragma once

#include "sandbox.h"

#include "analysis/analysiscode.h"
#include "config/credentials.h"
#include "model/instancekey.h"
#include "model/promotionrule.h"
#include "core/recovery/recoveryoptions.h"
#include "model/recoveryrecord.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace arbor::core {
class AnalysisMonitor;
class Poller;
class RecoveryCoordinator;
class Store;
class TopologyState;
} // namespace arbor::core

namespace arbor::testsupport {

// One Arbor node in-process against one GTID sandbox, for the recovery and takeover tests: a SQLite
// store, a poller (1 s, 1 s timeouts), the topology state, analysis and a recovery coordinator using
// the sandbox's replication account. The constructor starts everything and waits until the poller has
// found every server; check problem() (or REQUIRE_RECOVERY_NODE in a test slot) before using it.
class RecoveryNode
{
public:
    // Servers the node watches that are not a sandbox (the MySQL simulator, for one).
    struct Servers
    {
        core::InstanceKey seed;
        int count = 0; // the node is up once the poller found this many
        core::Credentials credentials;
        QString replicationUser;
        QString replicationPassword;
    };

    // @p options go to the coordinator as given, plus the sandbox's replication user and password.
    RecoveryNode(SandboxShape shape, int servers, core::RecoveryOptions options, bool automatic);
    // The same node on other servers; the sandbox helpers (replicatesFrom, readOnly, rows) answer false/-1.
    RecoveryNode(const Servers &servers, core::RecoveryOptions options, bool automatic);
    ~RecoveryNode(); // stops the node first, then resumes paused servers so the sandbox can stop them
    RecoveryNode(const RecoveryNode &) = delete;
    RecoveryNode &operator=(const RecoveryNode &) = delete;

    // True when mariadbd is not installed (the test should skip); problem() is then non-empty too.
    bool unavailable() const { return m_unavailable; }
    // Why the node did not come up; empty when it did.
    QString problem() const { return m_problem; }

    Sandbox &sandbox() { return *m_sandbox; }
    core::Store &store() { return *m_store; }
    core::TopologyState &state() { return *m_state; }
    core::AnalysisMonitor &monitor() { return *m_monitor; }
    core::RecoveryCoordinator &coordinator() { return *m_coordinator; }
    // Every recoveryFinished / recoveryBlocked record so far, in order.
    const QList<core::RecoveryRecord> &finished() const { return m_finished; }
    const QList<core::RecoveryRecord> &blocked() const { return m_blocked; }

    // As the servers themselves report it, not as the node believes:
    // @p replica's Master_Port is @p source's and both replication threads run.
    bool replicatesFrom(int replica, int source);
    // @@read_only of @p server; -1 when it cannot be read.
    int readOnly(int server);
    // SELECT COUNT(*) on @p server; -1 when it fails (no such table yet).
    int rows(int server, const QString &table);

    // Waits until analysis of @p key says @p code (or the timeout passes).
    bool analysisBecomes(const core::InstanceKey &key, core::AnalysisCode code, int timeoutMs);

    // Where the recorded steps of recovery @p uid put the two hooks (named by their option, e.g.
    // "PreGracefulTakeoverProcesses") and the first and last SQL step; -1 for what is not there.
    struct StepOrder
    {
        int preHook = -1;
        int firstSql = -1;
        int lastSql = -1;
        int postHook = -1;
    };
    StepOrder stepOrder(const QString &uid, const QString &preHook, const QString &postHook);

    bool setPromotionRule(int server, core::PromotionRule rule);
    bool setPromotionRule(const core::InstanceKey &key, core::PromotionRule rule);

private:
    void start(const Servers &servers, core::RecoveryOptions options, bool automatic);

    // Declaration order is teardown order in reverse: the coordinator goes before what it watches.
    std::unique_ptr<Sandbox> m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<core::Store> m_store;
    std::unique_ptr<core::Poller> m_poller;
    std::unique_ptr<core::TopologyState> m_state;
    std::unique_ptr<core::AnalysisMonitor> m_monitor;
    std::unique_ptr<core::RecoveryCoordinator> m_coordinator;
    QList<core::RecoveryRecord> m_finished;
    QList<core::RecoveryRecord> m_blocked;
    bool m_unavailable = false;
    QString m_problem;
};

// Automatic recovery is gated by cluster filters: the recovery tests let it act on every cluster.
inline core::RecoveryOptions recoverAllClusters(core::RecoveryOptions options)
{
    options.recoverMasterClusterFilters = {QStringLiteral("*")};
    options.recoverIntermediateMasterClusterFilters = {QStringLiteral("*")};
    return options;
}

} // namespace arbor::testsupport

// In a test slot: skips when mariadbd is missing, fails with the reason when the node did not come up.
// (A macro because QSKIP and QVERIFY2 return from the slot; the test includes <QTest>.)
#define REQUIRE_RECOVERY_NODE(node)                                                                                    \
    do {                                                                                                               \
        if ((node).unavailable())                                                                                      \
            QSKIP("mariadbd is not installed");                                                                        \
        QVERIFY2((node).problem().isEmpty(), qPrintable((node).problem()));                                            \
    } while (false)
