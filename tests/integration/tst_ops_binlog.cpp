// Topology operations on a real MariaDB tree replicating by binlog file:pos (no GTID): move-below and
// move-up aligned with START SLAVE UNTIL, the smart relocate's choices and refusals, take-master,
// multi-replica moves, GTID positioning on and off, and a target killed in the middle of a move.
//
//   0 ── 1 ── 3
//   │    └─── 4
//   └─── 2
#include "resultassert.h"
#include "opsfixture.h"

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestOpsBinlog : public QObject
{
    Q_OBJECT

    OpsFixture m_f{{SandboxShape::Tree, 5, false}};
    int m_row = 1000;

    void verifyOk(const OperationRunner::Outcome &o)
    {
        QVERIFY2(o.ok, qPrintable(o.message + u"\n"_s + o.executed.toText()));
    }

    void verifyTreeShape()
    {
        QVERIFY(m_f.replicatesFrom(1, 0));
        QVERIFY(m_f.replicatesFrom(2, 0));
        QVERIFY(m_f.replicatesFrom(3, 1));
        QVERIFY(m_f.replicatesFrom(4, 1));
        for (int i = 1; i < 5; ++i)
            QCOMPARE(m_f.slaveStatus(i).value(u"Using_Gtid"_s).toString(), u"No"_s);
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
    }

    // Holds @p behind's SQL thread, writes on the master and waits until @p ahead has it: the two
    // now stand at different positions, so the move must align them with START SLAVE UNTIL.
    void makeBehind(int behind, int ahead)
    {
        QVERIFY(m_f.sandbox().execute(behind, u"STOP SLAVE SQL_THREAD"_s).ok());
        const int id = ++m_row;
        QVERIFY(m_f.sandbox().execute(0, u"INSERT INTO opstest.t VALUES (%1, 'skew')"_s.arg(id)).ok());
        QVERIFY(waitFor([&] {
            auto rows = m_f.sandbox().query(ahead, u"SELECT COUNT(*) AS n FROM opstest.t WHERE id = %1"_s.arg(id));
            return rows.ok() && rows->constFirst().value(u"n"_s).toInt() == 1;
        }, 10000));
    }

    static bool hasUntil(const OperationPlan &plan, const InstanceKey &on)
    {
        for (const OperationPlan::Step &s : plan.steps) {
            if (s.server == on && s.sql.startsWith(u"START SLAVE UNTIL MASTER_LOG_FILE="_s))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        auto started = m_f.start();
        QVERIFY_RESULT(started);
    }

    void moveBelowAlignsTheLaggingReplica()
    {
        const auto plan = m_f.plan(OperationKind::MoveBelow, 3, 4);
        QVERIFY2(plan.isLegal(), qPrintable(plan.toText()));
        QCOMPARE(plan.method, u"binlog coordinates (START SLAVE UNTIL, below a sibling)"_s);
        QVERIFY(plan.toText().contains(u"MASTER_USE_GTID=no, MASTER_LOG_FILE="_s));

        OperationRunner::Options options = m_f.runnerOptions();
        bool skewed = false;
        options.progress = [&](int, const OperationPlan::Step &step) {
            if (!skewed && step.server == m_f.key(3) && step.sql == u"STOP SLAVE"_s) {
                skewed = true;
                makeBehind(3, 4);
            }
        };
        const auto outcome = m_f.run(OperationKind::MoveBelow, 3, 4, options);
        verifyOk(outcome);
        QVERIFY(skewed);
        QVERIFY2(hasUntil(outcome.executed, m_f.key(3)), qPrintable(outcome.executed.toText()));
        QVERIFY(m_f.replicatesFrom(3, 4));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all())); // the skew row too: count 1 everywhere, no duplicate-key stop
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
    }

    void moveUpAlignsWithTheSourcesBinlog()
    {
        OperationRunner::Options options = m_f.runnerOptions();
        bool skewed = false;
        options.progress = [&](int, const OperationPlan::Step &step) {
            if (!skewed && step.server == m_f.key(4) && step.sql == u"STOP SLAVE"_s) {
                skewed = true;
                makeBehind(3, 4); // 3 has not applied all of 4's binary log
            }
        };
        const auto outcome = m_f.run(OperationKind::MoveUp, 3, -1, options);
        verifyOk(outcome);
        QCOMPARE(outcome.executed.method, u"binlog coordinates (START SLAVE UNTIL, up to the source's source)"_s);
        QVERIFY2(hasUntil(outcome.executed, m_f.key(3)), qPrintable(outcome.executed.toText()));
        verifyTreeShape();
    }

    void smartRelocateChoosesOrRefuses()
    {
        const auto cousin = m_f.plan(OperationKind::Relocate, 3, 2);
        QVERIFY(cousin.refusal);
        QCOMPARE(cousin.refusal->rule, u"needs-gtid"_s);
        QVERIFY(m_f.plan(OperationKind::Relocate, 3, 4).method.contains(u"below a sibling"_s));

        verifyOk(m_f.run(OperationKind::Relocate, 3, 4));
        QVERIFY(m_f.replicatesFrom(3, 4));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        const auto up = m_f.run(OperationKind::Relocate, 3, 1);
        verifyOk(up);
        QVERIFY(up.executed.method.contains(u"up to the source's source"_s));
        // Repoint by coordinates restarts from the executed position.
        verifyOk(m_f.run(OperationKind::Repoint, 3));
        const auto elsewhere = m_f.plan(OperationKind::Repoint, 3, 2);
        QCOMPARE(elsewhere.refusal->rule, u"repoint-needs-gtid"_s);
        verifyTreeShape();
    }

    void lagBeyondTheBoundIsRefused()
    {
        QVERIFY(m_f.sandbox().execute(4, u"STOP SLAVE"_s).ok());
        const auto plan = m_f.plan(OperationKind::MoveBelow, 3, 4);
        QCOMPARE(plan.refusal->rule, u"replication-not-running"_s);
        QVERIFY(plan.refusal->message.contains(m_f.key(4).toString()));
        QVERIFY(m_f.sandbox().execute(4, u"START SLAVE"_s).ok());
        verifyTreeShape();
    }

    void takeMasterAndMultiReplicaMoves()
    {
        verifyOk(m_f.run(OperationKind::TakeMaster, 3));
        QVERIFY(m_f.replicatesFrom(3, 0));
        QVERIFY(m_f.replicatesFrom(1, 3));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        verifyOk(m_f.run(OperationKind::TakeMaster, 1));
        verifyTreeShape();

        verifyOk(m_f.run(OperationKind::MoveUpReplicas, 1));
        QVERIFY(m_f.replicatesFrom(3, 0));
        QVERIFY(m_f.replicatesFrom(4, 0));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        OperationRequest back{OperationKind::RelocateReplicas, m_f.key(0), m_f.key(1),
                              u":(%1|%2)$"_s.arg(m_f.sandbox().port(3)).arg(m_f.sandbox().port(4))};
        verifyOk(OperationRunner(m_f.runnerOptions()).run(m_f.facts(), back));
        verifyTreeShape();

        const auto regroup = m_f.run(OperationKind::RegroupReplicas, 1);
        verifyOk(regroup);
        const InstanceKey moved = regroup.executed.toSources.firstKey();
        const int movedIndex = moved == m_f.key(3) ? 3 : 4;
        QVERIFY(m_f.replicatesFrom(movedIndex, movedIndex == 3 ? 4 : 3));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        verifyOk(m_f.run(OperationKind::MoveUp, movedIndex));
        verifyTreeShape();
    }

    void gtidPositioningOnAndOff()
    {
        verifyOk(m_f.run(OperationKind::EnableGtid, 4));
        QCOMPARE(m_f.slaveStatus(4).value(u"Using_Gtid"_s).toString(), u"Slave_Pos"_s);
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        QCOMPARE(m_f.plan(OperationKind::EnableGtid, 4).refusal->rule, u"gtid-already-on"_s);
        verifyOk(m_f.run(OperationKind::DisableGtid, 4));
        verifyTreeShape();
    }

    void targetKilledMidMoveIsRolledBack()
    {
        OperationRunner::Options options = m_f.runnerOptions();
        options.timeouts.ioErrorGraceMs = 1200;
        bool killed = false;
        options.progress = [&](int, const OperationPlan::Step &step) {
            if (!killed && step.server == m_f.key(3) && step.sql == u"START SLAVE"_s) {
                killed = true;
                QVERIFY(m_f.sandbox().kill(4).ok());
            }
        };
        const auto outcome = m_f.run(OperationKind::MoveBelow, 3, 4, options);
        QVERIFY(killed);
        QCOMPARE(outcome.result, u"rolled back"_s);
        QVERIFY2(outcome.message.contains(u"replicates from %1 again"_s.arg(m_f.key(1).toString())), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(u"could not be restarted"_s), qPrintable(outcome.message));
        QVERIFY(m_f.replicatesFrom(3, 1));
        QVERIFY(m_f.rowArrivesEverywhere({0, 1, 2, 3}));

        QVERIFY(m_f.sandbox().restart(4).ok());
        verifyOk(m_f.run(OperationKind::StartReplica, 4));
        verifyTreeShape();
    }
};

QTEST_GUILESS_MAIN(TestOpsBinlog)
#include "tst_ops_binlog.moc"
