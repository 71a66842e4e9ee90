// Promote to master (planned)… from the window, offscreen, on a real 4-server MariaDB GTID star:
// the preview is the recovery dialog's plan for a graceful takeover (the candidate ranking, every
// step with its statements, the hooks, and that it cannot be undone), and confirmed, the designated
// replica becomes the writable master, the old master is read-only and replicates from it, the other
// replicas follow, and the canvas draws the new tree. Prints the time from Run to the new edges.
#include "resultassert.h"
#include "sandbox.h"
#include "sandboxpoller.h"

#include "analysis/analysismonitor.h"
#include "canvas/edgeitem.h"
#include "canvas/topologyscene.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "core/recovery/recoverycoordinator.h"
#include "widgets/recovery/recoverydialog.h"
#include "widgets/recovery/recoverypanel.h"

#include <QAction>
#include <QDir>
#include <QScreen>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestPromote : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void plannedPromotion()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox sandbox({SandboxShape::Star, 4, true});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        Poller poller(sandboxPollerOptions(sandbox));
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        MainWindow window(&poller, &state);
        RecoveryPanel *panel = window.recoveryPanel();
        // No replication account configured (the desktop has no recovery config): the old master
        // replicates with the connection's own account.
        QVERIFY(panel->coordinator()->options().replicationUser.isEmpty());
        window.show();
        poller.addInstance(sandbox.key(0));
        poller.start();
        TopologyScene *scene = window.scene();
        QTRY_COMPARE_WITH_TIMEOUT(scene->serverItems().size(), 4, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(poller.isSettled(), 10000);
        for (int i = 1; i < 4; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(state.instance(sandbox.key(i))->replication && state.instance(sandbox.key(i))->replication->isHealthy(), 10000);

        // The entry: on a direct replica only, and not on the master (it says why).
        QAction *promote = window.findChild<QAction *>(u"promote"_s);
        QVERIFY(promote);
        scene->selectServer(sandbox.key(0));
        QVERIFY(!promote->isEnabled());
        QVERIFY2(promote->toolTip().contains(u"master already"_s), qPrintable(promote->toolTip()));
        scene->selectServer(sandbox.key(2));
        QVERIFY2(promote->isEnabled(), qPrintable(promote->toolTip()));

        // The preview: the designated candidate first, every step, and that it cannot be undone.
        QString shown;
        RecoveryPlan previewed;
        QElapsedTimer confirmed;
        panel->setConfirmer([&](const RecoveryPlan &plan, const QStringList &notes) -> std::optional<RecoveryPlan> {
            shown = RecoveryDialog::describe(plan, notes);
            previewed = plan;
            if (const QString dir = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR"); !dir.isEmpty()) {
                RecoveryDialog dialog(plan, {}, notes, &window);
                dialog.resize(900, 700);
                dialog.show();
                if (QTest::qWaitForWindowExposed(&dialog)) {
                    QTest::qWait(200); // ok: screenshot mode only, lets the dialog paint; no assertion depends on it
                    const QPixmap shot = QGuiApplication::platformName() == u"offscreen"_s ? dialog.grab() : dialog.screen()->grabWindow(0);
                    shot.save(QDir(dir).filePath(u"planned-switchover-preview.png"_s));
                }
            }
            confirmed.start();
            return plan;
        });
        qint64 canvasMs = -1;
        connect(scene, &TopologyScene::layoutChanged, this, [&] {
            const EdgeItem *e = scene->edgeTo(sandbox.key(0));
            if (canvasMs < 0 && e && e->source() == sandbox.key(2) && scene->edgeTo(sandbox.key(1))
                && scene->edgeTo(sandbox.key(1))->source() == sandbox.key(2))
                canvasMs = confirmed.elapsed();
        });
        QList<RecoveryRecord> finished;
        connect(panel, &RecoveryPanel::recoveryFinished, this, [&](const RecoveryRecord &r) { finished.append(r); });
        promote->trigger();
        QVERIFY2(!shown.isEmpty(), "no preview was shown");
        QCOMPARE(previewed.kind, RecoveryPlan::Kind::GracefulTakeover);
        QCOMPARE(previewed.choice.chosen, sandbox.key(2));
        QVERIFY2(shown.contains(u"SET GLOBAL read_only=ON"_s) && shown.contains(u"CHANGE MASTER TO %1"_s.arg(sandbox.key(2).toString())),
                 qPrintable(shown));
        QVERIFY2(shown.contains(u"cannot be undone"_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"as %1, the account of this connection"_s.arg(sandbox.user())), qPrintable(shown));
        QVERIFY2(!shown.contains(sandbox.password()), "the preview shows the password");

        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 40000);
        QVERIFY2(finished.first().status == u"succeeded"_s, qPrintable(finished.first().message));
        // The servers say so: 2 writable and replicating from nobody, 0 read-only below 2, 1 and 3 below 2.
        auto ro = [&](int i) {
            auto rows = sandbox.query(i, u"SELECT @@read_only AS v"_s);
            return rows.ok() && !rows->isEmpty() ? rows->constFirst().value(u"v"_s).toInt() : -1;
        };
        auto masterPort = [&](int i) {
            auto rows = sandbox.query(i, u"SHOW SLAVE STATUS"_s);
            return rows.ok() && !rows->isEmpty() ? rows->constFirst().value(u"Master_Port"_s).toInt() : 0;
        };
        QCOMPARE(ro(2), 0);
        QCOMPARE(masterPort(2), 0);
        QCOMPARE(ro(0), 1);
        QCOMPARE(masterPort(0), sandbox.port(2));
        // The old master really replicates: its IO thread connected with the connection's account
        // (no error 1045), both threads run.
        auto status = [&](int i, const QString &column) {
            auto rows = sandbox.query(i, u"SHOW SLAVE STATUS"_s);
            return rows.ok() && !rows->isEmpty() ? rows->constFirst().value(column).toString() : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(status(0, u"Slave_IO_Running"_s), u"Yes"_s, 10000);
        QCOMPARE(status(0, u"Slave_SQL_Running"_s), u"Yes"_s);
        QCOMPARE(status(0, u"Last_IO_Errno"_s), u"0"_s);
        QCOMPARE(status(0, u"Master_User"_s), sandbox.user());
        QCOMPARE(masterPort(1), sandbox.port(2));
        QCOMPARE(masterPort(3), sandbox.port(2));
        QTRY_VERIFY_WITH_TIMEOUT(canvasMs >= 0, 15000);
        qInfo("Run -> canvas, planned promotion: %lld ms (takeover ran in %lld ms)", canvasMs,
              qint64(finished.first().startedAt.msecsTo(finished.first().endedAt)));
        poller.stop();
    }
};

QTEST_MAIN(TestPromote)
#include "tst_promote.moc"
