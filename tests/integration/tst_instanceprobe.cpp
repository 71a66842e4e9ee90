// One probe against real servers: facts per field, heartbeat lag, data centre, warnings, privileges.
#include "resultassert.h"
#include "sandbox.h"
#include "waitfor.h"

#include "probe/instanceprobe.h"
#include "probe/privilegecheck.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestInstanceProbe : public QObject
{
    Q_OBJECT

    Sandbox m_sandbox{{SandboxShape::Chain, 2, true}};

    ProbeOptions options() const
    {
        ProbeOptions o;
        o.credentials = Credentials(m_sandbox.user(), m_sandbox.password());
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        auto started = m_sandbox.start();
        QVERIFY_RESULT(started);
    }

    void factsOfASourceAndAReplica()
    {
        QVERIFY(m_sandbox.execute(0, u"CREATE DATABASE IF NOT EXISTS t"_s).ok());
        QVERIFY(m_sandbox.execute(0, u"CREATE TABLE IF NOT EXISTS t.x (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(m_sandbox.execute(0, u"INSERT INTO t.x VALUES (1)"_s).ok());

        InstanceProbe source(m_sandbox.key(0), options());
        const Instance s = source.poll();
        QVERIFY2(s.lastCheckValid, qPrintable(s.lastError));
        QCOMPARE(s.serverId, 1);
        QVERIFY(s.logBin && s.logReplicaUpdates);
        QVERIFY(!s.readOnly);
        QVERIFY(!s.isReplica());
        QVERIFY(s.selfCoordinates.isValid());
        QVERIFY2(s.gtidBinlogPos.startsWith(u"0-1-"_s), qPrintable(s.gtidBinlogPos));
        QCOMPARE(s.replicaKeys, QList<InstanceKey>{m_sandbox.key(1)});
        QCOMPARE(s.reportHost, u"127.0.0.1"_s);
        QVERIFY(s.uptimeSeconds >= 0);
        QVERIFY(s.pollLatencyUs > 0);
        QVERIFY(s.lastSeen.isValid());

        InstanceProbe replica(m_sandbox.key(1), options());
        const Instance r = replica.poll();
        QVERIFY2(r.lastCheckValid, qPrintable(r.lastError));
        QVERIFY(r.isReplica());
        QCOMPARE(r.sourceKey(), m_sandbox.key(0));
        QVERIFY(r.readOnly);
        QVERIFY(r.replication->isHealthy());
        QCOMPARE(r.replication->gtidPositioning.toLower(), u"slave_pos"_s);
        QCOMPARE(r.replication->sourceServerId, 1);
        QCOMPARE(r.replicaNetTimeout, 4);
        QVERIFY(r.warnings.isEmpty()); // the sandbox is set up for fast detection
    }

    void heartbeatLagOverridesSecondsBehind()
    {
        ProbeOptions o = options();
        o.heartbeatQuery = u"SELECT 42.4"_s;
        InstanceProbe replica(m_sandbox.key(1), o);
        const Instance r = replica.poll();
        QVERIFY(r.heartbeatLagSeconds.has_value());
        QCOMPARE(r.lagSeconds().value(), 42);

        o.heartbeatQuery = u"SELECT * FROM no_such.heartbeat"_s;
        InstanceProbe broken(m_sandbox.key(1), o);
        const Instance b = broken.poll();
        QVERIFY(b.lastCheckValid);
        QVERIFY(!b.heartbeatLagSeconds);
        QCOMPARE(b.lagSeconds().value(), 0);
        QVERIFY(b.warnings.join(u' ').contains(u"heartbeat query failed"_s));
    }

    void dataCentreFromHostName()
    {
        ProbeOptions o = options();
        o.dataCenterPattern = QRegularExpression(u"^(\\d+)\\."_s);
        InstanceProbe probe(m_sandbox.key(0), o);
        QCOMPARE(probe.poll().dataCenter, u"127"_s);
    }

    void slowDetectionSettingsAreWarned()
    {
        QVERIFY(m_sandbox.execute(1, u"STOP SLAVE"_s).ok());
        QVERIFY(m_sandbox.execute(1, u"SET GLOBAL slave_net_timeout = 60"_s).ok());
        QVERIFY(m_sandbox.execute(1, u"START SLAVE"_s).ok());
        InstanceProbe replica(m_sandbox.key(1), options());
        const Instance r = replica.poll();
        QVERIFY2(r.warnings.join(u' ').contains(u"slave_net_timeout is 60 s"_s), qPrintable(r.warnings.join(u'|')));
        QVERIFY(m_sandbox.execute(1, u"SET GLOBAL slave_net_timeout = 4"_s).ok());
    }

    void privilegesOfAWeakUser()
    {
        QVERIFY(m_sandbox.execute(0, u"CREATE USER IF NOT EXISTS 'mon'@'%' IDENTIFIED BY 'monpw'"_s).ok());
        QVERIFY(m_sandbox.execute(0, u"GRANT PROCESS, SLAVE MONITOR, BINLOG MONITOR ON *.* TO 'mon'@'%'"_s).ok());
        ProbeOptions o;
        o.credentials = Credentials(u"mon"_s, u"monpw"_s);
        InstanceProbe weak(m_sandbox.key(0), o);
        auto report = PrivilegeCheck::run(weak);
        QVERIFY_RESULT(report);
        QVERIFY(report->missing.contains(u"READ_ONLY ADMIN"_s));
        QVERIFY(report->missing.contains(u"REPLICATION MASTER ADMIN"_s));
        QVERIFY(!report->missing.contains(u"PROCESS"_s));
        // Without REPLICATION MASTER ADMIN, SHOW SLAVE HOSTS fails: replicas are still found through
        // the processlist, and the poll says why it fell back.
        const Instance i = weak.poll();
        QVERIFY2(i.lastCheckValid, qPrintable(i.lastError));
        QVERIFY2(i.warnings.join(u' ').contains(u"falling back to the processlist"_s), qPrintable(i.warnings.join(u'|')));
        // The processlist knows only the replica's host; its port is guessed as the source's own.
        QCOMPARE(i.replicaKeys, QList<InstanceKey>{InstanceKey(u"127.0.0.1"_s, m_sandbox.port(0))});
        // Batched as the poller sends it: the refused SHOW SLAVE HOSTS comes last in the batch, so the
        // poll still has every other fact and falls back the same way.
        o.batchStatements = true;
        InstanceProbe batched(m_sandbox.key(0), o);
        QVERIFY(batched.poll().lastCheckValid); // first poll of a connection: one by one
        const Instance b = batched.poll();
        QVERIFY2(b.lastCheckValid, qPrintable(b.lastError));
        QVERIFY2(b.warnings.join(u' ').contains(u"falling back to the processlist"_s), qPrintable(b.warnings.join(u'|')));
        QCOMPARE(b.replicaKeys, i.replicaKeys);
        QCOMPARE(b.serverId, i.serverId);
        QVERIFY(b.selfCoordinates.isValid());

        InstanceProbe full(m_sandbox.key(0), options());
        auto good = PrivilegeCheck::run(full);
        QVERIFY(good.ok());
        QVERIFY2(good->missing.isEmpty(), qPrintable(good->missing.join(u", "_s)));
    }

    // Uptime is read on the first poll of a connection and every 12th after (without semi-sync);
    // between reads it counts on, and a restart (a new connection) reads it afresh.
    void uptimeCountsOnAndStartsAgainAfterARestart()
    {
        InstanceProbe probe(m_sandbox.key(1), options());
        const Instance first = probe.poll();
        QVERIFY2(first.lastCheckValid, qPrintable(first.lastError));
        Instance before;
        QVERIFY(waitFor([&] {
            before = probe.poll();
            return before.lastCheckValid && before.uptimeSeconds >= first.uptimeSeconds + 3;
        }, 10000));
        qInfo("uptime %lld s, %lld s later", first.uptimeSeconds, before.uptimeSeconds);
        QVERIFY(m_sandbox.restart(1).ok());
        Instance after;
        QVERIFY(waitFor([&] {
            after = probe.poll();
            return after.lastCheckValid;
        }, 20000));
        QVERIFY2(after.uptimeSeconds < before.uptimeSeconds,
                 qPrintable(u"%1 s after the restart, %2 s before"_s.arg(after.uptimeSeconds).arg(before.uptimeSeconds)));
    }
};

QTEST_GUILESS_MAIN(TestInstanceProbe)
#include "tst_instanceprobe.moc"
