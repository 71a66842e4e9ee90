#include "syntheticfacts.h"
#include "model/topologytext.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using arbor::testsupport::SyntheticFacts;

namespace {

const QString kVersion = u"10.11.19-MariaDB-0+deb12u1-log"_s;

InstanceKey key(int port)
{
    return InstanceKey(u"127.0.0.1"_s, port);
}

Instance server(const InstanceKey &k, const QList<InstanceKey> &replicas = {})
{
    return SyntheticFacts::reachableServer(k, replicas, kVersion);
}

Instance replica(const InstanceKey &k, const InstanceKey &source, const QList<InstanceKey> &replicas = {})
{
    return SyntheticFacts::healthyReplica(k, source, replicas, kVersion);
}

// The four sandbox servers orchestrator 3.2.6 drew in the reference capture.
QList<Instance> referenceServers()
{
    return {
        server(key(34061), {key(34062), key(34063)}),
        replica(key(34062), key(34061), {key(34064)}),
        replica(key(34063), key(34061)),
        replica(key(34064), key(34062)),
    };
}

} // namespace

class TestTopologyText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesOrchestratorReference();
    void describeMaster();
    void describeReplicaTokens_data();
    void describeReplicaTokens();
    void lagThreshold();
    void downtimedToken();
    void unreachableInTree();
    void deepTreeIndentAndAlignment();
    void subtreeRenderedFromItsMaster();
    void missingMemberIsUnknown();
    void ipv6KeysAlign();
    void tabulatedColumnsLineUp();
};

void TestTopologyText::matchesOrchestratorReference()
{
    // Byte for byte what `orchestrator-client -c topology` printed (reference/orchestrator-api/topology-ascii.txt).
    const QString expected = u"127.0.0.1:34061     [0s,ok,10.11.19-MariaDB-0+deb12u1-log,rw,ROW,>>]\n"
                             u"+ 127.0.0.1:34062   [0s,ok,10.11.19-MariaDB-0+deb12u1-log,ro,ROW,>>,GTID]\n"
                             u"  + 127.0.0.1:34064 [0s,ok,10.11.19-MariaDB-0+deb12u1-log,ro,ROW,>>,GTID]\n"
                             u"+ 127.0.0.1:34063   [0s,ok,10.11.19-MariaDB-0+deb12u1-log,ro,ROW,>>,GTID]\n"_s;
    const Topology t = Topology::build(referenceServers());
    QCOMPARE(t.clusters().size(), 1);
    QCOMPARE(TopologyText::render(t, t.clusters().first()), expected);
}

void TestTopologyText::describeMaster()
{
    Instance m = server(key(3306));
    QCOMPARE(TopologyText::describe(m, false, 10), u"[0s,ok,10.11.19-MariaDB-0+deb12u1-log,rw,ROW,>>]"_s);
    m.readOnly = true;
    m.logReplicaUpdates = false;
    QCOMPARE(TopologyText::describe(m, false, 10), u"[0s,ok,10.11.19-MariaDB-0+deb12u1-log,ro,ROW]"_s);
    m.logBin = false;
    m.logReplicaUpdates = true; // without a binary log there is nothing to chain: no ">>"
    QCOMPARE(TopologyText::describe(m, false, 10), u"[0s,ok,10.11.19-MariaDB-0+deb12u1-log,ro,nobinlog]"_s);
    m.logBin = true;
    m.binlogFormat = u"MIXED"_s;
    m.version.clear();
    QCOMPARE(TopologyText::describe(m, false, 10), u"[0s,ok,unknown,ro,MIXED,>>]"_s);
}

void TestTopologyText::describeReplicaTokens_data()
{
    QTest::addColumn<Instance>("instance");
    QTest::addColumn<QString>("expected");

    const Instance base = replica(key(3307), key(3306));
    QTest::newRow("healthy") << base << u"[0s,ok,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance lag = base;
    lag.replication->secondsBehindSource = 7;
    QTest::newRow("some lag") << lag << u"[7s,ok,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance lagging = base;
    lagging.replication->secondsBehindSource = 120;
    QTest::newRow("lagging") << lagging << u"[120s,lagging,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance heartbeat = base;
    heartbeat.replication->secondsBehindSource = 0;
    heartbeat.heartbeatLagSeconds = 2.6;
    QTest::newRow("heartbeat rounds") << heartbeat << u"[3s,ok,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance stopped = base;
    stopped.replication->sqlThread = ReplicationState::ThreadState::Stopped;
    stopped.replication->ioThread = ReplicationState::ThreadState::Stopped;
    stopped.replication->secondsBehindSource.reset();
    QTest::newRow("stopped") << stopped << u"[null,stopped,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance broken = base;
    broken.replication->sqlThread = ReplicationState::ThreadState::Stopped;
    broken.replication->lastSqlErrno = 1062;
    broken.replication->lastSqlError = u"Duplicate entry '1' for key 'PRIMARY'"_s;
    broken.replication->secondsBehindSource.reset();
    QTest::newRow("broken") << broken << u"[null,broken,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance connecting = base; // just after START SLAVE: IO thread connecting, no error yet
    connecting.replication->ioThread = ReplicationState::ThreadState::Connecting;
    connecting.replication->secondsBehindSource.reset();
    QTest::newRow("connecting") << connecting << u"[null,connecting,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance refused = connecting;
    refused.replication->lastIoErrno = 2003;
    refused.replication->lastIoError = u"error connecting to master 'repl@127.0.0.1:3306'"_s;
    QTest::newRow("connecting, refused") << refused << u"[null,broken,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance positional = base;
    positional.replication->gtidPositioning = u"No"_s;
    QTest::newRow("file and position") << positional << u"[0s,ok,%1,ro,ROW,>>]"_s.arg(kVersion);

    Instance mysql = base;
    mysql.version = u"8.0.36"_s;
    mysql.replication->gtidPositioning = u"auto-position"_s;
    mysql.logReplicaUpdates = false;
    QTest::newRow("mysql auto-position") << mysql << u"[0s,ok,8.0.36,ro,ROW,GTID]"_s;

    Instance writable = base;
    writable.readOnly = false;
    writable.binlogFormat = u"STATEMENT"_s;
    QTest::newRow("writable replica") << writable << u"[0s,ok,%1,rw,STATEMENT,>>,GTID]"_s.arg(kVersion);

    Instance gone = base; // last known facts, now unverified
    gone.lastCheckValid = false;
    gone.lastError = u"cannot connect"_s;
    QTest::newRow("unreachable with facts") << gone << u"[null,unreachable,%1,ro,ROW,>>,GTID]"_s.arg(kVersion);

    Instance never;
    never.key = key(3311);
    never.lastCheckValid = false;
    QTest::newRow("never reached") << never << u"[null,unreachable,unknown,rw,nobinlog]"_s;
}

void TestTopologyText::describeReplicaTokens()
{
    QFETCH(Instance, instance);
    QFETCH(QString, expected);
    QCOMPARE(TopologyText::describe(instance, false, 10), expected);
}

void TestTopologyText::lagThreshold()
{
    Instance r = replica(key(3307), key(3306));
    r.replication->secondsBehindSource = 10;
    QCOMPARE(TopologyText::describe(r, false, 10), u"[10s,ok,%1,ro,ROW,>>,GTID]"_s.arg(kVersion));
    r.replication->secondsBehindSource = 11;
    QCOMPARE(TopologyText::describe(r, false, 10), u"[11s,lagging,%1,ro,ROW,>>,GTID]"_s.arg(kVersion));
    QCOMPARE(TopologyText::describe(r, false, 60), u"[11s,ok,%1,ro,ROW,>>,GTID]"_s.arg(kVersion));

    // render passes its threshold on.
    QList<Instance> servers = referenceServers();
    servers[3].replication->secondsBehindSource = 30;
    const Topology t = Topology::build(servers);
    QVERIFY(TopologyText::render(t, t.clusters().first()).contains(u"[30s,lagging,"_s));
    QVERIFY(TopologyText::render(t, t.clusters().first(), {}, 60).contains(u"[30s,ok,"_s));
}

void TestTopologyText::downtimedToken()
{
    const Instance m = server(key(3306));
    QCOMPARE(TopologyText::describe(m, true, 10), u"[0s,ok,%1,rw,ROW,>>,downtimed]"_s.arg(kVersion));
    const Instance r = replica(key(3307), key(3306));
    QCOMPARE(TopologyText::describe(r, true, 10), u"[0s,ok,%1,ro,ROW,>>,GTID,downtimed]"_s.arg(kVersion));

    const Topology t = Topology::build(referenceServers());
    const QString text = TopologyText::render(t, t.clusters().first(), {key(34064)});
    const QStringList lines = text.split(u'\n');
    QCOMPARE(lines.size(), 5); // four servers and the final newline
    QCOMPARE(lines.at(2), u"  + 127.0.0.1:34064 [0s,ok,%1,ro,ROW,>>,GTID,downtimed]"_s.arg(kVersion));
    QCOMPARE(text.count(u"downtimed"_s), 1);
}

void TestTopologyText::unreachableInTree()
{
    QList<Instance> servers = referenceServers();
    servers[1].lastCheckValid = false; // 34062, the intermediate master, stopped answering
    servers[1].lastError = u"cannot connect to 127.0.0.1:34062"_s;
    servers[3].replication->ioThread = ReplicationState::ThreadState::Connecting;
    servers[3].replication->lastIoErrno = 2003;
    servers[3].replication->lastIoError = u"error reconnecting to master"_s;
    servers[3].replication->secondsBehindSource.reset();
    const Topology t = Topology::build(servers);
    const QString expected = u"127.0.0.1:34061     [0s,ok,%1,rw,ROW,>>]\n"
                             u"+ 127.0.0.1:34062   [null,unreachable,%1,ro,ROW,>>,GTID]\n"
                             u"  + 127.0.0.1:34064 [null,broken,%1,ro,ROW,>>,GTID]\n"
                             u"+ 127.0.0.1:34063   [0s,ok,%1,ro,ROW,>>,GTID]\n"_s.arg(kVersion);
    QCOMPARE(TopologyText::render(t, t.clusters().first()), expected);
}

void TestTopologyText::deepTreeIndentAndAlignment()
{
    // A chain four deep: each level indents two more spaces; the bracket column follows the widest.
    const Topology t = Topology::build({
        server(key(1)),
        replica(key(22), key(1)),
        replica(key(333), key(22)),
        replica(key(4444), key(333)),
        replica(key(5), key(1)),
    });
    const QString text = TopologyText::render(t, t.clusters().first());
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    // Siblings in key order: port 5 before port 22.
    QVERIFY(lines.at(0).startsWith(u"127.0.0.1:1          ["_s));
    QVERIFY(lines.at(1).startsWith(u"+ 127.0.0.1:5        ["_s));
    QVERIFY(lines.at(2).startsWith(u"+ 127.0.0.1:22       ["_s));
    QVERIFY(lines.at(3).startsWith(u"  + 127.0.0.1:333    ["_s));
    QVERIFY(lines.at(4).startsWith(u"    + 127.0.0.1:4444 ["_s));
    for (const QString &line : lines)
        QCOMPARE(line.indexOf(u'['), 21);
    QVERIFY(text.endsWith(u"]\n"_s));
}

void TestTopologyText::subtreeRenderedFromItsMaster()
{
    // A cluster value whose master sits below the top: depths count from that master.
    const Topology t = Topology::build(referenceServers());
    Cluster sub;
    sub.name = u"127.0.0.1:34062"_s;
    sub.master = key(34062);
    sub.members = {key(34062), key(34064)};
    QCOMPARE(TopologyText::render(t, sub), u"127.0.0.1:34062   [0s,ok,%1,ro,ROW,>>,GTID]\n"
                                           u"+ 127.0.0.1:34064 [0s,ok,%1,ro,ROW,>>,GTID]\n"_s.arg(kVersion));
}

void TestTopologyText::missingMemberIsUnknown()
{
    const Topology t = Topology::build({server(key(3306))});
    Cluster c = t.clusters().first();
    c.members.append(key(3399)); // not in the topology
    const QStringList lines = TopologyText::render(t, c).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(1), u"127.0.0.1:3399 [unknown]"_s);

    QVERIFY(TopologyText::render(Topology::build({}), Cluster()).isEmpty());
}

void TestTopologyText::ipv6KeysAlign()
{
    const InstanceKey m(u"::1"_s, 3306);
    const InstanceKey r(u"::1"_s, 3307);
    const Topology t = Topology::build({server(m, {r}), replica(r, m)});
    QCOMPARE(TopologyText::render(t, t.clusters().first()),
             u"[::1]:3306   [0s,ok,%1,rw,ROW,>>]\n"
             u"+ [::1]:3307 [0s,ok,%1,ro,ROW,>>,GTID]\n"_s.arg(kVersion));
}

void TestTopologyText::tabulatedColumnsLineUp()
{
    // orchestrator's topology-tabulated: the tokens as '|'-separated columns, padded per column.
    Instance lagging = replica(key(34063), key(34061));
    lagging.replication->secondsBehindSource = 1234;
    QList<Instance> servers = referenceServers();
    servers[2] = lagging;
    const Topology t = Topology::build(servers);
    const QStringList lines = TopologyText::renderTabulated(t, t.clusters().first()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0).section(u'|', 0, 0).trimmed(), u"127.0.0.1:34061"_s);
    QCOMPARE(lines.at(3).section(u'|', 0, 0).trimmed(), u"+ 127.0.0.1:34063"_s);
    QCOMPARE(lines.at(3).section(u'|', 1, 1).trimmed(), u"1234s"_s);
    QCOMPARE(lines.at(1).section(u'|', 6, 6).trimmed(), u">>"_s);
    for (const QString &line : lines) // every separator at the same column on every line
        QCOMPARE(line.indexOf(u'|'), lines.first().indexOf(u'|'));
    QCOMPARE(lines.at(1).indexOf(u'|', lines.at(1).indexOf(u'|') + 1), lines.at(3).indexOf(u'|', lines.at(3).indexOf(u'|') + 1));
}

QTEST_GUILESS_MAIN(TestTopologyText)
#include "tst_topologytext.moc"
