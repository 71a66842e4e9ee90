// The desktop window on a simulated MySQL 8.0 / 8.4 tree, offscreen: one card per server naming
// MySQL and its version, the role each server has, auto-position on the replicas, one edge per
// replica from its source, and a stop of replication that reaches the card and the edge (read from
// the flavour's own SHOW REPLICA STATUS).
//
//   0 ── 1 ── 3
//   │    └─── 4
//   └─── 2
#include "testfleet.h"

#include "canvas/edgeitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "settings/appsettings.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::simulator;
using namespace arbor::widgets;

class TestSimulatorMysqlCanvas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cardsAndEdges_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("version");
        QTest::newRow("mysql-8.0") << int(FlavourKind::MySQL80) << u"MySQL 8.0.36"_s;
        QTest::newRow("mysql-8.4") << int(FlavourKind::MySQL84) << u"MySQL 8.4.3"_s;
    }

    void cardsAndEdges()
    {
        QFETCH(int, kind);
        QFETCH(QString, version);
        auto sim = startSimulator(smallTree(FlavourKind(kind), 5, 2));
        QVERIFY(sim);

        PollerOptions o;
        o.probe.credentials = Credentials(u"arbor"_s, u"arbor"_s);
        o.pollIntervalMs = 300;
        Poller poller(o);
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(u"arbor.ini"_s));
        MainWindow window(&poller, &state, nullptr, &settings);
        window.show();
        poller.addInstance(sim->key(4)); // a leaf: discovery climbs to the master, then descends
        poller.start();

        TopologyScene *scene = window.scene();
        QTRY_COMPARE_WITH_TIMEOUT(scene->serverItems().size(), sim->size(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!scene->isLayoutPending(), 5000);
        const QStringList roles{u"source"_s, u"intermediate source"_s, u"replica"_s, u"replica"_s, u"replica"_s};
        for (int i = 0; i < sim->size(); ++i) {
            ServerItem *item = scene->serverItem(sim->key(i));
            QVERIFY(item);
            QTRY_COMPARE_WITH_TIMEOUT(item->card().health, InstanceHealth::Ok, 5000);
            const ServerCard &card = item->card();
            QCOMPARE(card.title, sim->key(i).toString());
            QCOMPARE(card.subtitle, roles.at(i) + u" · "_s + version);
            const int source = sim->fleet().sourceOf(i);
            if (source < 0) {
                QVERIFY(!scene->edgeTo(sim->key(i)));
                QVERIFY2(card.modeLine.startsWith(u"writeable"_s), qPrintable(card.modeLine));
            } else {
                QVERIFY(scene->edgeTo(sim->key(i)));
                QCOMPARE(scene->edgeTo(sim->key(i))->source(), sim->key(source));
                QCOMPARE(scene->edgeTo(sim->key(i))->state(), EdgeItem::State::Running);
                QVERIFY2(card.modeLine.contains(u"GTID"_s), qPrintable(card.modeLine)); // auto-position
                QVERIFY2(card.stateText.startsWith(u"OK · lag "_s), qPrintable(card.stateText));
            }
        }
        QCOMPARE(scene->edgeItems().size(), sim->size() - 1);

        // STOP REPLICA on server 3 as a person would see it: the card and its edge, in place.
        ServerItem *stopped = scene->serverItem(sim->key(3));
        sim->setReplicationFault(3, ReplicationFault::Stopped);
        QTRY_COMPARE_WITH_TIMEOUT(stopped->card().health, InstanceHealth::ReplicationStopped, 5000);
        QCOMPARE(scene->serverItem(sim->key(3)), stopped);
        QCOMPARE(scene->edgeTo(sim->key(3))->state(), EdgeItem::State::Stopped);
        QVERIFY2(stopped->card().stateText.contains(u"STOPPED"_s), qPrintable(stopped->card().stateText));
        poller.stop();
    }
};

QTEST_MAIN(TestSimulatorMysqlCanvas)
#include "tst_simulator_mysql_canvas.moc"
