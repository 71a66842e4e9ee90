// Which reported replica addresses Arbor may connect to before sending credentials (issue 12): the
// claimed host must be one the source sees a replica connect from. Rows as mariadbd and MySQL send
// them; names resolved by a fake resolver, so no DNS is asked.
#include "dialect/dialect.h"
#include "model/topologytext.h"
#include "probe/replicaclaimjudge.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {
ReplicaClaim claim(const QString &host, int port, qint64 serverId)
{
    return ReplicaClaim{InstanceKey(host, port), serverId, {}, {}};
}

QList<QHostAddress> fakeDns(const QString &host)
{
    if (host == u"db2.example.com"_s)
        return {QHostAddress(u"10.0.0.2"_s)};
    if (host == u"db3.example.com"_s)
        return {QHostAddress(u"10.0.0.3"_s), QHostAddress(u"fd00::3"_s)};
    return {};
}
} // namespace

class TestReplicaClaimJudge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void claimsReadTheSourcesRows()
    {
        const QList<QVariantMap> maria{
            {{u"Server_id"_s, 3}, {u"Host"_s, u"db2.example.com"_s}, {u"Port"_s, 3306}, {u"Master_id"_s, 1}},
            {{u"Server_id"_s, 4}, {u"Host"_s, u"db2.example.com"_s}, {u"Port"_s, 3306}, {u"Master_id"_s, 1}}, // duplicate address
            {{u"Server_id"_s, 5}, {u"Host"_s, u"bad host"_s}, {u"Port"_s, 3306}, {u"Master_id"_s, 1}},
        };
        const auto claims = Dialect::forServer(u"10.11.6-MariaDB-log"_s, {}).parseReplicaClaims(maria);
        QCOMPARE(claims.size(), 1);
        QCOMPARE(claims.first().reported, InstanceKey(u"db2.example.com"_s, 3306));
        QCOMPARE(claims.first().serverId, 3);
        QVERIFY(claims.first().serverUuid.isEmpty());

        const QList<QVariantMap> mysql{{{u"Server_Id"_s, 7}, {u"Host"_s, u"10.0.0.7"_s}, {u"Port"_s, 3307}, {u"Source_Id"_s, 1},
                                        {u"Replica_UUID"_s, u"3E11FA47-71CA-11E1-9E33-C80AA9429562"_s}}};
        const auto mine = Dialect::forServer(u"8.0.36"_s, {}).parseReplicaClaims(mysql);
        QCOMPARE(mine.size(), 1);
        QCOMPARE(mine.first().serverUuid, u"3E11FA47-71CA-11E1-9E33-C80AA9429562"_s);
        const QList<QVariantMap> old{{{u"Server_id"_s, 8}, {u"Host"_s, u"10.0.0.8"_s}, {u"Port"_s, 3306}, {u"Master_id"_s, 1},
                                      {u"Slave_UUID"_s, u"aaaaaaaa-71ca-11e1-9e33-c80aa9429562"_s}}};
        QCOMPARE(Dialect::forServer(u"5.7.44-log"_s, {}).parseReplicaClaims(old).first().serverUuid,
                 u"aaaaaaaa-71ca-11e1-9e33-c80aa9429562"_s);

        const QList<QVariantMap> dumps{{{u"host"_s, u"10.0.0.2"_s}}, {{u"host"_s, u"[fd00::3]"_s}}, {{u"host"_s, u"10.0.0.2"_s}}};
        QCOMPARE(Dialect::forServer(u"10.11.6-MariaDB"_s, {}).parseProcesslistHosts(dumps), QStringList({u"10.0.0.2"_s, u"fd00::3"_s}));
    }

    void aClaimedHostMustBeWhereAReplicaConnectsFrom()
    {
        const QList<ReplicaClaim> claims{claim(u"10.0.0.2"_s, 3306, 2), claim(u"db3.example.com"_s, 3307, 3),
                                         claim(u"203.0.113.9"_s, 3306, 4), claim(u"evil.example.net"_s, 3306, 5)};
        const auto judged = ReplicaClaimJudge::judge(claims, {u"10.0.0.2"_s, u"::ffff:10.0.0.3"_s, u"10.0.0.4"_s}, fakeDns);
        QVERIFY(judged[0].distrust.isEmpty());                 // an IP seen in the processlist
        QVERIFY(judged[1].distrust.isEmpty());                 // a name resolving to a peer (IPv4-mapped)
        QVERIFY(judged[2].distrust.contains(u"203.0.113.9"_s)); // an address no replica connects from
        QVERIFY(judged[3].distrust.contains(u"no replica connects from there"_s)); // unresolvable
        // The fallbacks: every host a replica connects from, on the reported port and
        // DefaultInstancePort; never the source, never the claimed address itself.
        const QStringList peers{u"10.0.0.2"_s, u"10.0.0.4"_s, u"10.0.0.2"_s};
        const InstanceKey source(u"10.0.0.1"_s, 3306);
        QCOMPARE(ReplicaClaimJudge::fallbacksFor(judged, 2, peers, fakeDns, 3310, source),
                 QList<InstanceKey>({InstanceKey(u"10.0.0.2"_s, 3306), InstanceKey(u"10.0.0.2"_s, 3310),
                                     InstanceKey(u"10.0.0.4"_s, 3306), InstanceKey(u"10.0.0.4"_s, 3310)}));
        // A claim on a peer host that then answers as another server: not its own address again.
        QCOMPARE(ReplicaClaimJudge::fallbacksFor(judged, 0, peers, fakeDns, 0, source),
                 QList<InstanceKey>({InstanceKey(u"10.0.0.4"_s, 3306)}));
        // The source's own address is never a fallback; without DefaultInstancePort, the reported port only.
        QCOMPARE(ReplicaClaimJudge::fallbacksFor({claim(u"203.0.113.9"_s, 3306, 4)}, 0, {u"10.0.0.1"_s, u"::ffff:10.0.0.1"_s},
                                                 fakeDns, 0, source),
                 QList<InstanceKey>());
    }

    void withoutPeersOnlyTheServerIdDecides()
    {
        // No PROCESS privilege: the processlist shows no replica connection, so hosts cannot be judged.
        const auto judged = ReplicaClaimJudge::judge({claim(u"203.0.113.9"_s, 3306, 4)}, {}, fakeDns);
        QVERIFY(judged.first().distrust.isEmpty());
    }

    void theTreeSaysItInWords()
    {
        Instance i;
        i.key = InstanceKey(u"127.0.0.2"_s, 4000);
        i.identityProblem = u"reported address does not answer as this replica: ..."_s;
        i.lastError = i.identityProblem;
        QVERIFY(TopologyText::describe(i, false, 10).endsWith(u"] reported address does not answer as this replica"_s));
        i.identityProblem.clear();
        QVERIFY(TopologyText::describe(i, false, 10).endsWith(u']'));
    }
};

QTEST_APPLESS_MAIN(TestReplicaClaimJudge)
#include "tst_replicaclaimjudge.moc"
