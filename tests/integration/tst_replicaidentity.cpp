// Issue 12: what a replica reports about itself (report_host/report_port in its source's SHOW SLAVE
// HOSTS) is a claim. On real mariadbd: a replica whose claimed address is another server (another
// sandbox, a different server_id) is shown as "reported address does not answer as this replica"
// and none of that server's facts enter the tree; a replica claiming a host it does not connect from
// (127.0.0.2, where a listener that speaks the MySQL greeting waits) is never contacted, so no login
// packet with the topology credentials is ever sent there; both real replicas are still found, at the
// address their source sees them connect from, verified by server_id; one server under two names is
// one card.
#include "resultassert.h"
#include "sandbox.h"
#include "waitfor.h"

#include "model/instancejson.h"
#include "model/topology.h"
#include "model/topologytext.h"
#include "probe/discovery.h"
#include "probe/replicaclaimjudge.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {

// Accepts connections, greets like a MariaDB server (protocol 10, mysql_native_password) and counts
// what it is sent: a client that trusts it answers the greeting with its login packet.
class GreetingListener : public QObject
{
public:
    GreetingListener()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++connections;
                QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] { received += s->readAll().size(); });
                s->write(greeting());
            }
        });
    }
    bool listen(const QHostAddress &address, quint16 port = 0) { return m_server.listen(address, port); }
    quint16 port() const { return m_server.serverPort(); }

    int connections = 0;
    qint64 received = 0;

private:
    static QByteArray greeting()
    {
        QByteArray p;
        p += char(10);
        p += QByteArray("5.5.5-10.11.6-MariaDB-log") + '\0';
        p += QByteArray("\x01\x00\x00\x00", 4);   // connection id
        p += QByteArray("abcdefgh") + '\0';         // scramble part 1, filler
        p += QByteArray("\xff\xf7", 2);             // capabilities (low): protocol 41, secure connection, no SSL
        p += char(33);                               // utf8
        p += QByteArray("\x02\x00", 2);             // status: autocommit
        p += QByteArray("\x08\x00", 2);             // capabilities (high): plugin auth
        p += char(21);                               // scramble length
        p += QByteArray(10, '\0');
        p += QByteArray("ijklmnopqrst") + '\0';     // scramble part 2
        p += QByteArray("mysql_native_password") + '\0';
        QByteArray packet;
        packet += char(p.size() & 0xff);
        packet += char((p.size() >> 8) & 0xff);
        packet += char((p.size() >> 16) & 0xff);
        packet += char(0); // sequence id
        return packet + p;
    }

    QTcpServer m_server;
};

PollerOptions optionsFor(const Sandbox &sandbox)
{
    PollerOptions o;
    o.probe.credentials = Credentials(sandbox.user(), sandbox.password());
    o.probe.connectTimeoutSeconds = 1;
    o.probe.readTimeoutSeconds = 1;
    return o;
}

const Instance *find(const QList<Instance> &instances, const InstanceKey &key)
{
    for (const Instance &i : instances) {
        if (i.key == key)
            return &i;
    }
    return nullptr;
}

// Restarts a replica with these report_host/report_port and lets it replicate again.
Result<void> reportAs(Sandbox &sandbox, int i, const QString &host, int port)
{
    if (auto r = sandbox.setExtraArguments(i, {u"--report-host=%1"_s.arg(host), u"--report-port=%1"_s.arg(port)}); !r.ok())
        return r;
    if (auto r = sandbox.restart(i); !r.ok())
        return r;
    return sandbox.execute(i, u"START SLAVE"_s);
}

} // namespace

class TestReplicaIdentity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
    }

    void lyingReportedAddresses()
    {
        Sandbox other({SandboxShape::Single, 1, true}); // server_id 1, in no replication with the others
        QVERIFY2(other.start().ok(), "the other sandbox did not start");

        Sandbox s({SandboxShape::Star, 4, true});
        auto started = s.start();
        QVERIFY_RESULT(started);
        // Replica 2 (server_id 3) claims to be the other sandbox's server; replica 3 (server_id 4)
        // claims a host it does not connect from (its own port on 127.0.0.2), where the listener waits.
        GreetingListener listener;
        QVERIFY2(listener.listen(QHostAddress(u"127.0.0.2"_s), quint16(s.port(3))), "cannot listen on 127.0.0.2");
        auto lied = reportAs(s, 2, u"127.0.0.1"_s, other.port(0));
        QVERIFY_RESULT(lied);
        lied = reportAs(s, 3, u"127.0.0.2"_s, listener.port());
        QVERIFY_RESULT(lied);
        // The restarted replicas register again with what they now claim.
        QVERIFY2(waitFor([&] {
            const auto hosts = s.query(0, u"SHOW SLAVE HOSTS"_s);
            if (!hosts.ok() || hosts->size() != 3)
                return false;
            int lies = 0;
            for (const QVariantMap &row : *hosts) {
                const int port = row.value(u"Port"_s).toInt();
                lies += (port == other.port(0) || (row.value(u"Host"_s).toString() == u"127.0.0.2"_s && port == listener.port())) ? 1 : 0;
            }
            return lies == 2;
        }, 20000), "the source does not list its three replicas as they now report themselves");

        // DefaultInstancePort: the port tried on a replica's processlist host besides the one it
        // reports. Replica 2 reports another sandbox's port, so only this finds it.
        ReplicaClaimJudge::setDefaultInstancePort(s.port(2));
        const auto outcome = Discovery::run({s.key(0)}, optionsFor(s), 20000);
        ReplicaClaimJudge::setDefaultInstancePort(0);
        QVERIFY(outcome.complete);
        const QList<Instance> &found = outcome.instances;

        const Instance *honest = find(found, s.key(1));
        QVERIFY(honest && honest->lastCheckValid && honest->identityProblem.isEmpty());

        const InstanceKey impostorKey(u"127.0.0.1"_s, other.port(0));
        const Instance *impostor = find(found, impostorKey);
        QVERIFY2(impostor, "the claimed address is not shown");
        QVERIFY(!impostor->lastCheckValid);
        QCOMPARE(impostor->serverId, 0); // none of the other server's facts
        QVERIFY2(impostor->identityProblem.contains(u"reported address does not answer as this replica"_s),
                 qPrintable(impostor->identityProblem));
        QVERIFY2(impostor->identityProblem.contains(u"server_id 3"_s) && impostor->identityProblem.contains(u"server_id 1"_s),
                 qPrintable(impostor->identityProblem));

        const InstanceKey elsewhere(u"127.0.0.2"_s, listener.port());
        const Instance *unseen = find(found, elsewhere);
        QStringList keys;
        for (const Instance &i : found)
            keys << i.key.toString() + u" "_s + i.lastError;
        if (const Instance *m = find(found, s.key(0)))
            for (const ReplicaClaim &c : m->replicaClaims)
                keys << u"claim "_s + c.reported.toString() + u" "_s + c.distrust;
        QVERIFY2(unseen, qPrintable(u"the claimed address is not shown: "_s + keys.join(u"; "_s)));
        QVERIFY2(unseen->identityProblem.contains(u"no replica connects from there"_s), qPrintable(unseen->identityProblem));
        // Never contacted: no TCP connection, so no login packet carried the topology credentials there.
        QCOMPARE(listener.connections, 0);
        QCOMPARE(listener.received, 0);

        // The real replicas are in the tree at the address they connect from (127.0.0.1, the reported
        // port or DefaultInstancePort), verified by their server_id, with a note that their reported
        // address was wrong.
        for (const auto &[index, reported] : {std::pair{2, impostorKey}, std::pair{3, elsewhere}}) {
            const Instance *real = find(found, s.key(index));
            QVERIFY2(real, qPrintable(u"replica %1 is not found at its real address: "_s.arg(index) + keys.join(u"; "_s)));
            QVERIFY(real->lastCheckValid);
            QCOMPARE(real->serverId, qint64(index + 1));
            QVERIFY(real->replication && real->replication->sourceKey == s.key(0));
            QVERIFY2(!real->warnings.isEmpty()
                         && real->warnings.constFirst().startsWith(
                             u"reported address %1 does not answer as this replica"_s.arg(reported.toString())),
                     qPrintable(real->warnings.join(u" | "_s)));
        }
        // The other servers tried on the way (replica 2's address for replica 3) left no card.
        QCOMPARE(found.size(), 6);

        // Every face says it: the tree, and the instance JSON.
        const Topology topology = Topology::build(found);
        const auto cluster = topology.findCluster(s.key(0).toString());
        QVERIFY(cluster);
        const QString text = TopologyText::render(topology, *cluster, {}, 10);
        QCOMPARE(text.count(u"reported address does not answer as this replica"_s), 2);
        QVERIFY2(text.contains(impostorKey.toString()) && text.contains(elsewhere.toString()), qPrintable(text));
        for (const auto &[index, reported] : {std::pair{2, impostorKey}, std::pair{3, elsewhere}}) {
            const QString expected = u"reported address %1 does not answer as this replica"_s.arg(reported.toString());
            bool onItsLine = false;
            for (const QString &l : text.split(u'\n'))
                onItsLine = onItsLine || (l.contains(s.key(index).toString()) && l.contains(expected));
            QVERIFY2(onItsLine, qPrintable(text));
        }
        QVERIFY2(InstanceJson::toJson(*impostor).value(u"Arbor"_s).toObject().value(u"IdentityProblem"_s).toString().startsWith(
                     u"reported address does not answer as this replica"_s),
                 qPrintable(InstanceJson::toText(*impostor).mid(InstanceJson::toText(*impostor).indexOf(u"LastChecked"_s))));
        const QJsonArray warnings = InstanceJson::toJson(*find(found, s.key(3))).value(u"Arbor"_s).toObject().value(u"Warnings"_s).toArray();
        QVERIFY(!warnings.isEmpty()
                && warnings.first().toString().startsWith(u"reported address %1 does not answer"_s.arg(elsewhere.toString())));
    }

    void oneServerUnderTwoNames()
    {
        Sandbox s({SandboxShape::Chain, 2, true});
        auto started = s.start();
        QVERIFY_RESULT(started);
        // 127.1 is 127.0.0.1 (inet_aton's short form): the same server, found under both names.
        const auto outcome = Discovery::run({s.key(0), InstanceKey(u"127.1"_s, s.port(0))}, optionsFor(s), 20000);
        QVERIFY(outcome.complete);
        int cards = 0;
        for (const Instance &i : outcome.instances)
            cards += i.key.port() == s.port(0) ? 1 : 0;
        QCOMPARE(cards, 1);
        QCOMPARE(outcome.instances.size(), 2);
        const Topology topology = Topology::build(outcome.instances);
        QCOMPARE(topology.clusters().size(), 1);
    }
};

QTEST_MAIN(TestReplicaIdentity)
#include "tst_replicaidentity.moc"
