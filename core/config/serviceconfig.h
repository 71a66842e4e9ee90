#pragma once

#include "config/credentials.h"
#include "config/recoveryconfig.h"
#include "model/instancekey.h"
#include "probe/polleroptions.h"
#include "store/storeoptions.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace arbor::core {

struct ServiceConfigCheck;

// `arbor --service --config FILE`: a JSON file with Arbor's own nested keys, and orchestrator's flat
// keys where the meaning is the same (so an orchestrator.conf.json mostly works). Parsing reports
// unknown keys as warnings and refuses wrong types or impossible values, naming the key path and
// the reason. Secrets never live here: credentials come from files readable only by the service
// user (or the environment); API passwords are PBKDF2 hashes.
struct ServiceConfig
{
    enum class LogLevel { Debug, Info, Warning, Error };
    enum class Role { ReadOnly, Operator };
    // api.anonymous: what a caller without credentials may do. Unset: read without api.users,
    // nothing with them. "operator" must be written out (and is warned about at start).
    enum class Anonymous { Unset, None, ReadOnly, Operator };

    struct User
    {
        QString name;
        Role role = Role::ReadOnly;
        QString passwordHash; // empty: may only be named by the trusted proxy header
    };

    // topology
    QString topologyCredentialsFile; // empty: ARBOR_TOPOLOGY_USER / ARBOR_TOPOLOGY_PASSWORD
    QString topologyUser;            // orchestrator's MySQLTopologyUser/Password, only from a private file
    QString topologyPassword;
    int pollSeconds = 5;
    int connectTimeoutSeconds = 2;
    int readTimeoutSeconds = 2;
    int pollWorkers = 4;
    QString heartbeatQuery;
    QString dataCenterPattern;
    QString regionPattern;
    QStringList seeds; // host:port, discovered at start by the active node
    int defaultPort = 3306;           // DefaultInstancePort: a seed given as a bare host name
    bool discoverByShowSlaveHosts = true; // DiscoverByShowSlaveHosts; false: the processlist only
    // Regular expressions on "host:port" (orchestrator's Discovery…HostnameFilters): such servers are
    // not followed into (any, as a replica, as a source).
    QStringList discoveryIgnoreHostnameFilters;
    QStringList discoveryIgnoreReplicaHostnameFilters;
    QStringList discoveryIgnoreMasterHostnameFilters;
    QList<std::pair<QString, QString>> clusterNameToAlias; // ClusterNameToAlias: regex on the name -> alias
    QString detectClusterAliasQuery;                       // DetectClusterAliasQuery: run on servers with no source
    int unseenInstanceForgetHours = 240;                   // UnseenInstanceForgetHours; 0: never
    bool crashWatch = true; // topology.crashWatch: EOF on a source's idle connection re-probes at once

    // backend
    StoreOptions::Kind backendKind = StoreOptions::Kind::Sqlite;
    QString sqliteFile;
    QString backendHost = QStringLiteral("127.0.0.1");
    int backendPort = 3306;
    QString backendDatabase = QStringLiteral("arbor");
    QString backendCredentialsFile; // empty: ARBOR_BACKEND_USER / ARBOR_BACKEND_PASSWORD
    QString backendUser;
    QString backendPassword;

    // election
    int leaseSeconds = 5;
    int renewMilliseconds = 1000;
    bool leaderLock = true; // election.leaderLock: standbys see the active node's backend session end (GET_LOCK)

    // node
    QString nodeName;    // unique per node; default host name
    QString advertiseUrl; // how other nodes and clients reach this node's API

    // api
    QString listenHost = QStringLiteral("127.0.0.1");
    int listenPort = 3000;
    QString tlsCertFile;
    QString tlsKeyFile;
    QList<User> users; // none: the API is open (a warning says so)
    QString proxyUserHeader;
    QStringList trustedProxies; // addresses allowed to set proxyUserHeader
    bool readOnly = false;      // refuse every write
    QString statusEndpoint = QStringLiteral("/api/status"); // StatusEndpoint: also answers as /api/status
    QString urlPrefix;                                      // URLPrefix: e.g. /orchestrator behind a proxy
    Anonymous anonymous = Anonymous::Unset;
    qint64 maxBodyBytes = 1024 * 1024; // api.maxBodyBytes: a longer request body is refused with 413
    int maxBulkInstances = 1000;       // api.maxBulkInstances: servers per POST bulk-instances
    int maxConnections = 512;          // api.maxConnections: open API connections at once
    int headerTimeoutSeconds = 10;     // api.headerTimeoutSeconds: for a request's head (its body gets 3 times this)
    int idleTimeoutSeconds = 30;       // api.idleTimeoutSeconds: a kept-alive connection without a request

    // metrics
    int metricsRetentionSeconds = 120;
    QString graphiteAddress; // host:port; empty: no push
    QString graphitePath = QStringLiteral("arbor.{hostname}");
    bool graphiteConvertHostnameDots = true;
    int graphiteIntervalSeconds = 60;

    LogLevel logLevel = LogLevel::Info;

    // recovery, hooks, analysis (and orchestrator's Recover…, …Processes keys): see RecoveryConfig
    RecoveryConfig recovery;

    QString sourcePath;
    QStringList warnings; // unknown keys, ignored orchestrator keys, open API
    QJsonObject raw;      // the whole file as read

    static Result<ServiceConfig> load(const QString &path);
    // All problems found, one line each; the config is valid when errors is empty.
    using Check = ServiceConfigCheck;
    static Check check(const QByteArray &json, const QString &origin, bool fileIsPrivate = true);
    static Check checkFile(const QString &path);

    Result<Credentials> topologyCredentials() const;
    Result<StoreOptions> storeOptions() const;
    Result<PollerOptions> pollerOptions() const;
    // The seeds as keys, a bare host name taking defaultPort.
    QList<InstanceKey> seedKeys() const;
    QString effectiveNodeName() const;
    QString effectiveAdvertiseUrl() const;
    // Keys that only take effect after a restart and differ between this and other.
    QStringList restartNeededFor(const ServiceConfig &other) const;

    static QString roleName(Role role);
    static QString logLevelName(LogLevel level);
};

struct ServiceConfigCheck
{
    ServiceConfig config;
    QStringList errors;
};

} // namespace arbor::core
