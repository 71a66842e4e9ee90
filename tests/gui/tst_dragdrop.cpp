// Drag and drop on the topology canvas, offscreen, on a real sandbox: a replica dragged with QTest
// mouse events onto a sibling shows legal and illegal targets, the preview lists the statements,
// confirming moves the real replica (SHOW SLAVE STATUS) and the canvas edge; undo moves it back; a
// drop onto its own replica is refused with the rule and runs nothing; a folded group moves together;
// an undo that is no longer legal says why. Set ARBOR_SCREENSHOT_DIR to save screenshots.
#include "resultassert.h"
#include "sandbox.h"

#include "actions/operationcontroller.h"
#include "canvas/dragcontroller.h"
#include "canvas/dragpayload.h"
#include "canvas/edgeitem.h"
#include "canvas/groupitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "dialogs/operationpreviewdialog.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "probe/poller.h"

#include <QDir>
#include <QGraphicsPathItem>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTableWidget>
#include <QUndoStack>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestDragDrop : public QObject
{
    Q_OBJECT

private:
    struct Preview
    {
        OperationPlan plan;
        QStringList warnings;
        QString heading;
        QStringList shownStatements; // what the dialog's step list shows
        bool runEnabled = false;
    };

    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<TopologyState> m_state;
    std::unique_ptr<MainWindow> m_window;
    QList<Preview> m_previews;
    bool m_confirm = true;
    QString m_shotDir;

    InstanceKey key(int i) const { return m_sandbox->key(i); }
    TopologyScene *scene() const { return m_window->scene(); }
    TopologyView *view() const { return m_window->view(); }
    DragController *drag() const { return m_window->dragController(); }

    // Master_Port of server i when both threads run without error, else -1: the server's own word.
    int replicatingFrom(int i)
    {
        auto rows = m_sandbox->query(i, u"SHOW SLAVE STATUS"_s);
        if (!rows.ok() || rows->isEmpty())
            return -1;
        const QVariantMap s = rows->constFirst();
        if (s.value(u"Slave_IO_Running"_s).toString() != u"Yes"_s || s.value(u"Slave_SQL_Running"_s).toString() != u"Yes"_s
            || s.value(u"Last_IO_Errno"_s).toInt() != 0 || s.value(u"Last_SQL_Errno"_s).toInt() != 0)
            return -1;
        return s.value(u"Master_Port"_s).toInt();
    }

    QPoint viewPos(const InstanceKey &k) const
    {
        const ServerItem *item = scene()->serverItem(k);
        return item ? view()->mapFromScene(item->sceneBoundingRect().center()) : QPoint();
    }

    void shoot(const QString &name)
    {
        if (m_shotDir.isEmpty())
            return;
        QCoreApplication::processEvents();
        // The whole screen: tooltips are windows of their own. Offscreen, the window alone.
        QPixmap shot = QGuiApplication::platformName() == u"offscreen"_s ? m_window->grab()
                                                                         : m_window->screen()->grabWindow(0);
        QVERIFY(shot.save(QDir(m_shotDir).filePath(name)));
    }

    // Presses on @p from, moves past the drag distance, then onto @p to: a drag in progress.
    void dragTo(const InstanceKey &from, const InstanceKey &to, Qt::KeyboardModifiers modifiers = {})
    {
        QWidget *vp = view()->viewport();
        const QPoint start = viewPos(from);
        QTest::mousePress(vp, Qt::LeftButton, modifiers, start);
        QTest::mouseMove(vp, start + QPoint(12, 12));
        QTest::mouseMove(vp, (start + viewPos(to)) / 2);
        QTest::mouseMove(vp, viewPos(to));
    }

    void waitSettled()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!scene()->isLayoutPending(), 5000);
        for (int i = 0; i < m_sandbox->size(); ++i) {
            if (!m_sandbox->isRunning(i))
                continue;
            QTRY_VERIFY_WITH_TIMEOUT(m_state->instance(key(i)) && m_state->instance(key(i))->lastCheckValid, 5000);
        }
        view()->fitAll();
    }

    QString log() const { return m_window->activityLog()->messages().join(u'\n'); }

    static QColor overlayColour(const QGraphicsScene *scene, const QRectF &around)
    {
        const QList<QGraphicsItem *> items = scene->items(around.center());
        for (const QGraphicsItem *i : items) {
            if (i->data(0).toString() == u"drop-target"_s)
                return static_cast<const QGraphicsPathItem *>(i)->pen().color();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_shotDir = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR");
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        m_sandbox = std::make_unique<Sandbox>(SandboxOptions{SandboxShape::Tree, 5, true});
        auto started = m_sandbox->start();
        QVERIFY_RESULT(started);

        PollerOptions o;
        o.probe.credentials = Credentials(m_sandbox->user(), m_sandbox->password());
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 2;
        o.pollIntervalMs = 1000;
        m_poller = std::make_unique<Poller>(o);
        m_state = std::make_unique<TopologyState>();
        connect(m_poller.get(), &Poller::instancePolled, m_state.get(), &TopologyState::update);
        m_window = std::make_unique<MainWindow>(m_poller.get(), m_state.get());
        m_window->operations()->setPreviewer([this](const OperationPlan &plan, const QStringList &warnings, const QString &heading) {
            // The real dialog, read back as the user would see it.
            OperationPreviewDialog dialog(plan, warnings, m_window.get(), heading);
            if (m_previews.isEmpty() && plan.isLegal()) {
                // The live check for long transactions answers while the dialog is open.
                dialog.checkTransactions(m_poller->options().probe);
                if (!QTest::qWaitFor([&] { return dialog.transactionsChecked(); }, 5000))
                    qWarning("the transaction check did not answer within 5 s");
            }
            Preview p{plan, dialog.warnings(), heading, {}, dialog.runButton() && dialog.runButton()->isEnabled()};
            for (int r = 0; r < dialog.stepsView()->rowCount(); ++r)
                p.shownStatements << dialog.stepsView()->item(r, 1)->text() + u": "_s + dialog.stepsView()->item(r, 3)->text().simplified(); // as shown, line breaks aside
            if (!m_shotDir.isEmpty() && m_previews.isEmpty()) {
                dialog.show();
                if (QTest::qWaitForWindowExposed(&dialog)) {
                    QTest::qWait(150); // ok: screenshot mode only, lets the window paint; no assertion depends on it
                    QPixmap shot = QGuiApplication::platformName() == u"offscreen"_s ? dialog.grab() : dialog.screen()->grabWindow(0);
                    shot.save(QDir(m_shotDir).filePath(u"dragdrop-preview.png"_s));
                }
            }
            m_previews << p;
            return m_confirm && plan.isLegal();
        });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_poller->addInstance(key(0));
        m_poller->start();
        QTRY_COMPARE_WITH_TIMEOUT(scene()->serverItems().size(), m_sandbox->size(), 10000);
        waitSettled();
    }

    void cleanup()
    {
        // A failed check must not leave a drag running into the next test.
        if (m_window && drag()->isDragging()) {
            drag()->cancelDrag();
            QTest::mouseRelease(view()->viewport(), Qt::LeftButton);
        }
    }

    void cleanupTestCase()
    {
        if (m_poller)
            m_poller->stop();
        m_window.reset();
    }

    void payloadRoundTrip()
    {
        DragPayload one{{key(3)}, {}};
        std::unique_ptr<QMimeData> mime(one.toMimeData());
        QVERIFY(mime->hasFormat(u"application/x-arbor-instance-keys"_s));
        QCOMPARE(mime->text(), key(3).toString());
        auto back = DragPayload::fromMimeData(mime.get());
        QVERIFY_RESULT(back);
        QCOMPARE(back->keys, one.keys);
        QVERIFY(!back->isGroup());
        QCOMPARE(back->requestFor(key(4), {}).kind, OperationKind::Relocate);

        DragPayload group{{key(3)}, key(1)};
        std::unique_ptr<QMimeData> gm(group.toMimeData());
        auto g = DragPayload::fromMimeData(gm.get());
        QVERIFY(g.ok() && g->isGroup() && g->replicasOf == key(1));
        const OperationRequest some = g->requestFor(key(2), {key(3), key(4)});
        QCOMPARE(some.kind, OperationKind::RelocateReplicas);
        QVERIFY(QRegularExpression(some.pattern).match(key(3).toString()).hasMatch());
        QVERIFY(!QRegularExpression(some.pattern).match(key(4).toString()).hasMatch());
        QVERIFY(g->requestFor(key(2), {key(3)}).pattern.isEmpty()); // all of them: no pattern needed

        // Anything else is refused with a sentence, never half-read.
        QMimeData bad;
        bad.setData(DragPayload::mimeType(), R"({"keys":["127.0.0.1:3306; DROP TABLE x"]})");
        QVERIFY(!DragPayload::fromMimeData(&bad).ok());
        QMimeData text;
        text.setText(key(3).toString());
        QVERIFY(!DragPayload::fromMimeData(&text).ok());
    }

    void dragReplicaOntoSiblingThenUndo()
    {
        QVERIFY(m_sandbox);
        waitSettled();
        QCOMPARE(replicatingFrom(3), m_sandbox->port(1));
        m_previews.clear();

        dragTo(key(3), key(4));
        QVERIFY(drag()->isDragging());
        QCOMPARE(drag()->hoveredTarget(), key(4));
        QTRY_VERIFY(drag()->allJudged());
        // Every server is judged by the core's plan on the poll facts.
        const DragController::Target sibling = drag()->targetFor(key(4));
        QCOMPARE(sibling.verdict, DragController::Verdict::Legal);
        QVERIFY2(sibling.method.contains(u"GTID"_s), qPrintable(sibling.method));
        QCOMPARE(drag()->targetFor(key(2)).verdict, DragController::Verdict::Legal); // a cousin, by GTID
        QCOMPARE(drag()->targetFor(key(0)).verdict, DragController::Verdict::Legal); // up to the master
        const DragController::Target self = drag()->targetFor(key(3));
        QCOMPARE(self.verdict, DragController::Verdict::Illegal);
        QCOMPARE(self.rule, u"same-server"_s);
        QCOMPARE(drag()->targetFor(key(1)).verdict, DragController::Verdict::Neutral); // its current source
        // Green and red on the canvas, the reason in the status bar.
        const QColor green = overlayColour(scene(), scene()->serverItem(key(4))->sceneBoundingRect());
        const QColor red = overlayColour(scene(), scene()->serverItem(key(3))->sceneBoundingRect());
        QVERIFY2(green.green() > green.red(), qPrintable(green.name()));
        QVERIFY2(red.red() > red.green(), qPrintable(red.name()));
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"relocate %1 below %2"_s.arg(key(3).toString(), key(4).toString())),
                 qPrintable(m_window->statusBar()->currentMessage()));
        shoot(u"dragdrop-legal-target.png"_s);

        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, viewPos(key(4)));
        QTRY_COMPARE(m_previews.size(), 1);
        QVERIFY(!drag()->isDragging());
        const Preview &p = m_previews.first();
        QVERIFY(p.plan.isLegal());
        QVERIFY(p.runEnabled);
        QCOMPARE(p.plan.request.kind, OperationKind::Relocate);
        QCOMPARE(p.plan.request.instance, key(3));
        QCOMPARE(p.plan.request.target, key(4));
        const QString shown = p.shownStatements.join(u'\n');
        QVERIFY2(shown.contains(key(3).toString() + u": "_s) && shown.contains(u"CHANGE MASTER TO"_s)
                     && shown.contains(QString::number(m_sandbox->port(4))) && shown.contains(u"START SLAVE"_s),
                 qPrintable(shown));
        QCOMPARE(p.shownStatements.size(), p.plan.steps.size());
        for (int i = 0; i < p.plan.steps.size(); ++i)
            QCOMPARE(p.shownStatements.at(i), p.plan.steps.at(i).server.toString() + u": "_s + p.plan.steps.at(i).sql);

        // Confirmed: the real replica replicates from its new source, and the canvas edge moved.
        QTRY_VERIFY_WITH_TIMEOUT(replicatingFrom(3) == m_sandbox->port(4), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(scene()->edgeTo(key(3)) && scene()->edgeTo(key(3))->source() == key(4), 10000);
        QTRY_VERIFY(!m_window->operations()->isBusy());
        QVERIFY2(log().contains(u"relocate %1 below %2: done"_s.arg(key(3).toString(), key(4).toString())), qPrintable(log()));
        QUndoStack *stack = m_window->operations()->undoStack();
        QCOMPARE(stack->count(), 1);
        QVERIFY(stack->canUndo());
        auto *undo = m_window->findChild<QAction *>(u"undo"_s);
        QVERIFY(undo && undo->isEnabled());
        QVERIFY2(undo->text().contains(key(3).toString()), qPrintable(undo->text()));

        // Undo through the Edit menu's action: previewed as an undo, then back under its source.
        undo->trigger();
        QTRY_COMPARE(m_previews.size(), 2);
        QVERIFY2(m_previews.last().heading.startsWith(u"Undo"_s), qPrintable(m_previews.last().heading));
        QCOMPARE(m_previews.last().plan.request.target, key(1));
        QTRY_VERIFY_WITH_TIMEOUT(replicatingFrom(3) == m_sandbox->port(1), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(scene()->edgeTo(key(3)) && scene()->edgeTo(key(3))->source() == key(1), 10000);
        QTRY_VERIFY(!m_window->operations()->isBusy());
        QCOMPARE(stack->index(), 0);
        QVERIFY(stack->canRedo());

        // Redo moves it again; undo once more leaves the tree as it began for the next test.
        QVERIFY(m_window->operations()->redo());
        QTRY_VERIFY_WITH_TIMEOUT(replicatingFrom(3) == m_sandbox->port(4), 15000);
        QTRY_VERIFY(!m_window->operations()->isBusy());
        QCOMPARE(stack->index(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_state->instance(key(3))->sourceKey() == key(4), 10000);
        QVERIFY(m_window->operations()->undo());
        QTRY_VERIFY_WITH_TIMEOUT(replicatingFrom(3) == m_sandbox->port(1), 15000);
        QTRY_VERIFY(!m_window->operations()->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(scene()->edgeTo(key(3))->source() == key(1), 10000);
    }

    void ctrlDragAsksForTheClassicVerbs()
    {
        QVERIFY(m_sandbox);
        waitSettled();
        // Ctrl+drag onto a sibling: move-below; onto its own source: take-master (judged, not neutral).
        dragTo(key(3), key(4), Qt::ControlModifier);
        QVERIFY(drag()->isDragging());
        QVERIFY(drag()->payload().classic);
        QTRY_VERIFY(drag()->allJudged());
        const DragController::Target below = drag()->targetFor(key(4));
        QCOMPARE(below.request.kind, OperationKind::MoveBelow);
        QCOMPARE(below.verdict, DragController::Verdict::Legal);
        const DragController::Target swap = drag()->targetFor(key(1));
        QCOMPARE(swap.request.kind, OperationKind::TakeMaster);
        QCOMPARE(swap.request.instance, key(3));
        QCOMPARE(swap.verdict, DragController::Verdict::Legal);
        // A cousin is no sibling: move-below refuses it with its rule.
        const DragController::Target cousin = drag()->targetFor(key(2));
        QCOMPARE(cousin.request.kind, OperationKind::MoveBelow);
        QCOMPARE(cousin.verdict, DragController::Verdict::Illegal);
        QTest::keyClick(view(), Qt::Key_Escape);
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, viewPos(key(4)));
        // The payload carries the mode, so a drop from elsewhere means the same.
        DragPayload classic{{key(3)}, {}, true};
        std::unique_ptr<QMimeData> mime(classic.toMimeData());
        auto back = DragPayload::fromMimeData(mime.get());
        QVERIFY(back.ok() && back->classic);
        QCOMPARE(back->requestFor(key(1), {}, key(1)).kind, OperationKind::TakeMaster);
    }

    void illegalDropIsRefused()
    {
        QVERIFY(m_sandbox);
        waitSettled();
        m_previews.clear();
        const int stackSize = m_window->operations()->undoStack()->count();
        // Server 1 onto its own replica 3: a cycle.
        dragTo(key(1), key(3));
        const DragController::Target t = drag()->targetFor(key(3));
        QCOMPARE(t.verdict, DragController::Verdict::Illegal);
        QCOMPARE(t.rule, u"no-cycle"_s);
        QVERIFY2(t.message.contains(key(3).toString()), qPrintable(t.message));
        QVERIFY2(m_window->statusBar()->currentMessage().contains(u"[rule: no-cycle]"_s),
                 qPrintable(m_window->statusBar()->currentMessage()));
        QTRY_VERIFY(drag()->allJudged());
        QCOMPARE(drag()->targetFor(key(4)).rule, u"no-cycle"_s);
        QCOMPARE(drag()->targetFor(key(2)).verdict, DragController::Verdict::Legal);
        shoot(u"dragdrop-illegal-target.png"_s);
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, viewPos(key(3)));
        QTRY_VERIFY(log().contains(u"[rule: no-cycle]"_s));
        QVERIFY2(log().contains(u"relocate %1 below %2 refused"_s.arg(key(1).toString(), key(3).toString())), qPrintable(log()));
        // Nothing ran: no preview, no operation, the server still replicates from its source.
        QVERIFY(m_previews.isEmpty());
        QVERIFY(!m_window->operations()->isBusy());
        QCOMPARE(m_window->operations()->undoStack()->count(), stackSize);
        QCOMPARE(replicatingFrom(1), m_sandbox->port(0));
        QCOMPARE(scene()->edgeTo(key(1))->source(), key(0));
    }

    void escapeCancelsAndExternalDropsAreJudged()
    {
        QVERIFY(m_sandbox);
        waitSettled();
        m_previews.clear();
        dragTo(key(4), key(2));
        QVERIFY(drag()->isDragging());
        QTest::keyClick(view(), Qt::Key_Escape);
        QVERIFY(!drag()->isDragging());
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, viewPos(key(2)));
        QCoreApplication::processEvents();
        QVERIFY(m_previews.isEmpty());

        // A drop from another widget (QDrag) carries the same MIME payload: judged the same way;
        // cancelled in the preview, nothing runs.
        m_confirm = false;
        std::unique_ptr<QMimeData> mime(DragPayload{{key(4)}, {}}.toMimeData());
        QWidget *vp = view()->viewport();
        QDragEnterEvent enter(viewPos(key(4)), Qt::MoveAction, mime.get(), Qt::LeftButton, {});
        QCoreApplication::sendEvent(vp, &enter);
        QVERIFY(enter.isAccepted());
        QDragMoveEvent move(viewPos(key(2)), Qt::MoveAction, mime.get(), Qt::LeftButton, {});
        QCoreApplication::sendEvent(vp, &move);
        QCOMPARE(drag()->hoveredTarget(), key(2));
        QDropEvent dropped(QPointF(viewPos(key(2))), Qt::MoveAction, mime.get(), Qt::LeftButton, {});
        QCoreApplication::sendEvent(vp, &dropped);
        QTRY_COMPARE(m_previews.size(), 1);
        m_confirm = true;
        QCOMPARE(m_previews.first().plan.request.instance, key(4));
        QCOMPARE(m_previews.first().plan.request.target, key(2));
        QVERIFY(!m_window->operations()->isBusy());
        QVERIFY(log().contains(u"cancelled"_s));
        QCOMPARE(replicatingFrom(4), m_sandbox->port(1));
    }

    void groupMovesTogether()
    {
        QVERIFY(m_sandbox);
        waitSettled();
        m_previews.clear();
        // Fold server 1's two leaves into one box, then drag that box: "all its replicas".
        scene()->setFoldThreshold(1);
        scene()->layoutNow();
        GroupItem *group = scene()->groupItem(key(1));
        QVERIFY(group);
        view()->fitAll();
        QWidget *vp = view()->viewport();
        const QPoint start = view()->mapFromScene(group->sceneBoundingRect().center());
        QTest::mousePress(vp, Qt::LeftButton, {}, start);
        QTest::mouseMove(vp, start + QPoint(12, -12));
        QTest::mouseMove(vp, viewPos(key(2)));
        QVERIFY(drag()->payload().isGroup());
        QCOMPARE(drag()->targetFor(key(2)).verdict, DragController::Verdict::Legal);
        QCOMPARE(drag()->targetFor(key(2)).request.kind, OperationKind::RelocateReplicas);
        QTest::mouseRelease(vp, Qt::LeftButton, {}, viewPos(key(2)));
        QTRY_COMPARE(m_previews.size(), 1);
        QCOMPARE(m_previews.first().plan.toSources.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(replicatingFrom(3) == m_sandbox->port(2) && replicatingFrom(4) == m_sandbox->port(2), 20000);
        QTRY_VERIFY(!m_window->operations()->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(scene()->groupItem(key(2)) && scene()->groupItem(key(2))->members().size() == 2, 10000);

        // One undo step brings both back.
        QVERIFY(m_window->operations()->undo());
        QTRY_VERIFY_WITH_TIMEOUT(replicatingFrom(3) == m_sandbox->port(1) && replicatingFrom(4) == m_sandbox->port(1), 20000);
        QTRY_VERIFY(!m_window->operations()->isBusy());
        scene()->setFoldThreshold(50);
        QTRY_VERIFY_WITH_TIMEOUT(scene()->edgeTo(key(3)) && scene()->edgeTo(key(3))->source() == key(1), 10000);
    }

    void confirmToCanvasLatency()
    {
        QVERIFY(m_sandbox);
        // From the confirmation to the canvas drawing the edge from the new source: five moves and
        // five undos, each timed when the scene lays the new edge out.
        QList<qint64> samples, runs;
        InstanceKey expected;
        qint64 seen = -1;
        const auto conn = connect(scene(), &TopologyScene::layoutChanged, this, [&] {
            if (seen < 0 && scene()->edgeTo(key(3)) && scene()->edgeTo(key(3))->source() == expected)
                seen = m_window->operations()->confirmedClock().elapsed();
        });
        for (int round = 0; round < 5; ++round) {
            for (const bool back : {false, true}) {
                waitSettled();
                expected = back ? key(1) : key(4);
                seen = -1;
                OperationRequest r;
                r.instance = key(3);
                r.target = expected;
                QVERIFY(m_window->operations()->request(r));
                QTRY_VERIFY_WITH_TIMEOUT(seen >= 0, 15000);
                QTRY_VERIFY(!m_window->operations()->isBusy());
                QCOMPARE(replicatingFrom(3), m_sandbox->port(back ? 1 : 4));
                samples << seen;
                runs << m_window->operations()->lastRunMs();
            }
        }
        disconnect(conn);
        auto report = [](const char *what, QList<qint64> v) {
            std::sort(v.begin(), v.end());
            qInfo("%s: min %lld ms, median %lld ms, max %lld ms (%lld samples)", what, v.first(),
                  (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2, v.last(), qint64(v.size()));
        };
        report("confirm -> operation done (off the GUI thread)", runs);
        report("confirm -> new edge on the canvas", samples);
    }

    void undoNoLongerLegalSaysWhy()
    {
        QVERIFY(m_sandbox);
        waitSettled();
        m_previews.clear();
        dragTo(key(3), key(2));
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, {}, viewPos(key(2)));
        QTRY_VERIFY_WITH_TIMEOUT(replicatingFrom(3) == m_sandbox->port(2), 15000);
        QTRY_VERIFY(!m_window->operations()->isBusy());
        QUndoStack *stack = m_window->operations()->undoStack();
        const int index = stack->index();
        // Its old source dies: moving back there is no longer legal, and undo says so.
        QVERIFY(m_sandbox->kill(1).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!m_state->instance(key(1))->lastCheckValid, 10000);
        QVERIFY(!m_window->operations()->undo());
        QVERIFY(!m_previews.last().plan.isLegal());
        QVERIFY(!m_previews.last().runEnabled);
        QVERIFY2(log().contains(u"cannot undo relocate %1 below %2"_s.arg(key(3).toString(), key(2).toString())), qPrintable(log()));
        QVERIFY2(log().contains(u"[rule: "_s), qPrintable(log()));
        QCOMPARE(stack->index(), index);
        QCOMPARE(replicatingFrom(3), m_sandbox->port(2));
    }
};

QTEST_MAIN(TestDragDrop)
#include "tst_dragdrop.moc"
