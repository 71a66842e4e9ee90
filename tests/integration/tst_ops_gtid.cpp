// Topology operations on a real MariaDB GTID tree: every refactoring, checked on the servers
// themselves (source, threads, errors, rows arriving once), refusals by rule, the cluster lock, the
// audit, and a target killed in the middle of a move.
//
//   0 ── 1 ── 3
//   │    └─── 4
//   └─── 2
#include "resultassert.h"
#include "opsfixture.h"

#include "ops/clusterlock.h"
#include "store/store.h"

#include <QTemporaryDir>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestOpsGtid : public QObject
{
    Q_OBJECT

    OpsFixture m_f{{SandboxShape::Tree, 5, true}};

    void verifyOk(const OperationRunner::Outcome &o)
    {
        QVERIFY2(o.ok, qPrintable(o.message + u"\n"_s + o.executed.toText()));
        QCOMPARE(o.result, u"ok"_s);
    }

    // Back to the starting tree, by GTID relocates; every server checked.
    void verifyTreeShape()
    {
        QVERIFY(m_f.replicatesFrom(1, 0));
        QVERIFY(m_f.replicatesFrom(2, 0));
        QVERIFY(m_f.replicatesFrom(3, 1));
        QVERIFY(m_f.replicatesFrom(4, 1));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        auto started = m_f.start();
        QVERIFY_RESULT(started);
    }

    void relocateByGtidAndBack()
    {
        const auto plan = m_f.plan(OperationKind::Relocate, 3, 2);
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(plan.method, u"MariaDB GTID (slave_pos)"_s);
        QVERIFY2(plan.toText().contains(u"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=%1"_s.arg(m_f.sandbox().port(2))),
                 qPrintable(plan.toText()));
        QVERIFY(!plan.toText().contains(u"MASTER_USER"_s)); // the replica keeps its own credentials
        QVERIFY(m_f.replicatesFrom(3, 1)); // a plan changes nothing

        verifyOk(m_f.run(OperationKind::Relocate, 3, 2));
        QVERIFY(m_f.replicatesFrom(3, 2));
        QCOMPARE(m_f.slaveStatus(3).value(u"Using_Gtid"_s).toString(), u"Slave_Pos"_s);
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));

        verifyOk(m_f.run(OperationKind::Relocate, 3, 1));
        verifyTreeShape();
    }

    void moveUpThenMoveBelow()
    {
        const auto up = m_f.run(OperationKind::MoveUp, 3);
        verifyOk(up);
        QVERIFY(m_f.replicatesFrom(3, 0));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        verifyOk(m_f.run(OperationKind::MoveBelow, 3, 1)); // 3 and 1 are siblings now
        verifyTreeShape();
    }

    void repointKeepsTheSource()
    {
        verifyOk(m_f.run(OperationKind::Repoint, 4));
        verifyTreeShape();
    }

    void relocateReplicasAndMoveUpReplicas()
    {
        verifyOk(m_f.run(OperationKind::RelocateReplicas, 1, 2));
        QVERIFY(m_f.replicatesFrom(3, 2));
        QVERIFY(m_f.replicatesFrom(4, 2));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));

        verifyOk(m_f.run(OperationKind::MoveUpReplicas, 2));
        QVERIFY(m_f.replicatesFrom(3, 0));
        QVERIFY(m_f.replicatesFrom(4, 0));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));

        // Only the replicas matching the pattern: 3 and 4 go back below 1, 1 and 2 stay.
        OperationRequest request{OperationKind::RelocateReplicas, m_f.key(0), m_f.key(1),
                                 u":(%1|%2)$"_s.arg(m_f.sandbox().port(3)).arg(m_f.sandbox().port(4))};
        const auto back = OperationRunner(m_f.runnerOptions()).run(m_f.facts(), request);
        verifyOk(back);
        QVERIFY2(back.executed.toSources.size() == 2, qPrintable(back.message + u"\n"_s + back.executed.toText()));
        verifyTreeShape();
    }

    void takeSiblingsAndRegroup()
    {
        verifyOk(m_f.run(OperationKind::TakeSiblings, 3));
        QVERIFY(m_f.replicatesFrom(4, 3));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        verifyOk(m_f.run(OperationKind::Relocate, 4, 1));

        const auto regroup = m_f.run(OperationKind::RegroupReplicas, 1);
        verifyOk(regroup);
        QCOMPARE(regroup.executed.toSources.size(), 1);
        const InstanceKey moved = regroup.executed.toSources.firstKey();
        const InstanceKey candidate = regroup.executed.toSources.first();
        QVERIFY(QSet<InstanceKey>({m_f.key(3), m_f.key(4)}).contains(candidate));
        const int movedIndex = moved == m_f.key(3) ? 3 : 4;
        QVERIFY(m_f.replicatesFrom(movedIndex, movedIndex == 3 ? 4 : 3));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        verifyOk(m_f.run(OperationKind::Relocate, movedIndex, 1));
        verifyTreeShape();
    }

    void takeMasterSwapsAndBack()
    {
        verifyOk(m_f.run(OperationKind::TakeMaster, 3));
        QVERIFY(m_f.replicatesFrom(3, 0));
        QVERIFY(m_f.replicatesFrom(1, 3));
        QVERIFY(m_f.replicatesFrom(4, 1));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        verifyOk(m_f.run(OperationKind::TakeMaster, 1));
        verifyTreeShape();
    }

    void makeCoMasterThenResetIt()
    {
        const auto refused = m_f.run(OperationKind::MakeCoMaster, 3); // 3's source is not the top master
        QCOMPARE(refused.result, u"refused"_s);
        QVERIFY(refused.message.contains(u"master-is-replica"_s));

        const auto noCredentials = m_f.run(OperationKind::MakeCoMaster, 2);
        QCOMPARE(noCredentials.result, u"refused"_s);
        QVERIFY(noCredentials.message.contains(u"needs-replication-credentials"_s));
        OperationRunner::Options options = m_f.runnerOptions();
        options.operation.replicationUser = m_f.sandbox().replicationUser();
        options.operation.replicationPassword = m_f.sandbox().replicationPassword();
        const auto co = m_f.run(OperationKind::MakeCoMaster, 2, -1, options);
        verifyOk(co);
        QCOMPARE(co.executed.method, u"MariaDB GTID (current_pos)"_s);
        QVERIFY(m_f.replicatesFrom(0, 2));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        verifyOk(m_f.run(OperationKind::ResetReplica, 0));
        QVERIFY(m_f.slaveStatus(0).isEmpty());
        verifyTreeShape();
    }

    void illegalMovesAreRefusedByRule()
    {
        struct Case
        {
            OperationKind kind;
            int instance;
            int target;
            QString rule;
        };
        const QList<Case> cases = {
            {OperationKind::Relocate, 1, 3, u"no-cycle"_s},
            {OperationKind::Relocate, 1, 1, u"same-server"_s},
            {OperationKind::MoveBelow, 3, 2, u"not-siblings"_s},
            {OperationKind::MoveUp, 1, -1, u"source-is-master"_s},
            {OperationKind::Relocate, 0, 2, u"not-a-replica"_s},
            {OperationKind::TakeMaster, 1, -1, u"source-is-master"_s},
        };
        for (const Case &c : cases) {
            const auto plan = m_f.plan(c.kind, c.instance, c.target);
            QVERIFY2(!plan.isLegal(), qPrintable(plan.toText()));
            QCOMPARE(plan.refusal->rule, c.rule);
            QVERIFY(plan.refusal->message.contains(m_f.key(c.instance).toString()));
            const auto outcome = m_f.run(c.kind, c.instance, c.target);
            QCOMPARE(outcome.result, u"refused"_s);
            QVERIFY(outcome.executed.steps.isEmpty());
        }
        // A replica logging STATEMENT cannot replicate from a ROW source.
        QVERIFY(m_f.sandbox().execute(2, u"SET GLOBAL binlog_format = 'STATEMENT'"_s).ok());
        const auto plan = m_f.plan(OperationKind::Relocate, 2, 4);
        QVERIFY(m_f.sandbox().execute(2, u"SET GLOBAL binlog_format = 'ROW'"_s).ok());
        QVERIFY(plan.refusal);
        QCOMPARE(plan.refusal->rule, u"binlog-format-order"_s);
        verifyTreeShape();
    }

    void oneOperationPerClusterAndAudit()
    {
        QTemporaryDir dir;
        Store store(StoreOptions::sqlite(dir.filePath(u"arbor.sqlite3"_s)));
        QVERIFY(store.open().ok());
        QVERIFY(store.schemaVersion() >= 2);
        OperationRunner::Options options = m_f.runnerOptions();
        options.store = &store;
        QList<InstanceKey> reprobed;
        options.reprobe = [&](const QList<InstanceKey> &keys) { reprobed = keys; };

        const QString cluster = m_f.key(0).toString();
        {
            auto held = ClusterLock::acquire(cluster, u"relocate something"_s, u"alice"_s, nullptr, 60);
            QVERIFY(held.ok());
            const auto busy = m_f.run(OperationKind::Relocate, 4, 2, options);
            QCOMPARE(busy.result, u"busy"_s);
            QVERIFY2(busy.message.contains(u"busy with relocate something by alice since"_s), qPrintable(busy.message));
            QVERIFY(m_f.replicatesFrom(4, 1));
        }
        // Another process holding the lock in the shared store blocks too.
        OperationLockHolder other{cluster, u"take-master 127.0.0.1:1"_s, u"bob@otherhost"_s, u"token-of-bob"_s,
                                  QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc().addSecs(60)};
        auto taken = store.tryLockCluster(other);
        QVERIFY(taken.ok() && !taken->has_value());
        const auto busy = m_f.run(OperationKind::Relocate, 4, 2, options);
        QCOMPARE(busy.result, u"busy"_s);
        QVERIFY2(busy.message.contains(u"bob@otherhost"_s), qPrintable(busy.message));
        QVERIFY(store.unlockCluster(cluster, u"token-of-bob"_s).ok());

        verifyOk(m_f.run(OperationKind::Relocate, 4, 2, options));
        QVERIFY(reprobed.contains(m_f.key(4)) && reprobed.contains(m_f.key(2)));
        auto audit = store.readAudit(10, cluster);
        QVERIFY_RESULT(audit);
        QCOMPARE(audit->size(), 3);
        const AuditEntry &last = audit->first();
        QCOMPARE(last.who, u"tester"_s);
        QCOMPARE(last.operation, u"relocate"_s);
        QCOMPARE(last.instance, m_f.key(4));
        QCOMPARE(last.from, m_f.key(1).toString());
        QCOMPARE(last.to, m_f.key(2).toString());
        QCOMPARE(last.method, u"MariaDB GTID (slave_pos)"_s);
        QCOMPARE(last.result, u"ok"_s);
        QVERIFY(last.durationMs > 0);
        QCOMPARE(audit->at(1).result, u"busy"_s);
        QVERIFY(!ClusterLock::heldInProcess(cluster));
        verifyOk(m_f.run(OperationKind::Relocate, 4, 1));
        verifyTreeShape();
    }

    void targetKilledMidMoveIsRolledBack()
    {
        OperationRunner::Options options = m_f.runnerOptions();
        options.timeouts.ioErrorGraceMs = 1200;
        bool killed = false;
        const InstanceKey replica = m_f.key(3);
        options.progress = [&](int, const OperationPlan::Step &step) {
            // After CHANGE MASTER pointed 3 at 2, just before it starts: the target dies.
            if (!killed && step.server == replica && step.sql.startsWith(u"START SLAVE"_s)) {
                killed = true;
                QVERIFY(m_f.sandbox().kill(2).ok());
            }
        };
        const auto outcome = m_f.run(OperationKind::Relocate, 3, 2, options);
        QVERIFY(killed);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.result, u"rolled back"_s);
        QVERIFY2(outcome.message.contains(u"Rolled back"_s) && outcome.message.contains(m_f.key(1).toString()),
                 qPrintable(outcome.message));
        QVERIFY(m_f.replicatesFrom(3, 1));
        QVERIFY(m_f.rowArrivesEverywhere({0, 1, 3, 4}));

        // Bring 2 back; start-replica through Arbor reattaches it to the master.
        QVERIFY(m_f.sandbox().restart(2).ok());
        verifyOk(m_f.run(OperationKind::StartReplica, 2));
        verifyTreeShape();
    }
};

QTEST_GUILESS_MAIN(TestOpsGtid)
#include "tst_ops_gtid.moc"
