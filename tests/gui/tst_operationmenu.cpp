// Every operation from the canvas, offscreen, on a real 5-server MariaDB GTID sandbox
// (0 master; 1, 2 below 0; 3, 4 below 1): the server's context entries are judged by the same plan()
// the drag uses (refused entries are disabled and say the rule), each runs through the one write path
// (preview, cluster lock, legality, audit row in the store, re-probe), the server says it happened,
// the canvas shows it, and undo takes it back on the servers. Irreversible entries say so in the
// preview and stay off the undo stack. Prints the time from Run to the new shape on the canvas per
// operation family (medians go to docs/operations-desktop.md).
#include "resultassert.h"
#include "sandbox.h"

#include "actions/operationcontroller.h"
#include "actions/operationmenu.h"
#include "canvas/edgeitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "mainwindow.h"
#include "panels/activitylog.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "store/store.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QScreen>
#include <QToolTip>
#include <QUndoStack>

#include "canvas/topologyview.h"

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestOperationMenu : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Poller> m_poller;
    std::unique_ptr<TopologyState> m_state;
    std::unique_ptr<MainWindow> m_window;
    QList<std::pair<OperationPlan, QStringList>> m_previews;
    bool m_confirm = true;
    QMap<QString, QList<qint64>> m_latency; // family -> Run to canvas, ms

    InstanceKey key(int i) const { return m_sandbox->key(i); }
    TopologyScene *scene() const { return m_window->scene(); }
    OperationController *ops() const { return m_window->operations(); }

    QVariantMap slaveStatus(int i)
    {
        auto rows = m_sandbox->query(i, u"SHOW SLAVE STATUS"_s);
        return rows.ok() && !rows->isEmpty() ? rows->constFirst() : QVariantMap();
    }
    // Master_Port while both threads run without error, else -1.
    int replicatingFrom(int i)
    {
        const QVariantMap s = slaveStatus(i);
        if (s.value(u"Slave_IO_Running"_s).toString() != u"Yes"_s || s.value(u"Slave_SQL_Running"_s).toString() != u"Yes"_s)
            return -1;
        return s.value(u"Master_Port"_s).toInt();
    }
    QString variable(int i, const QString &name)
    {
        auto rows = m_sandbox->query(i, u"SELECT @@GLOBAL.%1 AS v"_s.arg(name));
        return rows.ok() && !rows->isEmpty() ? rows->constFirst().value(u"v"_s).toString() : QString();
    }

    // The context entries of server i, as the menu shows them.
    QAction *entry(QMenu &menu, int i, const QString &name)
    {
        OperationMenu::clear(&menu);
        OperationMenu::fill(&menu, key(i), *m_state, ops());
        return menu.findChild<QAction *>(name);
    }

    void settle()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!ops()->isBusy(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!scene()->isLayoutPending(), 5000);
        for (int i = 0; i < m_sandbox->size(); ++i)
            QTRY_VERIFY_WITH_TIMEOUT(m_state->instance(key(i)) && m_state->instance(key(i))->lastCheckValid, 5000);
    }

    // Triggers @p action and measures from the confirmation until @p shown holds on the canvas.
    template <typename Shown>
    void runAndTime(QAction *action, const QString &family, Shown shown)
    {
        QVERIFY(action);
        QVERIFY2(action->isEnabled(), qPrintable(action->objectName() + u": "_s + action->toolTip()));
        qint64 seen = -1;
        const auto conn = connect(scene(), &TopologyScene::changed, this, [&] {
            if (seen < 0 && shown())
                seen = ops()->confirmedClock().elapsed();
        });
        const auto conn2 = connect(m_state.get(), &TopologyState::instanceChanged, this, [&] {
            if (seen < 0 && shown())
                seen = ops()->confirmedClock().elapsed();
        });
        action->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(seen >= 0, 20000);
        disconnect(conn);
        disconnect(conn2);
        m_latency[family] << seen;
        settle();
    }
    template <typename Shown>
    void undoAndTime(const QString &family, Shown shown)
    {
        qint64 seen = -1;
        const auto conn = connect(m_state.get(), &TopologyState::instanceChanged, this, [&] {
            if (seen < 0 && shown())
                seen = ops()->confirmedClock().elapsed();
        });
        QVERIFY(ops()->undo());
        QTRY_VERIFY2_WITH_TIMEOUT(seen >= 0, qPrintable(m_window->activityLog()->messages().mid(std::max<qsizetype>(0, m_window->activityLog()->messages().size() - 6)).join(u'\n')), 20000);
        disconnect(conn);
        m_latency[family] << seen;
        settle();
    }

    bool edgeFrom(int replica, int source) const
    {
        const EdgeItem *e = scene()->edgeTo(key(replica));
        return e && e->source() == key(source);
    }
    QStringList auditOperations()
    {
        auto rows = m_store->readAudit(100);
        QStringList out;
        if (rows.ok()) {
            for (const AuditEntry &a : rows.value())
                out << a.operation + u' ' + a.instance.toString() + u' ' + a.result;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        m_sandbox = std::make_unique<Sandbox>(SandboxOptions{SandboxShape::Tree, 5, true});
        auto started = m_sandbox->start();
        QVERIFY_RESULT(started);
        m_store = std::make_unique<Store>(StoreOptions::sqlite(m_dir.filePath(u"arbor.sqlite3"_s)));
        QVERIFY(m_store->open().ok());
        PollerOptions o;
        o.probe.credentials = Credentials(m_sandbox->user(), m_sandbox->password());
        o.probe.connectTimeoutSeconds = 1;
        o.probe.readTimeoutSeconds = 2;
        o.pollIntervalMs = 1000;
        m_poller = std::make_unique<Poller>(o);
        m_state = std::make_unique<TopologyState>();
        connect(m_poller.get(), &Poller::instancePolled, m_state.get(), &TopologyState::update);
        m_window = std::make_unique<MainWindow>(m_poller.get(), m_state.get(), m_store.get());
        ops()->setPreviewer([this](const OperationPlan &plan, const QStringList &warnings, const QString &) {
            m_previews.append({plan, warnings});
            return m_confirm && plan.isLegal();
        });
        m_window->show();
        m_poller->addInstance(key(0));
        m_poller->start();
        QTRY_COMPARE_WITH_TIMEOUT(scene()->serverItems().size(), m_sandbox->size(), 10000);
        settle();
        QTRY_VERIFY_WITH_TIMEOUT(edgeFrom(3, 1) && edgeFrom(4, 1), 10000);
    }

    void cleanupTestCase()
    {
        if (m_poller)
            m_poller->stop();
        m_window.reset();
        auto report = [](const QString &family, QList<qint64> v) {
            std::sort(v.begin(), v.end());
            const qint64 median = v.size() % 2 ? v.at(v.size() / 2) : (v.at(v.size() / 2 - 1) + v.at(v.size() / 2)) / 2;
            qInfo("Run -> canvas, %s: median %lld ms (min %lld, max %lld, %lld samples)", qPrintable(family), median,
                  v.first(), v.last(), qint64(v.size()));
        };
        for (auto it = m_latency.cbegin(); it != m_latency.cend(); ++it)
            report(it.key(), it.value());
    }

    void entriesAreJudgedByThePlan()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        // A healthy GTID replica with a sibling: the moves are legal, the no-ops say why not.
        QAction *below = entry(menu, 3, u"op-move-below-"_s + key(4).toString());
        QVERIFY(below && below->isEnabled());
        QVERIFY2(below->toolTip().contains(u"GTID"_s), qPrintable(below->toolTip()));
        QAction *start = menu.findChild<QAction *>(u"op-start-replica"_s);
        QVERIFY(start && !start->isEnabled());
        QVERIFY2(start->toolTip().contains(u"already runs"_s), qPrintable(start->toolTip()));
        QVERIFY(menu.findChild<QAction *>(u"op-stop-replica"_s)->isEnabled());
        QVERIFY(menu.findChild<QAction *>(u"op-take-master"_s)->isEnabled());
        QVERIFY(menu.findChild<QAction *>(u"op-take-siblings"_s)->isEnabled());
        QVERIFY(!menu.findChild<QAction *>(u"op-set-read-only"_s)->isEnabled()); // sandbox replicas are read-only
        // The master: replica operations are refused with the rule, in the tooltip.
        QAction *stopOnMaster = entry(menu, 0, u"op-stop-replica"_s);
        QVERIFY(stopOnMaster && !stopOnMaster->isEnabled());
        QVERIFY2(stopOnMaster->toolTip().contains(u"[rule: not-a-replica]"_s), qPrintable(stopOnMaster->toolTip()));
        QAction *up = menu.findChild<QAction *>(u"op-move-up"_s);
        QVERIFY(up && !up->isEnabled() && up->toolTip().contains(u"[rule: "_s));
        QVERIFY(!menu.findChild<QMenu *>(u"op-move-below"_s)); // a master has no siblings
        // Reset says it cannot be undone, already in the menu.
        QAction *reset = entry(menu, 4, u"op-reset-replica"_s);
        QVERIFY(reset && reset->isEnabled());
        QVERIFY2(reset->toolTip().contains(u"cannot be undone"_s), qPrintable(reset->toolTip()));
        if (const QString dir = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR"); !dir.isEmpty()
            && QGuiApplication::platformName() != u"offscreen"_s) {
            // The menu as a user opens it on server 3, with the reason of a refused entry showing.
            QMenu shown(m_window.get());
            OperationMenu::fill(&shown, key(3), *m_state, ops());
            scene()->selectServer(key(3));
            const QPoint at = m_window->view()->viewport()->mapToGlobal(
                m_window->view()->mapFromScene(scene()->serverItem(key(3))->sceneBoundingRect().center()));
            shown.popup(at);
            QVERIFY(QTest::qWaitForWindowExposed(&shown));
            QAction *refused = shown.findChild<QAction *>(u"op-start-replica"_s);
            shown.setActiveAction(refused);
            QToolTip::showText(shown.mapToGlobal(shown.actionGeometry(refused).topRight() + QPoint(8, 0)), refused->toolTip(), &shown);
            QTest::qWait(400); // ok: screenshot mode only, lets the menu and tooltip paint; no assertion depends on it
            QVERIFY(m_window->screen()->grabWindow(0).save(QDir(dir).filePath(u"context-menu-operations.png"_s)));
            shown.close();
        }
        // While an operation runs, or in connected mode, nothing is offered, with the reason.
        OperationMenu::clear(&menu);
        OperationMenu::fill(&menu, key(3), *m_state, ops(), u"Connected mode"_s);
        for (QAction *a : menu.findChildren<QAction *>()) {
            if (a->objectName().startsWith(u"op-"_s))
                QVERIFY2(!a->isEnabled() && a->toolTip() == u"Connected mode"_s, qPrintable(a->objectName()));
        }
    }

    void stopAndStartReplicationThroughTheOperationPath()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        const int stack = ops()->undoStack()->count();
        runAndTime(entry(menu, 3, u"op-stop-replica"_s), u"replication control (stop/start)"_s, [&] {
            const ServerItem *item = scene()->serverItem(key(3));
            return item && item->card().health == InstanceHealth::ReplicationStopped;
        });
        QCOMPARE(slaveStatus(3).value(u"Slave_IO_Running"_s).toString(), u"No"_s);
        QCOMPARE(slaveStatus(3).value(u"Slave_SQL_Running"_s).toString(), u"No"_s);
        // The one write path: an audit row, and one undo step.
        QTRY_VERIFY(auditOperations().contains(u"stop-replica %1 ok"_s.arg(key(3).toString())));
        QCOMPARE(ops()->undoStack()->count(), stack + 1);
        QVERIFY2(ops()->undoStack()->undoText().contains(u"stop replication"_s), qPrintable(ops()->undoStack()->undoText()));
        undoAndTime(u"replication control (stop/start)"_s, [&] {
            return m_state->instance(key(3))->replication && m_state->instance(key(3))->replication->isHealthy();
        });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(3), m_sandbox->port(1), 10000);
        QTRY_VERIFY(auditOperations().contains(u"start-replica %1 ok"_s.arg(key(3).toString())));
        QVERIFY(ops()->redo()); // redo stops it again, undo once more to leave it running
        settle();
        QTRY_COMPARE_WITH_TIMEOUT(slaveStatus(3).value(u"Slave_IO_Running"_s).toString(), u"No"_s, 10000);
        QVERIFY(ops()->undo());
        settle();
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(3), m_sandbox->port(1), 10000);
    }

    void readOnlyAndWriteable()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        QCOMPARE(variable(4, u"read_only"_s), u"1"_s);
        runAndTime(entry(menu, 4, u"op-set-writeable"_s), u"read-only / writeable"_s,
                   [&] { return !m_state->instance(key(4))->readOnly; });
        QCOMPARE(variable(4, u"read_only"_s), u"0"_s);
        undoAndTime(u"read-only / writeable"_s, [&] { return m_state->instance(key(4))->readOnly; });
        QCOMPARE(variable(4, u"read_only"_s), u"1"_s);
    }

    void moveBelowAndUndo()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        for (int round = 0; round < 2; ++round) {
            runAndTime(entry(menu, 3, u"op-move-below-"_s + key(4).toString()), u"move below (GTID)"_s, [&] { return edgeFrom(3, 4); });
            QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(3), m_sandbox->port(4), 10000);
            undoAndTime(u"move below (GTID)"_s, [&] { return m_state->instance(key(3))->sourceKey() == key(1); });
            QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(3), m_sandbox->port(1), 10000);
            QTRY_VERIFY_WITH_TIMEOUT(edgeFrom(3, 1), 5000);
        }
    }

    void moveUpAndUndo()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        runAndTime(entry(menu, 4, u"op-move-up"_s), u"move up"_s, [&] { return edgeFrom(4, 0); });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(4), m_sandbox->port(0), 10000);
        undoAndTime(u"move up"_s, [&] { return m_state->instance(key(4))->sourceKey() == key(1); });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(4), m_sandbox->port(1), 10000);
    }

    void takeMasterAndUndo()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        // 3 takes over from 1: 3 below 0, 1 below 3. Undo: 1 takes it back.
        runAndTime(entry(menu, 3, u"op-take-master"_s), u"take master"_s, [&] { return edgeFrom(1, 3) && edgeFrom(3, 0); });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(3), m_sandbox->port(0), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(1), m_sandbox->port(3), 10000);
        undoAndTime(u"take master"_s, [&] {
            return m_state->instance(key(3))->sourceKey() == key(1) && m_state->instance(key(1))->sourceKey() == key(0);
        });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(1), m_sandbox->port(0), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(3), m_sandbox->port(1), 10000);
        settle();
        // Server 4 followed wherever 1's replicas went; put it back below 1 if take-master moved it.
        if (m_state->instance(key(4))->sourceKey() != key(1)) {
            QVERIFY(m_window->requestOperation(OperationKind::Relocate, key(4), key(1)));
            settle();
        }
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(4), m_sandbox->port(1), 10000);
    }

    void takeSiblingsAndUndo()
    {
        QVERIFY(m_sandbox);
        settle();
        QMenu menu;
        runAndTime(entry(menu, 3, u"op-take-siblings"_s), u"take siblings / regroup"_s, [&] { return edgeFrom(4, 3); });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(4), m_sandbox->port(3), 10000);
        undoAndTime(u"take siblings / regroup"_s, [&] { return m_state->instance(key(4))->sourceKey() == key(1); });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(4), m_sandbox->port(1), 10000);
    }

    void detachAndReattach()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        runAndTime(entry(menu, 4, u"op-detach-replica"_s), u"detach / reattach"_s,
                   [&] { return !m_state->instance(key(4))->isReplica(); });
        QVERIFY2(slaveStatus(4).value(u"Master_Host"_s).toString().startsWith(u"//"_s),
                 qPrintable(slaveStatus(4).value(u"Master_Host"_s).toString()));
        undoAndTime(u"detach / reattach"_s, [&] { return m_state->instance(key(4))->sourceKey() == key(1); });
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(4), m_sandbox->port(1), 10000);
    }

    void gtidOffAndOn()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        // Right after the reattach the poll may not yet have the executed position the plan needs.
        QTRY_VERIFY_WITH_TIMEOUT(entry(menu, 4, u"op-disable-gtid"_s)->isEnabled(), 10000);
        runAndTime(entry(menu, 4, u"op-disable-gtid"_s), u"GTID off / on"_s, [&] { return !m_state->instance(key(4))->usesGtid(); });
        QCOMPARE(slaveStatus(4).value(u"Using_Gtid"_s).toString(), u"No"_s);
        // Nothing was ever written: an empty gtid_slave_pos cannot say where to resume by GTID. The
        // undo fails and says why, and replication keeps running as it was (it used to be left
        // stopped: the check came after STOP SLAVE).
        QVERIFY(ops()->undo());
        QTRY_VERIFY_WITH_TIMEOUT(!ops()->isBusy(), 20000);
        QVERIFY2(m_window->activityLog()->messages().join(u'\n').contains(u"empty gtid_slave_pos"_s),
                 qPrintable(m_window->activityLog()->messages().join(u'\n')));
        QCOMPARE(replicatingFrom(4), m_sandbox->port(1));
        QCOMPARE(slaveStatus(4).value(u"Using_Gtid"_s).toString(), u"No"_s);
        QVERIFY(ops()->undoStack()->canUndo()); // still to be undone
        // Once a transaction has gone through, the replica knows its GTID position: undo now works.
        QVERIFY(m_sandbox->execute(0, u"CREATE DATABASE IF NOT EXISTS gtid_marker"_s).ok());
        QTRY_VERIFY_WITH_TIMEOUT(!variable(4, u"gtid_slave_pos"_s).isEmpty(), 10000);
        undoAndTime(u"GTID off / on"_s, [&] { return m_state->instance(key(4))->usesGtid(); });
        QVERIFY(slaveStatus(4).value(u"Using_Gtid"_s).toString() != u"No"_s);
        QTRY_COMPARE_WITH_TIMEOUT(replicatingFrom(4), m_sandbox->port(1), 10000);
    }

    void irreversibleSaysSoAndIsNotStacked()
    {
        QVERIFY(m_sandbox);
        QMenu menu;
        m_previews.clear();
        m_confirm = false; // read the preview, run nothing: the sandbox keeps its replica
        const int stack = ops()->undoStack()->count();
        entry(menu, 4, u"op-reset-replica"_s)->trigger();
        QTRY_COMPARE(m_previews.size(), 1);
        m_confirm = true;
        QVERIFY2(m_previews.first().second.join(u'\n').contains(u"cannot be undone"_s),
                 qPrintable(m_previews.first().second.join(u'\n')));
        QCOMPARE(ops()->undoStack()->count(), stack);
        QCOMPARE(replicatingFrom(4), m_sandbox->port(1));
    }
};

QTEST_MAIN(TestOperationMenu)
#include "tst_operationmenu.moc"
