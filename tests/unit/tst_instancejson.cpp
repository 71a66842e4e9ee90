#include "resultassert.h"
#include "model/instancejson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

// Field-by-field comparison: Instance has no operator==, and a JSON comparison alone would not
// catch a field that toJson forgets on both sides.
QStringList differences(const Instance &a, const Instance &b)
{
    QStringList d;
    auto check = [&d](const char *name, bool equal) {
        if (!equal)
            d << QLatin1String(name);
    };
    check("key", a.key == b.key);
    check("serverId", a.serverId == b.serverId);
    check("serverUuid", a.serverUuid == b.serverUuid);
    check("version", a.version == b.version);
    check("versionComment", a.versionComment == b.versionComment);
    check("flavour", a.flavour == b.flavour);
    check("hostname", a.hostname == b.hostname);
    check("reportHost", a.reportHost == b.reportHost);
    check("reportPort", a.reportPort == b.reportPort);
    check("uptimeSeconds", a.uptimeSeconds == b.uptimeSeconds);
    check("readOnly", a.readOnly == b.readOnly);
    check("superReadOnly", a.superReadOnly == b.superReadOnly);
    check("logBin", a.logBin == b.logBin);
    check("logReplicaUpdates", a.logReplicaUpdates == b.logReplicaUpdates);
    check("binlogFormat", a.binlogFormat == b.binlogFormat);
    check("binlogRowImage", a.binlogRowImage == b.binlogRowImage);
    check("replicaNetTimeout", a.replicaNetTimeout == b.replicaNetTimeout);
    check("gtidMode", a.gtidMode == b.gtidMode);
    check("executedGtidSet", a.executedGtidSet == b.executedGtidSet);
    check("purgedGtidSet", a.purgedGtidSet == b.purgedGtidSet);
    check("gtidBinlogPos", a.gtidBinlogPos == b.gtidBinlogPos);
    check("gtidSlavePos", a.gtidSlavePos == b.gtidSlavePos);
    check("gtidStrictMode", a.gtidStrictMode == b.gtidStrictMode);
    check("gtidDomainId", a.gtidDomainId == b.gtidDomainId);
    check("selfCoordinates", a.selfCoordinates == b.selfCoordinates);
    check("replication.has_value", a.replication.has_value() == b.replication.has_value());
    if (a.replication && b.replication) {
        const ReplicationState &x = *a.replication;
        const ReplicationState &y = *b.replication;
        check("sourceKey", x.sourceKey == y.sourceKey);
        check("sourceUuid", x.sourceUuid == y.sourceUuid);
        check("sourceUser", x.sourceUser == y.sourceUser);
        check("sourceServerId", x.sourceServerId == y.sourceServerId);
        check("ioThread", x.ioThread == y.ioThread);
        check("sqlThread", x.sqlThread == y.sqlThread);
        check("lastIoErrno", x.lastIoErrno == y.lastIoErrno);
        check("lastIoError", x.lastIoError == y.lastIoError);
        check("lastSqlErrno", x.lastSqlErrno == y.lastSqlErrno);
        check("lastSqlError", x.lastSqlError == y.lastSqlError);
        check("secondsBehindSource", x.secondsBehindSource == y.secondsBehindSource);
        check("sqlDelay", x.sqlDelay == y.sqlDelay);
        check("readCoordinates", x.readCoordinates == y.readCoordinates);
        check("execCoordinates", x.execCoordinates == y.execCoordinates);
        check("relayCoordinates", x.relayCoordinates == y.relayCoordinates);
        check("gtidPositioning", x.gtidPositioning == y.gtidPositioning);
        check("gtidIoPos", x.gtidIoPos == y.gtidIoPos);
        check("retrievedGtidSet", x.retrievedGtidSet == y.retrievedGtidSet);
        check("replication.executedGtidSet", x.executedGtidSet == y.executedGtidSet);
        check("filters", x.filters == y.filters);
        check("sslAllowed", x.sslAllowed == y.sslAllowed);
        check("connectRetry", x.connectRetry == y.connectRetry);
    }
    check("replicaKeys", a.replicaKeys == b.replicaKeys);
    check("semiSync.available", a.semiSync.available == b.semiSync.available);
    check("semiSync.sourceEnabled", a.semiSync.sourceEnabled == b.semiSync.sourceEnabled);
    check("semiSync.replicaEnabled", a.semiSync.replicaEnabled == b.semiSync.replicaEnabled);
    check("semiSync.sourceActive", a.semiSync.sourceActive == b.semiSync.sourceActive);
    check("semiSync.replicaActive", a.semiSync.replicaActive == b.semiSync.replicaActive);
    check("semiSync.sourceClients", a.semiSync.sourceClients == b.semiSync.sourceClients);
    check("semiSync.sourceTimeoutMs", a.semiSync.sourceTimeoutMs == b.semiSync.sourceTimeoutMs);
    check("semiSync.sourceWaitForReplicaCount",
          a.semiSync.sourceWaitForReplicaCount == b.semiSync.sourceWaitForReplicaCount);
    check("heartbeatLagSeconds", a.heartbeatLagSeconds == b.heartbeatLagSeconds);
    check("dataCenter", a.dataCenter == b.dataCenter);
    check("region", a.region == b.region);
    check("lastChecked", a.lastChecked == b.lastChecked);
    check("lastSeen", a.lastSeen == b.lastSeen);
    check("lastCheckValid", a.lastCheckValid == b.lastCheckValid);
    check("lastError", a.lastError == b.lastError);
    check("pollLatencyUs", a.pollLatencyUs == b.pollLatencyUs);
    check("warnings", a.warnings == b.warnings);
    return d;
}

// Every field set to something other than its default.
Instance fullyPopulated()
{
    Instance i;
    i.key = InstanceKey(u"db-2.example.com"_s, 3307);
    i.serverId = 4294967295LL;
    i.serverUuid = u"3e11fa47-71ca-11e1-9e33-c80aa9429562"_s;
    i.version = u"8.0.36-log"_s;
    i.versionComment = u"MySQL Community Server - GPL"_s;
    i.flavour = Flavour::MySQL;
    i.hostname = u"db-2"_s;
    i.reportHost = u"db-2.example.com"_s;
    i.reportPort = 3307;
    i.uptimeSeconds = 123456789;
    i.readOnly = true;
    i.superReadOnly = true;
    i.logBin = true;
    i.logReplicaUpdates = true;
    i.binlogFormat = u"ROW"_s;
    i.binlogRowImage = u"FULL"_s;
    i.replicaNetTimeout = 4;
    i.gtidMode = u"ON"_s;
    i.executedGtidSet = u"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-500"_s;
    i.purgedGtidSet = u"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10"_s;
    i.gtidBinlogPos = u"0-1-500"_s;
    i.gtidSlavePos = u"0-1-499"_s;
    i.gtidStrictMode = true;
    i.gtidDomainId = 7;
    i.selfCoordinates = {u"mysql-bin.000042"_s, 9007199254740993LL}; // beyond double precision
    ReplicationState r;
    r.sourceKey = InstanceKey(u"db-1.example.com"_s, 3306);
    r.sourceUuid = u"8a94f357-aab4-11df-86ab-c80aa9429563"_s;
    r.sourceUser = u"repl"_s;
    r.sourceServerId = 1;
    r.ioThread = ReplicationState::ThreadState::Connecting;
    r.sqlThread = ReplicationState::ThreadState::Running;
    r.lastIoErrno = 2003;
    r.lastIoError = u"error connecting to master 'repl@db-1:3306' - retry-time: 60"_s;
    r.lastSqlErrno = 1062;
    r.lastSqlError = u"Duplicate entry '1' for key 'PRIMARY' — \"quoted\" ünïcode"_s;
    r.secondsBehindSource = 17;
    r.sqlDelay = 3600;
    r.readCoordinates = {u"mysql-bin.000041"_s, 1200};
    r.execCoordinates = {u"mysql-bin.000040"_s, 800};
    r.relayCoordinates = {u"relay-bin.000003"_s, 456};
    r.gtidPositioning = u"auto-position"_s;
    r.gtidIoPos = u"0-1-501"_s;
    r.retrievedGtidSet = u"8a94f357-aab4-11df-86ab-c80aa9429563:1-700"_s;
    r.executedGtidSet = u"8a94f357-aab4-11df-86ab-c80aa9429563:1-690"_s;
    r.filters = {u"Replicate_Do_DB=app"_s, u"Replicate_Ignore_Table=app.tmp"_s};
    r.sslAllowed = true;
    r.connectRetry = 10;
    i.replication = r;
    i.replicaKeys = {InstanceKey(u"db-3.example.com"_s, 3306), InstanceKey(u"::1"_s, 3308)};
    i.semiSync = {true, true, true, true, true, 3, 10000, 2};
    i.heartbeatLagSeconds = 1.234567890123;
    i.dataCenter = u"fra1"_s;
    i.region = u"eu-central"_s;
    i.lastChecked = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 123), Qt::UTC);
    i.lastSeen = QDateTime(QDate(2024, 5, 1), QTime(11, 59, 58, 7), Qt::UTC);
    i.lastCheckValid = true;
    i.lastError = u"last poll timed out\n\tafter 5 s \u0001 \\ \"x\" /"_s; // escapes of every kind
    i.pollLatencyUs = 6844;
    i.warnings = {u"slave_net_timeout is 60 s"_s, u"no heartbeat"_s};
    return i;
}

Instance nonReplica()
{
    Instance i;
    i.key = InstanceKey(u"127.0.0.1"_s, 34061);
    i.serverId = 1;
    i.version = u"10.11.6-MariaDB-0+deb12u1-log"_s;
    i.versionComment = u"Debian 12"_s;
    i.flavour = Flavour::MariaDB;
    i.logBin = true;
    i.binlogFormat = u"ROW"_s;
    i.selfCoordinates = {u"mysql-bin.000001"_s, 1202};
    i.replicaKeys = {InstanceKey(u"127.0.0.1"_s, 34062)};
    i.lastChecked = QDateTime::currentDateTimeUtc();
    i.lastSeen = i.lastChecked;
    i.lastCheckValid = true;
    return i;
}

Instance replicaWithNullLag()
{
    Instance i = nonReplica();
    i.key = InstanceKey(u"127.0.0.1"_s, 34062);
    i.readOnly = true;
    ReplicationState r;
    r.sourceKey = InstanceKey(u"127.0.0.1"_s, 34061);
    r.ioThread = ReplicationState::ThreadState::Stopped;
    r.sqlThread = ReplicationState::ThreadState::Running;
    r.secondsBehindSource = std::nullopt;
    r.gtidPositioning = u"Slave_Pos"_s;
    i.replication = r;
    i.replicaKeys.clear();
    i.lastSeen = QDateTime(); // never seen
    i.lastCheckValid = false;
    return i;
}

Instance roundTrip(const Instance &in)
{
    const QString text = InstanceJson::toText(in);
    const Result<Instance> out = InstanceJson::fromText(text);
    if (!out)
        qFatal("round trip failed: %s", qPrintable(out.error()));
    return out.value();
}

} // namespace

class TestInstanceJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void orchestratorKeys();
    void replicaKeys();
    void zeroLagIsNotNull();
    void timestampsAreIsoUtcWithMs();
    void localTimeComesBackAsTheSameInstant();
    void readsOrchestratorJson();
    void garbage_data();
    void garbage();
    void garbageText();
};

void TestInstanceJson::roundTrip_data()
{
    QTest::addColumn<Instance>("instance");
    QTest::newRow("fully populated") << fullyPopulated();
    QTest::newRow("non-replica") << nonReplica();
    QTest::newRow("replica with NULL lag") << replicaWithNullLag();
    QTest::newRow("default") << Instance{InstanceKey(u"h"_s, 1)};
    Instance replicaWithoutSource = nonReplica();
    replicaWithoutSource.replication = ReplicationState(); // RESET SLAVE left a channel without a source
    QTest::newRow("replication without source") << replicaWithoutSource;
}

void TestInstanceJson::roundTrip()
{
    QFETCH(Instance, instance);
    const Instance back = ::roundTrip(instance);
    QCOMPARE(differences(instance, back), QStringList());
    QCOMPARE(InstanceJson::toJson(back), InstanceJson::toJson(instance));
}

void TestInstanceJson::orchestratorKeys()
{
    const QJsonObject o = InstanceJson::toJson(fullyPopulated());
    QCOMPARE(o.value(u"Key"_s).toObject().value(u"Hostname"_s).toString(), u"db-2.example.com"_s);
    QCOMPARE(o.value(u"Key"_s).toObject().value(u"Port"_s).toInt(), 3307);
    QCOMPARE(o.value(u"ServerID"_s).toInteger(), 4294967295LL);
    QCOMPARE(o.value(u"FlavorName"_s).toString(), u"MySQL"_s);
    QCOMPARE(o.value(u"Binlog_format"_s).toString(), u"ROW"_s);
    QCOMPARE(o.value(u"MasterKey"_s).toObject().value(u"Hostname"_s).toString(), u"db-1.example.com"_s);
    QCOMPARE(o.value(u"Slave_SQL_Running"_s).toBool(), true);
    QCOMPARE(o.value(u"Slave_IO_Running"_s).toBool(), false);
    QCOMPARE(o.value(u"ReplicationSQLThreadState"_s).toInt(), 1);
    QCOMPARE(o.value(u"ReplicationIOThreadState"_s).toInt(), 2); // connecting: "other"
    QCOMPARE(o.value(u"HasReplicationFilters"_s).toBool(), true);
    QCOMPARE(o.value(u"UsingOracleGTID"_s).toBool(), true);
    QCOMPARE(o.value(u"UsingMariaDBGTID"_s).toBool(), false);
    QCOMPARE(o.value(u"SelfBinlogCoordinates"_s).toObject().value(u"LogPos"_s).toInteger(),
             9007199254740993LL);
    QCOMPARE(o.value(u"RelaylogCoordinates"_s).toObject().value(u"Type"_s).toInt(), 1);
    QCOMPARE(o.value(u"SecondsBehindMaster"_s).toObject().value(u"Int64"_s).toInt(), 17);
    QCOMPARE(o.value(u"SecondsBehindMaster"_s).toObject().value(u"Valid"_s).toBool(), true);
    // The heartbeat wins over Seconds_Behind_Master for the lag rules use.
    QCOMPARE(o.value(u"ReplicationLagSeconds"_s).toObject().value(u"Int64"_s).toInt(), 1);
    QCOMPARE(o.value(u"SlaveHosts"_s).toArray().size(), 2);
    QCOMPARE(o.value(u"SemiSyncMasterTimeout"_s).toInt(), 10000);
    QCOMPARE(o.value(u"LastDiscoveryLatency"_s).toInteger(), 6844000LL); // nanoseconds, as orchestrator
    QCOMPARE(o.value(u"IsLastCheckValid"_s).toBool(), true);
    QVERIFY(o.value(u"Arbor"_s).isObject());

    const QJsonObject plain = InstanceJson::toJson(nonReplica());
    QCOMPARE(plain.value(u"ReplicationSQLThreadState"_s).toInt(), -1);
    QCOMPARE(plain.value(u"ReplicationIOThreadState"_s).toInt(), -1);
    QCOMPARE(plain.value(u"MasterKey"_s).toObject().value(u"Port"_s).toInt(), 0);
    QVERIFY(plain.value(u"Arbor"_s).toObject().value(u"Replication"_s).isNull());
}

void TestInstanceJson::replicaKeys()
{
    const QJsonObject o = InstanceJson::toJson(fullyPopulated());
    const QJsonObject second = o.value(u"SlaveHosts"_s).toArray().at(1).toObject();
    QCOMPARE(second.value(u"Hostname"_s).toString(), u"::1"_s);
    QCOMPARE(second.value(u"Port"_s).toInt(), 3308);
}

void TestInstanceJson::zeroLagIsNotNull()
{
    Instance i = replicaWithNullLag();
    i.replication->secondsBehindSource = 0;
    const QJsonObject o = InstanceJson::toJson(i);
    QCOMPARE(o.value(u"SecondsBehindMaster"_s).toObject().value(u"Valid"_s).toBool(), true);
    const Instance back = ::roundTrip(i);
    QCOMPARE(back.replication->secondsBehindSource, std::optional<qint64>(0));

    const QJsonObject nullLag = InstanceJson::toJson(replicaWithNullLag());
    QCOMPARE(nullLag.value(u"SecondsBehindMaster"_s).toObject().value(u"Valid"_s).toBool(), false);
    QCOMPARE(nullLag.value(u"ReplicationLagSeconds"_s).toObject().value(u"Valid"_s).toBool(), false);
}

void TestInstanceJson::timestampsAreIsoUtcWithMs()
{
    const QJsonObject o = InstanceJson::toJson(fullyPopulated());
    QCOMPARE(o.value(u"LastSeenTimestamp"_s).toString(), u"2024-05-01T11:59:58.007Z"_s);
    QCOMPARE(o.value(u"Arbor"_s).toObject().value(u"LastChecked"_s).toString(),
             u"2024-05-01T12:00:00.123Z"_s);
    QCOMPARE(InstanceJson::toJson(replicaWithNullLag()).value(u"LastSeenTimestamp"_s).toString(), QString());
}

void TestInstanceJson::localTimeComesBackAsTheSameInstant()
{
    Instance i = nonReplica();
    i.lastChecked = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 600), Qt::OffsetFromUTC, 7200);
    const Instance back = ::roundTrip(i);
    QCOMPARE(back.lastChecked, i.lastChecked);
    QCOMPARE(back.lastChecked.timeSpec(), Qt::UTC);
}

void TestInstanceJson::readsOrchestratorJson()
{
    // A replica as orchestrator's /api/instance shows it: no "Arbor" object.
    const QByteArray text =
        R"({"Key":{"Hostname":"127.0.0.1","Port":34062},"Uptime":55,"ServerID":2,"ServerUUID":"",
        "Version":"10.11.19-MariaDB-0+deb12u1-log","VersionComment":"Debian 12","FlavorName":"MariaDB","ReadOnly":true,
        "Binlog_format":"ROW","LogBinEnabled":true,"LogSlaveUpdatesEnabled":true,
        "SelfBinlogCoordinates":{"LogFile":"mysql-bin.000001","LogPos":1202,"Type":0},
        "MasterKey":{"Hostname":"127.0.0.1","Port":34061},"Slave_SQL_Running":true,"Slave_IO_Running":true,
        "ReplicationSQLThreadState":1,"ReplicationIOThreadState":1,"UsingMariaDBGTID":true,
        "RelaylogCoordinates":{"LogFile":"34062-relay-bin.000002","LogPos":1501,"Type":1},
        "SecondsBehindMaster":{"Int64":0,"Valid":true},"SlaveHosts":[{"Hostname":"127.0.0.1","Port":34064}],
        "LastSeenTimestamp":"2026-11-25T23:46:05Z","IsLastCheckValid":true,"LastDiscoveryLatency":10147448})";
    const Result<Instance> r = InstanceJson::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY_RESULT(r);
    const Instance &i = r.value();
    QCOMPARE(i.key, InstanceKey(u"127.0.0.1"_s, 34062));
    QCOMPARE(i.flavour, Flavour::MariaDB);
    QVERIFY(i.logReplicaUpdates);
    QVERIFY(i.isReplica());
    QCOMPARE(i.sourceKey(), InstanceKey(u"127.0.0.1"_s, 34061));
    QVERIFY(i.replication->isHealthy());
    QVERIFY(i.usesGtid());
    QCOMPARE(i.replication->relayCoordinates.position, 1501);
    QCOMPARE(i.replication->secondsBehindSource, std::optional<qint64>(0));
    QCOMPARE(i.replicaKeys, QList<InstanceKey>{InstanceKey(u"127.0.0.1"_s, 34064)});
    QCOMPARE(i.lastSeen, QDateTime(QDate(2026, 11, 25), QTime(23, 46, 5), Qt::UTC));
    QCOMPARE(i.pollLatencyUs, 10147);
}

void TestInstanceJson::garbage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("namedKey");
    QTest::newRow("empty object") << QByteArray("{}") << u"'Key'"_s;
    QTest::newRow("key not an object") << QByteArray(R"({"Key":"h:1"})") << u"'Key'"_s;
    QTest::newRow("port is a string")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":"3306"}})") << u"'Key.Port'"_s;
    QTest::newRow("empty hostname") << QByteArray(R"({"Key":{"Hostname":"","Port":3306}})") << u"'Key'"_s;
    QTest::newRow("server id fractional")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"ServerID":1.5})") << u"'ServerID'"_s;
    QTest::newRow("read only a string")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"ReadOnly":"yes"})") << u"'ReadOnly'"_s;
    QTest::newRow("bad timestamp")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"LastSeenTimestamp":"yesterday"})")
        << u"'LastSeenTimestamp'"_s;
    QTest::newRow("thread state out of range")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"ReplicationIOThreadState":7})")
        << u"'ReplicationIOThreadState'"_s;
    QTest::newRow("lag valid not bool")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"SecondsBehindMaster":{"Int64":1,"Valid":1}})")
        << u"'SecondsBehindMaster.Valid'"_s;
    QTest::newRow("replica list item")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"SlaveHosts":[{"Hostname":"a","Port":1},3]})")
        << u"'SlaveHosts[1]'"_s;
    QTest::newRow("nested arbor key")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"Arbor":{"Replication":{"LastIoErrno":"x"}}})")
        << u"'Arbor.Replication.LastIoErrno'"_s;
    QTest::newRow("warnings not strings")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"Arbor":{"Warnings":[1]}})")
        << u"'Arbor.Warnings[0]'"_s;
    QTest::newRow("heartbeat a string")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"Arbor":{"HeartbeatLagSeconds":"1"}})")
        << u"'Arbor.HeartbeatLagSeconds'"_s;
    QTest::newRow("arbor not an object")
        << QByteArray(R"({"Key":{"Hostname":"h","Port":1},"Arbor":[]})") << u"'Arbor'"_s;
}

void TestInstanceJson::garbage()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, namedKey);
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    QVERIFY(doc.isObject());
    const Result<Instance> r = InstanceJson::fromJson(doc.object());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(namedKey), qPrintable(r.error()));
}

void TestInstanceJson::garbageText()
{
    const Result<Instance> notJson = InstanceJson::fromText(u"{not json"_s);
    QVERIFY(!notJson.ok());
    QVERIFY(notJson.error().contains(u"offset"_s));
    const Result<Instance> array = InstanceJson::fromText(u"[1,2]"_s);
    QVERIFY(!array.ok());
    QVERIFY(array.error().contains(u"not a JSON object"_s));
}

QTEST_GUILESS_MAIN(TestInstanceJson)
#include "tst_instancejson.moc"
