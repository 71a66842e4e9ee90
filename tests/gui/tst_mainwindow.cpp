// The desktop window on a real sandbox, offscreen: one box per server with the right edges, live
// state changes in place, write actions through the context actions, search, and exports that parse.
#include "resultassert.h"
#include "sandbox.h"

#include "actions/operationcontroller.h"
#include "canvas/edgeitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "canvas/topologyview.h"
#include "widgets/export/snapshotexporter.h"
#include "core/export/topologyjson.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "panels/clusterlistwidget.h"
#include "probe/poller.h"
#include "settings/appsettings.h"

#include <QImage>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void liveCanvas()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox sandbox({SandboxShape::Tree, 5, true});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);

        PollerOptions o;
        o.probe.credentials = Credentials(sandbox.user(), sandbox.password());
        o.pollIntervalMs = 1000;
        Poller poller(o);
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(u"arbor.ini"_s));
        MainWindow window(&poller, &state, nullptr, &settings);
        window.setConfirmer([](const QString &, const QString &) { return true; });
        window.operations()->setPreviewer([](const OperationPlan &plan, const QStringList &, const QString &) { return plan.isLegal(); });
        window.show();
        poller.addInstance(sandbox.key(4));
        poller.start();

        TopologyScene *scene = window.scene();
        QTRY_COMPARE_WITH_TIMEOUT(scene->serverItems().size(), sandbox.size(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!scene->isLayoutPending(), 5000);
        // One box per server, one edge per replica from its source, no overlap.
        for (int i = 0; i < sandbox.size(); ++i) {
            ServerItem *item = scene->serverItem(sandbox.key(i));
            QVERIFY(item);
            QCOMPARE(item->card().title, sandbox.key(i).toString());
            QTRY_COMPARE_WITH_TIMEOUT(scene->serverItem(sandbox.key(i))->card().health, InstanceHealth::Ok, 5000);
            const int source = sandbox.sourceOf(i);
            if (source < 0) {
                QVERIFY(!scene->edgeTo(sandbox.key(i)));
            } else {
                QVERIFY(scene->edgeTo(sandbox.key(i)));
                QCOMPARE(scene->edgeTo(sandbox.key(i))->source(), sandbox.key(source));
            }
            for (int j = i + 1; j < sandbox.size(); ++j)
                QVERIFY(!item->sceneBoundingRect().adjusted(2, 2, -2, -2).intersects(
                    scene->serverItem(sandbox.key(j))->sceneBoundingRect().adjusted(2, 2, -2, -2)));
        }
        QCOMPARE(scene->edgeItems().size(), sandbox.size() - 1);
        // The first view shows the whole cluster: it was fitted again while discovery, which began
        // at a leaf, found the rest (a fit of the first layout alone showed the leaf and cut the tree).
        auto allVisible = [&] {
            const QRectF visible = window.view()->mapToScene(window.view()->viewport()->rect()).boundingRect();
            for (const ServerItem *item : scene->serverItems()) {
                if (!visible.contains(item->sceneBoundingRect()))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allVisible(), 3000);
        const QPointF before = scene->serverItem(sandbox.key(3))->pos();
        const int layouts = scene->layoutCount();

        // Stopping replication on a replica through the window's action (the operation path: preview,
        // lock, legality, audit, re-probe) changes that box within one poll, in place: same item,
        // same position, no new layout.
        ServerItem *row = scene->serverItem(sandbox.key(3));
        scene->selectServer(sandbox.key(3));
        QVERIFY(window.requestOperation(OperationKind::StopReplica, sandbox.key(3)));
        QTRY_COMPARE_WITH_TIMEOUT(row->card().health, InstanceHealth::ReplicationStopped, 3000);
        QVERIFY2(row->card().stateText.contains(u"STOPPED"_s), qPrintable(row->card().stateText));
        QCOMPARE(scene->serverItem(sandbox.key(3)), row);
        QCOMPARE(row->pos(), before);
        QCOMPARE(scene->edgeTo(sandbox.key(3))->state(), EdgeItem::State::Stopped);
        QCOMPARE(scene->layoutCount(), layouts);
        QTRY_VERIFY(window.activityLog()->messages().join(u'\n').contains(u"stop-replica %1: done"_s.arg(sandbox.key(3).toString())));
        QTRY_VERIFY(window.activityLog()->messages().join(u'\n').contains(u"ok → replication stopped"_s));

        // Search filters the cluster list by host, by state, and to nothing.
        ClusterListWidget *list = window.clusterList();
        QTRY_COMPARE(list->visibleClusters().size(), 1);
        list->searchBox()->setText(sandbox.key(3).toString());
        QCOMPARE(list->visibleClusters().size(), 1);
        list->searchBox()->setText(u"stopped"_s);
        QCOMPARE(list->visibleClusters().size(), 1);
        list->searchBox()->setText(u"no-such-host.example"_s);
        QCOMPARE(list->visibleClusters().size(), 0);
        list->searchBox()->setText(u"broken"_s);
        QCOMPARE(list->visibleClusters().size(), 0);
        list->searchBox()->clear();
        QCOMPARE(list->visibleClusters().size(), 1);

        // Exports parse.
        QTemporaryDir out;
        const QString cluster = scene->clusterNames().value(0);
        QVERIFY(!cluster.isEmpty());
        auto svg = SnapshotExporter::render(scene, SnapshotExporter::Format::Svg, {cluster});
        QVERIFY_RESULT(svg);
        QXmlStreamReader xml(svg.value());
        int servers = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"g"_s
                && xml.attributes().value(u"class"_s) == u"server"_s)
                ++servers;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(servers, sandbox.size());
        const QString png = out.filePath(u"t.png"_s);
        QVERIFY(SnapshotExporter::write(scene, SnapshotExporter::Format::Png, {cluster}, png).ok());
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 400 && image.height() > 200);
        auto json = SnapshotExporter::render(scene, SnapshotExporter::Format::Json, {});
        QVERIFY(json.ok());
        auto instances = TopologyJson::instancesFromText(json.value());
        QVERIFY_RESULT(instances);
        QCOMPARE(instances->size(), sandbox.size());
        const Topology reimported = Topology::build(instances.value());
        for (int i = 0; i < sandbox.size(); ++i)
            QCOMPARE(reimported.parentOf(sandbox.key(i)), state.topology().parentOf(sandbox.key(i)));
        auto seeds = TopologyJson::seedsFromText(json.value());
        QVERIFY(seeds.ok());
        QCOMPARE(seeds->size(), sandbox.size());
        QCOMPARE(seeds->first(), sandbox.key(0));

        // Starting it again turns it back to OK; a killed server shows as unreachable with the reason.
        QTRY_VERIFY(!window.operations()->isBusy());
        QVERIFY(window.requestOperation(OperationKind::StartReplica, sandbox.key(3)));
        QTRY_COMPARE_WITH_TIMEOUT(row->card().health, InstanceHealth::Ok, 3000);
        QTRY_VERIFY(!window.operations()->isBusy());
        QVERIFY(sandbox.kill(2).ok());
        QTRY_COMPARE_WITH_TIMEOUT(scene->serverItem(sandbox.key(2))->card().health, InstanceHealth::Unreachable, 6000);
        QVERIFY2(scene->serverItem(sandbox.key(2))->card().toolTip.contains(u"connection refused"_s),
                 qPrintable(scene->serverItem(sandbox.key(2))->card().toolTip));
        poller.stop();

        // The window's layout and view choices persist.
        window.setHorizontalTrees(true);
        window.close();
        QVERIFY(settings.horizontalTrees());
        QVERIFY(!settings.windowGeometry().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
