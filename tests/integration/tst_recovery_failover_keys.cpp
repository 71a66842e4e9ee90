// orchestrator's failover-detail keys on real mariadbd sandboxes, each asserted on the servers after
// a SIGKILLed master was recovered: ApplyMySQLPromotionAfterMasterFailover=false leaves the promoted
// server read-only with its replication settings (MasterFailoverDetachReplicaMasterHost turns its
// Master_Host into //host); DetachLostReplicasAfterMasterFailover detaches a reachable lost replica;
// DelayMasterPromotionIfSQLThreadNotUpToDate promotes a candidate only once its relay log is applied;
// PostponeReplicaRecoveryOnLagMinutes moves a delayed replica after the post-failover hooks;
// RecoveryIgnoreHostnameFilters blocks a recovery; FailureDetectionPeriodBlockMinutes runs the detection
// hooks once per failed server within the period.
#include "recoverynode.h"
#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "core/recovery/candidatechooser.h"
#include "core/recovery/recoverycoordinator.h"
#include "store/store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {

// SHOW SLAVE STATUS's Master_Host of @p server as the server reports it; empty when it has no source.
QString masterHost(RecoveryNode &n, int server)
{
    const auto rows = n.sandbox().query(server, u"SHOW SLAVE STATUS"_s);
    return rows.ok() && !rows->isEmpty() ? rows->constFirst().value(u"Master_Host"_s).toString() : QString();
}

int masterPort(RecoveryNode &n, int server)
{
    const auto rows = n.sandbox().query(server, u"SHOW SLAVE STATUS"_s);
    return rows.ok() && !rows->isEmpty() ? rows->constFirst().value(u"Master_Port"_s).toInt() : -1;
}

RecoveryRecord waitRecovered(RecoveryNode &n)
{
    if (!waitFor([&] { return !n.finished().isEmpty(); }, 20000))
        return {};
    return n.finished().first();
}

} // namespace

class TestRecoveryFailoverKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void applyPromotionFalse_data()
    {
        QTest::addColumn<bool>("detachMasterHost");
        QTest::newRow("ApplyMySQLPromotionAfterMasterFailover false") << false;
        QTest::newRow("and MasterFailoverDetachReplicaMasterHost") << true;
    }

    void applyPromotionFalse()
    {
        QFETCH(bool, detachMasterHost);
        RecoveryOptions o = recoverAllClusters({});
        o.applyPromotion = false;
        o.detachPromotedMasterHost = detachMasterHost;
        RecoveryNode n(SandboxShape::Star, 3, o, true);
        REQUIRE_RECOVERY_NODE(n);
        QVERIFY(n.setPromotionRule(1, PromotionRule::Prefer));
        QVERIFY(n.sandbox().kill(0).ok());
        const RecoveryRecord r = waitRecovered(n);
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.successor, n.sandbox().key(1));
        // The promotion is left to the hooks: still read-only, still configured to replicate from 0.
        QCOMPARE(n.readOnly(1), 1);
        QCOMPARE(masterPort(n, 1), n.sandbox().port(0));
        const QString host = masterHost(n, 1);
        QVERIFY2(host.startsWith(u"//"_s) == detachMasterHost, qPrintable(host));
        // The other replica follows the promoted server all the same.
        QVERIFY(n.replicatesFrom(2, 1));
    }

    void lostReplicaDetached_data()
    {
        QTest::addColumn<bool>("detachLost");
        QTest::newRow("DetachLostReplicasAfterMasterFailover true") << true;
        QTest::newRow("false") << false;
    }

    // Replica 2 (must_not) is ahead of 1, which is chosen: 2 cannot follow 1 and is lost, though reachable.
    void lostReplicaDetached()
    {
        QFETCH(bool, detachLost);
        RecoveryOptions o = recoverAllClusters({});
        o.detachLostReplicas = detachLost;
        RecoveryNode n(SandboxShape::Star, 3, o, true);
        REQUIRE_RECOVERY_NODE(n);
        QVERIFY(n.setPromotionRule(2, PromotionRule::MustNot));
        QVERIFY(n.sandbox().execute(1, u"STOP SLAVE IO_THREAD"_s).ok());
        QVERIFY(n.sandbox().execute(0, u"CREATE DATABASE ahead"_s).ok());
        const InstanceKey k1 = n.sandbox().key(1), k2 = n.sandbox().key(2);
        QVERIFY2(waitFor([&] {
            const auto i1 = n.state().instance(k1), i2 = n.state().instance(k2);
            return i1 && i2 && CandidateChooser::compareProgress(*i2, *i1) == 1;
        }, 10000), "the node never saw 2 ahead of 1");
        QVERIFY(n.sandbox().kill(0).ok());
        const RecoveryRecord r = waitRecovered(n);
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.successor, k1);
        QVERIFY2(r.message.contains(k2.toString()), qPrintable(r.message)); // in the lost list
        QCOMPARE(masterPort(n, 2), n.sandbox().port(0));
        const QString host = masterHost(n, 2);
        QVERIFY2(host.startsWith(u"//"_s) == detachLost, qPrintable(host));
    }

    void relayLogAppliedBeforePromotion_data()
    {
        QTest::addColumn<bool>("delay");
        QTest::newRow("DelayMasterPromotionIfSQLThreadNotUpToDate") << true;
        QTest::newRow("ignore") << false;
    }

    // The only replica applies events 8 s late: the master is killed right after a write it received.
    void relayLogAppliedBeforePromotion()
    {
        QFETCH(bool, delay);
        RecoveryOptions o = recoverAllClusters({});
        o.relayLogPolicy = delay ? RecoveryOptions::RelayLogPolicy::Delay : RecoveryOptions::RelayLogPolicy::Ignore;
        RecoveryNode n(SandboxShape::Star, 2, o, true);
        REQUIRE_RECOVERY_NODE(n);
        QVERIFY(n.sandbox().execute(1, u"STOP SLAVE"_s).ok());
        QVERIFY(n.sandbox().execute(1, u"CHANGE MASTER TO MASTER_DELAY=8"_s).ok());
        QVERIFY(n.sandbox().execute(1, u"START SLAVE"_s).ok());
        QVERIFY(n.sandbox().execute(0, u"CREATE DATABASE relay"_s).ok());
        QVERIFY(waitFor([&] {
            const auto rows = n.sandbox().query(1, u"SHOW SLAVE STATUS"_s);
            return rows.ok() && !rows->isEmpty()
                   && rows->constFirst().value(u"Read_Master_Log_Pos"_s) != rows->constFirst().value(u"Exec_Master_Log_Pos"_s);
        }, 5000));
        QVERIFY(n.sandbox().kill(0).ok());
        const RecoveryRecord r = waitRecovered(n);
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        const auto dbs = n.sandbox().query(1, u"SHOW DATABASES LIKE 'relay'"_s);
        QVERIFY(dbs.ok());
        QCOMPARE(dbs->size(), delay ? 1 : 0);
    }

    void delayedReplicaPostponed_data()
    {
        QTest::addColumn<int>("postponeSeconds");
        QTest::newRow("PostponeReplicaRecoveryOnLagMinutes 1") << 60;
        QTest::newRow("0: not postponed") << 0;
    }

    // Replica 2 applies events an hour late (MASTER_DELAY): with the key set it is moved under the new
    // master only after the post-failover hooks, and still ends up replicating from it.
    void delayedReplicaPostponed()
    {
        QFETCH(int, postponeSeconds);
        RecoveryOptions o = recoverAllClusters({});
        o.postponeReplicaRecoveryOnLagSeconds = postponeSeconds;
        o.postMasterFailoverProcesses = {u"true"_s};
        RecoveryNode n(SandboxShape::Star, 3, o, true);
        REQUIRE_RECOVERY_NODE(n);
        QVERIFY(n.setPromotionRule(2, PromotionRule::MustNot));
        QVERIFY(n.sandbox().execute(2, u"STOP SLAVE"_s).ok());
        QVERIFY(n.sandbox().execute(2, u"CHANGE MASTER TO MASTER_DELAY=3600"_s).ok());
        QVERIFY(n.sandbox().execute(2, u"START SLAVE"_s).ok());
        const InstanceKey k2 = n.sandbox().key(2);
        QVERIFY2(waitFor([&] {
            const auto i2 = n.state().instance(k2);
            return i2 && i2->replication && i2->replication->sqlDelay == 3600;
        }, 10000), "the node never saw replica 2's SQL_Delay");
        QVERIFY(n.sandbox().kill(0).ok());
        const RecoveryRecord r = waitRecovered(n);
        QVERIFY2(r.status == u"succeeded"_s, qPrintable(r.message + u'\n' + r.explanation));
        QCOMPARE(r.successor, n.sandbox().key(1));
        QVERIFY(n.replicatesFrom(2, 1));
        const auto steps = n.store().readRecoverySteps(r.uid);
        QVERIFY(steps.ok());
        int hook = -1, moved = -1, postponedNote = -1;
        QStringList all;
        for (int i = 0; i < int(steps->size()); ++i) {
            const RecoveryStep &s = steps->at(i);
            all << s.kind + u": "_s + s.what;
            if (s.kind == u"hook"_s && s.what.startsWith(u"PostMasterFailoverProcesses"_s))
                hook = i;
            if (s.kind == u"sql"_s && s.what.startsWith(u"point it at"_s) && s.what.contains(k2.toString()))
                moved = i;
            if (s.kind == u"info"_s && s.what.contains(u"PostponeReplicaRecoveryOnLagMinutes"_s))
                postponedNote = i;
        }
        QVERIFY2(hook >= 0 && moved >= 0, qPrintable(all.join(u'\n')));
        QVERIFY2((moved > hook) == (postponeSeconds > 0), qPrintable(all.join(u'\n')));
        QVERIFY2((postponedNote >= 0) == (postponeSeconds > 0), qPrintable(all.join(u'\n')));
        QVERIFY2(r.message.contains(u"Postponed"_s) == (postponeSeconds > 0), qPrintable(r.message));
    }

    // A master whose host matches RecoveryIgnoreHostnameFilters is never recovered automatically: the
    // failure is recorded as blocked, naming the key and the pattern, and no server is changed.
    void recoveryIgnoreHostnameFilters()
    {
        RecoveryOptions o = recoverAllClusters({});
        o.recoveryIgnoreHostnameFilters = {u"^nothing-here$"_s, u"^127[.]0[.]0[.]1$"_s};
        RecoveryNode n(SandboxShape::Star, 3, o, true);
        REQUIRE_RECOVERY_NODE(n);
        QVERIFY(n.sandbox().kill(0).ok());
        QVERIFY2(waitFor([&] { return !n.blocked().isEmpty(); }, 20000), "the failure was not recorded as blocked");
        const RecoveryRecord &b = n.blocked().first();
        QVERIFY2(b.message.contains(u"matches RecoveryIgnoreHostnameFilters (^127[.]0[.]0[.]1$)"_s), qPrintable(b.message));
        QCOMPARE(b.failed, n.sandbox().key(0));
        QVERIFY(n.finished().isEmpty());
        QCOMPARE(masterPort(n, 1), n.sandbox().port(0));
        QCOMPARE(masterPort(n, 2), n.sandbox().port(0));
        QCOMPARE(n.readOnly(1), 1);
    }

    void failureDetectionPeriodBlock_data()
    {
        QTest::addColumn<int>("blockSeconds");
        QTest::addColumn<int>("detectionHookRuns");
        QTest::newRow("FailureDetectionPeriodBlockMinutes 60") << 3600 << 1;
        QTest::newRow("0: every detection") << 0 << 2;
    }

    // The same master dies twice (a failing pre-failover hook leaves it in place each time): the
    // OnFailureDetectionProcesses run once within the block period, and every time without one.
    void failureDetectionPeriodBlock()
    {
        QFETCH(int, blockSeconds);
        QFETCH(int, detectionHookRuns);
        QTemporaryDir dir;
        const QString log = dir.filePath(u"detections.log"_s);
        RecoveryOptions o = recoverAllClusters({});
        o.recoveryPeriodBlockSeconds = 0;
        o.failureDetectionPeriodBlockSeconds = blockSeconds;
        o.onFailureDetectionProcesses = {u"echo {failureType} {failedPort} >> "_s + log};
        o.preFailoverProcesses = {u"false"_s};
        RecoveryNode n(SandboxShape::Star, 2, o, true);
        REQUIRE_RECOVERY_NODE(n);
        const InstanceKey master = n.sandbox().key(0);
        for (int death = 1; death <= 2; ++death) {
            QVERIFY(n.sandbox().kill(0).ok());
            QVERIFY2(waitFor([&] { return int(n.finished().size()) == death; }, 20000), "no recovery attempt");
            QCOMPARE(n.finished().last().status, u"aborted"_s);
            QVERIFY(n.sandbox().restart(0).ok());
            QVERIFY(n.sandbox().execute(1, u"STOP SLAVE"_s).ok());
            QVERIFY(n.sandbox().execute(1, u"START SLAVE"_s).ok());
            const InstanceKey replica = n.sandbox().key(1);
            QVERIFY2(waitFor([&] {
                const auto m = n.state().instance(master), r = n.state().instance(replica);
                const auto a = n.monitor().analysisOf(master);
                return m && m->lastCheckValid && r && r->replication && r->replication->isHealthy()
                       && (!a || a->code == AnalysisCode::NoProblem);
            }, 20000), "the master never looked healthy again");
        }
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(int(lines.size()), detectionHookRuns);
        QCOMPARE(lines.first(), "DeadMaster %1"_ba.replace("%1", QByteArray::number(master.port())));
    }
};

QTEST_GUILESS_MAIN(TestRecoveryFailoverKeys)
#include "tst_recovery_failover_keys.moc"
