#pragma once

#include "model/instancekey.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <memory>
#include <vector>

namespace arbor::testsupport {

enum class SandboxShape { Single, Chain, Star, Tree, TwoClusters };

struct SandboxOptions
{
    SandboxShape shape = SandboxShape::Tree;
    int servers = 5;           // ignored for Single
    bool gtid = true;          // false: replicas are positioned by binlog file:pos (MASTER_USE_GTID=no)
    QString directory;         // empty: a fresh directory under the temp dir, removed at stop()
    int replicaNetTimeout = 4; // slave_net_timeout, seconds: replicas notice a dead source quickly
    // When non-zero, server i runs with primary group groupIdBase + i (and no supplementary groups), so
    // that iptables owner rules can tell its outgoing connections (replication) apart (tests/chaos).
    int groupIdBase = 0;
    // mariadbd options of server i from its first start on (as setExtraArguments, which only applies from
    // the next restart): a binary log on a small filesystem (tests/chaos).
    QHash<int, QStringList> extraArguments;
};

// Real mariadbd servers on 127.0.0.1 wired into a replication shape, for integration tests, the demo
// and benchmarks. Index 0 is always a top master. Use it from one thread: the one that called start()
// owns the server processes (they get SIGKILL if that thread or the process dies).
class Sandbox
{
public:
    explicit Sandbox(SandboxOptions options = {});
    ~Sandbox(); // stops every server it started
    Sandbox(const Sandbox &) = delete;
    Sandbox &operator=(const Sandbox &) = delete;

    // True when mariadbd and mariadb-install-db are installed (tests may QSKIP otherwise).
    static bool available();
    // Where a shape puts each server's source (-1 for a top master); exposed for tests and tools.
    static std::vector<int> sourcesFor(SandboxShape shape, int servers);

    // All servers up, users present, every replica's IO and SQL threads running (deadline ~30 s).
    core::Result<void> start();
    // SIGTERM, wait, SIGKILL after a deadline; removes a temporary directory. Idempotent.
    void stop();

    int size() const;
    core::InstanceKey key(int i) const; // 127.0.0.1:port
    int port(int i) const;
    int sourceOf(int i) const; // the shape's source at start(); -1 for a top master
    qint64 pid(int i) const;   // 0 while the server is not running
    bool isRunning(int i) const;
    QString directory() const;
    QString socketPath(int i) const;
    QString logPath(int i) const;

    // The account Arbor connects with, and the one replicas use.
    QString user() const;
    QString password() const;
    QString replicationUser() const;
    QString replicationPassword() const;
    // my.cnf style "[client]\nuser=...\npassword=...\n", mode 0600, inside directory().
    QString credentialsFile() const;

    core::Result<void> kill(int i);   // SIGKILL and reap: the pid is gone, the port refuses
    core::Result<void> pause(int i);  // SIGSTOP: a hung server
    core::Result<void> resume(int i); // SIGCONT
    // Starts a killed or stopped server again on the same port and datadir (stops it first if it
    // runs). Replication threads stay stopped (skip-slave-start) until someone runs START SLAVE.
    core::Result<void> restart(int i);
    // mariadbd options for server @p i from its next (re)start on, after the sandbox's own (so they
    // override them: --report-host=..., --default-time-zone=...).
    core::Result<void> setExtraArguments(int i, const QStringList &arguments);

    // As root over the unix socket. query() returns the rows of a statement as column -> value maps.
    core::Result<QList<QVariantMap>> query(int i, const QString &sql);
    core::Result<void> execute(int i, const QString &sql);

private:
    struct Server;

    core::Result<void> checkIndex(int i, const char *what) const;
    core::Result<void> prepareDirectories(const QString &templateDir);
    core::Result<void> launchAll();
    core::Result<void> launch(int i);
    core::Result<void> waitReady(const std::vector<int> &indexes, int timeoutMs, bool retryPorts);
    core::Result<void> configureReplication();
    core::Result<void> waitReplicating(int timeoutMs);
    int pickPort() const;
    QString failureWithLog(int i, const QString &what) const;
    void terminate(const std::vector<int> &indexes, int graceMs);

    SandboxOptions m_options;
    QString m_directory;
    QString m_socketDirectory; // differs from m_directory only when its paths are too long for sockets
    bool m_ownsDirectory = false;
    bool m_started = false;
    std::vector<std::unique_ptr<Server>> m_servers;
};

} // namespace arbor::testsupport
