// The service config: defaults, Arbor's keys, orchestrator's keys, and refusals that name the key.
#include "api/passwordhash.h"
#include "config/serviceconfig.h"

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
        QVERIFY(c.config.warnings.join(u' ').contains(u"API is open"_s));
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
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
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
        QTest::newRow("orchestrator plaintext") << QByteArray(R"({"HTTPAuthPassword": "p"})") << u"HTTPAuthPassword: plaintext"_s;
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

    void unknownKeysAreWarnings()
    {
        const auto c = check(R"({"backend": {"sqliteFile": "/tmp/a", "colour": "red"}, "Frobnicate": 1})");
        QVERIFY(c.errors.isEmpty());
        const QString w = c.config.warnings.join(u'\n');
        QVERIFY(w.contains(u"backend.colour: unknown key"_s));
        QVERIFY(w.contains(u"Frobnicate: unknown key"_s));
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

    void restartNeededNamesKeys()
    {
        const auto a = check(R"({"backend": {"sqliteFile": "/tmp/a"}, "api": {"listen": "127.0.0.1:1"}})").config;
        const auto b = check(R"({"backend": {"sqliteFile": "/tmp/b"}, "api": {"listen": "127.0.0.1:2"}, "topology": {"pollSeconds": 9}})").config;
        QCOMPARE(a.restartNeededFor(b), (QStringList{u"backend"_s, u"api.listen"_s}));
    }
};

QTEST_GUILESS_MAIN(TestServiceConfig)
#include "tst_serviceconfig.moc"
