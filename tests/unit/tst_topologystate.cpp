#include "model/topologystate.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

InstanceKey key(int port)
{
    return InstanceKey(u"127.0.0.1"_s, port);
}

Instance server(const InstanceKey &k, const QList<InstanceKey> &replicas = {})
{
    Instance i;
    i.key = k;
    i.serverId = k.port();
    i.version = u"10.11.6-MariaDB-log"_s;
    i.flavour = Flavour::MariaDB;
    i.logBin = true;
    i.binlogFormat = u"ROW"_s;
    i.replicaKeys = replicas;
    i.lastCheckValid = true;
    i.lastChecked = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
    i.lastSeen = i.lastChecked;
    i.pollLatencyUs = 800;
    return i;
}

Instance replica(const InstanceKey &k, const InstanceKey &source)
{
    Instance i = server(k);
    i.readOnly = true;
    ReplicationState r;
    r.sourceKey = source;
    r.ioThread = ReplicationState::ThreadState::Running;
    r.sqlThread = ReplicationState::ThreadState::Running;
    r.secondsBehindSource = 0;
    i.replication = r;
    return i;
}

// What the poller reports when it cannot reach a server: the key, the time and the reason only.
Instance failedPoll(const InstanceKey &k, const QString &error, const QDateTime &when)
{
    Instance i;
    i.key = k;
    i.lastChecked = when;
    i.lastCheckValid = false;
    i.lastError = error;
    i.pollLatencyUs = 5'000'000;
    return i;
}

struct Spies
{
    explicit Spies(TopologyState *s)
        : added(s, &TopologyState::instanceAdded), changed(s, &TopologyState::instanceChanged),
          removed(s, &TopologyState::instanceRemoved), structure(s, &TopologyState::structureChanged)
    {
    }
    void clear()
    {
        added.clear();
        changed.clear();
        removed.clear();
        structure.clear();
    }
    QSignalSpy added;
    QSignalSpy changed;
    QSignalSpy removed;
    QSignalSpy structure;
};

} // namespace

class TestTopologyState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty();
    void addEmitsAddedThenStructure();
    void factChangeIsNotStructural();
    void sourceChangeIsStructural();
    void replicaListChangeIsStructural();
    void failedPollKeepsLastKnownFacts();
    void repeatedFailureIsNotStructural();
    void recoveryReplacesFacts();
    void failedFirstPollStoresWhatItHas();
    void remove();
    void aliases();
    void aliasPrecedence();
    void downtimed();
    void topologyFollowsUpdates();
    void signalsCarryRegisteredTypes();
};

void TestTopologyState::startsEmpty()
{
    TopologyState state;
    QVERIFY(state.instances().isEmpty());
    QVERIFY(!state.instance(key(3306)));
    QVERIFY(state.downtimed().isEmpty());
    QVERIFY(state.topology().clusters().isEmpty());
}

void TestTopologyState::addEmitsAddedThenStructure()
{
    TopologyState state;
    Spies spies(&state);
    QStringList order;
    connect(&state, &TopologyState::instanceAdded, this, [&order] { order << u"added"_s; });
    connect(&state, &TopologyState::structureChanged, this, [&order] { order << u"structure"_s; });

    state.update(server(key(3306)));
    QCOMPARE(spies.added.count(), 1);
    QCOMPARE(spies.changed.count(), 0);
    QCOMPARE(spies.structure.count(), 1);
    QCOMPARE(order, (QStringList{u"added"_s, u"structure"_s}));
    const auto added = spies.added.first().first().value<Instance>();
    QCOMPARE(added.key, key(3306));
    QCOMPARE(added.serverId, 3306);

    QCOMPARE(state.instances().size(), 1);
    QVERIFY(state.instance(key(3306)));
    QCOMPARE(state.instance(key(3306))->version, u"10.11.6-MariaDB-log"_s);
}

void TestTopologyState::factChangeIsNotStructural()
{
    TopologyState state;
    state.update(server(key(3306), {key(3307)}));
    state.update(replica(key(3307), key(3306)));
    Spies spies(&state);

    Instance next = replica(key(3307), key(3306));
    next.replication->secondsBehindSource = 42;
    next.readOnly = false;
    next.lastChecked = next.lastChecked.addSecs(1);
    state.update(next);
    QCOMPARE(spies.added.count(), 0);
    QCOMPARE(spies.changed.count(), 1);
    QCOMPARE(spies.structure.count(), 0);
    const auto after = spies.changed.first().at(0).value<Instance>();
    const auto before = spies.changed.first().at(1).value<Instance>();
    QCOMPARE(after.replication->secondsBehindSource, std::optional<qint64>(42));
    QCOMPARE(before.replication->secondsBehindSource, std::optional<qint64>(0));
    QVERIFY(!after.readOnly);
    QVERIFY(before.readOnly);
    QCOMPARE(state.instance(key(3307))->lagSeconds(), std::optional<qint64>(42));

    // Identical facts still report a poll (the row's time moves), never a new structure.
    state.update(next);
    QCOMPARE(spies.changed.count(), 2);
    QCOMPARE(spies.structure.count(), 0);
}

void TestTopologyState::sourceChangeIsStructural()
{
    TopologyState state;
    state.update(server(key(3306)));
    state.update(replica(key(3307), key(3306)));
    state.update(replica(key(3308), key(3306)));
    QCOMPARE(state.topology().depthOf(key(3308)), 1);
    Spies spies(&state);

    state.update(replica(key(3308), key(3307))); // relocated below 3307
    QCOMPARE(spies.changed.count(), 1);
    QCOMPARE(spies.structure.count(), 1);
    QCOMPARE(spies.changed.first().at(1).value<Instance>().sourceKey(), key(3306));
    QCOMPARE(spies.changed.first().at(0).value<Instance>().sourceKey(), key(3307));
    QCOMPARE(state.topology().parentOf(key(3308)), key(3307));
    QCOMPARE(state.topology().depthOf(key(3308)), 2);

    state.update(server(key(3308))); // detached: now a master of its own
    QCOMPARE(spies.structure.count(), 2);
    QCOMPARE(state.topology().clusters().size(), 2);
}

void TestTopologyState::replicaListChangeIsStructural()
{
    TopologyState state;
    state.update(server(key(3306)));
    Spies spies(&state);
    state.update(server(key(3306), {key(3307)}));
    QCOMPARE(spies.changed.count(), 1);
    QCOMPARE(spies.structure.count(), 1);
    state.update(server(key(3306), {key(3307)}));
    QCOMPARE(spies.structure.count(), 1);
    state.update(server(key(3306), {key(3307), key(3308)}));
    QCOMPARE(spies.structure.count(), 2);
    state.update(server(key(3306)));
    QCOMPARE(spies.structure.count(), 3);
    QCOMPARE(spies.changed.count(), 4);
}

void TestTopologyState::failedPollKeepsLastKnownFacts()
{
    TopologyState state;
    state.update(server(key(3306), {key(3307)}));
    Instance good = replica(key(3307), key(3306));
    good.replication->secondsBehindSource = 3;
    good.warnings << u"slave_net_timeout is 60 s"_s;
    state.update(good);
    Spies spies(&state);

    const QDateTime later = good.lastChecked.addSecs(5);
    state.update(failedPoll(key(3307), u"cannot connect to 127.0.0.1:3307: Connection refused"_s, later));
    QCOMPARE(spies.added.count(), 0);
    QCOMPARE(spies.changed.count(), 1);
    // Reachability counts as structure: Topology::build attaches an unreachable server through its
    // source's replica list, so the flip can move it.
    QCOMPARE(spies.structure.count(), 1);

    const auto stored = state.instance(key(3307));
    QVERIFY(stored);
    QVERIFY(!stored->lastCheckValid);
    QCOMPARE(stored->lastError, u"cannot connect to 127.0.0.1:3307: Connection refused"_s);
    QCOMPARE(stored->lastChecked, later);
    QCOMPARE(stored->pollLatencyUs, 5'000'000);
    // Facts of the last good poll are kept.
    QCOMPARE(stored->serverId, 3307);
    QCOMPARE(stored->version, u"10.11.6-MariaDB-log"_s);
    QVERIFY(stored->readOnly);
    QCOMPARE(stored->sourceKey(), key(3306));
    QCOMPARE(stored->replication->secondsBehindSource, std::optional<qint64>(3));
    QCOMPARE(stored->lastSeen, good.lastSeen); // last time it answered, not the failed attempt
    QCOMPARE(stored->warnings, good.warnings);

    // The signal carries the merged instance and the one before.
    const auto after = spies.changed.first().at(0).value<Instance>();
    const auto before = spies.changed.first().at(1).value<Instance>();
    QVERIFY(!after.lastCheckValid);
    QCOMPARE(after.version, u"10.11.6-MariaDB-log"_s);
    QVERIFY(before.lastCheckValid);
    QVERIFY(before.lastError.isEmpty());

    // The tree keeps the server where it was.
    QCOMPARE(state.topology().parentOf(key(3307)), key(3306));
    QCOMPARE(state.topology().clusters().size(), 1);
}

void TestTopologyState::repeatedFailureIsNotStructural()
{
    TopologyState state;
    state.update(server(key(3306), {key(3307)}));
    state.update(replica(key(3307), key(3306)));
    const QDateTime t0 = QDateTime(QDate(2024, 5, 1), QTime(12, 1, 0), Qt::UTC);
    state.update(failedPoll(key(3307), u"first error"_s, t0));
    Spies spies(&state);

    state.update(failedPoll(key(3307), u"second error"_s, t0.addSecs(5)));
    QCOMPARE(spies.changed.count(), 1);
    QCOMPARE(spies.structure.count(), 0); // links are unchanged: still the same tree
    QCOMPARE(state.instance(key(3307))->lastError, u"second error"_s);
    QCOMPARE(state.instance(key(3307))->lastChecked, t0.addSecs(5));
    QCOMPARE(state.instance(key(3307))->sourceKey(), key(3306));
}

void TestTopologyState::recoveryReplacesFacts()
{
    TopologyState state;
    state.update(server(key(3306)));
    state.update(replica(key(3307), key(3306)));
    state.update(failedPoll(key(3307), u"down"_s, QDateTime::currentDateTimeUtc()));
    Spies spies(&state);

    Instance back = replica(key(3307), key(3306));
    back.version = u"10.11.7-MariaDB-log"_s; // upgraded while it was down
    state.update(back);
    QCOMPARE(spies.changed.count(), 1);
    const auto stored = state.instance(key(3307));
    QVERIFY(stored->lastCheckValid);
    QVERIFY(stored->lastError.isEmpty());
    QCOMPARE(stored->version, u"10.11.7-MariaDB-log"_s);
}

void TestTopologyState::failedFirstPollStoresWhatItHas()
{
    // Never reached: there are no facts to keep, the failure itself is stored.
    TopologyState state;
    Spies spies(&state);
    const QDateTime when = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0), Qt::UTC);
    state.update(failedPoll(key(3306), u"no route to host"_s, when));
    QCOMPARE(spies.added.count(), 1);
    QCOMPARE(spies.structure.count(), 1);
    QVERIFY(!state.instance(key(3306))->lastCheckValid);
    QCOMPARE(state.instance(key(3306))->lastError, u"no route to host"_s);

    state.update(failedPoll(key(3306), u"still no route"_s, when.addSecs(5)));
    QCOMPARE(spies.changed.count(), 1);
    QCOMPARE(spies.structure.count(), 1);
    QCOMPARE(state.instance(key(3306))->lastError, u"still no route"_s);
    QCOMPARE(state.instance(key(3306))->lastChecked, when.addSecs(5));
}

void TestTopologyState::remove()
{
    TopologyState state;
    state.update(server(key(3306)));
    state.update(replica(key(3307), key(3306)));
    Spies spies(&state);

    state.remove(key(3999)); // unknown: nothing happens
    QCOMPARE(spies.removed.count(), 0);
    QCOMPARE(spies.structure.count(), 0);

    state.remove(key(3307));
    QCOMPARE(spies.removed.count(), 1);
    QCOMPARE(spies.removed.first().first().value<InstanceKey>(), key(3307));
    QCOMPARE(spies.structure.count(), 1);
    QVERIFY(!state.instance(key(3307)));
    QCOMPARE(state.instances().size(), 1);
    QCOMPARE(state.topology().clusters().first().members, (QList<InstanceKey>{key(3306)}));

    state.remove(key(3307));
    QCOMPARE(spies.removed.count(), 1);
}

void TestTopologyState::aliases()
{
    TopologyState state;
    state.update(server(key(3306)));
    Spies spies(&state);
    state.setAliases({{u"127.0.0.1:3306"_s, u"orders"_s}});
    QCOMPARE(spies.structure.count(), 1);
    QCOMPARE(state.topology().clusters().first().alias, u"orders"_s);
    QVERIFY(state.topology().findCluster(u"orders"_s));
}

// orchestrator's order: an alias set by hand, then the master's DetectClusterAliasQuery answer, then
// the first ClusterNameToAlias pattern.
void TestTopologyState::aliasPrecedence()
{
    TopologyState state;
    state.setAliasPatterns({{QRegularExpression(u"3306$"_s), u"from-pattern"_s}});
    state.update(server(key(3306)));
    state.update(replica(key(3307), key(3306)));
    QCOMPARE(state.topology().clusters().first().alias, u"from-pattern"_s);

    Spies spies(&state);
    Instance master = server(key(3306));
    master.suggestedClusterAlias = u"payments"_s;
    state.update(master);
    QCOMPARE(spies.structure.count(), 1); // the name on the canvas and in the lists changes
    QCOMPARE(state.topology().clusters().first().alias, u"payments"_s);
    QVERIFY(state.topology().findCluster(u"payments"_s));

    // What a replica answers names nothing: only the master's answer counts.
    Instance replicaSays = replica(key(3307), key(3306));
    replicaSays.suggestedClusterAlias = u"not-this"_s;
    state.update(replicaSays);
    QCOMPARE(state.topology().clusters().first().alias, u"payments"_s);

    state.setAliases({{u"127.0.0.1:3306"_s, u"orders"_s}});
    QCOMPARE(state.topology().clusters().first().alias, u"orders"_s);
}

void TestTopologyState::downtimed()
{
    TopologyState state;
    state.update(server(key(3306)));
    Spies spies(&state);
    state.setDowntimed({{key(3306), u"kernel upgrade"_s}});
    QCOMPARE(state.downtimed().value(key(3306)), u"kernel upgrade"_s);
    QCOMPARE(spies.structure.count(), 0);
    QCOMPARE(spies.changed.count(), 0);
    state.setDowntimed({});
    QVERIFY(state.downtimed().isEmpty());
}

void TestTopologyState::topologyFollowsUpdates()
{
    TopologyState state;
    state.update(server(key(3306)));
    QCOMPARE(state.topology().clusters().size(), 1);
    QCOMPARE(state.topology().keys().size(), 1);
    state.update(replica(key(3307), key(3306)));
    QCOMPARE(state.topology().keys().size(), 2);
    QCOMPARE(state.topology().parentOf(key(3307)), key(3306));
    // A fact-only change reaches the topology's copy too.
    Instance lagging = replica(key(3307), key(3306));
    lagging.replication->secondsBehindSource = 99;
    state.update(lagging);
    QCOMPARE(state.topology().instance(key(3307))->lagSeconds(), std::optional<qint64>(99));
}

void TestTopologyState::signalsCarryRegisteredTypes()
{
    // Queued connections (poller thread to GUI) need the types registered by name.
    TopologyState state;
    QVERIFY(QMetaType::fromName("arbor::core::Instance").isValid());
    QVERIFY(QMetaType::fromName("arbor::core::InstanceKey").isValid());

    Spies spies(&state);
    int queued = 0;
    connect(&state, &TopologyState::instanceAdded, this, [&queued](const Instance &) { ++queued; },
            Qt::QueuedConnection);
    state.update(server(key(3306)));
    QTRY_COMPARE(queued, 1);
}

QTEST_GUILESS_MAIN(TestTopologyState)
#include "tst_topologystate.moc"
