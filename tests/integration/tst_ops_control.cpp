// Replication control on real MariaDB servers: stop/start/restart, detach and reattach (nothing lost
// in between), read-only and writeable, reset-replica. Star: 0 is the master of 1 and 2.
#include "resultassert.h"
#include "opsfixture.h"

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

class TestOpsControl : public QObject
{
    Q_OBJECT

    OpsFixture m_f{{SandboxShape::Star, 3, true}};

    void verifyOk(const OperationRunner::Outcome &o)
    {
        QVERIFY2(o.ok, qPrintable(o.message + u"\n"_s + o.executed.toText()));
    }

    QString variable(int i, const QString &name)
    {
        auto rows = m_f.sandbox().query(i, u"SELECT @@GLOBAL.%1 AS v"_s.arg(name));
        return rows.ok() && !rows->isEmpty() ? rows->constFirst().value(u"v"_s).toString() : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        auto started = m_f.start();
        QVERIFY_RESULT(started);
    }

    void stopStartRestart()
    {
        verifyOk(m_f.run(OperationKind::StopReplica, 1));
        QCOMPARE(m_f.slaveStatus(1).value(u"Slave_IO_Running"_s).toString(), u"No"_s);
        QCOMPARE(m_f.slaveStatus(1).value(u"Slave_SQL_Running"_s).toString(), u"No"_s);
        verifyOk(m_f.run(OperationKind::StartReplica, 1));
        QVERIFY(m_f.replicatesFrom(1, 0));
        verifyOk(m_f.run(OperationKind::RestartReplica, 1));
        QVERIFY(m_f.replicatesFrom(1, 0));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
        QCOMPARE(m_f.plan(OperationKind::StartReplica, 0).refusal->rule, u"not-a-replica"_s);
    }

    void detachAndReattachLoseNothing()
    {
        for (const bool gtid : {true, false}) {
            if (!gtid)
                verifyOk(m_f.run(OperationKind::DisableGtid, 2));
            verifyOk(m_f.run(OperationKind::DetachReplica, 2));
            const QVariantMap detached = m_f.slaveStatus(2);
            QCOMPARE(detached.value(u"Master_Host"_s).toString(), u"//127.0.0.1"_s);
            QCOMPARE(detached.value(u"Slave_IO_Running"_s).toString(), u"No"_s);
            // Rows written while it is detached arrive once it is reattached.
            QVERIFY(m_f.sandbox().execute(0, u"INSERT INTO opstest.t VALUES (%1, 'while detached')"_s.arg(gtid ? 900 : 901)).ok());
            QCOMPARE(m_f.plan(OperationKind::StartReplica, 2).refusal->rule, u"detached"_s);
            verifyOk(m_f.run(OperationKind::ReattachReplica, 2));
            QVERIFY(m_f.replicatesFrom(2, 0));
            QCOMPARE(m_f.slaveStatus(2).value(u"Using_Gtid"_s).toString(), gtid ? u"Slave_Pos"_s : u"No"_s);
            QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));
            auto rows = m_f.sandbox().query(2, u"SELECT COUNT(*) AS n FROM opstest.t WHERE note = 'while detached'"_s);
            QCOMPARE(rows->constFirst().value(u"n"_s).toInt(), gtid ? 1 : 2);
        }
        verifyOk(m_f.run(OperationKind::EnableGtid, 2));
        QCOMPARE(m_f.plan(OperationKind::ReattachReplica, 2).refusal->rule, u"not-detached"_s);
    }

    // Issue 12: configured replication credentials (a stale password here) never replace a
    // replica's own. Before, disable-gtid set them, the IO thread failed with 1045, and the
    // "rollback" set them again: the replica was left broken.
    void configuredCredentialsKeepTheReplicasOwn()
    {
        auto options = m_f.runnerOptions();
        options.operation.replicationUser = m_f.sandbox().replicationUser();
        options.operation.replicationPassword = u"stale-password"_s;
        const auto plan = OperationRunner::plan(m_f.facts(), OperationRequest{OperationKind::DisableGtid, m_f.key(1), {}, {}},
                                                options.operation);
        QVERIFY2(!plan.toText().contains(u"MASTER_USER"_s) && !plan.toText().contains(u"MASTER_PASSWORD"_s), qPrintable(plan.toText()));
        verifyOk(m_f.run(OperationKind::DisableGtid, 1, -1, options));
        QVERIFY(m_f.replicatesFrom(1, 0));
        QCOMPARE(m_f.slaveStatus(1).value(u"Master_User"_s).toString(), m_f.sandbox().replicationUser());
        verifyOk(m_f.run(OperationKind::EnableGtid, 1, -1, options));
        QVERIFY(m_f.replicatesFrom(1, 0));
        QVERIFY(m_f.rowArrivesEverywhere(m_f.all()));

        // Asked to replace them, the operation does, and its plan says a rollback keeps the new ones.
        options.operation.replaceReplicationCredentials = true;
        const auto replacing = OperationRunner::plan(m_f.facts(), OperationRequest{OperationKind::DisableGtid, m_f.key(1), {}, {}},
                                                     options.operation);
        QVERIFY2(replacing.toText().contains(u"MASTER_PASSWORD=<redacted>"_s), qPrintable(replacing.toText()));
        QVERIFY2(replacing.warnings.join(u' ').contains(u"a rollback keeps the new ones"_s), qPrintable(replacing.toText()));
    }

    // Issue 12: an operation admitted through the API re-checks the lease before every statement. A
    // node that loses it mid-way stops at once and says what it left; one that lost it before starts
    // nothing.
    void leaseLostMidOperationStopsAtTheNextStatement()
    {
        auto options = m_f.runnerOptions();
        options.holdsLease = [] { return false; };
        const auto refused = m_f.run(OperationKind::RestartReplica, 1, -1, options);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.result, u"fenced"_s);
        QVERIFY2(refused.message.contains(u"not run"_s), qPrintable(refused.message));
        QCOMPARE(refused.executed.steps.size(), 0);
        QVERIFY(m_f.replicatesFrom(1, 0));

        // Admitted (one check) and the first statement (a second), then the lease is gone.
        int checks = 0;
        options.holdsLease = [&checks] { return ++checks <= 2; };
        const auto stopped = m_f.run(OperationKind::RestartReplica, 1, -1, options);
        QVERIFY(!stopped.ok);
        QCOMPARE(stopped.result, u"fenced"_s);
        QVERIFY2(stopped.message.contains(u"stopped after "_s), qPrintable(stopped.message));
        QVERIFY2(stopped.message.contains(u"no longer holds the active-node lease"_s), qPrintable(stopped.message));
        // The one statement that ran (the stop) is what the server shows: nothing after it, no rollback.
        QCOMPARE(m_f.slaveStatus(1).value(u"Slave_IO_Running"_s).toString(), u"No"_s);
        verifyOk(m_f.run(OperationKind::StartReplica, 1));
        QVERIFY(m_f.replicatesFrom(1, 0));
    }

    void readOnlyAndWriteable()
    {
        const auto plan = m_f.plan(OperationKind::SetWriteable, 1);
        QVERIFY(plan.warnings.join(u' ').contains(u"diverge"_s));
        verifyOk(m_f.run(OperationKind::SetWriteable, 1));
        QCOMPARE(variable(1, u"read_only"_s), u"0"_s);
        verifyOk(m_f.run(OperationKind::SetReadOnly, 1));
        QCOMPARE(variable(1, u"read_only"_s), u"1"_s);
    }

    void resetReplicaForgetsTheSource()
    {
        const auto plan = m_f.plan(OperationKind::ResetReplica, 2);
        QVERIFY(plan.warnings.join(u' ').contains(u"cannot be undone"_s));
        QVERIFY(plan.toText().contains(u"RESET SLAVE ALL"_s));
        verifyOk(m_f.run(OperationKind::ResetReplica, 2));
        QVERIFY(m_f.slaveStatus(2).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOpsControl)
#include "tst_ops_control.moc"
