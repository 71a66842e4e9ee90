// Detection and manual recovery in the desktop, on a real sandbox, offscreen: SIGKILL the master and
// the Failures panel shows DeadMaster with the holistic reason; the desktop does nothing on its own;
// a cancelled confirmation changes nothing; a confirmed one promotes the preferred replica and the
// servers themselves say that every other replica replicates from it; the activity log has it all.
#include "resultassert.h"
#include "sandbox.h"
#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "probe/poller.h"
#include "core/recovery/recoverycoordinator.h"
#include "widgets/recovery/recoverydialog.h"
#include "widgets/recovery/recoverypanel.h"
#include "store/store.h"

#include <QComboBox>
#include <QDir>
#include <QFrame>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestRecoveryPanel : public QObject
{
    Q_OBJECT

    static QString log(MainWindow &w) { return w.activityLog()->messages().join(u'\n'); }

    static int masterPort(Sandbox &s, int replica)
    {
        const auto rows = s.query(replica, u"SHOW SLAVE STATUS"_s);
        if (!rows.ok() || rows->isEmpty())
            return 0;
        return rows->constFirst().value(u"Master_Port"_s).toInt();
    }

    static bool replicatesFrom(Sandbox &s, int replica, int source)
    {
        const auto rows = s.query(replica, u"SHOW SLAVE STATUS"_s);
        if (!rows.ok() || rows->isEmpty())
            return false;
        const QVariantMap &r = rows->constFirst();
        return r.value(u"Master_Port"_s).toInt() == s.port(source) && r.value(u"Slave_IO_Running"_s).toString() == u"Yes"_s
               && r.value(u"Slave_SQL_Running"_s).toString() == u"Yes"_s;
    }

    static void shoot(QWidget *w, const QString &name)
    {
        if (const QString dir = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR"); !dir.isEmpty())
            w->grab().save(QDir(dir).filePath(name));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void deadMasterDetectedThenRecoveredOnlyWhenConfirmed()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox sandbox({SandboxShape::Star, 4, true});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        QTemporaryDir dir;
        Store store(StoreOptions::sqlite(dir.filePath(u"arbor.sqlite3"_s)));
        QVERIFY(store.open().ok());
        // 2 is preferred; 1 would win on name alone.
        QVERIFY(store.setPromotionRule({sandbox.key(2), PromotionRule::Prefer, {}, {}}).ok());

        PollerOptions o;
        o.probe.credentials = Credentials(sandbox.user(), sandbox.password());
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 1;
        o.pollIntervalMs = 1000;
        Poller poller(o);
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        MainWindow window(&poller, &state, &store, nullptr);
        window.show();
        RecoveryPanel *panel = window.recoveryPanel();
        QVERIFY(panel);
        QVERIFY(!panel->coordinator()->isAutomatic());
        poller.addInstance(sandbox.key(0));
        poller.start();
        QTRY_COMPARE_WITH_TIMEOUT(int(state.instances().size()), sandbox.size(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(poller.isSettled(), 10000);
        QVERIFY(panel->bannerText().isEmpty());
        QVERIFY(waitFor([&] { return panel->monitor()->replicaHistory().size() == 3; }, 5000));

        // SIGKILL the master: the panel shows DeadMaster with the reason, the banner, the log line.
        QVERIFY(sandbox.kill(0).ok());
        QTRY_VERIFY_WITH_TIMEOUT(panel->bannerText().contains(u"DeadMaster"_s), 15000);
        const ReplicationAnalysis dead = panel->analyses().constFirst();
        QCOMPARE(dead.key, sandbox.key(0));
        QCOMPARE(dead.code, AnalysisCode::DeadMaster);
        QCOMPARE(dead.countReplicasAgreeingSourceLost, 3);
        QVERIFY(!dead.description.isEmpty());
        QVERIFY2(panel->bannerText().contains(sandbox.key(0).toString()), qPrintable(panel->bannerText()));
        QList<QTreeWidgetItem *> rows = panel->analysisView()->findItems(sandbox.key(0).toString(), Qt::MatchExactly | Qt::MatchRecursive, 1);
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows.first()->text(2).startsWith(u"DeadMaster"_s));
        QCOMPARE(rows.first()->text(3), dead.description);
        QTRY_VERIFY(log(window).contains(u"DeadMaster: "_s));
        shoot(&window, u"failures-deadmaster.png"_s);

        // The desktop never acts on its own: the replicas still point at the dead master.
        QVERIFY(!waitFor([&] { return panel->coordinator()->runningCount() > 0; }, 2500));
        for (int i = 1; i < 4; ++i)
            QCOMPARE(masterPort(sandbox, i), sandbox.port(0));

        // Cancelled: nothing changes, and the log says so.
        QString shown;
        panel->setConfirmer([&](const RecoveryPlan &plan, const QStringList &notes) -> std::optional<RecoveryPlan> {
            shown = RecoveryDialog::describe(plan, notes);
            return std::nullopt;
        });
        panel->selectFailure(sandbox.key(0));
        QCOMPARE(panel->selectedFailure(), sandbox.key(0));
        QVERIFY(panel->recoverButton()->isEnabled());
        QTest::mouseClick(panel->recoverButton(), Qt::LeftButton);
        QVERIFY2(shown.contains(u"promote %1"_s.arg(sandbox.key(2).toString())), qPrintable(shown));
        QVERIFY2(shown.contains(u"prefer"_s) && shown.contains(u"never fails over on its own"_s), qPrintable(shown));
        const QString pointLine = shown.split(u'\n').filter(u". Point "_s).value(0);
        QVERIFY2(pointLine.contains(sandbox.key(1).toString()) && pointLine.contains(sandbox.key(3).toString())
                     && pointLine.contains(u" at %1"_s.arg(sandbox.key(2).toString())),
                 qPrintable(shown));
        QVERIFY(log(window).contains(u"cancelled; nothing was changed"_s));
        QCOMPARE(panel->coordinator()->runningCount(), 0);
        for (int i = 1; i < 4; ++i)
            QCOMPARE(masterPort(sandbox, i), sandbox.port(0));

        // The dialog the user would see: the ranking, the steps, Cancel as the default button.
        auto plan = panel->coordinator()->plan(dead);
        QVERIFY_RESULT(plan);
        {
            RecoveryDialog dialog(plan.value(), [&](const InstanceKey &c) { return panel->coordinator()->plan(dead, c); }, {}, &window);
            dialog.show();
            QCOMPARE(dialog.ranking()->topLevelItemCount(), 3);
            QCOMPARE(dialog.ranking()->topLevelItem(0)->text(1), sandbox.key(2).toString());
            QVERIFY(dialog.recoverButton()->isEnabled());
            QVERIFY(!dialog.recoverButton()->isDefault());
            shoot(&dialog, u"recovery-dialog.png"_s);
            // Choosing another eligible candidate re-plans.
            dialog.candidateBox()->setCurrentIndex(dialog.candidateBox()->findData(sandbox.key(3).toString()));
            QCOMPARE(dialog.plan().choice.chosen, sandbox.key(3));
            QVERIFY(dialog.stepsText().contains(u"Promote %1"_s.arg(sandbox.key(3).toString())));
        }

        // Confirmed: Arbor's choice runs, and the servers say so.
        panel->setConfirmer([](const RecoveryPlan &p, const QStringList &) -> std::optional<RecoveryPlan> { return p; });
        QList<RecoveryRecord> finished;
        connect(panel, &RecoveryPanel::recoveryFinished, this, [&](const RecoveryRecord &r) { finished.append(r); });
        const auto uid = panel->recover(sandbox.key(0));
        QVERIFY_RESULT(uid);
        QVERIFY(!panel->recover(sandbox.key(0)).ok()); // one recovery per cluster at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY2(finished.first().status == u"succeeded"_s, qPrintable(finished.first().message));
        QCOMPARE(finished.first().successor, sandbox.key(2));
        QCOMPARE(finished.first().trigger, u"manual"_s);
        const auto ro = sandbox.query(2, u"SELECT @@read_only AS ro"_s);
        QVERIFY(ro.ok() && ro->constFirst().value(u"ro"_s).toInt() == 0);
        QVERIFY(sandbox.query(2, u"SHOW SLAVE STATUS"_s)->isEmpty());
        QVERIFY(replicatesFrom(sandbox, 1, 2));
        QVERIFY(replicatesFrom(sandbox, 3, 2));
        QVERIFY2(log(window).contains(u"recovery succeeded: promoted %1"_s.arg(sandbox.key(2).toString())), qPrintable(log(window)));
        // The timeline has the recovery with its steps, and the store has the record.
        QTreeWidgetItem *top = panel->timeline()->topLevelItem(0);
        QVERIFY(top);
        QCOMPARE(top->text(2), u"succeeded"_s);
        QVERIFY(top->childCount() >= 4);
        const auto recorded = store.readRecoveries(5);
        QVERIFY(recorded.ok() && !recorded->isEmpty() && recorded->constFirst().uid == uid.value());
        // Acknowledging ends the block period: a comment is required, and it happens once.
        QVERIFY(!panel->acknowledge(uid.value(), u"  "_s).ok());
        const auto acked = panel->acknowledge(uid.value(), u"checked the new master"_s);
        QVERIFY2(acked.ok() && acked.value() == 1, qPrintable(acked.error()));
        QVERIFY(!panel->acknowledge(uid.value(), u"again"_s).ok());
        QVERIFY(store.readRecoveries(1)->constFirst().isAcknowledged());
        QCOMPARE(store.readRecoveries(1)->constFirst().acknowledgeComment, u"checked the new master"_s);
        QCOMPARE(top->text(2), u"succeeded, acknowledged"_s);
        QVERIFY(log(window).contains(u"acknowledged by"_s));
        QTRY_VERIFY_WITH_TIMEOUT(state.topology().childrenOf(sandbox.key(2)).size() == 2, 10000);
        // The old master is still dead, but nothing is left to recover: no banner, no Recover.
        QTRY_VERIFY_WITH_TIMEOUT(panel->bannerText().isEmpty(), 5000);
        QVERIFY(!panel->recover(sandbox.key(0)).ok());
        shoot(&window, u"failures-recovered.png"_s);
    }
};

QTEST_MAIN(TestRecoveryPanel)
#include "tst_recoverypanel.moc"
