#include "syntheticfacts.h"
#include "model/topology.h"

#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using arbor::testsupport::SyntheticFacts;

namespace {

InstanceKey key(int port, const QString &host = u"127.0.0.1"_s)
{
    return InstanceKey(host, port);
}

// A reachable server that replicates from nobody.
Instance server(const InstanceKey &k, const QList<InstanceKey> &replicas = {})
{
    return SyntheticFacts::reachableServer(k, replicas);
}

// A reachable, healthy replica of source.
Instance replica(const InstanceKey &k, const InstanceKey &source, const QList<InstanceKey> &replicas = {})
{
    return SyntheticFacts::healthyReplica(k, source, replicas);
}

// A server that was never reached: no facts at all but its key and the error.
Instance unreachable(const InstanceKey &k)
{
    Instance i;
    i.key = k;
    i.lastCheckValid = false;
    i.lastError = u"cannot connect to %1"_s.arg(k.toString());
    return i;
}

QStringList names(const QList<InstanceKey> &keys)
{
    QStringList out;
    for (const InstanceKey &k : keys)
        out << k.toString();
    return out;
}

// 3306 master; 3307 intermediate master with 3309 and 3310; 3308 directly under the master.
QList<Instance> fiveServerTree()
{
    return {
        replica(key(3310), key(3307)),
        replica(key(3308), key(3306)),
        server(key(3306), {key(3307), key(3308)}),
        replica(key(3309), key(3307)),
        replica(key(3307), key(3306), {key(3309), key(3310)}),
    };
}

} // namespace

class TestTopology : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void empty();
    void fiveServerTree_parentsAndChildren();
    void fiveServerTree_depthAndDescendants();
    void fiveServerTree_cluster();
    void membersIndependentOfInputOrder();
    void siblingsSortedNumerically();
    void findCluster();
    void unknownSourceNamesCluster();
    void siblingsOfUnknownSourceShareOneCluster();
    void coMasterCycleRootedAtSmallestKey();
    void coMasterCycleWithDifferentHosts();
    void unreachableReplicaAttachedBySourceList();
    void unreachableReplicaKeepsKnownSource();
    void unreachableUnlistedServerIsOwnCluster();
    void reachableServerIgnoresStaleReplicaList();
    void replicaNamingSourceDifferentlyResolvedBySourceList();
    void selfListingIgnored();
    void twoClusters();
};

void TestTopology::empty()
{
    const Topology t = Topology::build({});
    QVERIFY(t.clusters().isEmpty());
    QVERIFY(t.keys().isEmpty());
    QVERIFY(!t.findCluster(u"127.0.0.1:3306"_s));
    QCOMPARE(t.instance(key(3306)), nullptr);
    QVERIFY(!t.parentOf(key(3306)).isValid());
    QVERIFY(t.childrenOf(key(3306)).isEmpty());
    QCOMPARE(t.depthOf(key(3306)), 0);
    QVERIFY(!t.isDescendant(key(3306), key(3307)));
    QVERIFY(t.clusterNameOf(key(3306)).isEmpty());
}

void TestTopology::fiveServerTree_parentsAndChildren()
{
    const Topology t = Topology::build(fiveServerTree());
    QCOMPARE(t.keys().size(), 5);
    QVERIFY(!t.parentOf(key(3306)).isValid());
    QCOMPARE(t.parentOf(key(3307)), key(3306));
    QCOMPARE(t.parentOf(key(3308)), key(3306));
    QCOMPARE(t.parentOf(key(3309)), key(3307));
    QCOMPARE(t.parentOf(key(3310)), key(3307));
    QCOMPARE(names(t.childrenOf(key(3306))), (QStringList{u"127.0.0.1:3307"_s, u"127.0.0.1:3308"_s}));
    QCOMPARE(names(t.childrenOf(key(3307))), (QStringList{u"127.0.0.1:3309"_s, u"127.0.0.1:3310"_s}));
    QVERIFY(t.childrenOf(key(3308)).isEmpty());
    QVERIFY(t.childrenOf(key(3309)).isEmpty());
    QVERIFY(!t.parentOf(key(9999)).isValid());

    const Instance *mid = t.instance(key(3307));
    QVERIFY(mid);
    QCOMPARE(mid->key, key(3307));
    QCOMPARE(mid->sourceKey(), key(3306));
    QCOMPARE(t.instance(key(9999)), nullptr);
}

void TestTopology::fiveServerTree_depthAndDescendants()
{
    const Topology t = Topology::build(fiveServerTree());
    QCOMPARE(t.depthOf(key(3306)), 0);
    QCOMPARE(t.depthOf(key(3307)), 1);
    QCOMPARE(t.depthOf(key(3308)), 1);
    QCOMPARE(t.depthOf(key(3309)), 2);
    QCOMPARE(t.depthOf(key(3310)), 2);
    QCOMPARE(t.depthOf(key(9999)), 0);

    QVERIFY(t.isDescendant(key(3307), key(3306)));
    QVERIFY(t.isDescendant(key(3309), key(3306)));
    QVERIFY(t.isDescendant(key(3309), key(3307)));
    QVERIFY(t.isDescendant(key(3308), key(3306)));
    QVERIFY(!t.isDescendant(key(3308), key(3307))); // a sibling branch
    QVERIFY(!t.isDescendant(key(3306), key(3309))); // the other way round
    QVERIFY(!t.isDescendant(key(3307), key(3309)));
    QVERIFY(!t.isDescendant(key(3306), key(3306))); // not its own descendant
    QVERIFY(!t.isDescendant(key(3309), key(3310)));
    QVERIFY(!t.isDescendant(key(9999), key(3306)));
}

void TestTopology::fiveServerTree_cluster()
{
    const Topology t = Topology::build(fiveServerTree());
    QCOMPARE(t.clusters().size(), 1);
    const Cluster &c = t.clusters().first();
    QCOMPARE(c.name, u"127.0.0.1:3306"_s);
    QCOMPARE(c.master, key(3306));
    QVERIFY(c.alias.isEmpty());
    // Depth-first, master first, siblings sorted.
    QCOMPARE(names(c.members), (QStringList{u"127.0.0.1:3306"_s, u"127.0.0.1:3307"_s, u"127.0.0.1:3309"_s,
                                            u"127.0.0.1:3310"_s, u"127.0.0.1:3308"_s}));
    for (int port : {3306, 3307, 3308, 3309, 3310})
        QCOMPARE(t.clusterNameOf(key(port)), u"127.0.0.1:3306"_s);
    QVERIFY(t.clusterNameOf(key(9999)).isEmpty());
}

void TestTopology::membersIndependentOfInputOrder()
{
    QList<Instance> instances = fiveServerTree();
    const QList<InstanceKey> expected = Topology::build(instances).clusters().first().members;
    std::reverse(instances.begin(), instances.end());
    QCOMPARE(Topology::build(instances).clusters().first().members, expected);
    std::rotate(instances.begin(), instances.begin() + 2, instances.end());
    QCOMPARE(Topology::build(instances).clusters().first().members, expected);
}

void TestTopology::siblingsSortedNumerically()
{
    const Topology t = Topology::build({
        server(key(3306)),
        replica(key(10000), key(3306)),
        replica(key(9999), key(3306)),
        replica(key(3306, u"10.0.0.2"_s), key(3306)),
    });
    QCOMPARE(names(t.clusters().first().members), (QStringList{u"127.0.0.1:3306"_s, u"10.0.0.2:3306"_s,
                                                               u"127.0.0.1:9999"_s, u"127.0.0.1:10000"_s}));
}

void TestTopology::findCluster()
{
    const Topology t = Topology::build(fiveServerTree(), {{u"127.0.0.1:3306"_s, u"sales"_s}});
    QCOMPARE(t.clusters().first().alias, u"sales"_s);

    const auto byName = t.findCluster(u"127.0.0.1:3306"_s);
    QVERIFY(byName);
    QCOMPARE(byName->name, u"127.0.0.1:3306"_s);
    QCOMPARE(byName->members.size(), 5);

    const auto byAlias = t.findCluster(u"sales"_s);
    QVERIFY(byAlias);
    QCOMPARE(byAlias->name, u"127.0.0.1:3306"_s);

    const auto byMember = t.findCluster(u"127.0.0.1:3310"_s);
    QVERIFY(byMember);
    QCOMPARE(byMember->name, u"127.0.0.1:3306"_s);
    QCOMPARE(byMember->master, key(3306));

    const auto spaced = t.findCluster(u" 127.0.0.1:3309 "_s);
    QVERIFY(spaced);
    QCOMPARE(spaced->name, u"127.0.0.1:3306"_s);

    QVERIFY(!t.findCluster(u"127.0.0.1:4000"_s));
    QVERIFY(!t.findCluster(u"Sales"_s)); // aliases are exact
    QVERIFY(!t.findCluster(u"nonsense"_s));
    QVERIFY(!t.findCluster(QString()));

    // Without an alias, the empty hint must not match the empty alias.
    const Topology plain = Topology::build(fiveServerTree());
    QVERIFY(!plain.findCluster(QString()));
    QVERIFY(plain.findCluster(u"127.0.0.1:3306"_s));
}

void TestTopology::unknownSourceNamesCluster()
{
    // The master 10.0.0.1 was never reached; its replica and that replica's replica were.
    const InstanceKey gone = key(3306, u"10.0.0.1"_s);
    const InstanceKey r1 = key(3306, u"10.0.0.2"_s);
    const InstanceKey r2 = key(3306, u"10.0.0.3"_s);
    const Topology t = Topology::build({replica(r2, r1), replica(r1, gone, {r2})},
                                       {{u"10.0.0.1:3306"_s, u"billing"_s}});
    QCOMPARE(t.clusters().size(), 1);
    const Cluster &c = t.clusters().first();
    QCOMPARE(c.name, u"10.0.0.1:3306"_s);
    QCOMPARE(c.alias, u"billing"_s);
    QCOMPARE(c.master, r1); // the top of what we know
    QCOMPARE(c.members, (QList<InstanceKey>{r1, r2}));
    QVERIFY(!t.parentOf(r1).isValid());
    QCOMPARE(t.parentOf(r2), r1);
    QCOMPARE(t.depthOf(r1), 0);
    QCOMPARE(t.depthOf(r2), 1);
    QCOMPARE(t.clusterNameOf(r2), u"10.0.0.1:3306"_s);
    QVERIFY(t.findCluster(u"10.0.0.1:3306"_s));
    QVERIFY(t.findCluster(u"billing"_s));
    QCOMPARE(t.findCluster(u"10.0.0.3:3306"_s)->name, u"10.0.0.1:3306"_s);
    QCOMPARE(t.instance(gone), nullptr);
}

void TestTopology::siblingsOfUnknownSourceShareOneCluster()
{
    // Both replicas of a master we never reached belong to the one cluster named after it.
    const InstanceKey gone = key(3306, u"10.0.0.1"_s);
    const InstanceKey r1 = key(3306, u"10.0.0.2"_s);
    const InstanceKey r2 = key(3306, u"10.0.0.3"_s);
    const InstanceKey r3 = key(3306, u"10.0.0.4"_s);
    const Topology t = Topology::build({replica(r2, gone), replica(r3, r2), replica(r1, gone)});
    QCOMPARE(t.clusters().size(), 1);
    const Cluster &c = t.clusters().first();
    QCOMPARE(c.name, u"10.0.0.1:3306"_s);
    QCOMPARE(c.members, (QList<InstanceKey>{r1, r2, r3}));
    QCOMPARE(t.findCluster(u"10.0.0.1:3306"_s)->members.size(), 3);
    for (const InstanceKey &k : {r1, r2, r3})
        QCOMPARE(t.clusterNameOf(k), u"10.0.0.1:3306"_s);
    QVERIFY(!t.parentOf(r1).isValid());
    QVERIFY(!t.parentOf(r2).isValid());
    QCOMPARE(t.depthOf(r3), 1);
}

void TestTopology::coMasterCycleRootedAtSmallestKey()
{
    // 3307 and 3306 replicate from each other; 3308 hangs below 3307.
    const QList<Instance> instances{
        replica(key(3307), key(3306), {key(3306), key(3308)}),
        replica(key(3308), key(3307)),
        replica(key(3306), key(3307), {key(3307)}),
    };
    const Topology t = Topology::build(instances);
    QCOMPARE(t.clusters().size(), 1);
    const Cluster &c = t.clusters().first();
    QCOMPARE(c.master, key(3306));
    QCOMPARE(c.name, u"127.0.0.1:3306"_s); // named after the root, not the root's own source
    QCOMPARE(names(c.members), (QStringList{u"127.0.0.1:3306"_s, u"127.0.0.1:3307"_s, u"127.0.0.1:3308"_s}));
    QVERIFY(!t.parentOf(key(3306)).isValid()); // the cycle is broken at the root
    QCOMPARE(t.parentOf(key(3307)), key(3306));
    QCOMPARE(t.parentOf(key(3308)), key(3307));
    QCOMPARE(t.depthOf(key(3308)), 2);
    QVERIFY(t.isDescendant(key(3307), key(3306)));
    QVERIFY(!t.isDescendant(key(3306), key(3307)));
    // The instance still knows its real source.
    QCOMPARE(t.instance(key(3306))->sourceKey(), key(3307));

    QList<Instance> reversed = instances;
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(Topology::build(reversed).clusters().first().members, c.members);
}

void TestTopology::coMasterCycleWithDifferentHosts()
{
    const InstanceKey a = key(3306, u"db-a"_s);
    const InstanceKey b = key(3306, u"db-b"_s);
    // The smaller key is listed last and is the replica of the other: it is still the root.
    const Topology t = Topology::build({replica(b, a), replica(a, b)});
    QCOMPARE(t.clusters().size(), 1);
    QCOMPARE(t.clusters().first().master, a);
    QCOMPARE(t.clusters().first().name, u"db-a:3306"_s);
    QCOMPARE(t.parentOf(b), a);
    QVERIFY(!t.parentOf(a).isValid());
    QCOMPARE(t.depthOf(a), 0);
    QCOMPARE(t.depthOf(b), 1);
}

void TestTopology::unreachableReplicaAttachedBySourceList()
{
    QList<Instance> instances = fiveServerTree();
    instances.append(unreachable(key(3311)));
    instances[2].replicaKeys.append(key(3311)); // the master still lists it
    const Topology t = Topology::build(instances);
    QCOMPARE(t.clusters().size(), 1);
    QCOMPARE(t.parentOf(key(3311)), key(3306));
    QCOMPARE(t.depthOf(key(3311)), 1);
    QCOMPARE(t.clusterNameOf(key(3311)), u"127.0.0.1:3306"_s);
    QCOMPARE(names(t.clusters().first().members),
             (QStringList{u"127.0.0.1:3306"_s, u"127.0.0.1:3307"_s, u"127.0.0.1:3309"_s, u"127.0.0.1:3310"_s,
                          u"127.0.0.1:3308"_s, u"127.0.0.1:3311"_s}));
    QVERIFY(!t.instance(key(3311))->lastCheckValid);
}

void TestTopology::unreachableReplicaKeepsKnownSource()
{
    // Facts kept from the last good poll: the replica's own source wins over any list.
    QList<Instance> instances = fiveServerTree();
    Instance stale = replica(key(3311), key(3307));
    stale.lastCheckValid = false;
    instances.append(stale);
    const Topology t = Topology::build(instances);
    QCOMPARE(t.parentOf(key(3311)), key(3307));
    QCOMPARE(t.depthOf(key(3311)), 2);
}

void TestTopology::unreachableUnlistedServerIsOwnCluster()
{
    QList<Instance> instances = fiveServerTree();
    instances.append(unreachable(key(4000)));
    const Topology t = Topology::build(instances);
    QCOMPARE(t.clusters().size(), 2);
    QCOMPARE(t.clusterNameOf(key(4000)), u"127.0.0.1:4000"_s);
    QCOMPARE(t.findCluster(u"127.0.0.1:4000"_s)->members, (QList<InstanceKey>{key(4000)}));
}

void TestTopology::reachableServerIgnoresStaleReplicaList()
{
    // After a promotion the old master may still list its former replica for a while; the
    // promoted server says it replicates from nobody, and that is what counts.
    const Topology t = Topology::build({
        replica(key(3306), key(3307)), // old master, now a replica of the promoted one
        server(key(3307), {key(3306)}),
        server(key(3306, u"10.0.0.9"_s), {key(3307)}), // some other server with a stale entry
    });
    QVERIFY(!t.parentOf(key(3307)).isValid());
    QCOMPARE(t.parentOf(key(3306)), key(3307));
    QCOMPARE(t.clusterNameOf(key(3306)), u"127.0.0.1:3307"_s);
    QCOMPARE(t.clusterNameOf(key(3307)), u"127.0.0.1:3307"_s);
    QCOMPARE(t.clusters().size(), 2);
}

void TestTopology::replicaNamingSourceDifferentlyResolvedBySourceList()
{
    // The replica names its source by host name; the source is known by IP and lists the replica.
    const InstanceKey sourceByIp = key(3306, u"10.0.0.1"_s);
    const InstanceKey sourceByName = key(3306, u"db1.example.com"_s);
    const InstanceKey r = key(3306, u"10.0.0.2"_s);
    const Topology t = Topology::build({server(sourceByIp, {r}), replica(r, sourceByName)});
    QCOMPARE(t.clusters().size(), 1);
    QCOMPARE(t.parentOf(r), sourceByIp);
    QCOMPARE(t.clusterNameOf(r), u"10.0.0.1:3306"_s);
}

void TestTopology::selfListingIgnored()
{
    // The processlist fallback guesses a replica's port as the source's own; never a self parent.
    const Topology t = Topology::build({server(key(3306), {key(3306)})});
    QCOMPARE(t.clusters().size(), 1);
    QVERIFY(!t.parentOf(key(3306)).isValid());
    QCOMPARE(t.clusters().first().members, (QList<InstanceKey>{key(3306)}));
}

void TestTopology::twoClusters()
{
    QList<Instance> instances = fiveServerTree();
    instances << server(key(3306, u"10.1.0.1"_s), {key(3306, u"10.1.0.2"_s)})
              << replica(key(3306, u"10.1.0.2"_s), key(3306, u"10.1.0.1"_s));
    const Topology t = Topology::build(instances, {{u"10.1.0.1:3306"_s, u"analytics"_s}});
    QCOMPARE(t.clusters().size(), 2);
    // Clusters in root key order.
    QCOMPARE(t.clusters().at(0).name, u"10.1.0.1:3306"_s);
    QCOMPARE(t.clusters().at(0).alias, u"analytics"_s);
    QCOMPARE(t.clusters().at(0).members.size(), 2);
    QCOMPARE(t.clusters().at(1).name, u"127.0.0.1:3306"_s);
    QVERIFY(t.clusters().at(1).alias.isEmpty());
    QCOMPARE(t.clusters().at(1).members.size(), 5);

    QCOMPARE(t.clusterNameOf(key(3306, u"10.1.0.2"_s)), u"10.1.0.1:3306"_s);
    QCOMPARE(t.clusterNameOf(key(3309)), u"127.0.0.1:3306"_s);
    QVERIFY(!t.isDescendant(key(3306, u"10.1.0.2"_s), key(3306)));
    QCOMPARE(t.findCluster(u"analytics"_s)->master, key(3306, u"10.1.0.1"_s));
    QCOMPARE(t.findCluster(u"10.1.0.2:3306"_s)->name, u"10.1.0.1:3306"_s);
    QCOMPARE(t.findCluster(u"127.0.0.1:3308"_s)->name, u"127.0.0.1:3306"_s);
    QCOMPARE(t.keys().size(), 7);
}

QTEST_GUILESS_MAIN(TestTopology)
#include "tst_topology.moc"
