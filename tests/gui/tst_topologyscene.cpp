// The canvas on synthetic snapshots: no overlap whatever the shape, large sibling groups folded and
// expandable, both orientations, updates in place without a new layout, exports that parse.
#include "resultassert.h"
#include "canvas/clusterframeitem.h"
#include "canvas/edgeitem.h"
#include "canvas/groupitem.h"
#include "canvas/serveritem.h"
#include "canvas/stateglyph.h"
#include "canvas/topologyscene.h"
#include "widgets/export/snapshotexporter.h"
#include "core/export/topologyjson.h"
#include "model/topologystate.h"
#include "settings/appsettings.h"

#include <QFontMetricsF>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::widgets;

namespace {
Instance server(int port, int sourcePort = 0)
{
    Instance i;
    i.key = InstanceKey(u"10.0.0.1"_s, port);
    i.version = u"10.11.6-MariaDB-log"_s;
    i.lastCheckValid = true;
    i.logBin = true;
    i.binlogFormat = u"ROW"_s;
    i.readOnly = sourcePort != 0;
    if (sourcePort) {
        ReplicationState r;
        r.sourceKey = InstanceKey(u"10.0.0.1"_s, sourcePort);
        r.ioThread = ReplicationState::ThreadState::Running;
        r.sqlThread = ReplicationState::ThreadState::Running;
        r.secondsBehindSource = 0;
        r.gtidPositioning = u"Slave_pos"_s;
        i.replication = r;
    }
    return i;
}

void verifyNoOverlap(TopologyScene &scene)
{
    QList<QRectF> boxes;
    for (ServerItem *s : scene.serverItems())
        boxes << QRectF(s->pos(), ServerCard::size());
    for (GroupItem *g : scene.groupItems())
        boxes << QRectF(g->pos(), ServerCard::size());
    std::sort(boxes.begin(), boxes.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
    for (int i = 0; i < boxes.size(); ++i) {
        for (int j = i + 1; j < boxes.size() && boxes[j].left() < boxes[i].right(); ++j)
            QVERIFY2(!boxes[i].intersects(boxes[j]), "two boxes overlap");
    }
}
} // namespace

class TestTopologyScene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void deepChainAndWideStarNeverOverlap_data()
    {
        QTest::addColumn<bool>("horizontal");
        QTest::newRow("vertical") << false;
        QTest::newRow("horizontal") << true;
    }
    void deepChainAndWideStarNeverOverlap()
    {
        QFETCH(bool, horizontal);
        TopologyState state;
        TopologyScene scene(&state);
        if (horizontal)
            scene.setOrientation(TopologyLayout::Orientation::Horizontal);
        // A chain 40 deep, a star of 200 under one master, and a tree with mixed leaves.
        state.update(server(1000));
        for (int d = 1; d < 40; ++d)
            state.update(server(1000 + d, 1000 + d - 1));
        state.update(server(2000));
        for (int r = 1; r <= 200; ++r)
            state.update(server(2000 + r, 2000));
        state.update(server(3000));
        for (int r = 1; r <= 5; ++r) {
            state.update(server(3000 + r * 10, 3000));
            for (int c = 1; c <= r; ++c)
                state.update(server(3000 + r * 10 + c, 3000 + r * 10));
        }
        scene.layoutNow();
        QCOMPARE(scene.clusterNames().size(), 3);
        // The 200 leaf replicas are one group box until expanded.
        GroupItem *group = scene.groupItem(InstanceKey(u"10.0.0.1"_s, 2000));
        QVERIFY(group);
        QCOMPARE(group->members().size(), 200);
        QCOMPARE(group->summary().total, 200);
        QCOMPARE(group->summary().counts[int(InstanceHealth::Ok)], 200);
        QVERIFY(!scene.serverItem(InstanceKey(u"10.0.0.1"_s, 2001)));
        verifyNoOverlap(scene);
        // Cluster frames never overlap either.
        const QStringList names = scene.clusterNames();
        for (int i = 0; i < names.size(); ++i)
            for (int j = i + 1; j < names.size(); ++j)
                QVERIFY(!scene.clusterRect(names[i]).intersects(scene.clusterRect(names[j])));

        scene.setExpanded(InstanceKey(u"10.0.0.1"_s, 2000), true);
        QVERIFY(!scene.groupItem(InstanceKey(u"10.0.0.1"_s, 2000)));
        QVERIFY(scene.serverItem(InstanceKey(u"10.0.0.1"_s, 2001)));
        QCOMPARE(scene.serverItems().size(), 40 + 201 + 1 + 5 + 15);
        verifyNoOverlap(scene);
        // Depth follows the orientation.
        const QPointF root = scene.serverItem(InstanceKey(u"10.0.0.1"_s, 1000))->pos();
        const QPointF child = scene.serverItem(InstanceKey(u"10.0.0.1"_s, 1001))->pos();
        QVERIFY(horizontal ? child.x() > root.x() : child.y() > root.y());
    }

    void updatesInPlaceWithoutLayout()
    {
        TopologyState state;
        TopologyScene scene(&state);
        state.update(server(1000));
        for (int r = 1; r <= 3; ++r)
            state.update(server(1000 + r, 1000));
        scene.layoutNow();
        const int layouts = scene.layoutCount();
        ServerItem *item = scene.serverItem(InstanceKey(u"10.0.0.1"_s, 1002));
        const QPointF pos = item->pos();
        Instance lagging = server(1002, 1000);
        lagging.replication->secondsBehindSource = 120;
        state.update(lagging);
        QCOMPARE(item->card().health, InstanceHealth::Lagging);
        QVERIFY(item->card().stateText.contains(u"120 s"_s));
        Instance broken = server(1003, 1000);
        broken.replication->sqlThread = ReplicationState::ThreadState::Stopped;
        broken.replication->lastSqlErrno = 1062;
        broken.replication->lastSqlError = u"Duplicate entry '1' for key 'PRIMARY'"_s;
        state.update(broken);
        QCOMPARE(scene.serverItem(InstanceKey(u"10.0.0.1"_s, 1003))->card().health, InstanceHealth::ReplicationBroken);
        QVERIFY(scene.serverItem(InstanceKey(u"10.0.0.1"_s, 1003))->card().toolTip.contains(u"Duplicate entry"_s));
        QCOMPARE(scene.edgeTo(InstanceKey(u"10.0.0.1"_s, 1003))->state(), EdgeItem::State::Broken);
        QCoreApplication::processEvents();
        QCOMPARE(scene.layoutCount(), layouts);
        QCOMPARE(item->pos(), pos);
        // Downtime shows as a word on the card.
        scene.setDowntimed({InstanceKey(u"10.0.0.1"_s, 1001)});
        QVERIFY(scene.serverItem(InstanceKey(u"10.0.0.1"_s, 1001))->card().stateText.contains(u"DOWNTIMED"_s));
    }

    void connectingIsItsOwnState()
    {
        // A replica whose IO thread is connecting without an error (the first moments after START
        // SLAVE or a relocation) is neither broken nor lagging: its own word, glyph and amber colour,
        // on the card, on the arrow, in the group and cluster summaries and in the SVG export.
        TopologyState state;
        TopologyScene scene(&state);
        scene.setFoldThreshold(3);
        state.update(server(1000));
        state.update(server(1001, 1000));
        for (int r = 1; r <= 4; ++r) // 4 leaves under 1001: folded into one group
            state.update(server(1010 + r, 1001));
        scene.layoutNow();
        const InstanceKey moved(u"10.0.0.1"_s, 1001);
        Instance connecting = server(1001, 1000);
        connecting.replication->ioThread = ReplicationState::ThreadState::Connecting;
        connecting.replication->secondsBehindSource.reset();
        state.update(connecting);
        const ServerItem *item = scene.serverItem(moved);
        QCOMPARE(item->card().health, InstanceHealth::Connecting);
        QCOMPARE(item->card().stateText, u"CONNECTING · no error yet"_s);
        QCOMPARE(ServerCard::stateWord(InstanceHealth::Connecting), u"CONNECTING"_s);
        QCOMPARE(scene.edgeTo(moved)->state(), EdgeItem::State::Connecting);
        QCOMPARE(EdgeItem::stateWord(EdgeItem::State::Connecting), u"connecting"_s);

        Instance leaf = server(1012, 1001);
        leaf.replication->ioThread = ReplicationState::ThreadState::Connecting;
        state.update(leaf);
        GroupItem *group = scene.groupItem(moved);
        QVERIFY(group);
        QTRY_COMPARE(group->summary().counts[int(InstanceHealth::Connecting)], 1);
        QCOMPARE(group->summary().counts[int(InstanceHealth::Ok)], 3);
        QCOMPARE(group->summary().worst, InstanceHealth::Connecting);
        QCOMPARE(group->summaryText(), u"3 ok, 1 connecting"_s);

        // Amber in both themes, apart from lagging (orange) and broken (red); the glyph's disc too.
        for (const CanvasTheme &theme : {CanvasTheme::light(), CanvasTheme::darkTheme()}) {
            const QColor amber = theme.stateColour(InstanceHealth::Connecting);
            QCOMPARE(amber, theme.connecting);
            for (InstanceHealth other : {InstanceHealth::Ok, InstanceHealth::Lagging, InstanceHealth::ReplicationStopped,
                                         InstanceHealth::ReplicationBroken, InstanceHealth::Unreachable})
                QVERIFY2(amber != theme.stateColour(other), qPrintable(healthName(other)));
            QVERIFY2(amber.hsvHue() >= 40 && amber.hsvHue() <= 55, qPrintable(amber.name()));
            QVERIFY(amber.hsvHue() - theme.lagging.hsvHue() >= 10);
            QImage glyph = StateGlyph::icon(InstanceHealth::Connecting, amber).pixmap(32, 32).toImage();
            QCOMPARE(glyph.pixelColor(4, 16).rgb(), amber.rgb()); // the disc left of the first dot
            QCOMPARE(glyph.pixelColor(16, 16).rgb(), QColor(Qt::white).rgb()); // the middle dot

            scene.setTheme(theme);
            auto svg = SnapshotExporter::render(&scene, SnapshotExporter::Format::Svg, {});
            QVERIFY(svg.ok());
            const QString text = QString::fromUtf8(svg.value());
            QVERIFY(text.contains(u"data-key=\"10.0.0.1:1001\" data-state=\"connecting\""_s));
            QVERIFY(text.contains(u"fill=\"%1\">CONNECTING · no error yet<"_s.arg(amber.name())));
            QVERIFY(text.contains(u" · connecting</text></g>"_s)); // the cluster frame's worst state
        }

        // The same replica once its attempt failed (the source is down) is broken, with the error.
        connecting.replication->lastIoErrno = 2003;
        connecting.replication->lastIoError = u"Can't connect to server on '10.0.0.1' (111)"_s;
        state.update(connecting);
        QCOMPARE(item->card().health, InstanceHealth::ReplicationBroken);
        QCOMPARE(item->card().stateText, u"BROKEN · error 2003"_s);
        QCOMPARE(scene.edgeTo(moved)->state(), EdgeItem::State::Broken);
    }

    void narrowClusterTitleKeepsTheState()
    {
        // A one-card cluster with a long name: the title keeps the state and elides the name.
        TopologyState state;
        TopologyScene scene(&state);
        Instance only = server(1000);
        only.key = InstanceKey(u"db-primary-with-a-rather-long-name.eu-west-1.example.com"_s, 3306);
        state.update(only);
        scene.layoutNow();
        ClusterFrameItem *frame = nullptr;
        for (QGraphicsItem *i : scene.items()) {
            if (auto *f = qgraphicsitem_cast<ClusterFrameItem *>(i))
                frame = f;
        }
        QVERIFY(frame);
        QFont font;
        font.setPointSizeF(10);
        font.setBold(true);
        const qreal width = frame->boundingRect().width() - 48;
        QVERIFY(QFontMetricsF(font).horizontalAdvance(frame->title()) > width);
        const QString fitted = frame->fittedTitle(font, width);
        QVERIFY2(QFontMetricsF(font).horizontalAdvance(fitted) <= width, qPrintable(fitted));
        QVERIFY2(fitted.endsWith(u" · ok"_s) && fitted.contains(u'…'), qPrintable(fitted));
    }

    void exportsParse()
    {
        TopologyState state;
        TopologyScene scene(&state);
        state.update(server(1000));
        for (int r = 1; r <= 20; ++r)
            state.update(server(1000 + r, 1000));
        state.update(server(5000));
        state.update(server(5001, 5000));
        scene.layoutNow();
        for (bool dark : {false, true}) {
            scene.setTheme(dark ? CanvasTheme::darkTheme() : CanvasTheme::light());
            auto svg = SnapshotExporter::render(&scene, SnapshotExporter::Format::Svg, {});
            QVERIFY(svg.ok());
            QXmlStreamReader xml(svg.value());
            int servers = 0, groups = 0;
            while (!xml.atEnd()) {
                if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"g"_s) {
                    servers += xml.attributes().value(u"class"_s) == u"server"_s ? 1 : 0;
                    groups += xml.attributes().value(u"class"_s) == u"group"_s ? 1 : 0;
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QCOMPARE(servers, 3); // two masters and 5001; the 20 leaves are one group
            QCOMPARE(groups, 1);
        }
        scene.setExpanded(InstanceKey(u"10.0.0.1"_s, 1000), true);
        auto one = SnapshotExporter::render(&scene, SnapshotExporter::Format::Svg, {u"10.0.0.1:1000"_s});
        QVERIFY(one.ok());
        QCOMPARE(QString::fromUtf8(one.value()).count(u"class=\"server\""_s), 21);
        auto png = SnapshotExporter::render(&scene, SnapshotExporter::Format::Png, {});
        QVERIFY(png.ok());
        QVERIFY(!QImage::fromData(png.value(), "PNG").isNull());
        auto dot = SnapshotExporter::render(&scene, SnapshotExporter::Format::Dot, {});
        QVERIFY(dot.ok());
        QCOMPARE(QString::fromUtf8(dot.value()).count(u" -> "_s), 21);
        auto text = SnapshotExporter::render(&scene, SnapshotExporter::Format::Text, {u"10.0.0.1:5000"_s});
        QVERIFY(text.ok());
        QVERIFY(text.value().startsWith("10.0.0.1:5000"));
        auto json = SnapshotExporter::render(&scene, SnapshotExporter::Format::Json, {});
        QVERIFY(json.ok());
        auto back = TopologyJson::instancesFromText(json.value());
        QVERIFY_RESULT(back);
        QCOMPARE(back->size(), 23);
        QVERIFY(!TopologyJson::instancesFromText("{\"Format\":\"other\"}").ok());
        QVERIFY(!TopologyJson::seedsFromText("not json").ok());
        QVERIFY(!SnapshotExporter::render(&scene, SnapshotExporter::Format::Svg, {u"no-such-cluster"_s}).ok());
    }

    void settingsRoundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"s.ini"_s);
        {
            AppSettings s(file);
            s.setTheme(AppSettings::Theme::Dark);
            s.setHorizontalTrees(true);
            s.setLastCluster(u"10.0.0.1:1000"_s);
            s.saveConnection({u"prod"_s, u"db1:3306"_s, u"arbor"_s, false});
            s.saveConnection({u"lab"_s, u"db9:3306"_s, u"ops"_s, false});
            s.saveConnection({u"prod"_s, u"db2:3306"_s, u"arbor"_s, false});
            s.setLastConnection(u"prod"_s);
        }
        AppSettings s(file);
        QCOMPARE(s.theme(), AppSettings::Theme::Dark);
        QVERIFY(s.horizontalTrees());
        QCOMPARE(s.lastCluster(), u"10.0.0.1:1000"_s);
        QCOMPARE(s.connections().size(), 2);
        QCOMPARE(s.connections().first().seed, u"db2:3306"_s);
        QCOMPARE(s.lastConnection(), u"prod"_s);
        s.removeConnection(u"lab"_s);
        QCOMPARE(s.connections().size(), 1);
        QCOMPARE(s.lastConnection(), u"prod"_s);
        // No password anywhere in the settings file.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().toLower().contains("password"));
    }
};

QTEST_MAIN(TestTopologyScene)
#include "tst_topologyscene.moc"
