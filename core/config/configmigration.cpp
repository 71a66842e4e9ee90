#include "config/configmigration.h"

#include "config/configreader.h"
#include "config/orchestratorkeys.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

QJsonArray array(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QString listen(const QString &host, int port)
{
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

QString relayLogPolicyName(RecoveryOptions::RelayLogPolicy p)
{
    switch (p) {
    case RecoveryOptions::RelayLogPolicy::Ignore: return u"ignore"_s;
    case RecoveryOptions::RelayLogPolicy::Fail: return u"fail"_s;
    case RecoveryOptions::RelayLogPolicy::Delay: break;
    }
    return u"delay"_s;
}

QJsonObject topology(const ServiceConfig &c)
{
    QJsonObject aliases;
    for (const auto &[pattern, alias] : c.clusterNameToAlias)
        aliases.insert(pattern, alias);
    QJsonObject t{{u"pollSeconds"_s, c.pollSeconds},
                  {u"connectTimeoutSeconds"_s, c.connectTimeoutSeconds},
                  {u"readTimeoutSeconds"_s, c.readTimeoutSeconds},
                  {u"pollWorkers"_s, c.pollWorkers},
                  {u"heartbeatQuery"_s, c.heartbeatQuery},
                  {u"dataCenterPattern"_s, c.dataCenterPattern},
                  {u"regionPattern"_s, c.regionPattern},
                  {u"seeds"_s, array(c.seeds)},
                  {u"defaultPort"_s, c.defaultPort},
                  {u"discoverByShowSlaveHosts"_s, c.discoverByShowSlaveHosts},
                  {u"discoveryIgnoreHostnameFilters"_s, array(c.discoveryIgnoreHostnameFilters)},
                  {u"discoveryIgnoreReplicaHostnameFilters"_s, array(c.discoveryIgnoreReplicaHostnameFilters)},
                  {u"discoveryIgnoreMasterHostnameFilters"_s, array(c.discoveryIgnoreMasterHostnameFilters)},
                  {u"clusterNameToAlias"_s, aliases},
                  {u"unseenInstanceForgetHours"_s, c.unseenInstanceForgetHours}};
    if (!c.topologyCredentialsFile.isEmpty())
        t.insert(u"credentialsFile"_s, c.topologyCredentialsFile);
    if (!c.detectClusterAliasQuery.isEmpty())
        t.insert(u"detectClusterAliasQuery"_s, c.detectClusterAliasQuery);
    return t;
}

QJsonObject backend(const ServiceConfig &c)
{
    if (c.backendKind == StoreOptions::Kind::Sqlite)
        return {{u"kind"_s, u"sqlite"_s}, {u"sqliteFile"_s, c.sqliteFile}};
    QJsonObject b{{u"kind"_s, u"mysql"_s}, {u"host"_s, c.backendHost}, {u"port"_s, c.backendPort}, {u"database"_s, c.backendDatabase}};
    if (!c.backendCredentialsFile.isEmpty())
        b.insert(u"credentialsFile"_s, c.backendCredentialsFile);
    return b;
}

QJsonObject api(const ServiceConfig &c)
{
    QJsonArray users;
    for (const ServiceConfig::User &u : c.users) {
        QJsonObject user{{u"name"_s, u.name}, {u"role"_s, ServiceConfig::roleName(u.role)}};
        if (!u.passwordHash.isEmpty())
            user.insert(u"passwordHash"_s, u.passwordHash);
        users.append(user);
    }
    QJsonObject a{{u"listen"_s, listen(c.listenHost, c.listenPort)},
                  {u"users"_s, users},
                  {u"proxyUserHeader"_s, c.proxyUserHeader},
                  {u"trustedProxies"_s, array(c.trustedProxies)},
                  {u"readOnly"_s, c.readOnly},
                  {u"statusEndpoint"_s, c.statusEndpoint},
                  {u"urlPrefix"_s, c.urlPrefix}};
    if (!c.tlsCertFile.isEmpty())
        a.insert(u"tls"_s, QJsonObject{{u"certFile"_s, c.tlsCertFile}, {u"keyFile"_s, c.tlsKeyFile}});
    return a;
}

QJsonObject recovery(const RecoveryConfig &rc)
{
    const RecoveryOptions &o = rc.options;
    return {{u"automatic"_s, rc.automatic},
            {u"recoveryPeriodBlockSeconds"_s, o.recoveryPeriodBlockSeconds},
            {u"recoverMasterClusterFilters"_s, array(o.recoverMasterClusterFilters)},
            {u"recoverIntermediateMasterClusterFilters"_s, array(o.recoverIntermediateMasterClusterFilters)},
            {u"recoveryIgnoreHostnameFilters"_s, array(o.recoveryIgnoreHostnameFilters)},
            {u"failureDetectionPeriodBlockSeconds"_s, o.failureDetectionPeriodBlockSeconds},
            {u"postponeReplicaRecoveryOnLagSeconds"_s, o.postponeReplicaRecoveryOnLagSeconds},
            {u"applyPromotion"_s, o.applyPromotion},
            {u"detachPromotedMasterHost"_s, o.detachPromotedMasterHost},
            {u"detachLostReplicas"_s, o.detachLostReplicas},
            {u"promotionIgnoreHostnameFilters"_s, array(o.promotionIgnoreHostnameFilters)},
            {u"preventCrossDataCenterMasterFailover"_s, o.preventCrossDataCenterMasterFailover},
            {u"preventCrossRegionMasterFailover"_s, o.preventCrossRegionMasterFailover},
            {u"failMasterPromotionOnLagSeconds"_s, o.failMasterPromotionOnLagSeconds},
            {u"replicationHistorySeconds"_s, o.replicationHistorySeconds},
            {u"relayLogPolicy"_s, relayLogPolicyName(o.relayLogPolicy)},
            {u"relayLogWaitSeconds"_s, o.relayLogWaitSeconds},
            {u"lostReplicasDowntimeSeconds"_s, o.lostReplicasDowntimeSeconds},
            {u"replicaVerifySeconds"_s, o.replicaVerifySeconds},
            {u"replicationCredentialsFile"_s, rc.replicationCredentialsFile}};
}

QJsonObject hooks(const RecoveryOptions &o)
{
    QJsonObject h{{u"timeoutSeconds"_s, o.hookTimeoutSeconds}, {u"shell"_s, o.hookShell}};
    for (const auto &[name, lines] : RecoveryConfig::hookLists(o))
        h.insert(name, array(lines));
    return h;
}

} // namespace

ConfigMigration ConfigMigration::from(const ServiceConfig &c)
{
    ConfigMigration m;
    QJsonObject &n = m.native;
    n.insert(u"_comment"_s, u"Written by arbor config migrate from %1; check it with arbor config check."_s.arg(c.sourcePath));
    n.insert(u"topology"_s, topology(c));
    n.insert(u"backend"_s, backend(c));
    n.insert(u"election"_s, QJsonObject{{u"leaseSeconds"_s, c.leaseSeconds}, {u"renewMilliseconds"_s, c.renewMilliseconds}});
    QJsonObject node;
    if (!c.nodeName.isEmpty())
        node.insert(u"name"_s, c.nodeName);
    if (!c.advertiseUrl.isEmpty())
        node.insert(u"advertiseUrl"_s, c.advertiseUrl);
    if (!node.isEmpty())
        n.insert(u"node"_s, node);
    n.insert(u"api"_s, api(c));
    n.insert(u"metrics"_s, QJsonObject{{u"retentionSeconds"_s, c.metricsRetentionSeconds},
                                      {u"graphite"_s, QJsonObject{{u"address"_s, c.graphiteAddress},
                                                                  {u"path"_s, c.graphitePath},
                                                                  {u"convertHostnameDots"_s, c.graphiteConvertHostnameDots},
                                                                  {u"intervalSeconds"_s, c.graphiteIntervalSeconds}}}});
    n.insert(u"log"_s, QJsonObject{{u"level"_s, ServiceConfig::logLevelName(c.logLevel)}});
    n.insert(u"recovery"_s, recovery(c.recovery));
    n.insert(u"hooks"_s, hooks(c.recovery.options));
    n.insert(u"analysis"_s, QJsonObject{{u"gracePeriodMilliseconds"_s, c.recovery.analysis.gracePeriodMs},
                                       {u"reasonableReplicationLagSeconds"_s, c.recovery.analysis.reasonableReplicationLagSeconds},
                                       {u"lockedSemiSyncMasterSeconds"_s, c.recovery.analysis.reasonableLockedSemiSyncMasterMs / 1000}});

    // Plaintext database passwords have no native key (Arbor wants a credentials file); they stay as
    // orchestrator's keys, which Arbor accepts from a file only the service user can read.
    if (!c.topologyPassword.isEmpty() || (!c.topologyUser.isEmpty() && c.topologyCredentialsFile.isEmpty())) {
        n.insert(u"MySQLTopologyUser"_s, c.topologyUser);
        n.insert(u"MySQLTopologyPassword"_s, c.topologyPassword);
        m.notes.append(u"MySQLTopologyUser/MySQLTopologyPassword: kept as they were, in plaintext: the new file must be "
                       "mode 600; better, put them in a [client] user= password= file (mode 600) and set "
                       "topology.credentialsFile"_s);
    }
    if (c.backendKind == StoreOptions::Kind::MySql
        && (!c.backendPassword.isEmpty() || (!c.backendUser.isEmpty() && c.backendCredentialsFile.isEmpty()))) {
        n.insert(u"MySQLOrchestratorUser"_s, c.backendUser);
        n.insert(u"MySQLOrchestratorPassword"_s, c.backendPassword);
        m.notes.append(u"MySQLOrchestratorUser/MySQLOrchestratorPassword: kept as they were, in plaintext: the new file "
                       "must be mode 600; better, put them in a credentials file and set backend.credentialsFile"_s);
    }
    if (c.raw.contains(u"HTTPAuthPassword"_s) && !c.raw.value(u"HTTPAuthPassword"_s).toString().isEmpty())
        m.notes.append(u"HTTPAuthPassword: written as a PBKDF2 hash under api.users; the plaintext is not copied"_s);

    for (auto it = c.raw.begin(); it != c.raw.end(); ++it) {
        if (ConfigReader::isComment(it.key()))
            continue;
        if (const QString why = OrchestratorKeys::ignoredBecause(it.key()); !why.isEmpty())
            m.dropped.append(u"%1: %2"_s.arg(it.key(), why));
    }
    for (const QString &w : c.warnings) {
        if (!w.contains(u"orchestrator key not honoured by Arbor"_s))
            m.notes.append(w);
    }
    return m;
}

} // namespace arbor::core
