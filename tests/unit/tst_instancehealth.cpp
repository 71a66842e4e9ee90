#include "model/instancehealth.h"

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

} // namespace

class TestInstanceHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void states_data();
    void states();
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
    QTest::newRow("connecting without error") << connecting << InstanceHealth::ReplicationBroken;

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
    QCOMPARE(healthName(InstanceHealth::ReplicationStopped), u"stopped"_s);
    QCOMPARE(healthName(InstanceHealth::ReplicationBroken), u"broken"_s);
    QCOMPARE(healthName(InstanceHealth::Unreachable), u"unreachable"_s);

    QVERIFY(healthSeverity(InstanceHealth::Ok) < healthSeverity(InstanceHealth::Lagging));
    QVERIFY(healthSeverity(InstanceHealth::Lagging) < healthSeverity(InstanceHealth::ReplicationStopped));
    QVERIFY(healthSeverity(InstanceHealth::ReplicationStopped) < healthSeverity(InstanceHealth::ReplicationBroken));
    QVERIFY(healthSeverity(InstanceHealth::ReplicationBroken) < healthSeverity(InstanceHealth::Unreachable));
}

QTEST_GUILESS_MAIN(TestInstanceHealth)
#include "tst_instancehealth.moc"
