#include "config/orchestratorkeys.h"

#include <QHash>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

// Reasons, one per family of keys Arbor ignores.
const QString kHonoured;
const QString kRaft = u"Arbor elects its active node through the shared backend's lease, not raft"_s;
const QString kAgents = u"orchestrator-agent (seeding, snapshots) is not part of Arbor"_s;
const QString kPseudoGtid = u"Arbor moves replicas with GTID or binlog coordinates; Pseudo-GTID is not supported"_s;
const QString kKv = u"Arbor does not publish masters to Consul/ZooKeeper; use a PostMasterFailoverProcesses hook"_s;
const QString kTopologyTls = u"TLS to topology and backend servers is not configurable yet"_s;
const QString kResolve = u"Arbor identifies servers by the address they report and does not resolve host names"_s;
const QString kAuth = u"OAuth, Azure, tokens and unix groups are not supported: list users under api.users or use "
                      "api.proxyUserHeader"_s;
const QString kTuning = u"Arbor sizes its poll workers, queues and write batches itself (topology.pollWorkers)"_s;
const QString kDeprecated = u"deprecated and ignored by orchestrator itself"_s;
const QString kAudit = u"Arbor keeps its audit in the backend (arbor audit, /api/audit) and its log in the journal"_s;
const QString kSchema = u"Arbor migrates its own schema with versioned migrations"_s;
const QString kUi = u"Arbor's web status page and desktop window have no such setting"_s;
const QString kSocket = u"Arbor listens on TCP only (api.listen)"_s;

struct Entry
{
    const char16_t *name;
    const QString *reason;
};

const QHash<QString, const QString *> &table()
{
    static const QHash<QString, const QString *> t = [] {
        // clang-format off
        static const Entry entries[] = {
            // Read by ServiceConfig (core/config/serviceconfig.cpp).
            {u"Debug", &kHonoured}, {u"ListenAddress", &kHonoured}, {u"MySQLTopologyUser", &kHonoured},
            {u"MySQLTopologyPassword", &kHonoured}, {u"MySQLTopologyCredentialsConfigFile", &kHonoured},
            {u"BackendDB", &kHonoured}, {u"SQLite3DataFile", &kHonoured}, {u"MySQLOrchestratorHost", &kHonoured},
            {u"MySQLOrchestratorPort", &kHonoured}, {u"MySQLOrchestratorDatabase", &kHonoured},
            {u"MySQLOrchestratorUser", &kHonoured}, {u"MySQLOrchestratorPassword", &kHonoured},
            {u"MySQLOrchestratorCredentialsConfigFile", &kHonoured}, {u"MySQLConnectTimeoutSeconds", &kHonoured},
            {u"MySQLDiscoveryReadTimeoutSeconds", &kHonoured}, {u"MySQLTopologyReadTimeoutSeconds", &kHonoured},
            {u"DefaultInstancePort", &kHonoured}, {u"SlaveLagQuery", &kHonoured}, {u"ReplicationLagQuery", &kHonoured},
            {u"DiscoverByShowSlaveHosts", &kHonoured}, {u"InstancePollSeconds", &kHonoured},
            {u"UnseenInstanceForgetHours", &kHonoured}, {u"DiscoveryCollectionRetentionSeconds", &kHonoured},
            {u"DiscoverySeeds", &kHonoured}, {u"ReadOnly", &kHonoured}, {u"AuthenticationMethod", &kHonoured},
            {u"HTTPAuthUser", &kHonoured}, {u"HTTPAuthPassword", &kHonoured}, {u"AuthUserHeader", &kHonoured},
            {u"PowerAuthUsers", &kHonoured}, {u"ClusterNameToAlias", &kHonoured}, {u"DetectClusterAliasQuery", &kHonoured},
            {u"DataCenterPattern", &kHonoured}, {u"RegionPattern", &kHonoured}, {u"UseSSL", &kHonoured},
            {u"SSLPrivateKeyFile", &kHonoured}, {u"SSLCertFile", &kHonoured}, {u"StatusEndpoint", &kHonoured},
            {u"URLPrefix", &kHonoured}, {u"GraphiteAddr", &kHonoured}, {u"GraphitePath", &kHonoured},
            {u"GraphiteConvertHostnameDotsToUnderscores", &kHonoured}, {u"GraphitePollSeconds", &kHonoured},
            {u"DiscoveryIgnoreReplicaHostnameFilters", &kHonoured}, {u"DiscoveryIgnoreMasterHostnameFilters", &kHonoured},
            {u"DiscoveryIgnoreHostnameFilters", &kHonoured}, {u"ActiveNodeExpireSeconds", &kHonoured},
            // Read by RecoveryConfig (core/config/recoveryconfig.cpp).
            {u"ReasonableReplicationLagSeconds", &kHonoured}, {u"ReasonableLockedSemiSyncMasterSeconds", &kHonoured},
            {u"PromotionIgnoreHostnameFilters", &kHonoured}, {u"FailureDetectionPeriodBlockMinutes", &kHonoured},
            {u"RecoveryPeriodBlockMinutes", &kHonoured}, {u"RecoveryPeriodBlockSeconds", &kHonoured},
            {u"RecoveryIgnoreHostnameFilters", &kHonoured}, {u"RecoverMasterClusterFilters", &kHonoured},
            {u"RecoverIntermediateMasterClusterFilters", &kHonoured}, {u"ProcessesShellCommand", &kHonoured},
            {u"OnFailureDetectionProcesses", &kHonoured}, {u"PreGracefulTakeoverProcesses", &kHonoured},
            {u"PreFailoverProcesses", &kHonoured}, {u"PostFailoverProcesses", &kHonoured},
            {u"PostUnsuccessfulFailoverProcesses", &kHonoured}, {u"PostMasterFailoverProcesses", &kHonoured},
            {u"PostIntermediateMasterFailoverProcesses", &kHonoured}, {u"PostGracefulTakeoverProcesses", &kHonoured},
            {u"DetachLostSlavesAfterMasterFailover", &kHonoured}, {u"DetachLostReplicasAfterMasterFailover", &kHonoured},
            {u"ApplyMySQLPromotionAfterMasterFailover", &kHonoured}, {u"PreventCrossDataCenterMasterFailover", &kHonoured},
            {u"PreventCrossRegionMasterFailover", &kHonoured}, {u"MasterFailoverLostInstancesDowntimeMinutes", &kHonoured},
            {u"MasterFailoverDetachSlaveMasterHost", &kHonoured}, {u"MasterFailoverDetachReplicaMasterHost", &kHonoured},
            {u"FailMasterPromotionOnLagMinutes", &kHonoured}, {u"FailMasterPromotionIfSQLThreadNotUpToDate", &kHonoured},
            {u"DelayMasterPromotionIfSQLThreadNotUpToDate", &kHonoured}, {u"PostponeSlaveRecoveryOnLagMinutes", &kHonoured},
            {u"PostponeReplicaRecoveryOnLagMinutes", &kHonoured},

            // Known to orchestrator, ignored by Arbor.
            {u"RaftEnabled", &kRaft}, {u"RaftBind", &kRaft}, {u"RaftAdvertise", &kRaft}, {u"RaftDataDir", &kRaft},
            {u"DefaultRaftPort", &kRaft}, {u"RaftNodes", &kRaft}, {u"ExpectFailureAnalysisConcensus", &kRaft},
            {u"HTTPAdvertise", &kRaft},
            {u"AgentsServerPort", &kAgents}, {u"ServeAgentsHttp", &kAgents}, {u"AgentsUseSSL", &kAgents},
            {u"AgentsUseMutualTLS", &kAgents}, {u"AgentSSLSkipVerify", &kAgents}, {u"AgentSSLPrivateKeyFile", &kAgents},
            {u"AgentSSLCertFile", &kAgents}, {u"AgentSSLCAFile", &kAgents}, {u"AgentSSLValidOUs", &kAgents},
            {u"AgentPollMinutes", &kAgents}, {u"UnseenAgentForgetHours", &kAgents}, {u"StaleSeedFailMinutes", &kAgents},
            {u"SeedAcceptableBytesDiff", &kAgents}, {u"SeedWaitSecondsBeforeSend", &kAgents},
            {u"AgentAutoDiscover", &kDeprecated},
            {u"AutoPseudoGTID", &kPseudoGtid}, {u"PseudoGTIDPattern", &kPseudoGtid},
            {u"PseudoGTIDPatternIsFixedSubstring", &kPseudoGtid}, {u"PseudoGTIDMonotonicHint", &kPseudoGtid},
            {u"DetectPseudoGTIDQuery", &kPseudoGtid}, {u"BinlogEventsChunkSize", &kPseudoGtid},
            {u"SkipBinlogEventsContaining", &kPseudoGtid}, {u"PseudoGTIDPreferIndependentMultiMatch", &kDeprecated},
            {u"PseudoGTIDCoordinatesHistoryHeuristicMinutes", &kDeprecated}, {u"BufferBinlogEvents", &kDeprecated},
            {u"ConsulAddress", &kKv}, {u"ConsulScheme", &kKv}, {u"ConsulAclToken", &kKv},
            {u"ConsulCrossDataCenterDistribution", &kKv}, {u"ConsulKVStoreProvider", &kKv},
            {u"ConsulMaxKVsPerTransaction", &kKv}, {u"ZkAddress", &kKv}, {u"KVClusterMasterPrefix", &kKv},
            {u"MySQLTopologySSLPrivateKeyFile", &kTopologyTls}, {u"MySQLTopologySSLCertFile", &kTopologyTls},
            {u"MySQLTopologySSLCAFile", &kTopologyTls}, {u"MySQLTopologySSLSkipVerify", &kTopologyTls},
            {u"MySQLTopologyUseMutualTLS", &kTopologyTls}, {u"MySQLTopologyUseMixedTLS", &kTopologyTls},
            {u"TLSCacheTTLFactor", &kTopologyTls}, {u"MySQLOrchestratorSSLPrivateKeyFile", &kTopologyTls},
            {u"MySQLOrchestratorSSLCertFile", &kTopologyTls}, {u"MySQLOrchestratorSSLCAFile", &kTopologyTls},
            {u"MySQLOrchestratorSSLSkipVerify", &kTopologyTls}, {u"MySQLOrchestratorUseMutualTLS", &kTopologyTls},
            {u"UseMutualTLS", &kTopologyTls}, {u"SSLSkipVerify", &kTopologyTls}, {u"SSLCAFile", &kTopologyTls},
            {u"SSLValidOUs", &kTopologyTls}, {u"StatusOUVerify", &kTopologyTls},
            {u"HostnameResolveMethod", &kResolve}, {u"MySQLHostnameResolveMethod", &kResolve},
            {u"SkipBinlogServerUnresolveCheck", &kResolve}, {u"ExpiryHostnameResolvesMinutes", &kResolve},
            {u"RejectHostnameResolvePattern", &kResolve}, {u"SupportFuzzyPoolHostnames", &kResolve},
            {u"InstancePoolExpiryMinutes", &kResolve},
            {u"OAuthClientId", &kAuth}, {u"OAuthClientSecret", &kAuth}, {u"OAuthScopes", &kAuth},
            {u"SessionSecretKey", &kAuth}, {u"AzureClientID", &kAuth}, {u"AzureTenantID", &kAuth},
            {u"AzureGraphUserScope", &kAuth}, {u"AzureRedirectURL", &kAuth}, {u"AzureApplicationName", &kAuth},
            {u"AzureApplicationID", &kAuth}, {u"AzureAdminRole", &kAuth}, {u"PowerAuthGroups", &kAuth},
            {u"AccessTokenUseExpirySeconds", &kAuth}, {u"AccessTokenExpiryMinutes", &kAuth},
            {u"MySQLTopologyMaxPoolConnections", &kTuning}, {u"MySQLOrchestratorMaxPoolConnections", &kTuning},
            {u"MySQLOrchestratorReadTimeoutSeconds", &kTuning}, {u"MySQLOrchestratorRejectReadOnly", &kTuning},
            {u"MySQLConnectionLifetimeSeconds", &kTuning}, {u"ReasonableInstanceCheckSeconds", &kTuning},
            {u"InstanceWriteBufferSize", &kTuning}, {u"BufferInstanceWrites", &kTuning},
            {u"InstanceFlushIntervalMilliseconds", &kTuning}, {u"SkipMaxScaleCheck", &kTuning},
            {u"DiscoveryMaxConcurrency", &kTuning}, {u"DiscoveryQueueCapacity", &kTuning},
            {u"DiscoveryQueueMaxStatisticsSize", &kTuning}, {u"InstanceBulkOperationsWaitTimeoutSeconds", &kTuning},
            {u"MaxConcurrentReplicaOperations", &kTuning}, {u"DatabaselessMode__experimental", &kDeprecated},
            {u"BinlogFileHistoryDays", &kDeprecated}, {u"MaintenanceOwner", &kDeprecated},
            {u"ReadLongRunningQueries", &kDeprecated}, {u"DiscoveryPollSeconds", &kDeprecated},
            {u"AuditPageSize", &kDeprecated}, {u"SlaveStartPostWaitMilliseconds", &kDeprecated},
            {u"MaintenancePurgeDays", &kDeprecated}, {u"MaintenanceExpireMinutes", &kDeprecated},
            {u"HttpTimeoutSeconds", &kDeprecated}, {u"MaxOutdatedKeysToShow", &kDeprecated},
            {u"AuditLogFile", &kAudit}, {u"AuditToSyslog", &kAudit}, {u"AuditToBackendDB", &kAudit},
            {u"AuditPurgeDays", &kAudit}, {u"EnableSyslog", &kAudit},
            {u"SkipOrchestratorDatabaseUpdate", &kSchema}, {u"PanicIfDifferentDatabaseDeploy", &kSchema},
            {u"RemoveTextFromHostnameDisplay", &kUi}, {u"WebMessage", &kUi}, {u"StatusSimpleHealth", &kUi},
            {u"ListenSocket", &kSocket},
        };
        // clang-format on
        QHash<QString, const QString *> h;
        for (const Entry &e : entries)
            h.insert(QString::fromUtf16(e.name), e.reason);
        return h;
    }();
    return t;
}

// Keys whose concept Arbor lacks, each with its own reason.
const QHash<QString, QString> &specificReasons()
{
    static const QHash<QString, QString> r{
        {u"ReplicationCredentialsQuery"_s, u"Arbor reads the replication account from recovery.replicationCredentialsFile"_s},
        {u"UseSuperReadOnly"_s, u"Arbor sets read_only only; super_read_only is left as it is"_s},
        {u"ProblemIgnoreHostnameFilters"_s, u"Arbor shows every problem; use downtime to silence a server"_s},
        {u"VerifyReplicationFilters"_s, u"Arbor's legality rules do not compare replication filters yet"_s},
        {u"ReasonableMaintenanceReplicationLagSeconds"_s, u"Arbor's moves wait for the replica instead of refusing a lagging one"_s},
        {u"CandidateInstanceExpireMinutes"_s, u"Arbor's promotion rules carry their own expiry (arbor promotion-rule --expire)"_s},
        {u"SnapshotTopologiesIntervalHours"_s, u"Arbor keeps no periodic topology snapshots; use arbor export"_s},
        {u"PhysicalEnvironmentPattern"_s, u"Arbor has data centres and regions, not physical environments"_s},
        {u"DetectClusterDomainQuery"_s, u"{failureClusterDomain} stays empty: the query is not run"_s},
        {u"DetectInstanceAliasQuery"_s, u"Arbor has no per-server alias"_s},
        {u"DetectPromotionRuleQuery"_s, u"set promotion rules with arbor promotion-rule or the API"_s},
        {u"DetectDataCenterQuery"_s, u"use DataCenterPattern"_s},
        {u"DetectRegionQuery"_s, u"use RegionPattern"_s},
        {u"DetectPhysicalEnvironmentQuery"_s, u"Arbor has no physical environments"_s},
        {u"DetectSemiSyncEnforcedQuery"_s, u"Arbor reads semi-sync settings from the server itself"_s},
        {u"OSCIgnoreHostnameFilters"_s, u"Arbor has no online-schema-change replica recommendation"_s},
        {u"ReduceReplicationAnalysisCount"_s, u"Arbor's analysis reports only problems already"_s},
        {u"RecoveryPollSeconds"_s, u"Arbor analyses after every poll"_s},
        {u"CoMasterRecoveryMustPromoteOtherCoMaster"_s, u"Arbor does not recover co-masters automatically"_s},
        {u"PostTakeMasterProcesses"_s, u"Arbor runs hooks for recoveries and takeovers only"_s},
        {u"UnreachableMasterWithStaleSlavesProcesses"_s, u"Arbor runs hooks for recoveries and takeovers only"_s},
        {u"RecoverNonWriteableMaster"_s, u"Arbor reports a read-only master and leaves it to an operator"_s},
        {u"EnforceExactSemiSyncReplicas"_s, u"Arbor does not change semi-sync settings during recovery"_s},
        {u"RecoverLockedSemiSyncMaster"_s, u"Arbor does not change semi-sync settings during recovery"_s},
        {u"RemoteSSHForMasterFailover"_s, u"Arbor never logs in to servers over SSH"_s},
        {u"RemoteSSHCommand"_s, u"Arbor never logs in to servers over SSH"_s},
        {u"RemoteSSHCommandUseSudo"_s, u"Arbor never logs in to servers over SSH"_s},
        {u"LockShardTimeoutSeconds"_s, u"Arbor has no Vitess shard locks"_s},
    };
    return r;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[j];
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = up;
        }
    }
    return row[b.size()];
}

} // namespace

bool OrchestratorKeys::isKnown(const QString &key)
{
    return table().contains(key) || specificReasons().contains(key);
}

QString OrchestratorKeys::ignoredBecause(const QString &key)
{
    if (const auto it = specificReasons().constFind(key); it != specificReasons().cend())
        return *it;
    const auto it = table().constFind(key);
    return it == table().cend() ? QString() : **it;
}

const QStringList &OrchestratorKeys::names()
{
    static const QStringList n = [] {
        QStringList out = table().keys() + specificReasons().keys();
        out.sort();
        return out;
    }();
    return n;
}

QString OrchestratorKeys::nearest(const QString &key, const QStringList &candidates)
{
    QString best;
    int bestDistance = std::numeric_limits<int>::max();
    for (const QString &c : candidates) {
        const int d = editDistance(key, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    // A typo changes a few characters; beyond a third of the word it is another word.
    const int allowed = std::max<int>(2, int(key.size()) / 3);
    return bestDistance <= allowed ? best : QString();
}

} // namespace arbor::core
