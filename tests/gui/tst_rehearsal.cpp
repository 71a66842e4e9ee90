// Failover → Rehearse… on a real 5-server MariaDB tree, offscreen: the dialog the user gets draws the
// resulting tree with the canvas's own scene (the new master, every survivor under its new source, the
// "dead" server left out), and the servers are untouched.
#include "resultassert.h"
#include "sandbox.h"
#include "sandboxpoller.h"

#include "canvas/edgeitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "widgets/recovery/recoverydialog.h"
#include "widgets/recovery/rehearsalpreview.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestRehearsal : public QObject
{
    Q_OBJECT

    struct Drawn
    {
        QSet<InstanceKey> servers;
        QHash<InstanceKey, InstanceKey> sourceOf; // by replica, from the drawn edges
        RecoveryPlan plan;
        bool recoverVisible = true;
        bool shown = false;
    };

    // Triggers Rehearse… on @p victim and reads the modal dialog's drawn preview, then closes it.
    static Drawn rehearse(MainWindow &window, const InstanceKey &victim, const QString &screenshot = {})
    {
        Drawn drawn;
        window.scene()->selectServer(victim);
        QAction *action = window.findChild<QAction *>(u"rehearse"_s);
        if (!action || !action->isEnabled())
            return drawn;
        // exec() runs its own loop: the dialog is read from inside it.
        QTimer::singleShot(0, &window, [&] {
            auto *dialog = qobject_cast<RecoveryDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            drawn.shown = true;
            drawn.plan = dialog->plan();
            drawn.recoverVisible = dialog->recoverButton()->isVisible();
            TopologyScene *scene = dialog->preview()->scene();
            scene->layoutNow();
            for (ServerItem *s : scene->serverItems())
                drawn.servers.insert(s->key());
            for (EdgeItem *e : scene->edgeItems())
                drawn.sourceOf.insert(e->replica(), e->source());
            if (const QString dir = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR"); !dir.isEmpty() && !screenshot.isEmpty()) {
                (void)QTest::qWaitForWindowExposed(dialog);
                dialog->grab().save(QDir(dir).filePath(screenshot));
            }
            dialog->reject();
        });
        action->trigger();
        return drawn;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void previewDrawsTheResultingTree()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox sandbox({SandboxShape::Tree, 5, true}); // 0 <- {1 <- {3, 4}, 2}
        QVERIFY_RESULT(sandbox.start());
        Poller poller(sandboxPollerOptions(sandbox));
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        MainWindow window(&poller, &state);
        window.resize(1200, 800);
        window.show();
        poller.addInstance(sandbox.key(0));
        poller.start();
        QTRY_COMPARE_WITH_TIMEOUT(window.scene()->serverItems().size(), 5, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(poller.isSettled(), 10000);
        for (int i = 1; i < 5; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(state.instance(sandbox.key(i))->replication && state.instance(sandbox.key(i))->replication->isHealthy(), 10000);

        // The master "dies": one of its direct replicas is promoted, the other one and the
        // grandchildren hang where the plan puts them, the master is not drawn.
        const Drawn master = rehearse(window, sandbox.key(0), u"rehearse-preview.png"_s);
        QVERIFY2(master.shown, "no rehearsal dialog");
        QVERIFY(!master.recoverVisible);
        const InstanceKey chosen = master.plan.choice.chosen;
        QVERIFY2(chosen == sandbox.key(1) || chosen == sandbox.key(2), qPrintable(chosen.toString()));
        const InstanceKey other = chosen == sandbox.key(1) ? sandbox.key(2) : sandbox.key(1);
        QCOMPARE(master.servers, (QSet<InstanceKey>{sandbox.key(1), sandbox.key(2), sandbox.key(3), sandbox.key(4)}));
        QVERIFY(!master.sourceOf.contains(chosen)); // the new master hangs from nobody
        QCOMPARE(master.sourceOf.value(other), chosen);
        QCOMPARE(master.sourceOf.value(sandbox.key(3)), sandbox.key(1));
        QCOMPARE(master.sourceOf.value(sandbox.key(4)), sandbox.key(1));
        QCOMPARE(master.sourceOf.size(), 3);

        // An intermediate master "dies": its replicas move to the plan's target, it is not drawn.
        const Drawn intermediate = rehearse(window, sandbox.key(1));
        QVERIFY2(intermediate.shown, "no rehearsal dialog");
        const InstanceKey target = intermediate.plan.target;
        QVERIFY2(target.isValid(), qPrintable(intermediate.plan.explanation));
        QVERIFY(!intermediate.servers.contains(sandbox.key(1)));
        QCOMPARE(intermediate.sourceOf.value(sandbox.key(3)), target);
        QCOMPARE(intermediate.sourceOf.value(sandbox.key(4)), target);
        QCOMPARE(intermediate.sourceOf.value(sandbox.key(2)), sandbox.key(0));

        // Nothing changed on the servers.
        auto rows = sandbox.query(0, u"SELECT @@read_only AS v"_s);
        QVERIFY(rows.ok() && rows->constFirst().value(u"v"_s).toInt() == 0);
        for (const auto &[replica, source] : {std::pair{3, 1}, std::pair{4, 1}, std::pair{1, 0}, std::pair{2, 0}}) {
            auto status = sandbox.query(replica, u"SHOW SLAVE STATUS"_s);
            QVERIFY(status.ok() && !status->isEmpty());
            QCOMPARE(status->constFirst().value(u"Master_Port"_s).toInt(), sandbox.port(source));
        }
        poller.stop();
    }
};

QTEST_MAIN(TestRehearsal)
#include "tst_rehearsal.moc"
