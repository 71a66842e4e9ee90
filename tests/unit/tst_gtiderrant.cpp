// GtidErrant: what a replica executed that its source never had, MySQL and MariaDB, from poll facts.
#include "model/gtiderrant.h"
#include "ops/errantlocator.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {
const QString kSourceUuid = u"3e11fa47-71ca-11e1-9e33-c80aa9429562"_s;
const QString kReplicaUuid = u"5d3b8d1a-71ca-11e1-9e33-c80aa9429562"_s;

Instance mysql(int port, const QString &uuid, const QString &executed)
{
    Instance i;
    i.key = InstanceKey(u"127.0.0.1"_s, port);
    i.serverId = port;
    i.serverUuid = uuid;
    i.flavour = Flavour::MySQL;
    i.logBin = true;
    i.executedGtidSet = executed;
    i.lastCheckValid = true;
    return i;
}

Instance mariadb(int port, const QString &binlogPos)
{
    Instance i;
    i.key = InstanceKey(u"127.0.0.1"_s, port);
    i.serverId = port;
    i.flavour = Flavour::MariaDB;
    i.logBin = true;
    i.gtidBinlogPos = binlogPos;
    i.lastCheckValid = true;
    return i;
}

void below(Instance &replica, const Instance &source, const QString &sourceUuid = QString())
{
    ReplicationState r;
    r.sourceKey = source.key;
    r.sourceUuid = sourceUuid;
    r.ioThread = ReplicationState::ThreadState::Running;
    r.sqlThread = ReplicationState::ThreadState::Running;
    replica.replication = r;
}
} // namespace

class TestGtidErrant : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mysqlLocalWritesAreErrant()
    {
        const Instance source = mysql(3306, kSourceUuid, kSourceUuid + u":1-100"_s);
        Instance replica = mysql(3307, kReplicaUuid, kSourceUuid + u":1-100,"_s + kReplicaUuid + u":1-3"_s);
        below(replica, source, kSourceUuid);
        QCOMPARE(GtidErrant::of(replica, source), kReplicaUuid + u":1-3"_s);
    }

    void mysqlSourceTransactionsNotYetPolledAreNotErrant()
    {
        // The source was polled at 100; the replica has since applied 101-120 from it.
        const Instance source = mysql(3306, kSourceUuid, kSourceUuid + u":1-100"_s);
        Instance replica = mysql(3307, kReplicaUuid, kSourceUuid + u":1-120"_s);
        below(replica, source, kSourceUuid);
        QCOMPARE(GtidErrant::of(replica, source), QString());
    }

    void mysqlTransactionsOfAFormerMasterAreNotErrantWhenTheSourceHasThem()
    {
        const QString old = u"11111111-71ca-11e1-9e33-c80aa9429562"_s;
        const Instance source = mysql(3306, kSourceUuid, old + u":1-50,"_s + kSourceUuid + u":1-10"_s);
        Instance replica = mysql(3307, kReplicaUuid, old + u":1-50,"_s + kSourceUuid + u":1-10"_s);
        below(replica, source, kSourceUuid);
        QCOMPARE(GtidErrant::of(replica, source), QString());
        replica.executedGtidSet = old + u":1-52,"_s + kSourceUuid + u":1-10"_s;
        QCOMPARE(GtidErrant::of(replica, source), old + u":51-52"_s);
    }

    void mariadbLocalWriteIsErrant()
    {
        const Instance source = mariadb(3306, u"0-3306-100"_s);
        Instance replica = mariadb(3307, u"0-3307-101"_s); // wrote locally after applying 100
        below(replica, source);
        QCOMPARE(GtidErrant::of(replica, source), u"0-3307-101"_s);
        replica.gtidBinlogPos = u"0-3306-100,5-3307-7"_s; // a domain the source never wrote
        QCOMPARE(GtidErrant::of(replica, source), u"5-3307-7"_s);
    }

    void mariadbSourceEntriesAheadOfItsPollAreNotErrant()
    {
        const Instance source = mariadb(3306, u"0-3306-100"_s);
        Instance replica = mariadb(3307, u"0-3306-130"_s);
        below(replica, source);
        QCOMPARE(GtidErrant::of(replica, source), QString());
    }

    void notErrantWhenUnknownOrNotItsSource()
    {
        const Instance source = mariadb(3306, u"0-3306-100"_s);
        Instance replica = mariadb(3307, u"0-3307-101"_s);
        QCOMPARE(GtidErrant::of(replica, source), QString()); // not a replica
        below(replica, mariadb(3308, u"0-3308-1"_s));
        QCOMPARE(GtidErrant::of(replica, source), QString()); // another source
        below(replica, source);
        replica.logBin = false;
        QCOMPARE(GtidErrant::of(replica, source), QString()); // no binary log of its own
        Instance bad = mysql(3307, kReplicaUuid, u"not a gtid set"_s);
        below(bad, mysql(3306, kSourceUuid, kSourceUuid + u":1-2"_s), kSourceUuid);
        QCOMPARE(GtidErrant::of(bad, mysql(3306, kSourceUuid, kSourceUuid + u":1-2"_s)), QString());
    }

    // locate-gtid-errant reads SHOW BINLOG EVENTS: which GTID events are the errant ones.
    void errantEventsInBinlogEvents()
    {
        const Instance maria = mariadb(3307, u"0-3307-101"_s);
        QVERIFY(ErrantLocator::isErrantEvent(maria, u"0-3307-101"_s, u"BEGIN GTID 0-3307-101"_s));
        QVERIFY(ErrantLocator::isErrantEvent(maria, u"0-3307-101"_s, u"GTID 0-3307-99"_s)); // an earlier local write
        QVERIFY(!ErrantLocator::isErrantEvent(maria, u"0-3307-101"_s, u"BEGIN GTID 0-3306-101"_s)); // from the source
        QVERIFY(!ErrantLocator::isErrantEvent(maria, u"0-3307-101"_s, u"BEGIN GTID 1-3307-5"_s));   // another domain
        const Instance my = mysql(3307, kReplicaUuid, QString());
        const QString errant = kReplicaUuid + u":1-3"_s;
        QVERIFY(ErrantLocator::isErrantEvent(my, errant, u"SET @@SESSION.GTID_NEXT= '%1:2'"_s.arg(kReplicaUuid)));
        QVERIFY(!ErrantLocator::isErrantEvent(my, errant, u"SET @@SESSION.GTID_NEXT= '%1:4'"_s.arg(kReplicaUuid)));
        QVERIFY(!ErrantLocator::isErrantEvent(my, errant, u"SET @@SESSION.GTID_NEXT= '%1:2'"_s.arg(kSourceUuid)));
        QVERIFY(!ErrantLocator::isErrantEvent(my, errant, u"BEGIN"_s));
    }
};

QTEST_GUILESS_MAIN(TestGtidErrant)
#include "tst_gtiderrant.moc"
