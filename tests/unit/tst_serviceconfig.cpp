// The service config: defaults, Arbor's keys, orchestrator's keys, and refusals that name the key.
#include "api/passwordhash.h"
#include "config/configmigration.h"
#include "config/serviceconfig.h"

#include <QJsonDocument>

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestServiceConfig : public QObject
{
    Q_OBJECT

    static ServiceConfig::Check check(const char *json, bool isPrivate = true)
    {
        return ServiceConfig::check(QByteArray(json), u"test.json"_s, isPrivate);
    }

private Q_SLOTS:
    void defaults()
    {
        const auto c = check(R"({"backend": {"sqliteFile": "/tmp/a.db"}})");
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QCOMPARE(c.config.pollSeconds, 5);
        QCOMPARE(c.config.leaseSeconds, 5);
        QCOMPARE(c.config.renewMilliseconds, 1000);
        QCOMPARE(c.config.listenPort, 3000);
        QVERIFY(c.config.warnings.join(u' ').contains(u"writes answer 401"_s));
        QVERIFY(c.config.crashWatch);
        QVERIFY(c.config.leaderLock);
        ServiceConfig withUser = c.config;
        withUser.topologyUser = u"arbor"_s;
        QVERIFY(withUser.pollerOptions().value().probe.crashWatch);
    }

    void crashWatchAndLeaderLockCanBeTurnedOff()
    {
        const auto c = check(R"({"backend": {"sqliteFile": "/tmp/a.db"}, "topology": {"crashWatch": false},
                                "election": {"leaderLock": false}})");
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QVERIFY(c.config.warnings.filter(u"crashWatch"_s).isEmpty());
        QVERIFY(!c.config.crashWatch);
        QVERIFY(!c.config.leaderLock);
        ServiceConfig withUser = c.config;
        withUser.topologyUser = u"arbor"_s;
        QVERIFY(!withUser.pollerOptions().value().probe.crashWatch);
        QVERIFY(check(R"({"topology": {"crashWatch": "yes"}})").errors.join(u' ').contains(u"topology.crashWatch"_s));
    }

    void orchestratorKeysAreHonoured()
    {
        const auto c = check(R"x({"InstancePollSeconds": 2, "MySQLOrchestratorHost": "db", "MySQLOrchestratorPort": 3307,
            "MySQLOrchestratorDatabase": "orch", "ListenAddress": ":3001", "DataCenterPattern": "(dc[0-9])",
            "GraphiteAddr": "graphite:2003", "RecoverMasterClusterFilters": ["*"], "RaftEnabled": false,
            "MySQLOrchestratorCredentialsConfigFile": "/etc/backend.cnf"})x");
        // The credentials file is checked as at start: the only error here.
        QCOMPARE(c.errors, QStringList{u"backend.credentialsFile: credentials file /etc/backend.cnf does not exist"_s});
        QCOMPARE(c.config.pollSeconds, 2);
        QCOMPARE(c.config.backendKind, StoreOptions::Kind::MySql);
        QCOMPARE(c.config.backendHost, u"db"_s);
        QCOMPARE(c.config.backendPort, 3307);
        QCOMPARE(c.config.backendDatabase, u"orch"_s);
        QCOMPARE(c.config.listenHost, u"0.0.0.0"_s);
        QCOMPARE(c.config.listenPort, 3001);
        QCOMPARE(c.config.graphiteAddress, u"graphite:2003"_s);
        const QString warnings = c.config.warnings.join(u'\n');
        QVERIFY2(warnings.contains(u"RaftEnabled: orchestrator key not honoured"_s), qPrintable(warnings));
        QVERIFY(!warnings.contains(u"RecoverMasterClusterFilters"_s)); // recovery's, not unknown
    }

    void errorsNameTheKeyPathAndReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("type") << QByteArray(R"({"topology": {"pollSeconds": "5"}})") << u"topology.pollSeconds: must be a whole number"_s;
        QTest::newRow("range") << QByteArray(R"({"election": {"leaseSeconds": 0}})") << u"election.leaseSeconds: must be from 2 to 600"_s;
        QTest::newRow("role") << QByteArray(R"({"api": {"users": [{"name": "a", "role": "admin", "passwordHash": "x"}]}})")
                              << u"api.users[0].role: must be \"read-only\" or \"operator\""_s;
        QTest::newRow("hash") << QByteArray(R"({"api": {"users": [{"name": "a", "passwordHash": "secret"}]}})")
                              << u"api.users[0].passwordHash: is not a password hash"_s;
        QTest::newRow("plaintext") << QByteArray(R"({"api": {"users": [{"name": "a", "password": "p"}]}})")
                                   << u"api.users[0].password: plaintext passwords are refused"_s;
        QTest::newRow("basic without password") << QByteArray(R"({"AuthenticationMethod": "basic", "HTTPAuthUser": "u"})")
                                                << u"AuthenticationMethod: \"basic\" needs HTTPAuthUser and HTTPAuthPassword"_s;
        QTest::newRow("misspelt orchestrator key") << QByteArray(R"({"PreFailoverProcess": []})")
                                                   << u"PreFailoverProcess: unknown key; did you mean PreFailoverProcesses?"_s;
        QTest::newRow("misspelt nested key") << QByteArray(R"({"topology": {"pollSecond": 5}})")
                                             << u"topology.pollSecond: unknown key; did you mean pollSeconds?"_s;
        QTest::newRow("duplicate") << QByteArray("{\"topology\": {\"pollSeconds\": 1,\n \"pollSeconds\": 2}}")
                                   << u"topology.pollSeconds: the key is given twice in one object (lines 1 and 2)"_s;
        QTest::newRow("duplicate escaped") << QByteArray(R"({"InstancePollSeconds": 1, "Instance\u0050ollSeconds": 2})")
                                           << u"InstancePollSeconds: the key is given twice"_s;
        QTest::newRow("lag synonyms") << QByteArray(R"({"ReplicationLagQuery": "select 1", "SlaveLagQuery": "select 2"})")
                                      << u"SlaveLagQuery: is a synonym of ReplicationLagQuery"_s;
        QTest::newRow("filter regex") << QByteArray(R"({"DiscoveryIgnoreHostnameFilters": ["("]})")
                                      << u"topology.discoveryIgnoreHostnameFilters[0]: is not a valid regular expression"_s;
        QTest::newRow("url prefix") << QByteArray(R"({"URLPrefix": "orchestrator"})") << u"api.urlPrefix: must be a path"_s;
        QTest::newRow("credentials file") << QByteArray(R"({"MySQLTopologyCredentialsConfigFile": "/nonexistent/t.cnf"})")
                                          << u"topology.credentialsFile: credentials file /nonexistent/t.cnf does not exist"_s;
        QTest::newRow("shell") << QByteArray(R"({"ProcessesShellCommand": "python3"})") << u"ProcessesShellCommand: must be sh"_s;
        QTest::newRow("listen") << QByteArray(R"({"api": {"listen": "nowhere"}})") << u"api.listen: must be HOST:PORT"_s;
        QTest::newRow("seed") << QByteArray(R"({"topology": {"seeds": ["db;rm:3306"]}})") << u"topology.seeds[0]:"_s;
        QTest::newRow("renew") << QByteArray(R"({"election": {"leaseSeconds": 2, "renewMilliseconds": 1500}})")
                               << u"election.renewMilliseconds: must be at most half"_s;
        QTest::newRow("proxy") << QByteArray(R"({"api": {"proxyUserHeader": "X-User"}})") << u"api.trustedProxies:"_s;
        QTest::newRow("backend") << QByteArray(R"({"backend": {"kind": "oracle"}})") << u"backend.kind: must be \"mysql\" or \"sqlite\""_s;
        QTest::newRow("json") << QByteArray("{\n\"a\": 1,\n}") << u"not valid JSON at line"_s;
    }

    void errorsNameTheKeyPathAndReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto c = ServiceConfig::check(json, u"test.json"_s);
        const QString all = c.errors.join(u'\n');
        QVERIFY2(all.contains(expected), qPrintable(u"expected '%1' in:\n%2"_s.arg(expected, all)));
    }

    void unknownKeysAreErrorsOrchestratorKeysWarnings()
    {
        const auto c = check(R"({"backend": {"sqliteFile": "/tmp/a", "colour": "red"}, "Frobnicate": 1,
            "RaftEnabled": true, "PseudoGTIDPattern": "x", "_note": "a comment"})");
        const QString e = c.errors.join(u'\n');
        QVERIFY2(e.contains(u"backend.colour: unknown key (known here: "_s), qPrintable(e));
        QVERIFY2(e.contains(u"Frobnicate: unknown key"_s), qPrintable(e));
        QCOMPARE(c.errors.size(), 2);
        const QString w = c.config.warnings.join(u'\n');
        QVERIFY2(w.contains(u"RaftEnabled: orchestrator key not honoured by Arbor, ignored: Arbor elects"_s), qPrintable(w));
        QVERIFY2(w.contains(u"PseudoGTIDPattern: orchestrator key not honoured by Arbor, ignored: Arbor moves replicas"_s), qPrintable(w));
    }

    void orchestratorBasicAuthIsHashed()
    {
        const char *json = R"({"backend": {"sqliteFile": "/tmp/a"}, "AuthenticationMethod": "basic",
            "HTTPAuthUser": "dba", "HTTPAuthPassword": "s3cret"})";
        const auto refused = check(json, false);
        QVERIFY2(refused.errors.join(u' ').contains(u"HTTPAuthPassword: a plaintext password in a config file that other users"_s),
                 qPrintable(refused.errors.join(u' ')));
        const auto c = check(json, true);
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QCOMPARE(c.config.users.size(), 1);
        QCOMPARE(c.config.users.first().name, u"dba"_s);
        QCOMPARE(c.config.users.first().role, ServiceConfig::Role::Operator);
        QVERIFY(PasswordHash::verify(u"s3cret"_s, c.config.users.first().passwordHash));
        QVERIFY(!c.config.users.first().passwordHash.contains(u"s3cret"_s));
        QVERIFY(c.config.warnings.join(u' ').contains(u"HTTPAuthPassword: a plaintext password, accepted"_s));
        // Empty, as in orchestrator's sample: nothing to refuse, nothing to warn about.
        const auto sample = check(R"({"backend": {"sqliteFile": "/tmp/a"}, "AuthenticationMethod": "", "HTTPAuthUser": "",
            "HTTPAuthPassword": ""})", false);
        QVERIFY2(sample.errors.isEmpty(), qPrintable(sample.errors.join(u'\n')));
        QVERIFY(!sample.config.warnings.join(u' ').contains(u"HTTPAuth"_s));
    }

    void orchestratorDiscoveryKeysAreHonoured()
    {
        const auto c = check(R"({"backend": {"sqliteFile": "/tmp/a"}, "DefaultInstancePort": 3307,
            "DiscoverySeeds": ["db1.example.com", "db2.example.com:3308"], "DiscoverByShowSlaveHosts": false,
            "DiscoveryIgnoreHostnameFilters": ["^bad"], "DiscoveryIgnoreReplicaHostnameFilters": ["backup[.]example[.]com:3307"],
            "DiscoveryIgnoreMasterHostnameFilters": ["external"], "ClusterNameToAlias": {"^db1": "main"},
            "UnseenInstanceForgetHours": 48, "StatusEndpoint": "/health", "URLPrefix": "/orchestrator",
            "MySQLTopologyUser": "u", "MySQLTopologyPassword": "p"})");
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QCOMPARE(c.config.seedKeys(), (QList<InstanceKey>{InstanceKey(u"db1.example.com"_s, 3307), InstanceKey(u"db2.example.com"_s, 3308)}));
        QCOMPARE(c.config.unseenInstanceForgetHours, 48);
        QCOMPARE(c.config.statusEndpoint, u"/health"_s);
        QCOMPARE(c.config.urlPrefix, u"/orchestrator"_s);
        QCOMPARE(c.config.clusterNameToAlias, (QList<std::pair<QString, QString>>{{u"^db1"_s, u"main"_s}}));
        const auto p = c.config.pollerOptions();
        QVERIFY(p.ok());
        QVERIFY(!p->probe.discoverByShowSlaveHosts);
        QCOMPARE(p->ignoreHostnameFilters.size(), 1);
        QVERIFY(p->ignoreReplicaHostnameFilters.first().match(u"backup.example.com:3307"_s).hasMatch());
        QCOMPARE(p->ignoreSourceHostnameFilters.first().pattern(), u"external"_s);
    }

    void credentialsFilesAreCheckedAsAtStart()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"t.cnf"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[client]\nuser=u\npassword=p\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        const QByteArray json = R"({"backend": {"sqliteFile": "/tmp/a"}, "topology": {"credentialsFile": ")" + file.toUtf8() + "\"}}";
        QVERIFY(ServiceConfig::check(json, u"t.json"_s).errors.join(u' ').contains(u"topology.credentialsFile: credentials file"_s));
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(ServiceConfig::check(json, u"t.json"_s).errors.isEmpty());
    }

    void passwordsInAReadableConfigAreRefused()
    {
        const char *json = R"({"backend": {"sqliteFile": "/tmp/a"}, "MySQLTopologyUser": "u", "MySQLTopologyPassword": "p"})";
        QVERIFY(check(json, false).errors.join(u' ').contains(u"MySQLTopologyPassword: a password in a config file"_s));
        const auto ok = check(json, true);
        QVERIFY(ok.errors.isEmpty());
        QCOMPARE(ok.config.topologyCredentials()->user(), u"u"_s);
    }

    void passwordHashRoundTrip()
    {
        const QString hash = PasswordHash::make(u"s3cret"_s, 1000);
        QVERIFY(PasswordHash::problem(hash).isEmpty());
        QVERIFY(PasswordHash::verify(u"s3cret"_s, hash));
        QVERIFY(!PasswordHash::verify(u"s3cret!"_s, hash));
        QVERIFY(!PasswordHash::verify(u"s3cret"_s, u"pbkdf2-sha256$1000$AAAA$BBBB"_s));
        QVERIFY(PasswordHash::make(u"s3cret"_s, 1000) != hash); // salted
    }

    void orchestratorSampleKeysAllAccepted()
    {
        QFile f(QStringLiteral(ARBOR_TEST_DATA_DIR "/orchestrator-all-keys.conf.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto c = ServiceConfig::check(f.readAll(), f.fileName(), true);
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QCOMPARE(c.config.recovery.options.preFailoverProcesses.size(), 1);
        QCOMPARE(c.config.clusterNameToAlias.size(), 1);
    }

    void migrationKeepsTheBehaviour()
    {
        QFile f(QStringLiteral(ARBOR_TEST_DATA_DIR "/orchestrator-all-keys.conf.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray json = f.readAll();
        json.replace("\"AuthenticationMethod\": \"\"", "\"AuthenticationMethod\": \"basic\"");
        json.replace("\"HTTPAuthUser\": \"\"", "\"HTTPAuthUser\": \"dba\"");
        json.replace("\"HTTPAuthPassword\": \"\"", "\"HTTPAuthPassword\": \"api-secret\"");
        const auto before = ServiceConfig::check(json, f.fileName(), true);
        QVERIFY2(before.errors.isEmpty(), qPrintable(before.errors.join(u'\n')));
        const ConfigMigration m = ConfigMigration::from(before.config);
        const QByteArray native = QJsonDocument(m.native).toJson();
        QVERIFY2(!native.contains("api-secret"), "the API password must be written as a hash");
        const auto after = ServiceConfig::check(native, u"migrated.json"_s, true);
        QVERIFY2(after.errors.isEmpty(), qPrintable(after.errors.join(u'\n') + QString::fromUtf8(native)));
        const ServiceConfig &a = before.config;
        const ServiceConfig &b = after.config;
        QCOMPARE(b.listenHost, a.listenHost);
        QCOMPARE(b.listenPort, a.listenPort);
        QCOMPARE(b.backendKind, a.backendKind);
        QCOMPARE(b.backendDatabase, a.backendDatabase);
        QCOMPARE(b.topologyPassword, a.topologyPassword);
        QCOMPARE(b.connectTimeoutSeconds, a.connectTimeoutSeconds);
        QCOMPARE(b.discoveryIgnoreReplicaHostnameFilters, a.discoveryIgnoreReplicaHostnameFilters);
        QCOMPARE(b.clusterNameToAlias, a.clusterNameToAlias);
        QCOMPARE(b.dataCenterPattern, a.dataCenterPattern);
        QCOMPARE(b.users.size(), 1);
        QVERIFY(PasswordHash::verify(u"api-secret"_s, b.users.first().passwordHash));
        QCOMPARE(b.recovery.options.recoverMasterClusterFilters, a.recovery.options.recoverMasterClusterFilters);
        QCOMPARE(b.recovery.options.recoveryPeriodBlockSeconds, a.recovery.options.recoveryPeriodBlockSeconds);
        QCOMPARE(b.recovery.options.failureDetectionPeriodBlockSeconds, a.recovery.options.failureDetectionPeriodBlockSeconds);
        // The failover details keep their meaning (the sample sets DetachLostReplicasAfterMasterFailover true,
        // which is not Arbor's default: dropping it changed what a failover does).
        QVERIFY(a.recovery.options.detachLostReplicas);
        QCOMPARE(b.recovery.options.detachLostReplicas, a.recovery.options.detachLostReplicas);
        QCOMPARE(b.recovery.options.applyPromotion, a.recovery.options.applyPromotion);
        QCOMPARE(b.recovery.options.detachPromotedMasterHost, a.recovery.options.detachPromotedMasterHost);
        QCOMPARE(b.recovery.options.postponeReplicaRecoveryOnLagSeconds, a.recovery.options.postponeReplicaRecoveryOnLagSeconds);
        QCOMPARE(b.recovery.options.relayLogPolicy, a.recovery.options.relayLogPolicy);
        QCOMPARE(b.detectClusterAliasQuery, a.detectClusterAliasQuery);
        for (const auto &[name, lines] : RecoveryConfig::hookLists(a.recovery.options)) {
            const auto migrated = RecoveryConfig::hookLists(b.recovery.options);
            const auto it = std::find_if(migrated.cbegin(), migrated.cend(), [&](const auto &p) { return p.first == name; });
            QCOMPARE(it->second, lines);
        }
        const QString dropped = m.dropped.join(u'\n');
        QVERIFY2(dropped.contains(u"RaftEnabled"_s) == false, "not in the file, not listed");
        QVERIFY2(dropped.contains(u"PseudoGTIDPattern: Arbor moves replicas"_s), qPrintable(dropped));
        QVERIFY2(dropped.contains(u"ConsulAddress: Arbor does not publish"_s), qPrintable(dropped));
        QVERIFY(!dropped.contains(u"InstancePollSeconds"_s));
    }

    void restartNeededNamesKeys()
    {
        const auto a = check(R"({"backend": {"sqliteFile": "/tmp/a"}, "api": {"listen": "127.0.0.1:1"}})").config;
        const auto b = check(R"({"backend": {"sqliteFile": "/tmp/b"}, "api": {"listen": "127.0.0.1:2"}, "topology": {"pollSeconds": 9}})").config;
        QCOMPARE(a.restartNeededFor(b), (QStringList{u"backend"_s, u"api.listen"_s}));
    }
};

QTEST_GUILESS_MAIN(TestServiceConfig)
#include "tst_serviceconfig.moc"
