// The charts dock, offscreen: lines appear per server from the poller's samples (on a real sandbox
// and from recorded history), the window switches between 5 min, 1 h and 24 h, hovering gives exact
// values, markers show events, exports write PNG and SVG, the history survives a restart, and 200
// servers redraw well within a poll interval.
#include "resultassert.h"
#include "fakeclock.h"
#include "sandbox.h"

#include "charts/chartspanel.h"
#include "charts/timechartview.h"
#include "history/historysampler.h"
#include "history/historystore.h"
#include "history/laghistory.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "settings/appsettings.h"
#include "tray/traynotifier.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Instance server(int port, int sourcePort = 0)
{
    Instance i;
    i.key = InstanceKey(u"127.0.0.1"_s, port);
    i.serverId = port;
    i.lastCheckValid = true;
    if (sourcePort) {
        ReplicationState r;
        r.sourceKey = InstanceKey(u"127.0.0.1"_s, sourcePort);
        r.ioThread = ReplicationState::ThreadState::Running;
        r.sqlThread = ReplicationState::ThreadState::Running;
        r.secondsBehindSource = 0;
        i.replication = r;
    }
    return i;
}
} // namespace

class TestChartsPanel : public QObject
{
    Q_OBJECT
    arbor::testsupport::FakeClock m_clock;
    QTemporaryDir m_dir;

    // A source on 1000 with three replicas on 1001..1003, the history of the last @p seconds: replica
    // 100x lags x seconds, except a 30 s spike on 1003 ten seconds ago.
    void fill(TopologyState &state, LagHistory &history, int seconds)
    {
        state.update(server(1000));
        for (int p = 1001; p <= 1003; ++p)
            state.update(server(p, 1000));
        for (int s = seconds; s > 0; --s) {
            const qint64 t = m_clock.now() - s * 1000;
            history.record(InstanceKey(u"127.0.0.1"_s, 1000), t, kNaN, 2);
            for (int p = 1001; p <= 1003; ++p)
                history.record(InstanceKey(u"127.0.0.1"_s, p), t, p == 1003 && s == 10 ? 30 : p - 1000, 5 + p - 1000);
        }
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_clock.set(QDateTime::currentMSecsSinceEpoch() / 1000 * 1000); }

    void seriesAppearPerServer()
    {
        TopologyState state;
        LagHistory history;
        history.setClock(m_clock.function());
        fill(state, history, 120);
        ChartsPanel panel(&history, &state);
        panel.resize(900, 400);
        panel.show();
        panel.refresh();
        // Lag: the replicas only (a source has no lag).
        QCOMPARE(panel.lagChart()->lineNames(),
                 (QStringList{u"127.0.0.1:1001"_s, u"127.0.0.1:1002"_s, u"127.0.0.1:1003"_s}));
        QCOMPARE(panel.lagChart()->points(u"127.0.0.1:1002"_s).size(), 120);
        QCOMPARE(panel.lagChart()->axisMax(), 50.0); // 30 s spike × 1.1, rounded up to 1-2-5 steps
        // Poll latency: every server.
        panel.tabs()->setCurrentWidget(panel.pollChart());
        QCOMPARE(panel.pollChart()->lineNames().size(), 4);
        // Cluster: max and p95 across replicas.
        panel.tabs()->setCurrentWidget(panel.clusterChart());
        QCOMPARE(panel.clusterChart()->lineNames(), (QStringList{u"max"_s, u"p95"_s}));
        double top = 0;
        for (const QPointF &p : panel.clusterChart()->points(u"max"_s))
            top = std::max(top, p.y());
        QCOMPARE(top, 30.0);
        // A cluster scope keeps its own servers; an unknown server elsewhere is not drawn.
        history.record(InstanceKey(u"10.0.0.9"_s, 3306), m_clock.now() - 1000, 7, 1);
        panel.tabs()->setCurrentWidget(panel.lagChart());
        panel.refresh();
        QCOMPARE(panel.lagChart()->lineNames().size(), 4);
        panel.setCluster(u"127.0.0.1:1000"_s);
        QCOMPARE(panel.lagChart()->lineNames().size(), 3);
    }

    void hoverShowsExactValuesAndEvents()
    {
        TopologyState state;
        LagHistory history;
        history.setClock(m_clock.function());
        fill(state, history, 60);
        history.addEvent({m_clock.now() - 10000, HistoryEvent::Kind::ReplicationError, InstanceKey(u"127.0.0.1"_s, 1003),
                          u"Error 'Duplicate entry'"_s});
        ChartsPanel panel(&history, &state);
        panel.resize(900, 400);
        panel.show();
        panel.refresh();
        const QString text = panel.lagChart()->describeAt(m_clock.now() - 10000, 2000);
        const QStringList lines = text.split(u'\n');
        QCOMPARE(lines.at(1), u"127.0.0.1:1003: 30.0 s"_s); // largest first, exact
        QCOMPARE(lines.at(2), u"127.0.0.1:1002: 2.0 s"_s);
        QVERIFY2(text.contains(u"replication error 127.0.0.1:1003: Error 'Duplicate entry'"_s), qPrintable(text));
        // The mouse over the plot area shows the same as a tooltip and draws a crosshair (no crash).
        TimeChartView *view = panel.lagChart();
        QTest::mouseMove(view->viewport(), view->viewport()->rect().center());
        QVERIFY(!panel.lagChart()->describeAt(m_clock.now() - 30000, 1000).isEmpty());
    }

    void windowChanges()
    {
        TopologyState state;
        LagHistory history;
        history.setClock(m_clock.function());
        fill(state, history, 30);
        ChartsPanel panel(&history, &state);
        panel.show();
        QCOMPARE(panel.lagChart()->rangeToMs() - panel.lagChart()->rangeFromMs(), 5 * 60 * 1000);
        QCOMPARE(panel.refreshIntervalMs(), 1000);
        QSignalSpy changed(&panel, &ChartsPanel::windowChanged);
        // Through the combo box, as a user would.
        panel.windowBox()->setCurrentIndex(1);
        Q_EMIT panel.windowBox()->activated(1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(panel.window(), ChartsPanel::Window::OneHour);
        QCOMPARE(panel.lagChart()->rangeToMs() - panel.lagChart()->rangeFromMs(), 3600 * 1000);
        QCOMPARE(panel.refreshIntervalMs(), 6000);
        panel.setWindow(ChartsPanel::Window::OneDay);
        QCOMPARE(panel.lagChart()->rangeToMs() - panel.lagChart()->rangeFromMs(), 24 * 3600 * 1000);
        QCOMPARE(panel.refreshIntervalMs(), 60000);
        QCOMPARE(panel.windowBox()->currentIndex(), 2);
        QCOMPARE(panel.lagChart()->lineNames().size(), 3); // the same lines, on the wider window
        // Time moves on: the chart follows without being asked.
        m_clock.advance(5000);
        panel.setWindow(ChartsPanel::Window::FiveMinutes);
        QTRY_COMPARE_WITH_TIMEOUT(panel.lagChart()->rangeToMs(), m_clock.now(), 3000);
    }

    void exportsPngAndSvg()
    {
        TopologyState state;
        LagHistory history;
        history.setClock(m_clock.function());
        fill(state, history, 60);
        ChartsPanel panel(&history, &state);
        panel.resize(800, 360);
        panel.show();
        panel.refresh();
        const QString png = m_dir.filePath(u"lag.png"_s);
        const QString svg = m_dir.filePath(u"lag.svg"_s);
        auto r = panel.exportCurrent(png);
        QVERIFY_RESULT(r);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 300);
        r = panel.exportCurrent(svg);
        QVERIFY_RESULT(r);
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QVERIFY(content.contains("<svg"));
        QVERIFY(content.contains("<path") || content.contains("<polyline"));
        r = panel.exportCurrent(m_dir.filePath(u"lag.gif"_s));
        QVERIFY(!r.ok());
        QVERIFY(r.error().contains(u".png or .svg"_s));
    }

    void historySurvivesRestart()
    {
        const QString path = m_dir.filePath(u"restart.sqlite3"_s);
        {
            HistoryStore store(StoreOptions::sqlite(path));
            QVERIFY2(store.open().ok(), "open");
            TopologyState state;
            LagHistory history;
            history.setClock(m_clock.function());
            QVERIFY(history.attachStore(&store).ok());
            fill(state, history, 90);
            QVERIFY(history.flush().ok());
            (void)history.attachStore(nullptr);
        }
        // A new session: no polls yet, only what the store kept.
        HistoryStore store(StoreOptions::sqlite(path));
        QVERIFY(store.open().ok());
        TopologyState state;
        LagHistory history;
        history.setClock(m_clock.function());
        QVERIFY(history.attachStore(&store).ok());
        ChartsPanel panel(&history, &state);
        panel.show();
        panel.refresh();
        QCOMPARE(panel.lagChart()->lineNames().size(), 3);
        QCOMPARE(panel.lagChart()->points(u"127.0.0.1:1003"_s).size(), 90);
        panel.setWindow(ChartsPanel::Window::OneDay);
        QCOMPARE(panel.lagChart()->lineNames().size(), 3);
        (void)history.attachStore(nullptr);
    }

    void liveFromThePoller()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox sandbox({SandboxShape::Chain, 3, true});
        auto started = sandbox.start();
        QVERIFY_RESULT(started);
        PollerOptions o;
        o.probe.credentials = Credentials(sandbox.user(), sandbox.password());
        o.pollIntervalMs = 1000;
        Poller poller(o);
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        LagHistory history;
        HistorySampler sampler(&poller, &history);
        ChartsPanel panel(&history, &state);
        panel.show();
        poller.addInstance(sandbox.key(0));
        poller.start();
        // Two replicas draw lag; all three draw poll latency; lines grow as polls arrive.
        QTRY_COMPARE_WITH_TIMEOUT(panel.lagChart()->lineNames().size(), 2, 10000);
        QVERIFY(!panel.lagChart()->lineNames().contains(sandbox.key(0).toString()));
        const qsizetype before = panel.lagChart()->points(sandbox.key(2).toString()).size();
        QTRY_VERIFY_WITH_TIMEOUT(panel.lagChart()->points(sandbox.key(2).toString()).size() >= before + 2, 6000);
        panel.tabs()->setCurrentWidget(panel.pollChart());
        QTRY_COMPARE_WITH_TIMEOUT(panel.pollChart()->lineNames().size(), 3, 5000);
        for (const QPointF &p : panel.pollChart()->points(sandbox.key(1).toString()))
            QVERIFY(p.y() >= 0 && p.y() < 5000);
        poller.stop();
    }

    void mainWindowDockTrayAndSettings()
    {
        AppSettings settings(m_dir.filePath(u"main.ini"_s));
        settings.setChartWindowSeconds(3600);
        PollerOptions o;
        Poller poller(o);
        TopologyState state;
        LagHistory history;
        MainWindow window(&poller, &state, nullptr, &settings);
        HistorySampler sampler(nullptr, &history);
        window.attachHistory(&history, &sampler);
        window.show();
        QVERIFY(window.charts());
        QCOMPARE(window.charts()->window(), ChartsPanel::Window::OneHour); // the saved window
        window.charts()->setWindow(ChartsPanel::Window::OneDay);
        QCOMPARE(settings.chartWindowSeconds(), 86400);
        // Notifications: one for a burst of failures, none when muted, and the mute is remembered.
        TrayNotifier *tray = window.tray();
        Instance r = server(1001, 1000);
        sampler.onInstancePolled(r);
        r.lastCheckValid = false;
        r.lastError = u"connection refused"_s;
        sampler.onInstancePolled(r);
        Instance r2 = server(1002, 1000);
        sampler.onInstancePolled(r2);
        r2.lastCheckValid = false;
        sampler.onInstancePolled(r2);
        tray->flush();
        QCOMPARE(tray->shownCount(), 1);
        QCOMPARE(tray->lastTitle(), u"Failure detected on 2 server(s)"_s); // no English catalogue loaded here
        QVERIFY(tray->lastMessage().contains(u"127.0.0.1:1001: unreachable — connection refused"_s));
        tray->muteAction()->trigger();
        QVERIFY(tray->isMuted());
        QVERIFY(settings.notificationsMuted());
        r.lastCheckValid = true;
        sampler.onInstancePolled(r);
        tray->flush();
        QCOMPARE(tray->shownCount(), 1);
        // The Settings menu holds the mute and the language choice.
        QStringList menus;
        for (QAction *a : window.menuBar()->actions())
            menus << a->text();
        QVERIFY2(menus.contains(u"Se&ttings"_s), qPrintable(menus.join(u", "_s)));
    }

    void twoHundredServersStaySmooth()
    {
        TopologyState state;
        LagHistory history;
        history.setClock(m_clock.function());
        // 200 servers polled every second for 5 minutes: 60,000 points on the chart.
        for (int p = 0; p < 200; ++p) {
            const InstanceKey k(u"10.0.%1.%2"_s.arg(p / 100).arg(p % 100), 3306);
            for (int s = 300; s > 0; --s)
                history.record(k, m_clock.now() - s * 1000, std::fmod(p * 0.37 + s * 0.05, 20.0), 3 + p % 7);
        }
        ChartsPanel panel(&history, &state);
        panel.resize(1200, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.refresh();
        QCOMPARE(panel.lagChart()->lineNames().size(), 200);
        // Each second: one new poll per server, then a redraw (refresh + paint). Every line shows the
        // new poll at once. How long a redraw takes is printed, not asserted: timings belong to the
        // benchmarks, and a loaded CI machine would make such a check fail for the wrong reason.
        QElapsedTimer timer;
        qint64 worst = 0, total = 0;
        const int rounds = 10;
        for (int round = 0; round < rounds; ++round) {
            m_clock.advance(1000);
            for (int p = 0; p < 200; ++p)
                history.record(InstanceKey(u"10.0.%1.%2"_s.arg(p / 100).arg(p % 100), 3306), m_clock.now() - 1, round % 20, 4);
            timer.start();
            panel.refresh();
            (void)panel.lagChart()->grab(); // forces the paint
            const qint64 ms = timer.elapsed();
            worst = std::max(worst, ms);
            total += ms;
            const QStringList names = panel.lagChart()->lineNames();
            QCOMPARE(names.size(), 200);
            for (const QString &name : names) {
                const QList<QPointF> points = panel.lagChart()->points(name);
                QVERIFY2(!points.isEmpty() && points.last().y() == double(round % 20),
                         qPrintable(u"%1 does not show round %2's poll"_s.arg(name).arg(round)));
            }
        }
        qInfo("200 series x 300 points: refresh + paint %lld ms average, %lld ms worst", total / rounds, worst);
    }
};

QTEST_MAIN(TestChartsPanel)
#include "tst_chartspanel.moc"
