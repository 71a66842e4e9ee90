// orchestrator's failover-detail keys on real mariadbd sandboxes, each asserted on the servers after
// a SIGKILLed master was recovered: ApplyMySQLPromotionAfterMasterFailover=false leaves the promoted
// server read-only with its replication settings (MasterFailoverDetachReplicaMasterHost turns its
// Master_Host into //host); DetachLostReplicasAfterMasterFailover detaches a reachable lost replica;
// DelayMasterPromotionIfSQLThreadNotUpToDate promotes a candidate only once its relay log is applied.
#include "recoverynode.h"
#include "waitfor.h"

#include "model/topologystate.h"
#include "core/recovery/candidatechooser.h"
#include "core/recovery/recoverycoordinator.h"
#include "store/store.h"

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
};

QTEST_GUILESS_MAIN(TestRecoveryFailoverKeys)
#include "tst_recovery_failover_keys.moc"
