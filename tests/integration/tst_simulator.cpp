// The fleet simulator as a real client sees it: the Qt QMYSQL driver reads what it serves, wrong
// passwords are refused with 1045, Arbor's own probe reads replication facts, and faults (dead,
// hung, slow, broken replication) look to the probe as they would on real servers.
#include "resultassert.h"
#include "simulator.h"
#include "waitfor.h"

#include "dialect/dialect.h"
#include "probe/instanceprobe.h"
#include "probe/privilegecheck.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::simulator;
using namespace arbor::testsupport;

class TestSimulator : public QObject
{
    Q_OBJECT

    std::unique_ptr<Simulator> m_sim;
    int m_connections = 0;

    ProbeOptions probeOptions(const QString &password = u"secret"_s) const
    {
        ProbeOptions o;
        o.credentials = Credentials(u"arbor"_s, password);
        o.connectTimeoutSeconds = 1;
        o.readTimeoutSeconds = 1;
        return o;
    }

    Instance poll(int i)
    {
        InstanceProbe probe(m_sim->key(i), probeOptions());
        return probe.poll();
    }

    // A plain QMYSQL connection, as any Qt client would open it.
    QSqlDatabase open(int i, const QString &password, bool *opened)
    {
        const QString name = u"tst-simulator-%1"_s.arg(++m_connections);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, name);
        db.setHostName(u"127.0.0.1"_s);
        db.setPort(m_sim->port(i));
        db.setUserName(u"arbor"_s);
        db.setPassword(password);
        db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT=1;MYSQL_OPT_READ_TIMEOUT=1"_s);
        *opened = db.open();
        return db;
    }

    static QList<QVariantMap> rows(QSqlQuery &q)
    {
        QList<QVariantMap> out;
        while (q.next()) {
            QVariantMap row;
            for (int c = 0; c < q.record().count(); ++c)
                row.insert(q.record().fieldName(c), q.value(c));
            out << row;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        FleetOptions o;
        o.servers = 40; // 4 clusters of 10: 0 -> 1,2,3; 1 -> 4,5,6; 2 -> 7,8,9
        o.clusterSize = 10;
        o.fanout = 3;
        o.password = "secret";
        o.laggingShare = 0;
        m_sim = std::make_unique<Simulator>(o);
        auto started = m_sim->start();
        QVERIFY_RESULT(started);
    }

    void cleanupTestCase()
    {
        m_sim.reset();
        const QStringList names = QSqlDatabase::connectionNames();
        for (const QString &name : names)
            QSqlDatabase::removeDatabase(name);
    }

    void qmysqlReadsWhatItServes()
    {
        bool opened = false;
        QSqlDatabase db = open(1, u"secret"_s, &opened);
        QVERIFY2(opened, qPrintable(db.lastError().text()));
        {
            QSqlQuery q(db);
            QVERIFY2(q.exec(Dialect::identityQuery()), qPrintable(q.lastError().text()));
            QVERIFY(q.next());
            QVERIFY(q.value(u"version"_s).toString().startsWith(u"10.11."_s));
            QVERIFY(q.value(u"version"_s).toString().contains(u"MariaDB"_s));

            const Dialect dialect = Dialect::forServer(q.value(0).toString(), q.value(1).toString());
            QVERIFY(dialect.isMariaDB());
            QVERIFY2(q.exec(dialect.variablesQuery()), qPrintable(q.lastError().text()));
            QVERIFY(q.next());
            QCOMPARE(q.value(u"server_id"_s).toLongLong(), 2);
            QCOMPARE(q.value(u"report_port"_s).toInt(), int(m_sim->port(1)));
            QCOMPARE(q.value(u"read_only"_s).toInt(), 1);
            // Numbers arrive typed, as from a real server (LONGLONG columns), strings as strings.
            QVERIFY(q.value(u"server_id"_s).typeId() == QMetaType::ULongLong
                    || q.value(u"server_id"_s).typeId() == QMetaType::LongLong);
            QCOMPARE(q.value(u"binlog_format"_s).toString(), u"ROW"_s);
            QVERIFY(q.value(u"gtid_current_pos"_s).toString().startsWith(u"0-1-"_s));

            QVERIFY(q.exec(u"SHOW SLAVE HOSTS"_s));
            QList<int> ports;
            for (const QVariantMap &row : rows(q)) {
                ports << row.value(u"Port"_s).toInt();
                QCOMPARE(row.value(u"Master_id"_s).toInt(), 2);
            }
            std::sort(ports.begin(), ports.end());
            QCOMPARE(ports, (QList<int>{m_sim->port(4), m_sim->port(5), m_sim->port(6)}));

            QVERIFY(q.exec(u"SHOW SLAVE STATUS"_s));
            const QList<QVariantMap> status = rows(q);
            QCOMPARE(status.size(), 1);
            QCOMPARE(q.record().count(), 54);
            QCOMPARE(status.first().value(u"Master_Port"_s).toInt(), int(m_sim->port(0)));
            QCOMPARE(status.first().value(u"Slave_IO_Running"_s).toString(), u"Yes"_s);
            QCOMPARE(status.first().value(u"Using_Gtid"_s).toString(), u"Slave_Pos"_s);
            QVERIFY(status.first().value(u"SQL_Remaining_Delay"_s).isNull());

            QVERIFY(q.exec(u"SHOW GLOBAL STATUS WHERE Variable_name = 'Uptime' OR Variable_name LIKE 'Rpl_semi_sync%'"_s));
            const QList<QVariantMap> statusRows = rows(q);
            QCOMPARE(statusRows.size(), 19);
            QVERIFY(q.exec(u"SHOW GLOBAL VARIABLES LIKE 'rpl_semi_sync%'"_s));
            QCOMPARE(rows(q).size(), 9);

            QVERIFY(!q.exec(u"SELECT @@global.server_uuid"_s)); // MariaDB has none
            QCOMPARE(q.lastError().nativeErrorCode(), u"1193"_s);
            QVERIFY(q.exec(u"SELECT 1"_s));
        }
        db.close();
    }

    void wrongPasswordIsRefusedWith1045()
    {
        bool opened = true;
        QSqlDatabase db = open(0, u"wrong"_s, &opened);
        QVERIFY(!opened);
        QCOMPARE(db.lastError().nativeErrorCode(), u"1045"_s);
        QVERIFY(db.lastError().databaseText().contains(u"Access denied for user 'arbor'"_s));
        const Instance failed = InstanceProbe(m_sim->key(0), probeOptions(u"wrong"_s)).poll();
        QVERIFY(!failed.lastCheckValid);
        QVERIFY2(failed.lastError.contains(u"access denied"_s), qPrintable(failed.lastError));
        QVERIFY(m_sim->stats().authFailures >= 2);
    }

    void probeReadsTheTree()
    {
        const Instance master = poll(0);
        QVERIFY2(master.lastCheckValid, qPrintable(master.lastError));
        QVERIFY(!master.isReplica());
        QVERIFY(!master.readOnly);
        QCOMPARE(master.flavour, Flavour::MariaDB);
        QCOMPARE(master.replicaKeys.size(), 3);
        QVERIFY(master.warnings.isEmpty());

        const Instance intermediate = poll(2);
        QVERIFY2(intermediate.lastCheckValid, qPrintable(intermediate.lastError));
        QCOMPARE(intermediate.sourceKey(), m_sim->key(0));
        QVERIFY(intermediate.replication->isHealthy());
        QVERIFY(intermediate.replication->usesGtid());
        QCOMPARE(intermediate.replicaKeys.size(), 3);
        QVERIFY(intermediate.replicaKeys.contains(m_sim->key(7)));
        QVERIFY2(intermediate.warnings.isEmpty(), qPrintable(intermediate.warnings.join(u"; "_s)));

        const Instance leaf = poll(9);
        QVERIFY2(leaf.lastCheckValid, qPrintable(leaf.lastError));
        QCOMPARE(leaf.sourceKey(), m_sim->key(2));
        QVERIFY(leaf.replicaKeys.isEmpty());
        QCOMPARE(leaf.replication->secondsBehindSource, std::optional<qint64>(0));
        QVERIFY(leaf.selfCoordinates.position > 4);

        // Another cluster is another tree.
        const Instance other = poll(14);
        QCOMPARE(other.sourceKey(), m_sim->key(11));

        InstanceProbe probe(m_sim->key(3), probeOptions());
        const auto report = PrivilegeCheck::run(probe);
        QVERIFY_RESULT(report);
        QVERIFY2(report->missing.isEmpty(), qPrintable(report->missing.join(u", "_s)));
    }

    void lagIsReportedAndMoves()
    {
        m_sim->setLag(5, 7);
        QCOMPARE(poll(5).replication->secondsBehindSource, std::optional<qint64>(7));
        m_sim->setLag(5, std::nullopt);
        QCOMPARE(poll(5).replication->secondsBehindSource, std::optional<qint64>(0));

        // A fleet where every replica lags on a 2 s cycle: two polls see two different lags.
        FleetOptions o;
        o.servers = 2;
        o.clusterSize = 2;
        o.laggingShare = 1;
        o.lagAmplitudeSeconds = 10;
        o.lagPeriodSeconds = 2;
        o.password = "secret";
        Simulator moving(o);
        QVERIFY(moving.start().ok());
        QSet<qint64> seen;
        QVERIFY(waitFor([&] {
            const Instance i = InstanceProbe(moving.key(1), probeOptions()).poll();
            if (i.lastCheckValid && i.replication && i.replication->secondsBehindSource)
                seen.insert(*i.replication->secondsBehindSource);
            return seen.size() >= 3;
        }, 5000));
    }

    void deadServerRefusesAndComesBack()
    {
        m_sim->setNetworkFault(4, NetworkFault::Dead);
        const Instance dead = poll(4);
        QVERIFY(!dead.lastCheckValid);
        QVERIFY2(dead.lastError.contains(u"refused"_s), qPrintable(dead.lastError));
        // Its source no longer lists it.
        const Instance source = poll(1);
        QVERIFY(!source.replicaKeys.contains(m_sim->key(4)));
        QCOMPARE(source.replicaKeys.size(), 2);
        m_sim->setNetworkFault(4, NetworkFault::None);
        QVERIFY2(poll(4).lastCheckValid, qPrintable(poll(4).lastError));
        QCOMPARE(poll(1).replicaKeys.size(), 3);
    }

    void deadSourceShowsOnItsReplicas()
    {
        m_sim->setNetworkFault(11, NetworkFault::Dead);
        const Instance replica = poll(14);
        QVERIFY(replica.lastCheckValid);
        QCOMPARE(replica.replication->ioThread, ReplicationState::ThreadState::Connecting);
        QCOMPARE(replica.replication->lastIoErrno, 2003);
        QVERIFY(!replica.replication->secondsBehindSource.has_value());
        m_sim->setNetworkFault(11, NetworkFault::None);
        QVERIFY(poll(14).replication->isHealthy());
    }

    void hungServerTimesOut()
    {
        // An open connection that stops answering, then new connections that get no greeting.
        InstanceProbe probe(m_sim->key(20), probeOptions());
        QVERIFY(probe.poll().lastCheckValid);
        m_sim->setNetworkFault(20, NetworkFault::Hung);
        QElapsedTimer t;
        t.start();
        const Instance hung = probe.poll();
        QVERIFY(!hung.lastCheckValid);
        QVERIFY2(t.elapsed() < 3500, qPrintable(u"took %1 ms"_s.arg(t.elapsed())));
        t.restart();
        const Instance fresh = poll(20);
        QVERIFY(!fresh.lastCheckValid);
        QVERIFY2(t.elapsed() >= 900 && t.elapsed() < 3500, qPrintable(u"took %1 ms"_s.arg(t.elapsed())));
        QVERIFY2(!fresh.lastError.contains(u"refused"_s), qPrintable(fresh.lastError));
        m_sim->setNetworkFault(20, NetworkFault::None);
        QVERIFY(waitFor([&] { return probe.poll().lastCheckValid; }, 5000));
    }

    void slowServerAnswersLate()
    {
        InstanceProbe probe(m_sim->key(21), probeOptions());
        QVERIFY(probe.poll().lastCheckValid);
        m_sim->setNetworkFault(21, NetworkFault::Slow, 40);
        const Instance slow = probe.poll();
        QVERIFY2(slow.lastCheckValid, qPrintable(slow.lastError));
        // Four statements on a reused connection without semi-sync (variables, replica status, binary
        // log status, replica hosts; rarely-changing facts are read every 12th poll), each 40 ms late.
        QVERIFY2(slow.pollLatencyUs >= 4 * 40'000, qPrintable(QString::number(slow.pollLatencyUs)));
        QVERIFY2(slow.pollLatencyUs < 5 * 40'000, qPrintable(QString::number(slow.pollLatencyUs)));
        m_sim->setNetworkFault(21, NetworkFault::None);
        const Instance fast = probe.poll();
        QVERIFY(fast.pollLatencyUs < slow.pollLatencyUs);
    }

    // The poller sends a poll's statements as one batch once the connection knows the server: one
    // round trip, the same facts.
    void batchedPollIsOneRoundTripWithTheSameFacts()
    {
        ProbeOptions batched = probeOptions();
        batched.batchStatements = true;
        InstanceProbe probe(m_sim->key(22), batched);
        const Instance first = probe.poll(); // a connection's first poll reads everything one by one
        QVERIFY2(first.lastCheckValid, qPrintable(first.lastError));
        m_sim->setNetworkFault(22, NetworkFault::Slow, 40);
        const Instance second = probe.poll();
        m_sim->setNetworkFault(22, NetworkFault::None);
        QVERIFY2(second.lastCheckValid, qPrintable(second.lastError));
        QVERIFY2(second.pollLatencyUs >= 40'000 && second.pollLatencyUs < 2 * 40'000,
                 qPrintable(QString::number(second.pollLatencyUs)));
        const Instance single = InstanceProbe(m_sim->key(22), probeOptions()).poll();
        QCOMPARE(second.serverId, single.serverId);
        QCOMPARE(second.sourceKey(), single.sourceKey());
        QCOMPARE(second.replicaKeys, single.replicaKeys);
        QCOMPARE(second.logBin, single.logBin);
        QCOMPARE(second.readOnly, single.readOnly);
        QVERIFY(second.selfCoordinates.isValid());
        QCOMPARE(second.selfCoordinates.file, single.selfCoordinates.file);
    }

    void brokenReplication()
    {
        m_sim->setReplicationFault(27, ReplicationFault::BrokenSql);
        Instance broken = poll(27);
        QVERIFY(broken.lastCheckValid);
        QCOMPARE(broken.replication->sqlThread, ReplicationState::ThreadState::Stopped);
        QCOMPARE(broken.replication->ioThread, ReplicationState::ThreadState::Running);
        QCOMPARE(broken.replication->lastSqlErrno, 1062);
        QVERIFY(poll(22).replicaKeys.contains(m_sim->key(27))); // the IO thread is still connected

        m_sim->setReplicationFault(27, ReplicationFault::BrokenIo);
        broken = poll(27);
        QCOMPARE(broken.replication->ioThread, ReplicationState::ThreadState::Stopped);
        QCOMPARE(broken.replication->lastIoErrno, 1236);
        QVERIFY(!poll(22).replicaKeys.contains(m_sim->key(27)));
        m_sim->setReplicationFault(27, ReplicationFault::None);
        QVERIFY(poll(27).replication->isHealthy());
    }

    void masterGtidWaitAnswersAtOnce()
    {
        // A relocation by GTID waits on the new source with MASTER_GTID_WAIT: reached -> 0, a position
        // the server has not applied -> -1 (timed out) at once, since the simulator never blocks.
        bool opened = false;
        QSqlDatabase db = open(5, u"secret"_s, &opened);
        QVERIFY2(opened, qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        QVERIFY2(q.exec(u"SELECT @@gtid_current_pos"_s) && q.next(), qPrintable(q.lastError().text()));
        const QStringList pos = q.value(0).toString().split(u'-');
        QCOMPARE(pos.size(), 3);
        QVERIFY2(q.exec(u"SELECT MASTER_GTID_WAIT('%1', 60) AS result"_s.arg(pos.join(u'-'))) && q.next(),
                 qPrintable(q.lastError().text()));
        QCOMPARE(q.record().fieldName(0), u"result"_s);
        QCOMPARE(q.value(0).toInt(), 0);
        const QString ahead = u"%1-%2-%3"_s.arg(pos.at(0), pos.at(1)).arg(pos.at(2).toLongLong() + 1000000);
        QVERIFY2(q.exec(u"SELECT MASTER_GTID_WAIT('%1', 60) AS result"_s.arg(ahead)) && q.next(), qPrintable(q.lastError().text()));
        QCOMPARE(q.value(0).toInt(), -1);
        QVERIFY(!q.exec(u"SELECT MASTER_GTID_WAIT('not-a-gtid', 1)"_s));
    }

    void replicationStatementsChangeTheTree()
    {
        // Move 36 (under 32) below 31, as a relocation would: STOP SLAVE, CHANGE MASTER TO, START SLAVE.
        InstanceProbe probe(m_sim->key(36), probeOptions());
        QCOMPARE(poll(36).sourceKey(), m_sim->key(31));
        QVERIFY(!probe.query(u"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%1"_s.arg(m_sim->port(33))).ok());
        QVERIFY(probe.query(u"STOP SLAVE"_s).ok());
        QCOMPARE(poll(36).replication->sqlThread, ReplicationState::ThreadState::Stopped);
        QVERIFY(probe.query(u"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%1, MASTER_USE_GTID=slave_pos"_s
                                .arg(m_sim->port(33))).ok());
        QVERIFY(probe.query(u"START SLAVE"_s).ok());
        const Instance moved = poll(36);
        QCOMPARE(moved.sourceKey(), m_sim->key(33));
        QVERIFY(moved.replication->isHealthy());
        QVERIFY(poll(33).replicaKeys.contains(m_sim->key(36)));
        QVERIFY(!poll(31).replicaKeys.contains(m_sim->key(36)));
        QVERIFY(probe.query(u"SET GLOBAL read_only=OFF"_s).ok());
        QVERIFY(!poll(36).readOnly);
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
