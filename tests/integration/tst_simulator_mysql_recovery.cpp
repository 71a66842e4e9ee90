// Failure detection and recovery on simulated MySQL 5.7, 8.0 and 8.4 (the same node the MariaDB
// recovery tests use, on the simulator): a dead master (its port closed) is replaced by the preferred
// replica and the others follow it by auto-position; a dead intermediate master's replicas move to
// its sibling; a graceful takeover leaves the old master read_only and super_read_only, following the
// new one; and a designated replica that has not caught up aborts the takeover. As tst_recovery on
// MariaDB: a hung master is not dead while its replicas still replicate from it, and a failing
// pre-failover hook or a lease lost before the promotion leaves every server as it was.
#include "resultassert.h"
#include "recoverynode.h"
#include "testfleet.h"
#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "analysis/analyzer.h"
#include "model/mysqlgtidset.h"
#include "model/topologystate.h"
#include "core/recovery/recoverycoordinator.h"
#include "ops/clusterlock.h"
#include "store/store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::simulator;
using namespace arbor::testsupport;

class TestSimulatorMysqlRecovery : public QObject
{
    Q_OBJECT

public:
    explicit TestSimulatorMysqlRecovery(FlavourKind kind) : m_kind(kind) {}

private:
    FlavourKind m_kind;

    std::unique_ptr<Simulator> startFleet(int servers, int fanout) const
    {
        FleetOptions o = smallTree(m_kind, servers, fanout);
        o.logStatements = true;
        return startSimulator(o);
    }

    static RecoveryNode::Servers serversOf(const Simulator &sim)
    {
        return {sim.key(0), sim.size(), Credentials(u"arbor"_s, u"arbor"_s), u"repl"_s, u"repl-secret"_s};
    }

    static bool replicatesFrom(Simulator &sim, int i, int source)
    {
        return waitFor([&] { return sim.fleet().sourceOf(i) == source && sim.fleet().replicating(i); }, 5000);
    }

    // Transactions the new master writes from now on reach @p replicas.
    static bool writesArrive(Simulator &sim, int master, const QList<int> &replicas)
    {
        const QString uuid = sim.fleet().serverUuid(master);
        const auto start = MysqlGtidSet::parse(QString::fromUtf8(sim.fleet().gtidExecuted(master)));
        if (!start.ok())
            return false;
        // Wait for the master to write something of its own, then for it to arrive.
        if (!waitFor([&] {
                const auto now = MysqlGtidSet::parse(QString::fromUtf8(sim.fleet().gtidExecuted(master)));
                return now.ok() && !now->intervals(uuid).isEmpty() && *now != *start;
            }, 3000))
            return false;
        const auto wanted = MysqlGtidSet::parse(QString::fromUtf8(sim.fleet().gtidExecuted(master)));
        for (int r : replicas) {
            if (!waitFor([&] {
                    const auto have = MysqlGtidSet::parse(QString::fromUtf8(sim.fleet().gtidExecuted(r)));
                    return have.ok() && have->contains(*wanted);
                }, 3000))
                return false;
        }
        return true;
    }

    // The replicas were repointed in this flavour's own words, by auto-position, and no statement
    // was refused as syntax (8.4 refuses CHANGE MASTER, 5.7 knows no CHANGE REPLICATION SOURCE).
    QString repointedInOwnDialect(const Simulator &sim, const QList<int> &replicas) const
    {
        const QByteArray change = m_kind == FlavourKind::MySQL57 ? "CHANGE MASTER TO" : "CHANGE REPLICATION SOURCE TO";
        const QByteArray autoPosition = m_kind == FlavourKind::MySQL57 ? "MASTER_AUTO_POSITION" : "SOURCE_AUTO_POSITION";
        QList<int> repointed;
        for (const LoggedStatement &s : sim.fleet().statements()) {
            if (s.error == 1064)
                return u"refused as syntax: "_s + QString::fromUtf8(s.sql.left(100));
            const QByteArray upper = s.sql.toUpper();
            if (s.error == 0 && upper.startsWith(change) && QByteArray(upper).replace(' ', "").contains(autoPosition + "=1")
                && replicas.contains(s.server))
                repointed << s.server;
        }
        for (int r : replicas) {
            if (!repointed.contains(r))
                return u"server %1 got no %2 ... %3 = 1"_s.arg(r).arg(QString::fromUtf8(change), QString::fromUtf8(autoPosition));
        }
        return {};
    }

    static Result<QString> takeover(RecoveryNode &node, const Simulator &sim, int designated)
    {
        const auto cluster = node.state().topology().findCluster(sim.key(0).toString());
        if (!cluster)
            return Result<QString>::failure(u"no cluster holds the master"_s);
        ReplicationAnalysis a;
        a.key = cluster->master;
        a.clusterName = cluster->name;
        a.clusterAlias = cluster->alias;
        a.description = u"graceful takeover of %1 requested"_s.arg(cluster->master.toString());
        auto plan = node.coordinator().plan(a, sim.key(designated), true);
        if (!plan.ok())
            return Result<QString>::failure(plan.error());
        return node.coordinator().start(plan.value());
    }

private Q_SLOTS:
    void deadMasterPreferWinsOthersFollow()
    {
        auto sim = startFleet(4, 3); // 0 -> 1, 2, 3
        QVERIFY(sim);
        RecoveryNode n(serversOf(*sim), recoverAllClusters({}), true);
        QVERIFY2(n.problem().isEmpty(), qPrintable(n.problem()));
        QVERIFY(n.setPromotionRule(sim->key(1), PromotionRule::MustNot));
        QVERIFY(n.setPromotionRule(sim->key(3), PromotionRule::Prefer));

        sim->setNetworkFault(0, NetworkFault::Dead); // the listener closes, like a killed mysqld
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 15000), "no recovery finished");
        const RecoveryRecord r = n.finished().first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.analysis, u"DeadMaster"_s);
        QCOMPARE(r.successor, sim->key(3));
        QCOMPARE(sim->fleet().sourceOf(3), -1);
        QVERIFY(!sim->fleet().readOnly(3));
        QVERIFY(!sim->fleet().superReadOnly(3));
        QVERIFY(replicatesFrom(*sim, 1, 3));
        QVERIFY(replicatesFrom(*sim, 2, 3));
        QVERIFY(sim->fleet().autoPosition(1) && sim->fleet().autoPosition(2));
        QVERIFY(writesArrive(*sim, 3, {1, 2}));
        const QString dialect = repointedInOwnDialect(*sim, {1, 2});
        QVERIFY2(dialect.isEmpty(), qPrintable(dialect));
        const auto steps = n.store().readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        for (const RecoveryStep &s : *steps) {
            QVERIFY2(!s.what.contains(u"repl-secret"_s) && !s.detail.contains(u"repl-secret"_s), qPrintable(s.what));
            if (m_kind == FlavourKind::MySQL84)
                QVERIFY2(!s.what.contains(u"SLAVE"_s) && !s.what.contains(u"CHANGE MASTER"_s), qPrintable(s.what));
        }
    }

    void deadIntermediateMasterReplicasMove()
    {
        auto sim = startFleet(5, 2); // 0 -> 1, 2; 1 -> 3, 4
        QVERIFY(sim);
        RecoveryNode n(serversOf(*sim), recoverAllClusters({}), true);
        QVERIFY2(n.problem().isEmpty(), qPrintable(n.problem()));
        sim->setNetworkFault(1, NetworkFault::Dead);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 15000), "no recovery finished");
        const RecoveryRecord r = n.finished().first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.kind, u"intermediate-master"_s);
        QCOMPARE(r.successor, sim->key(2));
        QVERIFY(replicatesFrom(*sim, 3, 2));
        QVERIFY(replicatesFrom(*sim, 4, 2));
        QVERIFY(writesArrive(*sim, 0, {2, 3, 4}));
    }

    // A master that stops answering (SIGSTOP-like: the simulator accepts and never answers) while
    // its replicas' IO threads are still connected is UnreachableMaster, never DeadMaster; only once
    // they give up (slave_net_timeout, 4 s in the simulator) do they agree it is dead.
    void hungMasterNotDeadBeforeReplicasAgree()
    {
        auto sim = startFleet(3, 2); // 0 -> 1, 2
        QVERIFY(sim);
        RecoveryNode n(serversOf(*sim), recoverAllClusters({}), false);
        QVERIFY2(n.problem().isEmpty(), qPrintable(n.problem()));
        bool deadWhileConnected = false;
        QObject::connect(&n.monitor(), &AnalysisMonitor::analysisChanged, [&](const ReplicationAnalysis &a, AnalysisCode) {
            if (isDeadMasterCode(a.code) && (sim->fleet().replicating(1) || sim->fleet().replicating(2)))
                deadWhileConnected = true;
        });
        sim->setNetworkFault(0, NetworkFault::Hung);
        const InstanceKey master = sim->key(0);
        QVERIFY2(n.analysisBecomes(master, AnalysisCode::UnreachableMaster, 10000), "the hung master was not seen as UnreachableMaster");
        QVERIFY(sim->fleet().replicating(1)); // the replicas' own word: still connected
        QVERIFY(!isDeadMasterCode(n.monitor().analysisOf(master)->code));
        QVERIFY2(n.analysisBecomes(master, AnalysisCode::DeadMaster, 20000), "the replicas never agreed");
        QVERIFY(!deadWhileConnected);
        QVERIFY(n.finished().isEmpty()); // not automatic here
        QCOMPARE(sim->fleet().sourceOf(1), 0);
        QCOMPARE(sim->fleet().sourceOf(2), 0);
        sim->setNetworkFault(0, NetworkFault::None);
        QVERIFY(waitFor([&] { return !n.monitor().analysisOf(master).has_value(); }, 20000));
    }

    // A dead master whose recovery must not go ahead: the failover ends with nothing changed on
    // any server and no statement sent (tst_recovery's two cases on MariaDB).
    void stoppedFailoverChangesNothing_data()
    {
        QTest::addColumn<bool>("hookFails");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("failing pre-failover hook") << true << u"aborted"_s << u"PreFailoverProcesses"_s;
        // Issue 12: the lease is held for the first check only, as if lost during the relay-log wait.
        QTest::newRow("lease lost before promotion") << false << u"failed"_s << u"active-node lease"_s;
    }

    void stoppedFailoverChangesNothing()
    {
        QFETCH(bool, hookFails);
        QFETCH(QString, status);
        QFETCH(QString, message);
        auto sim = startFleet(3, 2);
        QVERIFY(sim);
        RecoveryOptions o;
        if (hookFails) {
            o.preFailoverProcesses = {u"sh -c 'echo not now; exit 7'"_s};
            o.postUnsuccessfulFailoverProcesses = {u"sh -c 'exit 0'"_s};
        }
        RecoveryNode n(serversOf(*sim), recoverAllClusters(o), true);
        QVERIFY2(n.problem().isEmpty(), qPrintable(n.problem()));
        auto asked = std::make_shared<std::atomic<int>>(0);
        if (!hookFails)
            n.coordinator().setHoldsLease([asked] { return asked->fetch_add(1) == 0; });
        sim->fleet().clearStatements();
        sim->setNetworkFault(0, NetworkFault::Dead);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 15000), "no recovery finished");
        const RecoveryRecord r = n.finished().first();
        QVERIFY2(r.status == status, qPrintable(r.status + u": "_s + r.message));
        QVERIFY2(r.message.contains(message), qPrintable(r.message));
        if (!hookFails)
            QVERIFY(asked->load() >= 2);
        for (int i = 1; i < 3; ++i) {
            QCOMPARE(sim->fleet().sourceOf(i), 0);
            QVERIFY(sim->fleet().readOnly(i));
        }
        for (const LoggedStatement &s : sim->fleet().statements()) {
            const QByteArray upper = s.sql.toUpper();
            QVERIFY2(!upper.startsWith("CHANGE ") && !upper.startsWith("STOP ") && !upper.startsWith("RESET ")
                         && !upper.startsWith("SET GLOBAL"),
                     s.sql.constData());
        }
        const auto steps = n.store().readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        bool sawFailedHook = false;
        for (const RecoveryStep &s : *steps) {
            QVERIFY2(s.kind != u"sql"_s, qPrintable(s.what));
            QVERIFY2(!s.what.contains(u"PostUnsuccessful"_s), qPrintable(s.what)); // orchestrator PR #1044
            sawFailedHook = sawFailedHook || (s.kind == u"hook"_s && !s.ok && s.detail.contains(u"not now"_s));
        }
        QCOMPARE(sawFailedHook, hookFails);
    }

    // A hook that writes @p word to @p path.
    static QString markerHook(const QString &word, const QString &path) { return u"sh -c 'echo %1 > %2'"_s.arg(word, path); }

    static QString readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
    }

    // The takeover hooks run around the changes (tst_takeover's order on MariaDB): the pre hook
    // before the first statement, the post hook after the last.
    void gracefulTakeoverLeavesOldMasterSuperReadOnly()
    {
        auto sim = startFleet(4, 3);
        QVERIFY(sim);
        QTemporaryDir hookDir;
        const QString pre = hookDir.filePath(u"pre.out"_s), post = hookDir.filePath(u"post.out"_s);
        RecoveryOptions o;
        o.preGracefulTakeoverProcesses = {markerHook(u"before"_s, pre)};
        o.postGracefulTakeoverProcesses = {markerHook(u"done"_s, post)};
        RecoveryNode n(serversOf(*sim), o, false);
        QVERIFY2(n.problem().isEmpty(), qPrintable(n.problem()));
        const auto started = takeover(n, *sim, 2);
        QVERIFY_RESULT(started);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 20000), "the takeover did not finish");
        const RecoveryRecord r = n.finished().first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.successor, sim->key(2));
        QCOMPARE(r.kind, u"graceful-takeover"_s);
        QVERIFY(!sim->fleet().readOnly(2) && !sim->fleet().superReadOnly(2));
        QCOMPARE(sim->fleet().sourceOf(2), -1);
        QVERIFY(sim->fleet().readOnly(0));
        QVERIFY(sim->fleet().superReadOnly(0)); // nobody with SUPER writes on the old master either
        QVERIFY(replicatesFrom(*sim, 0, 2));
        QVERIFY(replicatesFrom(*sim, 1, 2));
        QVERIFY(replicatesFrom(*sim, 3, 2));
        QVERIFY(writesArrive(*sim, 2, {0, 1, 3}));

        QCOMPARE(readFile(pre), u"before"_s);
        QCOMPARE(readFile(post), u"done"_s);
        const auto order = n.stepOrder(r.uid, u"PreGracefulTakeoverProcesses"_s, u"PostGracefulTakeoverProcesses"_s);
        QVERIFY(order.preHook >= 0 && order.firstSql >= 0);
        QVERIFY2(order.preHook < order.firstSql, "the pre-takeover hook ran after a change");
        QVERIFY2(order.postHook > order.lastSql, "the post-takeover hook ran before the last change");
    }

    // Issue 12 on MySQL: a takeover takes the cluster's operation lock like any operation; refused
    // while an operator's move holds it, with nothing changed, and it starts once the lock is free.
    void takeoverTakesTheClusterLock()
    {
        auto sim = startFleet(3, 2);
        QVERIFY(sim);
        RecoveryNode n(serversOf(*sim), {}, false);
        QVERIFY2(n.problem().isEmpty(), qPrintable(n.problem()));
        const auto cluster = n.state().topology().findCluster(sim->key(0).toString());
        QVERIFY(cluster);
        auto held = ClusterLock::acquire(cluster->name, u"relocate 127.0.0.1:1 below 127.0.0.1:2"_s, u"alice@cli"_s, &n.store(), 60);
        QVERIFY_RESULT(held);
        sim->fleet().clearStatements();
        const auto refused = takeover(n, *sim, 1);
        QVERIFY2(!refused.ok(), "the takeover started while the cluster was locked");
        QVERIFY2(refused.error().contains(u"busy with relocate"_s) && refused.error().contains(u"alice@cli"_s), qPrintable(refused.error()));
        QVERIFY(!sim->fleet().readOnly(0)); // nothing changed
        QCOMPARE(sim->fleet().sourceOf(1), 0);
        for (const LoggedStatement &s : sim->fleet().statements())
            QVERIFY2(!s.sql.toUpper().startsWith("SET GLOBAL") && !s.sql.toUpper().startsWith("CHANGE "), s.sql.constData());
        held.value().reset();
        const auto started = takeover(n, *sim, 1);
        QVERIFY_RESULT(started);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 20000), "the takeover did not finish");
        const RecoveryRecord r = n.finished().first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QVERIFY(replicatesFrom(*sim, 0, 1));
        QVERIFY(ClusterLock::acquire(cluster->name, u"relocate"_s, u"bob"_s, &n.store(), 60).ok()); // released
    }

    void takeoverAbortsWhileTheDesignatedLags()
    {
        auto sim = startFleet(4, 3);
        QVERIFY(sim);
        // Every replica applies the master's transactions 30 s (150 transactions) late, and the master
        // has just written 200: whoever is designated lacks the newest when the master stops writing.
        for (int i = 1; i < 4; ++i)
            sim->setLag(i, 30);
        sim->fleet().injectTransactions(0, 200);
        RecoveryNode n(serversOf(*sim), {}, false);
        QVERIFY2(n.problem().isEmpty(), qPrintable(n.problem()));
        RecoveryOptions o = n.coordinator().options();
        o.relayLogWaitSeconds = 1;
        n.coordinator().setOptions(o);
        const auto started = takeover(n, *sim, 2);
        QVERIFY_RESULT(started);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 20000), "the takeover did not finish");
        const RecoveryRecord r = n.finished().first();
        QStringList verified;
        if (const auto steps = n.store().readRecoverySteps(r.uid); steps.ok()) {
            for (const RecoveryStep &s : *steps) {
                if (s.kind == u"verify"_s)
                    verified << s.what.left(160);
            }
        }
        QVERIFY2(r.status != u"succeeded"_s, qPrintable(r.message + u'\n' + verified.join(u'\n')));
        QVERIFY2(r.message.contains(u"did not catch up"_s), qPrintable(r.message));
        // Nothing was promoted and the master is writable again.
        QCOMPARE(sim->fleet().sourceOf(2), 0);
        QCOMPARE(sim->fleet().sourceOf(0), -1);
        QVERIFY(!sim->fleet().readOnly(0));
        QVERIFY(!sim->fleet().superReadOnly(0));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failures = 0;
    for (const FlavourKind kind : {FlavourKind::MySQL57, FlavourKind::MySQL80, FlavourKind::MySQL84}) {
        TestSimulatorMysqlRecovery test(kind);
        qInfo("=== %s", ServerFlavour::nameOf(kind).constData());
        failures += QTest::qExec(&test, argc, argv);
    }
    return failures == 0 ? 0 : 1;
}

#include "tst_simulator_mysql_recovery.moc"
