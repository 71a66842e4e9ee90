// The desktop window on a real sandbox, offscreen: one row per server under its source, updated live.
#include "sandbox.h"

#include "mainwindow.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "topologytreewidget.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void liveTree()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox sandbox({SandboxShape::Tree, 5, true});
        auto started = sandbox.start();
        QVERIFY2(started.ok(), qPrintable(started.error()));

        PollerOptions o;
        o.probe.credentials = Credentials(sandbox.user(), sandbox.password());
        o.pollIntervalMs = 1000;
        Poller poller(o);
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        MainWindow window(&poller, &state);
        window.show();
        poller.addInstance(sandbox.key(4));
        poller.start();

        TopologyTreeWidget *tree = window.tree();
        QTRY_COMPARE_WITH_TIMEOUT(tree->topLevelItemCount(), 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(tree->itemFor(sandbox.key(4)) && tree->itemFor(sandbox.key(2)), 10000);
        for (int i = 0; i < sandbox.size(); ++i) {
            QTreeWidgetItem *item = tree->itemFor(sandbox.key(i));
            QVERIFY(item);
            QCOMPARE(item->text(0), sandbox.key(i).toString());
            QCOMPARE(item->text(1), u"ok"_s);
            const int source = sandbox.sourceOf(i);
            if (source < 0)
                QVERIFY(!item->parent());
            else
                QCOMPARE(item->parent(), tree->itemFor(sandbox.key(source)));
        }

        // Stopping replication on a replica changes its row within one poll, in place.
        QTreeWidgetItem *row = tree->itemFor(sandbox.key(3));
        QVERIFY(sandbox.execute(3, u"STOP SLAVE"_s).ok());
        QTRY_COMPARE_WITH_TIMEOUT(row->text(1), u"stopped"_s, 3000);
        QCOMPARE(tree->itemFor(sandbox.key(3)), row);

        // A killed server shows as unreachable with the reason.
        QVERIFY(sandbox.kill(2).ok());
        QTRY_COMPARE_WITH_TIMEOUT(tree->itemFor(sandbox.key(2))->text(1), u"unreachable"_s, 6000);
        const QString reason = tree->itemFor(sandbox.key(2))->text(7);
        QVERIFY2(reason.contains(sandbox.key(2).toString()) && reason.contains(u"connection refused"_s), qPrintable(reason));
        poller.stop();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
