// Graceful master takeover (planned switchover, issue 5) on real mariadbd GTID sandboxes: the
// designated replica becomes the writable master, the old master turns read-only and follows it,
// every other replica follows it with both threads running and a row written on it reaches all
// servers. PreGracefulTakeoverProcesses runs before anything changes (it sees the old master still
// writable); a failing one aborts with the topology untouched.
#include "resultassert.h"
#include "recoverynode.h"
#include "waitfor.h"

#include "model/topologystate.h"
#include "ops/clusterlock.h"
#include "core/recovery/recoverycoordinator.h"
#include "store/store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {

// Plans and starts a takeover of server 0 by @p designated, as `arbor recover --takeover` does.
Result<QString> takeover(RecoveryNode &node, int designated)
{
    const auto cluster = node.state().topology().findCluster(node.sandbox().key(0).toString());
    if (!cluster)
        return Result<QString>::failure(u"no cluster holds the master"_s);
    ReplicationAnalysis a;
    a.key = cluster->master;
    a.clusterName = cluster->name;
    a.clusterAlias = cluster->alias;
    a.description = u"graceful takeover of %1 requested"_s.arg(cluster->master.toString());
    auto plan = node.coordinator().plan(a, node.sandbox().key(designated), true);
    if (!plan.ok())
        return Result<QString>::failure(plan.error());
    return node.coordinator().start(plan.value());
}

// A hook that asks the old master (server 0) for @@read_only and writes the answer to @p out.
QString readOnlyProbeHook(RecoveryNode &node, const QString &out, int exitCode)
{
    return u"sh -c 'mariadb --defaults-extra-file=%1 -h127.0.0.1 -P%2 -N -e \"SELECT @@read_only\" > %3; exit %4'"_s
        .arg(node.sandbox().credentialsFile())
        .arg(node.sandbox().port(0))
        .arg(out)
        .arg(exitCode);
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

} // namespace

class TestTakeover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takeoverPromotesDesignatedAndOldMasterFollows()
    {
        QTemporaryDir hookDir;
        const QString marker = hookDir.filePath(u"pre.out"_s);
        const QString post = hookDir.filePath(u"post.out"_s);
        RecoveryOptions o;
        o.postGracefulTakeoverProcesses = {u"sh -c 'echo done > %1'"_s.arg(post)};
        RecoveryNode n(SandboxShape::Star, 4, o, false);
        REQUIRE_RECOVERY_NODE(n);
        {
            RecoveryOptions withHook = n.coordinator().options();
            withHook.preGracefulTakeoverProcesses = {readOnlyProbeHook(n, marker, 0)};
            // The old master has no replication user of its own: the configured one is set on it.
            withHook.replicationUser = n.sandbox().replicationUser();
            withHook.replicationPassword = n.sandbox().replicationPassword();
            n.coordinator().setOptions(withHook);
        }
        QVERIFY(n.sandbox().execute(0, u"CREATE DATABASE app"_s).ok());
        QVERIFY(n.sandbox().execute(0, u"CREATE TABLE app.t (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(n.sandbox().execute(0, u"INSERT INTO app.t VALUES (1)"_s).ok());
        QVERIFY(waitFor([&] { return n.rows(1, u"app.t"_s) == 1 && n.rows(2, u"app.t"_s) == 1 && n.rows(3, u"app.t"_s) == 1; }, 10000));

        const auto started = takeover(n, 2);
        QVERIFY_RESULT(started);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 30000), "the takeover did not finish");
        const RecoveryRecord r = n.finished().first();
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.successor, n.sandbox().key(2));
        QCOMPARE(r.analysis, u"GracefulMasterTakeover"_s);
        QCOMPARE(r.kind, u"graceful-takeover"_s);

        // The pre-hook saw the old master still writable: it ran before anything changed.
        QCOMPARE(readFile(marker), u"0"_s);
        QCOMPARE(readFile(post), u"done"_s);

        // The servers say so.
        QCOMPARE(n.readOnly(2), 0);
        const auto newMasterStatus = n.sandbox().query(2, u"SHOW SLAVE STATUS"_s);
        QVERIFY(newMasterStatus.ok() && newMasterStatus->isEmpty());
        QCOMPARE(n.readOnly(0), 1);
        QVERIFY2(n.replicatesFrom(0, 2), "the old master does not replicate from the new one");
        QVERIFY(n.replicatesFrom(1, 2));
        QVERIFY(n.replicatesFrom(3, 2));
        QVERIFY(n.sandbox().execute(2, u"INSERT INTO app.t VALUES (2)"_s).ok());
        QVERIFY(waitFor([&] {
            return n.rows(0, u"app.t"_s) == 2 && n.rows(1, u"app.t"_s) == 2 && n.rows(3, u"app.t"_s) == 2;
        }, 10000));

        // Recorded order: the pre-hook step precedes every SQL step, the post hook follows them all.
        const auto order = n.stepOrder(r.uid, u"PreGracefulTakeoverProcesses"_s, u"PostGracefulTakeoverProcesses"_s);
        QVERIFY(order.preHook >= 0 && order.firstSql >= 0);
        QVERIFY2(order.preHook < order.firstSql, "the pre-takeover hook ran after a change");
        QVERIFY(order.postHook > order.lastSql);
        const auto steps = n.store().readRecoverySteps(r.uid);
        QVERIFY(steps.ok());

        // Issue 12: the replication password reached the old master, but no stored step shows it.
        bool redacted = false;
        for (const RecoveryStep &s : *steps) {
            QVERIFY2(!s.what.contains(n.sandbox().replicationPassword()) && !s.detail.contains(n.sandbox().replicationPassword()),
                     qPrintable(s.what));
            redacted = redacted || s.what.contains(u"MASTER_PASSWORD=<redacted>"_s);
        }
        QVERIFY2(redacted, "the step pointing the old master at the new one is not recorded");
    }

    // A switchover and straight back, with no write in between (a DBA testing the procedure): the old
    // master wrote the new master's last transactions itself, so MariaDB's MASTER_GTID_WAIT (which
    // follows gtid_slave_pos only) would wait in vain; Arbor sees gtid_current_pos already has them.
    void takeoverAndStraightBack()
    {
        RecoveryOptions o;
        o.relayLogWaitSeconds = 3;
        RecoveryNode n(SandboxShape::Star, 2, o, false);
        REQUIRE_RECOVERY_NODE(n);
        {
            RecoveryOptions withAccount = n.coordinator().options();
            withAccount.replicationUser = n.sandbox().replicationUser();
            withAccount.replicationPassword = n.sandbox().replicationPassword();
            n.coordinator().setOptions(withAccount);
        }
        QVERIFY(n.sandbox().execute(0, u"CREATE DATABASE there_and_back"_s).ok());
        QVERIFY(n.sandbox().execute(0, u"CREATE TABLE there_and_back.t (id INT PRIMARY KEY)"_s).ok());
        QVERIFY(waitFor([&] { return n.rows(1, u"there_and_back.t"_s) == 0; }, 10000)); // replicated
        QVERIFY_RESULT(takeover(n, 1));
        QVERIFY2(waitFor([&] { return n.finished().size() == 1; }, 30000), "the first takeover did not finish");
        QVERIFY2(n.finished().first().status == u"succeeded"_s, qPrintable(n.finished().first().message));
        QVERIFY(n.replicatesFrom(0, 1));
        QVERIFY2(waitFor([&] {
            const auto c = n.state().topology().findCluster(n.sandbox().key(0).toString());
            const auto old = n.state().instance(n.sandbox().key(0));
            return c && c->master == n.sandbox().key(1) && old && old->replication && old->replication->isHealthy();
        }, 10000), "the node never saw 0 replicating from 1");

        QVERIFY_RESULT(takeover(n, 0));
        QVERIFY2(waitFor([&] { return n.finished().size() == 2; }, 30000), "the second takeover did not finish");
        const RecoveryRecord back = n.finished().last();
        QVERIFY2(back.status == u"succeeded"_s, qPrintable(back.message));
        QCOMPARE(back.successor, n.sandbox().key(0));
        QCOMPARE(n.readOnly(0), 0);
        QCOMPARE(n.readOnly(1), 1);
        QVERIFY(n.replicatesFrom(1, 0));
    }

    // Issue 12: a recovery takes the cluster's operation lock like any operation, so it never runs
    // beside an operator's relocation; once the lock is free it starts.
    void recoveryTakesTheClusterLock()
    {
        RecoveryNode n(SandboxShape::Star, 3, {}, false);
        REQUIRE_RECOVERY_NODE(n);
        const auto cluster = n.state().topology().findCluster(n.sandbox().key(0).toString());
        QVERIFY(cluster);
        auto held = ClusterLock::acquire(cluster->name, u"relocate 127.0.0.1:1 below 127.0.0.1:2"_s, u"alice@cli"_s, &n.store(), 60);
        QVERIFY_RESULT(held);
        const auto refused = takeover(n, 1);
        QVERIFY2(!refused.ok(), "the takeover started while the cluster was locked");
        QVERIFY2(refused.error().contains(u"busy with relocate"_s) && refused.error().contains(u"alice@cli"_s), qPrintable(refused.error()));
        QCOMPARE(n.readOnly(0), 0); // nothing changed
        held.value().reset();
        const auto started = takeover(n, 1);
        QVERIFY_RESULT(started);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 30000), "the takeover did not finish");
        QCOMPARE(n.finished().first().status, u"succeeded"_s);
        // Released at the end: an operation may run again.
        QVERIFY(ClusterLock::acquire(cluster->name, u"relocate"_s, u"bob"_s, &n.store(), 60).ok());
    }

    void successHooksWaitForTheOldMasterToFollow()
    {
        // The old master cannot follow the new one (a wrong replication password): the switchover
        // has not reached its final shape, so it is not a success and PostGracefulTakeoverProcesses
        // does not run; PostUnsuccessfulFailoverProcesses runs after the old master was tried.
        QTemporaryDir hookDir;
        const QString success = hookDir.filePath(u"success.out"_s);
        const QString unsuccessful = hookDir.filePath(u"unsuccessful.out"_s);
        RecoveryOptions o;
        o.postGracefulTakeoverProcesses = {u"sh -c 'echo ran > %1'"_s.arg(success)};
        o.postFailoverProcesses = {u"sh -c 'echo ran >> %1'"_s.arg(success)};
        o.postUnsuccessfulFailoverProcesses = {u"sh -c 'echo ran > %1'"_s.arg(unsuccessful)};
        RecoveryNode n(SandboxShape::Star, 3, o, false);
        REQUIRE_RECOVERY_NODE(n);
        {
            RecoveryOptions wrong = n.coordinator().options();
            wrong.replicationPassword = u"not-the-replication-password"_s;
            wrong.replicaVerifySeconds = 3;
            n.coordinator().setOptions(wrong);
        }
        const auto started = takeover(n, 1);
        QVERIFY_RESULT(started);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 40000), "the takeover did not finish");
        const RecoveryRecord r = n.finished().first();
        QCOMPARE(r.status, u"failed"_s);
        QVERIFY2(r.message.contains(u"does not replicate from it"_s), qPrintable(r.message));
        QCOMPARE(readFile(success), QString());
        QCOMPARE(readFile(unsuccessful), u"ran"_s);
        // The new master took over; the old one is read-only (a DBA fixes its credentials by hand).
        QCOMPARE(n.readOnly(1), 0);
        QCOMPARE(n.readOnly(0), 1);
        const auto steps = n.store().readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        int oldMasterChange = -1, hook = -1;
        for (int i = 0; i < int(steps->size()); ++i) {
            const RecoveryStep &s = steps->at(i);
            if (s.kind == u"sql"_s && s.what.contains(u"follow the new master"_s))
                oldMasterChange = i;
            if (s.kind == u"hook"_s && s.what.startsWith(u"PostUnsuccessfulFailoverProcesses"_s))
                hook = i;
        }
        QVERIFY2(oldMasterChange >= 0 && hook > oldMasterChange, "the post hook ran before the old master was repointed");
    }

    void failingPreHookAbortsUntouched()
    {
        QTemporaryDir hookDir;
        const QString marker = hookDir.filePath(u"pre.out"_s);
        RecoveryOptions o;
        o.postUnsuccessfulFailoverProcesses = {u"sh -c 'exit 0'"_s};
        RecoveryNode n(SandboxShape::Star, 4, o, false);
        REQUIRE_RECOVERY_NODE(n);
        {
            RecoveryOptions withHook = n.coordinator().options();
            withHook.preGracefulTakeoverProcesses = {readOnlyProbeHook(n, marker, 1)};
            n.coordinator().setOptions(withHook);
        }
        const auto started = takeover(n, 1);
        QVERIFY_RESULT(started);
        QVERIFY2(waitFor([&] { return !n.finished().isEmpty(); }, 30000), "the takeover did not finish");
        const RecoveryRecord r = n.finished().first();
        QCOMPARE(r.status, u"aborted"_s);
        QVERIFY2(r.message.contains(u"PreGracefulTakeoverProcesses"_s), qPrintable(r.message));
        QCOMPARE(readFile(marker), u"0"_s); // the hook did run

        // Untouched: 0 writable and replicating from nobody, 1..3 read-only and following 0.
        QCOMPARE(n.readOnly(0), 0);
        const auto masterStatus = n.sandbox().query(0, u"SHOW SLAVE STATUS"_s);
        QVERIFY(masterStatus.ok() && masterStatus->isEmpty());
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(n.readOnly(i), 1);
            QVERIFY(n.replicatesFrom(i, 0));
        }
        const auto steps = n.store().readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        for (const RecoveryStep &s : *steps) {
            QVERIFY2(s.kind != u"sql"_s, qPrintable(s.what));
            QVERIFY2(!s.what.contains(u"PostUnsuccessful"_s), qPrintable(s.what));
        }
    }
};

QTEST_GUILESS_MAIN(TestTakeover)
#include "tst_takeover.moc"
