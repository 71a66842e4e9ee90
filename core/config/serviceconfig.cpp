#include "config/serviceconfig.h"

#include "api/passwordhash.h"
#include "config/configreader.h"
#include "config/orchestratorkeys.h"
#include "config/recoveryconfig.h"
#include "model/instancekey.h"
#include "util/secretvalues.h"

#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QSysInfo>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

using Reader = ConfigReader;

QString typeName(const QJsonValue &v)
{
    return ConfigReader::typeName(v);
}

bool parseListen(const QString &text, QString *host, int *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return false;
    QString h = text.left(colon);
    bool ok = false;
    const int p = text.mid(colon + 1).toInt(&ok);
    if (!ok || p < 1 || p > 65535)
        return false;
    if (h.startsWith(u'[') && h.endsWith(u']'))
        h = h.mid(1, h.size() - 2);
    if (h.isEmpty())
        h = u"0.0.0.0"_s;
    if (QHostAddress(h).isNull() && h != u"localhost"_s)
        return false;
    *host = h;
    *port = p;
    return true;
}

// AuthenticationMethod "basic" / "multi" with HTTPAuthUser and HTTPAuthPassword: the password is in
// plaintext in orchestrator's config, so it is taken only from a file no one else can read, hashed at
// once (the plaintext is not kept), and the config check says how to store the hash instead.
void readOrchestratorAuth(Reader &r, const QJsonObject &o, ServiceConfig &c, bool fileIsPrivate)
{
    QString method;
    QString user;
    QString password;
    r.string(o, u"AuthenticationMethod"_s, {}, &method);
    r.string(o, u"HTTPAuthUser"_s, {}, &user);
    r.string(o, u"HTTPAuthPassword"_s, {}, &password);
    if (!password.isEmpty() && !fileIsPrivate) {
        r.fail(u"HTTPAuthPassword"_s, u"a plaintext password in a config file that other users can read is refused: chmod 600 "
                                      "the file, or list users with password hashes under api.users (arbor config migrate "
                                      "writes them)"_s);
        password.clear();
    }
    if (method == u"basic"_s || method == u"multi"_s) {
        if (user.isEmpty() || password.isEmpty()) {
            r.fail(u"AuthenticationMethod"_s, u"\"%1\" needs HTTPAuthUser and HTTPAuthPassword"_s.arg(method));
            return;
        }
        if (user.contains(u':')) {
            r.fail(u"HTTPAuthUser"_s, u"must not contain ':'"_s);
            return;
        }
        SecretValues::remember(password);
        c.users.append({user, ServiceConfig::Role::Operator, PasswordHash::make(password)});
        r.warnings.append(u"HTTPAuthPassword: a plaintext password, accepted because only the service user can read %1, "
                          "and kept only as a hash; store the hash instead (arbor config migrate, or api.users with "
                          "arbor config hash-password)"_s.arg(u"the file"_s));
        if (method == u"multi"_s)
            r.warnings.append(u"AuthenticationMethod: \"multi\" also lets anyone read as user \"readonly\" with any "
                              "password; Arbor does not: list read-only users under api.users"_s);
    } else if (method == u"proxy"_s) {
        c.proxyUserHeader = u"X-Forwarded-User"_s;
    } else if (!method.isEmpty()) {
        r.fail(u"AuthenticationMethod"_s, u"\"%1\" is not supported; use \"\", \"basic\", \"multi\", \"proxy\" or api.users"_s
                                              .arg(method));
    } else if (!password.isEmpty() || !user.isEmpty()) {
        r.warnings.append(u"HTTPAuthUser/HTTPAuthPassword: ignored, as in orchestrator, because AuthenticationMethod is "
                          "empty; the API has no password"_s);
    }
}

void readOrchestratorDiscovery(Reader &r, const QJsonObject &o, ServiceConfig &c)
{
    int n = 0;
    QString s;
    if (r.integer(o, u"DefaultInstancePort"_s, {}, &n, 1, 65535))
        c.defaultPort = n;
    r.boolean(o, u"DiscoverByShowSlaveHosts"_s, {}, &c.discoverByShowSlaveHosts);
    r.strings(o, u"DiscoveryIgnoreHostnameFilters"_s, {}, &c.discoveryIgnoreHostnameFilters);
    r.strings(o, u"DiscoveryIgnoreReplicaHostnameFilters"_s, {}, &c.discoveryIgnoreReplicaHostnameFilters);
    r.strings(o, u"DiscoveryIgnoreMasterHostnameFilters"_s, {}, &c.discoveryIgnoreMasterHostnameFilters);
    QJsonObject aliases;
    if (r.object(o, u"ClusterNameToAlias"_s, {}, &aliases)) {
        for (auto it = aliases.begin(); it != aliases.end(); ++it) {
            if (!it.value().isString())
                r.fail(u"ClusterNameToAlias."_s + it.key(), u"must be a string, not %1"_s.arg(typeName(it.value())));
            else
                c.clusterNameToAlias.append({it.key(), it.value().toString()});
        }
    }
    r.string(o, u"DetectClusterAliasQuery"_s, {}, &c.detectClusterAliasQuery);
    if (r.integer(o, u"UnseenInstanceForgetHours"_s, {}, &n, 0, 100000))
        c.unseenInstanceForgetHours = n;
    QString lag;
    if (r.string(o, u"SlaveLagQuery"_s, {}, &lag) && !lag.isEmpty()) {
        if (!c.heartbeatQuery.isEmpty() && c.heartbeatQuery != lag)
            r.fail(u"SlaveLagQuery"_s, u"is a synonym of ReplicationLagQuery: give one of them, or the same query"_s);
        else
            c.heartbeatQuery = lag;
    }
    if (r.string(o, u"StatusEndpoint"_s, {}, &s) && !s.isEmpty())
        c.statusEndpoint = s;
    r.string(o, u"URLPrefix"_s, {}, &c.urlPrefix);
}

void readOrchestratorKeys(Reader &r, const QJsonObject &o, ServiceConfig &c, bool fileIsPrivate)
{
    int n = 0;
    QString s;
    bool b = false;
    if (r.integer(o, u"InstancePollSeconds"_s, {}, &n, 1, 3600))
        c.pollSeconds = n;
    r.string(o, u"MySQLTopologyCredentialsConfigFile"_s, {}, &c.topologyCredentialsFile);
    if (r.integer(o, u"MySQLConnectTimeoutSeconds"_s, {}, &n, 1, 600))
        c.connectTimeoutSeconds = n;
    if (r.integer(o, u"MySQLDiscoveryReadTimeoutSeconds"_s, {}, &n, 1, 600))
        c.readTimeoutSeconds = n;
    if (r.integer(o, u"MySQLTopologyReadTimeoutSeconds"_s, {}, &n, 1, 600))
        c.readTimeoutSeconds = n;
    r.string(o, u"ReplicationLagQuery"_s, {}, &c.heartbeatQuery);
    r.string(o, u"DataCenterPattern"_s, {}, &c.dataCenterPattern);
    r.string(o, u"RegionPattern"_s, {}, &c.regionPattern);
    r.strings(o, u"DiscoverySeeds"_s, {}, &c.seeds);
    if (r.string(o, u"BackendDB"_s, {}, &s)) {
        if (s == u"mysql"_s)
            c.backendKind = StoreOptions::Kind::MySql;
        else if (s == u"sqlite"_s || s == u"sqlite3"_s)
            c.backendKind = StoreOptions::Kind::Sqlite;
        else
            r.fail(u"BackendDB"_s, u"must be \"mysql\" or \"sqlite\", not \"%1\""_s.arg(s));
    }
    r.string(o, u"SQLite3DataFile"_s, {}, &c.sqliteFile);
    if (r.string(o, u"MySQLOrchestratorHost"_s, {}, &s)) {
        c.backendHost = s;
        if (!o.contains(u"BackendDB"_s))
            c.backendKind = StoreOptions::Kind::MySql; // orchestrator's default backend is MySQL
    }
    if (r.integer(o, u"MySQLOrchestratorPort"_s, {}, &n, 1, 65535))
        c.backendPort = n;
    r.string(o, u"MySQLOrchestratorDatabase"_s, {}, &c.backendDatabase);
    r.string(o, u"MySQLOrchestratorCredentialsConfigFile"_s, {}, &c.backendCredentialsFile);
    for (const auto &[userKey, passwordKey, user, password] :
         {std::tuple{u"MySQLTopologyUser"_s, u"MySQLTopologyPassword"_s, &c.topologyUser, &c.topologyPassword},
          std::tuple{u"MySQLOrchestratorUser"_s, u"MySQLOrchestratorPassword"_s, &c.backendUser, &c.backendPassword}}) {
        if (!o.contains(passwordKey)) {
            r.string(o, userKey, {}, user);
            continue;
        }
        if (!fileIsPrivate) {
            r.fail(passwordKey, u"a password in a config file that other users can read is refused: chmod 600 the file, "
                                "or move the credentials to a credentials file"_s);
            continue;
        }
        r.string(o, userKey, {}, user);
        if (r.string(o, passwordKey, {}, password))
            SecretValues::remember(*password);
    }
    if (r.string(o, u"ListenAddress"_s, {}, &s) && !parseListen(s, &c.listenHost, &c.listenPort))
        r.fail(u"ListenAddress"_s, u"must be HOST:PORT or :PORT, not \"%1\""_s.arg(s));
    bool useSsl = false;
    r.boolean(o, u"UseSSL"_s, {}, &useSsl);
    if (useSsl) {
        r.string(o, u"SSLCertFile"_s, {}, &c.tlsCertFile);
        r.string(o, u"SSLPrivateKeyFile"_s, {}, &c.tlsKeyFile);
    }
    readOrchestratorAuth(r, o, c, fileIsPrivate);
    r.string(o, u"AuthUserHeader"_s, {}, &c.proxyUserHeader);
    QStringList power;
    if (r.strings(o, u"PowerAuthUsers"_s, {}, &power)) {
        for (const QString &name : power) {
            if (name == u"*"_s)
                continue; // orchestrator's default: everyone; Arbor wants names
            c.users.append({name, ServiceConfig::Role::Operator, {}});
        }
    }
    if (r.boolean(o, u"ReadOnly"_s, {}, &b))
        c.readOnly = b;
    r.string(o, u"GraphiteAddr"_s, {}, &c.graphiteAddress);
    r.string(o, u"GraphitePath"_s, {}, &c.graphitePath);
    r.boolean(o, u"GraphiteConvertHostnameDotsToUnderscores"_s, {}, &c.graphiteConvertHostnameDots);
    if (r.integer(o, u"GraphitePollSeconds"_s, {}, &n, 1, 3600))
        c.graphiteIntervalSeconds = n;
    if (r.integer(o, u"DiscoveryCollectionRetentionSeconds"_s, {}, &n, 10, 86400))
        c.metricsRetentionSeconds = n;
    if (r.integer(o, u"ActiveNodeExpireSeconds"_s, {}, &n, 2, 600))
        c.leaseSeconds = n;
    if (r.boolean(o, u"Debug"_s, {}, &b) && b)
        c.logLevel = ServiceConfig::LogLevel::Debug;
    readOrchestratorDiscovery(r, o, c);
}

void readNative(Reader &r, const QJsonObject &root, ServiceConfig &c)
{
    QJsonObject o;
    int n = 0;
    QString s;
    if (r.object(root, u"topology"_s, {}, &o)) {
        const QString p = u"topology"_s;
        r.string(o, u"credentialsFile"_s, p, &c.topologyCredentialsFile);
        if (r.integer(o, u"pollSeconds"_s, p, &n, 1, 3600))
            c.pollSeconds = n;
        if (r.integer(o, u"connectTimeoutSeconds"_s, p, &n, 1, 600))
            c.connectTimeoutSeconds = n;
        if (r.integer(o, u"readTimeoutSeconds"_s, p, &n, 1, 600))
            c.readTimeoutSeconds = n;
        if (r.integer(o, u"pollWorkers"_s, p, &n, 1, 256))
            c.pollWorkers = n;
        r.string(o, u"heartbeatQuery"_s, p, &c.heartbeatQuery);
        r.string(o, u"dataCenterPattern"_s, p, &c.dataCenterPattern);
        r.string(o, u"regionPattern"_s, p, &c.regionPattern);
        r.strings(o, u"seeds"_s, p, &c.seeds);
        if (r.integer(o, u"defaultPort"_s, p, &n, 1, 65535))
            c.defaultPort = n;
        r.boolean(o, u"discoverByShowSlaveHosts"_s, p, &c.discoverByShowSlaveHosts);
        r.strings(o, u"discoveryIgnoreHostnameFilters"_s, p, &c.discoveryIgnoreHostnameFilters);
        r.strings(o, u"discoveryIgnoreReplicaHostnameFilters"_s, p, &c.discoveryIgnoreReplicaHostnameFilters);
        r.strings(o, u"discoveryIgnoreMasterHostnameFilters"_s, p, &c.discoveryIgnoreMasterHostnameFilters);
        QJsonObject aliases;
        if (r.object(o, u"clusterNameToAlias"_s, p, &aliases)) {
            c.clusterNameToAlias.clear();
            for (auto it = aliases.begin(); it != aliases.end(); ++it) {
                if (!it.value().isString())
                    r.fail(u"topology.clusterNameToAlias."_s + it.key(), u"must be a string, not %1"_s.arg(typeName(it.value())));
                else
                    c.clusterNameToAlias.append({it.key(), it.value().toString()});
            }
        }
        r.string(o, u"detectClusterAliasQuery"_s, p, &c.detectClusterAliasQuery);
        if (r.integer(o, u"unseenInstanceForgetHours"_s, p, &n, 0, 100000))
            c.unseenInstanceForgetHours = n;
        r.boolean(o, u"crashWatch"_s, p, &c.crashWatch);
        r.unknownKeys(o, p, {u"credentialsFile"_s, u"pollSeconds"_s, u"connectTimeoutSeconds"_s, u"readTimeoutSeconds"_s,
                             u"pollWorkers"_s, u"heartbeatQuery"_s, u"dataCenterPattern"_s, u"regionPattern"_s, u"seeds"_s,
                             u"defaultPort"_s, u"discoverByShowSlaveHosts"_s, u"discoveryIgnoreHostnameFilters"_s,
                             u"discoveryIgnoreReplicaHostnameFilters"_s, u"discoveryIgnoreMasterHostnameFilters"_s,
                             u"clusterNameToAlias"_s, u"detectClusterAliasQuery"_s, u"unseenInstanceForgetHours"_s,
                             u"crashWatch"_s});
    }
    if (r.object(root, u"backend"_s, {}, &o)) {
        const QString p = u"backend"_s;
        if (r.string(o, u"kind"_s, p, &s)) {
            if (s == u"mysql"_s || s == u"mariadb"_s)
                c.backendKind = StoreOptions::Kind::MySql;
            else if (s == u"sqlite"_s)
                c.backendKind = StoreOptions::Kind::Sqlite;
            else
                r.fail(u"backend.kind"_s, u"must be \"mysql\" or \"sqlite\", not \"%1\""_s.arg(s));
        }
        r.string(o, u"sqliteFile"_s, p, &c.sqliteFile);
        r.string(o, u"host"_s, p, &c.backendHost);
        if (r.integer(o, u"port"_s, p, &n, 1, 65535))
            c.backendPort = n;
        r.string(o, u"database"_s, p, &c.backendDatabase);
        r.string(o, u"credentialsFile"_s, p, &c.backendCredentialsFile);
        r.unknownKeys(o, p, {u"kind"_s, u"sqliteFile"_s, u"host"_s, u"port"_s, u"database"_s, u"credentialsFile"_s});
    }
    if (r.object(root, u"election"_s, {}, &o)) {
        const QString p = u"election"_s;
        if (r.integer(o, u"leaseSeconds"_s, p, &n, 2, 600))
            c.leaseSeconds = n;
        if (r.integer(o, u"renewMilliseconds"_s, p, &n, 100, 10000))
            c.renewMilliseconds = n;
        r.boolean(o, u"leaderLock"_s, p, &c.leaderLock);
        r.unknownKeys(o, p, {u"leaseSeconds"_s, u"renewMilliseconds"_s, u"leaderLock"_s});
    }
    if (r.object(root, u"node"_s, {}, &o)) {
        const QString p = u"node"_s;
        r.string(o, u"name"_s, p, &c.nodeName);
        r.string(o, u"advertiseUrl"_s, p, &c.advertiseUrl);
        r.unknownKeys(o, p, {u"name"_s, u"advertiseUrl"_s});
    }
    if (r.object(root, u"api"_s, {}, &o)) {
        const QString p = u"api"_s;
        if (r.string(o, u"listen"_s, p, &s) && !parseListen(s, &c.listenHost, &c.listenPort))
            r.fail(u"api.listen"_s, u"must be HOST:PORT or :PORT with an IP address or localhost, not \"%1\""_s.arg(s));
        QJsonObject tls;
        if (r.object(o, u"tls"_s, p, &tls)) {
            r.string(tls, u"certFile"_s, u"api.tls"_s, &c.tlsCertFile);
            r.string(tls, u"keyFile"_s, u"api.tls"_s, &c.tlsKeyFile);
            r.unknownKeys(tls, u"api.tls"_s, {u"certFile"_s, u"keyFile"_s});
        }
        if (o.contains(u"users"_s)) {
            const QJsonValue v = o.value(u"users"_s);
            if (!v.isArray()) {
                r.fail(u"api.users"_s, u"must be a list of {name, role, passwordHash}, not %1"_s.arg(typeName(v)));
            } else {
                const QJsonArray array = v.toArray();
                for (qsizetype i = 0; i < array.size(); ++i) {
                    const QString up = u"api.users[%1]"_s.arg(i);
                    if (!array.at(i).isObject()) {
                        r.fail(up, u"must be an object {name, role, passwordHash}, not %1"_s.arg(typeName(array.at(i))));
                        continue;
                    }
                    const QJsonObject u = array.at(i).toObject();
                    ServiceConfig::User user;
                    if (!r.string(u, u"name"_s, up, &user.name) || user.name.isEmpty() || user.name.contains(u':'))
                        r.fail(up + u".name"_s, u"is required: a non-empty name without ':'"_s);
                    QString role = u"read-only"_s;
                    r.string(u, u"role"_s, up, &role);
                    if (role == u"operator"_s)
                        user.role = ServiceConfig::Role::Operator;
                    else if (role != u"read-only"_s)
                        r.fail(up + u".role"_s, u"must be \"read-only\" or \"operator\", not \"%1\""_s.arg(role));
                    if (r.string(u, u"passwordHash"_s, up, &user.passwordHash)) {
                        if (const QString why = PasswordHash::problem(user.passwordHash); !why.isEmpty())
                            r.fail(up + u".passwordHash"_s, why);
                    }
                    if (u.contains(u"password"_s))
                        r.fail(up + u".password"_s, u"plaintext passwords are refused: use passwordHash "
                                                    "(arbor config hash-password)"_s);
                    r.unknownKeys(u, up, {u"name"_s, u"role"_s, u"passwordHash"_s, u"password"_s});
                    c.users.append(user);
                }
            }
        }
        r.string(o, u"proxyUserHeader"_s, p, &c.proxyUserHeader);
        if (r.strings(o, u"trustedProxies"_s, p, &c.trustedProxies)) {
            for (const QString &a : std::as_const(c.trustedProxies)) {
                if (QHostAddress(a).isNull())
                    r.fail(u"api.trustedProxies"_s, u"\"%1\" is not an IP address"_s.arg(a));
            }
        }
        r.boolean(o, u"readOnly"_s, p, &c.readOnly);
        r.string(o, u"statusEndpoint"_s, p, &c.statusEndpoint);
        r.string(o, u"urlPrefix"_s, p, &c.urlPrefix);
        if (r.string(o, u"anonymous"_s, p, &s)) {
            if (s == u"none"_s)
                c.anonymous = ServiceConfig::Anonymous::None;
            else if (s == u"read-only"_s)
                c.anonymous = ServiceConfig::Anonymous::ReadOnly;
            else if (s == u"operator"_s)
                c.anonymous = ServiceConfig::Anonymous::Operator;
            else
                r.fail(u"api.anonymous"_s, u"must be \"none\", \"read-only\" or \"operator\", not \"%1\""_s.arg(s));
        }
        if (r.integer(o, u"maxBodyBytes"_s, p, &n, 1024, 1024 * 1024 * 1024))
            c.maxBodyBytes = n;
        if (r.integer(o, u"maxBulkInstances"_s, p, &n, 1, 100000))
            c.maxBulkInstances = n;
        if (r.integer(o, u"maxConnections"_s, p, &n, 8, 100000))
            c.maxConnections = n;
        if (r.integer(o, u"headerTimeoutSeconds"_s, p, &n, 1, 300))
            c.headerTimeoutSeconds = n;
        if (r.integer(o, u"idleTimeoutSeconds"_s, p, &n, 1, 3600))
            c.idleTimeoutSeconds = n;
        r.unknownKeys(o, p, {u"listen"_s, u"tls"_s, u"users"_s, u"proxyUserHeader"_s, u"trustedProxies"_s, u"readOnly"_s,
                             u"anonymous"_s, u"maxBodyBytes"_s, u"maxBulkInstances"_s, u"maxConnections"_s,
                             u"headerTimeoutSeconds"_s, u"idleTimeoutSeconds"_s, u"statusEndpoint"_s, u"urlPrefix"_s});
    }
    if (r.object(root, u"metrics"_s, {}, &o)) {
        const QString p = u"metrics"_s;
        if (r.integer(o, u"retentionSeconds"_s, p, &n, 10, 86400))
            c.metricsRetentionSeconds = n;
        QJsonObject g;
        if (r.object(o, u"graphite"_s, p, &g)) {
            const QString gp = u"metrics.graphite"_s;
            r.string(g, u"address"_s, gp, &c.graphiteAddress);
            r.string(g, u"path"_s, gp, &c.graphitePath);
            r.boolean(g, u"convertHostnameDots"_s, gp, &c.graphiteConvertHostnameDots);
            if (r.integer(g, u"intervalSeconds"_s, gp, &n, 1, 3600))
                c.graphiteIntervalSeconds = n;
            r.unknownKeys(g, gp, {u"address"_s, u"path"_s, u"convertHostnameDots"_s, u"intervalSeconds"_s});
        }
        r.unknownKeys(o, p, {u"retentionSeconds"_s, u"graphite"_s});
    }
    if (r.object(root, u"log"_s, {}, &o)) {
        if (r.string(o, u"level"_s, u"log"_s, &s)) {
            static const QStringList levels{u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
            const qsizetype at = levels.indexOf(s);
            if (at < 0)
                r.fail(u"log.level"_s, u"must be one of debug, info, warning, error, not \"%1\""_s.arg(s));
            else
                c.logLevel = ServiceConfig::LogLevel(at);
        }
        r.unknownKeys(o, u"log"_s, {u"level"_s});
    }
}

Result<InstanceKey> seedKey(const QString &seed, int defaultPort)
{
    // A bare host name takes DefaultInstancePort, as orchestrator's seeds and commands do.
    if (!seed.contains(u':') && InstanceKey::isValidHost(seed))
        return InstanceKey::parse(u"%1:%2"_s.arg(seed).arg(defaultPort));
    return InstanceKey::parse(seed);
}

void validatePaths(Reader &r, const ServiceConfig &c)
{
    for (const auto &[path, value] : {std::pair{u"api.statusEndpoint"_s, c.statusEndpoint}, std::pair{u"api.urlPrefix"_s, c.urlPrefix}}) {
        if (!value.isEmpty() && (!value.startsWith(u'/') || value.contains(u' ') || value.contains(u'?')))
            r.fail(path, u"must be a path starting with /, not \"%1\""_s.arg(value));
    }
    if (c.urlPrefix == u"/"_s)
        r.fail(u"api.urlPrefix"_s, u"must not be \"/\" alone: leave it empty"_s);
    for (const auto &[path, list] : {std::pair{u"topology.discoveryIgnoreHostnameFilters"_s, c.discoveryIgnoreHostnameFilters},
                                     std::pair{u"topology.discoveryIgnoreReplicaHostnameFilters"_s, c.discoveryIgnoreReplicaHostnameFilters},
                                     std::pair{u"topology.discoveryIgnoreMasterHostnameFilters"_s, c.discoveryIgnoreMasterHostnameFilters}}) {
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QRegularExpression re(list.at(i));
            if (!re.isValid())
                r.fail(u"%1[%2]"_s.arg(path).arg(i), u"is not a valid regular expression: %1"_s.arg(re.errorString()));
        }
    }
    for (const auto &[pattern, alias] : c.clusterNameToAlias) {
        const QRegularExpression re(pattern);
        if (!re.isValid())
            r.fail(u"topology.clusterNameToAlias.%1"_s.arg(pattern), u"is not a valid regular expression: %1"_s.arg(re.errorString()));
    }
}

// As start-up reads them: a file that is missing, unreadable or readable by others is an error here too.
void validateCredentialFiles(Reader &r, const ServiceConfig &c)
{
    for (const auto &[path, file] : {std::pair{u"topology.credentialsFile"_s, c.topologyCredentialsFile},
                                     std::pair{u"backend.credentialsFile"_s, c.backendCredentialsFile}}) {
        if (file.isEmpty() || (path.startsWith(u"backend"_s) && c.backendKind != StoreOptions::Kind::MySql))
            continue;
        if (const auto creds = Credentials::fromFile(file); !creds.ok())
            r.fail(path, creds.error());
    }
}

void validate(Reader &r, ServiceConfig &c)
{
    for (qsizetype i = 0; i < c.seeds.size(); ++i) {
        auto key = seedKey(c.seeds.at(i), c.defaultPort);
        if (!key)
            r.fail(u"topology.seeds[%1]"_s.arg(i), key.error());
    }
    validatePaths(r, c);
    validateCredentialFiles(r, c);
    for (const auto &[path, pattern] : {std::pair{u"topology.dataCenterPattern"_s, c.dataCenterPattern},
                                        std::pair{u"topology.regionPattern"_s, c.regionPattern}}) {
        QRegularExpression re(pattern);
        if (!pattern.isEmpty() && !re.isValid())
            r.fail(path, u"is not a valid regular expression: %1"_s.arg(re.errorString()));
    }
    if (c.readTimeoutSeconds >= c.pollSeconds * 2 && c.pollSeconds > 1)
        r.warnings.append(u"topology.readTimeoutSeconds: %1 s is long for %2 s polling; a hung server is noticed late"_s
                              .arg(c.readTimeoutSeconds)
                              .arg(c.pollSeconds));
    if (c.renewMilliseconds * 2 > c.leaseSeconds * 1000)
        r.fail(u"election.renewMilliseconds"_s, u"must be at most half of election.leaseSeconds (%1 ms), or one missed renewal "
                                                "loses the lease"_s.arg(c.leaseSeconds * 500));
    if (c.tlsCertFile.isEmpty() != c.tlsKeyFile.isEmpty())
        r.fail(u"api.tls"_s, u"needs both certFile and keyFile"_s);
    for (const QString &file : {c.tlsCertFile, c.tlsKeyFile}) {
        if (!file.isEmpty() && !QFileInfo(file).isReadable())
            r.fail(file == c.tlsCertFile ? u"api.tls.certFile"_s : u"api.tls.keyFile"_s,
                   u"cannot read %1"_s.arg(file));
    }
    QSet<QString> names;
    for (const ServiceConfig::User &u : std::as_const(c.users)) {
        if (names.contains(u.name))
            r.fail(u"api.users"_s, u"the user \"%1\" is listed twice"_s.arg(u.name));
        names.insert(u.name);
        if (u.passwordHash.isEmpty() && c.proxyUserHeader.isEmpty())
            r.fail(u"api.users"_s, u"the user \"%1\" has no passwordHash and no api.proxyUserHeader is set, so it could "
                                   "never sign in"_s.arg(u.name));
    }
    if (!c.proxyUserHeader.isEmpty() && c.trustedProxies.isEmpty())
        r.fail(u"api.trustedProxies"_s, u"must list the proxy addresses allowed to set %1; without it any client could "
                                        "claim to be any user"_s.arg(c.proxyUserHeader));
    if (c.anonymous == ServiceConfig::Anonymous::Operator)
        r.warnings.append(u"api.anonymous: \"operator\", so anyone who can reach %1:%2 may change topologies and fail over"_s
                              .arg(c.listenHost)
                              .arg(c.listenPort));
    else if (c.users.isEmpty() && c.anonymous != ServiceConfig::Anonymous::None)
        r.warnings.append(u"api.users: no users, so anyone who can reach %1:%2 may read (writes answer 401 until api.users "
                          "are listed or api.anonymous is \"operator\")"_s.arg(c.listenHost).arg(c.listenPort));
    if (c.backendKind == StoreOptions::Kind::Sqlite && c.sqliteFile.isEmpty())
        r.fail(u"backend.sqliteFile"_s, u"is required with the SQLite backend"_s);
    if (c.backendKind == StoreOptions::Kind::MySql && c.backendDatabase.isEmpty())
        r.fail(u"backend.database"_s, u"is required with the MySQL backend"_s);
    if (!c.graphiteAddress.isEmpty()) {
        QString host;
        int port = 0;
        if (!parseListen(c.graphiteAddress, &host, &port)) {
            const qsizetype colon = c.graphiteAddress.lastIndexOf(u':');
            bool ok = false;
            const int p = colon > 0 ? c.graphiteAddress.mid(colon + 1).toInt(&ok) : 0;
            if (!ok || p < 1 || p > 65535)
                r.fail(u"metrics.graphite.address"_s, u"must be HOST:PORT, not \"%1\""_s.arg(c.graphiteAddress));
        }
    }
    if (!c.advertiseUrl.isEmpty() && !c.advertiseUrl.startsWith(u"http://"_s) && !c.advertiseUrl.startsWith(u"https://"_s))
        r.fail(u"node.advertiseUrl"_s, u"must start with http:// or https://"_s);
}

} // namespace

ServiceConfig::Check ServiceConfig::check(const QByteArray &json, const QString &origin, bool fileIsPrivate)
{
    Check out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        // Name the line, not just the byte offset.
        const int line = int(json.left(error.offset).count('\n')) + 1;
        out.errors.append(u"%1: not valid JSON at line %2: %3"_s.arg(origin).arg(line).arg(error.errorString()));
        return out;
    }
    if (!doc.isObject()) {
        out.errors.append(u"%1: the config must be a JSON object { ... }"_s.arg(origin));
        return out;
    }
    const QJsonObject root = doc.object();
    Reader r;
    r.errors = ConfigReader::duplicateKeys(json);
    ServiceConfig &c = out.config;
    c.raw = root;
    c.sourcePath = origin;
    readOrchestratorKeys(r, root, c, fileIsPrivate);
    readNative(r, root, c);
    RecoveryConfig::read(r, root, &c.recovery);
    static const QStringList sections{u"topology"_s, u"backend"_s, u"election"_s, u"node"_s, u"api"_s,
                                      u"metrics"_s, u"log"_s, u"recovery"_s, u"hooks"_s, u"analysis"_s};
    for (auto it = root.begin(); it != root.end(); ++it) {
        const QString &key = it.key();
        if (sections.contains(key) || ConfigReader::isComment(key))
            continue;
        if (OrchestratorKeys::isKnown(key)) {
            if (const QString why = OrchestratorKeys::ignoredBecause(key); !why.isEmpty())
                r.warnings.append(u"%1: orchestrator key not honoured by Arbor, ignored: %2"_s.arg(key, why));
            continue;
        }
        r.unknownKey({}, key, sections + OrchestratorKeys::names());
    }
    validate(r, c);
    out.errors = r.errors;
    c.warnings = r.warnings;
    return out;
}

ServiceConfig::Check ServiceConfig::checkFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Check out;
        out.errors.append(u"cannot read the config file %1: %2"_s.arg(path, file.errorString()));
        return out;
    }
    const bool isPrivate = !(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther));
    return check(file.readAll(), path, isPrivate);
}

Result<ServiceConfig> ServiceConfig::load(const QString &path)
{
    Check c = checkFile(path);
    if (!c.errors.isEmpty())
        return Result<ServiceConfig>::failure(c.errors.join(u'\n'));
    return c.config;
}

Result<Credentials> ServiceConfig::topologyCredentials() const
{
    if (!topologyCredentialsFile.isEmpty())
        return Credentials::fromFile(topologyCredentialsFile);
    if (!topologyUser.isEmpty())
        return Credentials(topologyUser, topologyPassword);
    Credentials env = Credentials::fromEnvironment();
    if (env.isEmpty())
        return Result<Credentials>::failure(
            u"no topology credentials: set topology.credentialsFile (a [client] user= password= file, mode 600) or "
            "ARBOR_TOPOLOGY_USER and ARBOR_TOPOLOGY_PASSWORD"_s);
    return env;
}

Result<StoreOptions> ServiceConfig::storeOptions() const
{
    if (backendKind == StoreOptions::Kind::Sqlite)
        return StoreOptions::sqlite(sqliteFile);
    QString user = backendUser;
    QString password = backendPassword;
    if (!backendCredentialsFile.isEmpty()) {
        auto creds = Credentials::fromFile(backendCredentialsFile);
        if (!creds)
            return Result<StoreOptions>::failure(u"backend credentials: %1"_s.arg(creds.error()));
        user = creds->user();
        password = creds->password();
    } else if (user.isEmpty()) {
        user = qEnvironmentVariable("ARBOR_BACKEND_USER");
        password = qEnvironmentVariable("ARBOR_BACKEND_PASSWORD");
        SecretValues::remember(password);
    }
    if (user.isEmpty())
        return Result<StoreOptions>::failure(
            u"no backend credentials: set backend.credentialsFile (a [client] user= password= file, mode 600) or "
            "ARBOR_BACKEND_USER and ARBOR_BACKEND_PASSWORD"_s);
    return StoreOptions::mySql(backendHost, backendPort, backendDatabase, user, password);
}

Result<PollerOptions> ServiceConfig::pollerOptions() const
{
    auto creds = topologyCredentials();
    if (!creds)
        return Result<PollerOptions>::failure(creds.error());
    PollerOptions o;
    o.probe.credentials = creds.value();
    o.probe.connectTimeoutSeconds = connectTimeoutSeconds;
    o.probe.readTimeoutSeconds = readTimeoutSeconds;
    o.probe.heartbeatQuery = heartbeatQuery;
    o.probe.clusterAliasQuery = detectClusterAliasQuery;
    o.probe.discoverByShowSlaveHosts = discoverByShowSlaveHosts;
    for (const auto &[filters, out] : {std::pair{&discoveryIgnoreHostnameFilters, &o.ignoreHostnameFilters},
                                       std::pair{&discoveryIgnoreReplicaHostnameFilters, &o.ignoreReplicaHostnameFilters},
                                       std::pair{&discoveryIgnoreMasterHostnameFilters, &o.ignoreSourceHostnameFilters}}) {
        for (const QString &f : *filters)
            out->append(QRegularExpression(f));
    }
    o.probe.crashWatch = crashWatch;
    if (!dataCenterPattern.isEmpty())
        o.probe.dataCenterPattern = QRegularExpression(dataCenterPattern);
    if (!regionPattern.isEmpty())
        o.probe.regionPattern = QRegularExpression(regionPattern);
    o.pollIntervalMs = pollSeconds * 1000;
    o.healthyWorkers = pollWorkers;
    o.backoffWorkers = std::max(1, pollWorkers / 2);
    o.forgetBlockMs = 3 * o.pollIntervalMs;
    o.recordHistory = 1000; // metrics keep their own window
    return o;
}

QList<InstanceKey> ServiceConfig::seedKeys() const
{
    QList<InstanceKey> keys;
    for (const QString &seed : seeds) {
        if (auto key = seedKey(seed, defaultPort))
            keys.append(key.value());
    }
    return keys;
}

QString ServiceConfig::effectiveNodeName() const
{
    return nodeName.isEmpty() ? QSysInfo::machineHostName() : nodeName;
}

QString ServiceConfig::effectiveAdvertiseUrl() const
{
    if (!advertiseUrl.isEmpty())
        return advertiseUrl;
    QString host = listenHost == u"0.0.0.0"_s || listenHost == u"::"_s ? QSysInfo::machineHostName() : listenHost;
    if (host.contains(u':'))
        host = u'[' + host + u']';
    return u"%1://%2:%3"_s.arg(tlsCertFile.isEmpty() ? u"http"_s : u"https"_s, host).arg(listenPort);
}

QStringList ServiceConfig::restartNeededFor(const ServiceConfig &o) const
{
    QStringList keys;
    auto differs = [&](bool d, const QString &name) {
        if (d)
            keys.append(name);
    };
    differs(backendKind != o.backendKind || sqliteFile != o.sqliteFile || backendHost != o.backendHost
                || backendPort != o.backendPort || backendDatabase != o.backendDatabase
                || backendCredentialsFile != o.backendCredentialsFile,
            u"backend"_s);
    differs(listenHost != o.listenHost || listenPort != o.listenPort, u"api.listen"_s);
    differs(tlsCertFile != o.tlsCertFile || tlsKeyFile != o.tlsKeyFile, u"api.tls"_s);
    differs(leaseSeconds != o.leaseSeconds || renewMilliseconds != o.renewMilliseconds || leaderLock != o.leaderLock,
            u"election"_s);
    differs(nodeName != o.nodeName || advertiseUrl != o.advertiseUrl, u"node"_s);
    return keys;
}

QString ServiceConfig::roleName(Role role)
{
    return role == Role::Operator ? u"operator"_s : u"read-only"_s;
}

QString ServiceConfig::logLevelName(LogLevel level)
{
    static const QStringList names{u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
    return names.at(int(level));
}

} // namespace arbor::core
