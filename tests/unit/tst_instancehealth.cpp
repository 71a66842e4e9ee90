#include "model/instancehealth.h"

#include "dialect/dialect.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

Q_DECLARE_METATYPE(arbor::core::InstanceHealth)

namespace {

using Thread = ReplicationState::ThreadState;

Instance master()
{
    Instance i;
    i.key = InstanceKey(u"127.0.0.1"_s, 3306);
    i.serverId = 1;
    i.version = u"10.11.6-MariaDB-log"_s;
    i.lastCheckValid = true;
    return i;
}

Instance replica(std::optional<qint64> secondsBehind = 0)
{
    Instance i = master();
    i.key = InstanceKey(u"127.0.0.1"_s, 3307);
    i.serverId = 2;
    ReplicationState r;
    r.sourceKey = InstanceKey(u"127.0.0.1"_s, 3306);
    r.ioThread = Thread::Running;
    r.sqlThread = Thread::Running;
    r.secondsBehindSource = secondsBehind;
    i.replication = r;
    return i;
}

// A replica whose status row is one recorded from a real server (tests/data/recorded/<file>.json),
// parsed by its dialect as the probe does; `changes` overwrite columns of the row first.
Instance recordedReplica(const QString &file, const QString &label, const QVariantMap &changes = {})
{
    QFile f(QStringLiteral(ARBOR_TEST_DATA_DIR) + u"/recorded/"_s + file + u".json"_s);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open recorded rows %s", qPrintable(f.fileName()));
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject result = root.value(u"results"_s).toObject().value(label).toObject();
    const QJsonArray columns = result.value(u"columns"_s).toArray();
    const QJsonArray rows = result.value(u"rows"_s).toArray();
    if (columns.isEmpty() || rows.isEmpty())
        qFatal("recorded label %s missing in %s", qPrintable(label), qPrintable(file));
    const QJsonArray row = rows.first().toArray();
    QVariantMap map; // column name -> value, SQL NULL as a null QVariant
    for (qsizetype c = 0; c < columns.size() && c < row.size(); ++c) {
        const QJsonValue v = row.at(c);
        QVariant value;
        if (v.isDouble())
            value = QVariant::fromValue<qlonglong>(v.toInteger());
        else if (!v.isNull())
            value = v.toString();
        map.insert(columns.at(c).toString(), value);
    }
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        map.insert(it.key(), it.value());
    Instance i = replica();
    i.version = root.value(u"version"_s).toString();
    i.replication = Dialect::forServer(i.version, root.value(u"version_comment"_s).toString()).parseReplicaStatus(map);
    if (!i.replication)
        qFatal("recorded row %s of %s does not parse", qPrintable(label), qPrintable(file));
    return i;
}

// What the same replica shows before its first attempt has failed (the first connect_retry seconds
// after START SLAVE or CHANGE MASTER): IO thread connecting, no IO error.
const QVariantMap kNoIoErrorYet{{u"Last_IO_Errno"_s, QVariant::fromValue<qlonglong>(0)},
                                {u"Last_IO_Error"_s, QString()}};

} // namespace

class TestInstanceHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void states_data();
    void states();
    void recordedRows_data();
    void recordedRows();
    void lagThresholdBoundary();
    void heartbeatTakesPrecedence();
    void namesAndSeverity();
};

void TestInstanceHealth::states_data()
{
    QTest::addColumn<Instance>("instance");
    QTest::addColumn<InstanceHealth>("health");

    QTest::newRow("master") << master() << InstanceHealth::Ok;
    QTest::newRow("healthy replica") << replica() << InstanceHealth::Ok;
    QTest::newRow("replica lag unknown but running") << replica(std::nullopt) << InstanceHealth::Ok;
    QTest::newRow("replica with small lag") << replica(5) << InstanceHealth::Ok;
    QTest::newRow("replica lagging") << replica(11) << InstanceHealth::Lagging;

    Instance noSource = replica();
    noSource.replication->sourceKey = InstanceKey(); // channel configured without a usable source
    noSource.replication->ioThread = Thread::Stopped;
    QTest::newRow("channel without source is no replica") << noSource << InstanceHealth::Ok;

    Instance bothStopped = replica(std::nullopt);
    bothStopped.replication->ioThread = Thread::Stopped;
    bothStopped.replication->sqlThread = Thread::Stopped;
    QTest::newRow("both threads stopped") << bothStopped << InstanceHealth::ReplicationStopped;

    Instance sqlStopped = replica(std::nullopt);
    sqlStopped.replication->sqlThread = Thread::Stopped;
    QTest::newRow("sql thread stopped") << sqlStopped << InstanceHealth::ReplicationStopped;

    Instance ioStopped = replica(std::nullopt);
    ioStopped.replication->ioThread = Thread::Stopped;
    QTest::newRow("io thread stopped") << ioStopped << InstanceHealth::ReplicationStopped;

    Instance sqlError = replica(std::nullopt);
    sqlError.replication->sqlThread = Thread::Stopped;
    sqlError.replication->lastSqlErrno = 1062;
    sqlError.replication->lastSqlError = u"Duplicate entry"_s;
    QTest::newRow("sql error") << sqlError << InstanceHealth::ReplicationBroken;

    Instance ioError = replica(std::nullopt);
    ioError.replication->ioThread = Thread::Stopped;
    ioError.replication->lastIoErrno = 1236;
    ioError.replication->lastIoError = u"Got fatal error 1236 from master"_s;
    QTest::newRow("io error") << ioError << InstanceHealth::ReplicationBroken;

    Instance errorButRunning = replica(0);
    errorButRunning.replication->lastIoErrno = 2003; // a past error the threads recovered from is still shown
    QTest::newRow("error with running threads") << errorButRunning << InstanceHealth::ReplicationBroken;

    Instance connectingWithText = replica(std::nullopt);
    connectingWithText.replication->ioThread = Thread::Connecting;
    connectingWithText.replication->lastIoError = u"error connecting to master"_s;
    QTest::newRow("connecting with error text") << connectingWithText << InstanceHealth::ReplicationBroken;

    Instance connecting = replica(std::nullopt);
    connecting.replication->ioThread = Thread::Connecting;
    QTest::newRow("connecting without error") << connecting << InstanceHealth::Connecting;

    Instance connectingWithErrno = connecting;
    connectingWithErrno.replication->lastIoErrno = 2003;
    connectingWithErrno.replication->lastIoError = u"Can't connect to server on '127.0.0.1' (111)"_s;
    QTest::newRow("connecting with error 2003") << connectingWithErrno << InstanceHealth::ReplicationBroken;

    Instance connectingSqlStopped = connecting;
    connectingSqlStopped.replication->sqlThread = Thread::Stopped; // will not start by itself
    QTest::newRow("connecting io, stopped sql") << connectingSqlStopped << InstanceHealth::ReplicationStopped;

    Instance connectingAndBehind = connecting;
    connectingAndBehind.heartbeatLagSeconds = 900.0;
    QTest::newRow("connecting beats lagging") << connectingAndBehind << InstanceHealth::Connecting;

    Instance connectingSqlError = connecting;
    connectingSqlError.replication->sqlThread = Thread::Stopped;
    connectingSqlError.replication->lastSqlErrno = 1062;
    QTest::newRow("connecting io, sql error") << connectingSqlError << InstanceHealth::ReplicationBroken;

    Instance connectingDown = connecting;
    connectingDown.lastCheckValid = false;
    QTest::newRow("unreachable while connecting") << connectingDown << InstanceHealth::Unreachable;

    Instance brokenAndLagging = replica(500);
    brokenAndLagging.replication->lastSqlErrno = 1032;
    QTest::newRow("broken beats lagging") << brokenAndLagging << InstanceHealth::ReplicationBroken;

    Instance stoppedAndHeartbeat = bothStopped;
    stoppedAndHeartbeat.heartbeatLagSeconds = 900.0;
    QTest::newRow("stopped beats heartbeat lag") << stoppedAndHeartbeat << InstanceHealth::ReplicationStopped;

    Instance down = replica();
    down.lastCheckValid = false;
    down.lastError = u"cannot connect"_s;
    QTest::newRow("unreachable replica with healthy facts") << down << InstanceHealth::Unreachable;

    Instance downMaster = master();
    downMaster.lastCheckValid = false;
    QTest::newRow("unreachable master") << downMaster << InstanceHealth::Unreachable;

    QTest::newRow("never polled") << Instance() << InstanceHealth::Unreachable;

    Instance masterHeartbeat = master();
    masterHeartbeat.heartbeatLagSeconds = 900.0; // a master's heartbeat table is its own: not lag
    QTest::newRow("master with heartbeat value") << masterHeartbeat << InstanceHealth::Ok;
}

void TestInstanceHealth::states()
{
    QFETCH(Instance, instance);
    QFETCH(InstanceHealth, health);
    QCOMPARE(healthOf(instance, 10), health);
}

void TestInstanceHealth::recordedRows_data()
{
    QTest::addColumn<Instance>("instance");
    QTest::addColumn<InstanceHealth>("health");

    QTest::newRow("mariadb 10.11 running") << recordedReplica(u"mariadb-10.11"_s, u"replica_status_healthy"_s)
                                           << InstanceHealth::Ok;
    // Slave_IO_Running: Connecting, Last_IO_Errno 2003: its source's port is closed.
    QTest::newRow("mariadb 10.11 connecting, error 2003")
        << recordedReplica(u"mariadb-10.11"_s, u"replica_status_broken"_s) << InstanceHealth::ReplicationBroken;
    QTest::newRow("mariadb 10.11 connecting, no error yet")
        << recordedReplica(u"mariadb-10.11"_s, u"replica_status_broken"_s, kNoIoErrorYet) << InstanceHealth::Connecting;
    // Replica_IO_Running: Connecting, Last_IO_Errno 2061: the source refuses its login.
    QTest::newRow("mysql 8.4 connecting, error 2061")
        << recordedReplica(u"mysql-8.4"_s, u"replica_status_broken"_s) << InstanceHealth::ReplicationBroken;
    QVariantMap mysqlNoError = kNoIoErrorYet;
    mysqlNoError.insert(u"Last_IO_Error_Timestamp"_s, QString());
    QTest::newRow("mysql 8.4 connecting, no error yet")
        << recordedReplica(u"mysql-8.4"_s, u"replica_status_broken"_s, mysqlNoError) << InstanceHealth::Connecting;
    // Only the error number left (the text cleared) still counts as broken.
    QTest::newRow("mysql 8.4 connecting, errno without text")
        << recordedReplica(u"mysql-8.4"_s, u"replica_status_broken"_s, {{u"Last_IO_Error"_s, QString()}})
        << InstanceHealth::ReplicationBroken;
    QTest::newRow("mysql 5.7 sql error 1062") << recordedReplica(u"mysql-5.7"_s, u"replica_status_broken"_s)
                                              << InstanceHealth::ReplicationBroken;
}

void TestInstanceHealth::recordedRows()
{
    QFETCH(Instance, instance);
    QFETCH(InstanceHealth, health);
    QCOMPARE(healthOf(instance, 10), health);
    QCOMPARE(healthName(healthOf(instance, 10)), healthName(health));
}

void TestInstanceHealth::lagThresholdBoundary()
{
    QCOMPARE(healthOf(replica(10), 10), InstanceHealth::Ok); // at the threshold is still fine
    QCOMPARE(healthOf(replica(11), 10), InstanceHealth::Lagging);
    QCOMPARE(healthOf(replica(11), 11), InstanceHealth::Ok);
    QCOMPARE(healthOf(replica(1), 0), InstanceHealth::Lagging);
    QCOMPARE(healthOf(replica(0), 0), InstanceHealth::Ok);
    QCOMPARE(healthOf(replica(3600), 3600), InstanceHealth::Ok);
    QCOMPARE(healthOf(replica(-1), 0), InstanceHealth::Ok); // clock skew is not lag
    QCOMPARE(replica(-5).lagSeconds(), std::optional<qint64>(0));
}

void TestInstanceHealth::heartbeatTakesPrecedence()
{
    // Seconds_Behind_Master says 0 but the heartbeat shows the replica far behind.
    Instance hidden = replica(0);
    hidden.heartbeatLagSeconds = 45.2;
    QCOMPARE(hidden.lagSeconds(), std::optional<qint64>(45));
    QCOMPARE(healthOf(hidden, 10), InstanceHealth::Lagging);

    // Seconds_Behind_Master jumps (e.g. after a long transaction) while the heartbeat is current.
    Instance spurious = replica(500);
    spurious.heartbeatLagSeconds = 0.4;
    QCOMPARE(spurious.lagSeconds(), std::optional<qint64>(0));
    QCOMPARE(healthOf(spurious, 10), InstanceHealth::Ok);

    // The heartbeat applies even when Seconds_Behind_Master is NULL.
    Instance nullSbm = replica(std::nullopt);
    nullSbm.heartbeatLagSeconds = 12.5;
    QCOMPARE(nullSbm.lagSeconds(), std::optional<qint64>(13)); // rounded to nearest
    QCOMPARE(healthOf(nullSbm, 10), InstanceHealth::Lagging);
    QCOMPARE(healthOf(nullSbm, 13), InstanceHealth::Ok);

    Instance ahead = replica(20);
    ahead.heartbeatLagSeconds = -3.0; // clocks disagree: not negative lag
    QCOMPARE(ahead.lagSeconds(), std::optional<qint64>(0));
    QCOMPARE(healthOf(ahead, 10), InstanceHealth::Ok);
}

void TestInstanceHealth::namesAndSeverity()
{
    QCOMPARE(healthName(InstanceHealth::Ok), u"ok"_s);
    QCOMPARE(healthName(InstanceHealth::Lagging), u"lagging"_s);
    QCOMPARE(healthName(InstanceHealth::Connecting), u"connecting"_s);
    QCOMPARE(healthName(InstanceHealth::ReplicationStopped), u"stopped"_s);
    QCOMPARE(healthName(InstanceHealth::ReplicationBroken), u"broken"_s);
    QCOMPARE(healthName(InstanceHealth::Unreachable), u"unreachable"_s);

    QVERIFY(healthSeverity(InstanceHealth::Ok) < healthSeverity(InstanceHealth::Lagging));
    QVERIFY(healthSeverity(InstanceHealth::Lagging) < healthSeverity(InstanceHealth::Connecting));
    QVERIFY(healthSeverity(InstanceHealth::Connecting) < healthSeverity(InstanceHealth::ReplicationStopped));
    QVERIFY(healthSeverity(InstanceHealth::ReplicationStopped) < healthSeverity(InstanceHealth::ReplicationBroken));
    QVERIFY(healthSeverity(InstanceHealth::ReplicationBroken) < healthSeverity(InstanceHealth::Unreachable));
}

QTEST_GUILESS_MAIN(TestInstanceHealth)
#include "tst_instancehealth.moc"
