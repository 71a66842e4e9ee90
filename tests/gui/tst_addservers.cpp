// File → Add servers…, Recent and Manage connections, offscreen on real sandboxes: seeds are parsed
// strictly (a bad one is named with the reason), a second cluster added to a running window is
// discovered while the window stays live, a seed that does not answer is reported with its name and
// the cause, and saved connections are edited, tested and deleted with their keychain entries.
#include "resultassert.h"
#include "sandbox.h"

#include "canvas/topologyscene.h"
#include "connection/addserversdialog.h"
#include "connection/manageconnectionsdialog.h"
#include "mainwindow.h"
#include "model/topologystate.h"
#include "panels/activitylog.h"
#include "probe/poller.h"
#include "settings/appsettings.h"

#include <QDir>
#include <QElapsedTimer>
#include <QListWidget>
#include <QScreen>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestAddServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void seedsAreParsedStrictly()
    {
        auto two = AddServersDialog::parseSeeds(u" db-1.example:3306\n10.0.0.2:3307, db-1.example:3306 ;"_s);
        QVERIFY_RESULT(two);
        QCOMPARE(two->size(), 2); // the duplicate counts once
        QCOMPARE(two->at(1), InstanceKey(u"10.0.0.2"_s, 3307));
        auto bad = AddServersDialog::parseSeeds(u"db-1.example:3306 db-2;rm:x"_s);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains(u"\"db-2\""_s), qPrintable(bad.error()));
        QVERIFY(!AddServersDialog::parseSeeds(u"  "_s).ok());

        AddServersDialog dialog;
        QVERIFY(!dialog.okButton()->isEnabled());
        dialog.setText(u"127.0.0.1:99999"_s);
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.problem().contains(u"127.0.0.1:99999"_s), qPrintable(dialog.problem()));
        dialog.setText(u"127.0.0.1:3306"_s);
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.seeds(), QList<InstanceKey>{InstanceKey(u"127.0.0.1"_s, 3306)});
        if (const QString dir = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR"); !dir.isEmpty()) {
            dialog.setText(u"db-billing-1.example:3306\ndb-search-1.example:3306, 10.0.0.12:3307\ndb-7"_s);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QTest::qWait(200); // ok: screenshot mode only, lets the dialog paint; no assertion depends on it
            const QPixmap shot = QGuiApplication::platformName() == u"offscreen"_s ? dialog.grab() : dialog.screen()->grabWindow(0);
            QVERIFY(shot.save(QDir(dir).filePath(u"add-servers-dialog.png"_s)));
        }
    }

    void addingASecondClusterToALiveWindow()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        Sandbox first({SandboxShape::Tree, 3, true});
        Sandbox second({SandboxShape::Single, 1, true});
        auto a = first.start();
        QVERIFY_RESULT(a);
        auto b = second.start();
        QVERIFY_RESULT(b);
        PollerOptions o;
        o.probe.credentials = Credentials(first.user(), first.password());
        o.probe.connectTimeoutSeconds = 1;
        o.pollIntervalMs = 1000;
        Poller poller(o);
        TopologyState state;
        connect(&poller, &Poller::instancePolled, &state, &TopologyState::update);
        MainWindow window(&poller, &state);
        window.show();
        poller.addInstance(first.key(0));
        poller.start();
        QTRY_COMPARE_WITH_TIMEOUT(window.scene()->serverItems().size(), 3, 10000);
        if (second.user() != first.user() || second.password() != first.password())
            QSKIP("the two sandboxes do not share an account");

        // A refused port beside a real server: the real one becomes a second cluster, the other is
        // reported by name with the cause; the window answers meanwhile.
        const InstanceKey dead(u"127.0.0.1"_s, 1);
        QCOMPARE(window.addServers({second.key(0), dead, first.key(1)}), 2); // first.key(1) is polled already
        QElapsedTimer live;
        live.start();
        QCoreApplication::processEvents();
        QVERIFY2(live.elapsed() < 500, "adding servers blocked the window");
        // (The dead seed is drawn too, as an unreachable server of its own.)
        QTRY_VERIFY_WITH_TIMEOUT(window.scene()->clusterNames().contains(second.key(0).toString()), 10000);
        QVERIFY(window.scene()->clusterNames().contains(first.key(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(window.activityLog()->messages().join(u'\n').contains(u"could not add 127.0.0.1:1: "_s), 10000);
        const QString all = window.activityLog()->messages().join(u'\n');
        QVERIFY2(all.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(all));
        QVERIFY2(all.contains(u"already polled"_s), qPrintable(all));
        poller.stop();
    }

    void recentAndManageConnections()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(u"arbor.ini"_s));
        settings.saveConnection({u"billing"_s, u"127.0.0.1:3306"_s, u"arbor"_s, false});
        settings.saveConnection({u"search"_s, u"127.0.0.1:3307"_s, u"arbor"_s, false});
        settings.setLastConnection(u"search"_s);
        Poller poller(PollerOptions{});
        TopologyState state;
        MainWindow window(&poller, &state, nullptr, &settings);
        QStringList launched;
        window.setLauncher([&](const QStringList &args) { launched = args; });

        // File → Recent lists the saved connections; one opens a new window on it.
        QMenu *recent = window.menuBar()->findChild<QMenu *>(u"recentMenu"_s);
        QVERIFY(recent);
        QMetaObject::invokeMethod(recent, "aboutToShow");
        QStringList entries;
        for (QAction *a : recent->actions())
            entries << a->text();
        QCOMPARE(entries.size(), 2);
        QVERIFY2(entries.first().contains(u"billing"_s), qPrintable(entries.join(u", "_s)));
        recent->actions().first()->trigger();
        QCOMPARE(settings.lastConnection(), u"billing"_s);
        QVERIFY2(launched.contains(u"--settings"_s) && launched.contains(settings.fileName()), qPrintable(launched.join(u' ')));

        // Manage connections: test says why it cannot run without a password; delete removes the
        // connection (and says what became of its keychain entry).
        ManageConnectionsDialog manage(&settings);
        QCOMPARE(manage.list()->count(), 2);
        manage.list()->setCurrentRow(1);
        manage.testSelected();
        QTRY_VERIFY(!manage.result().isEmpty() && !manage.isTesting());
        QVERIFY2(manage.result().contains(u"search"_s), qPrintable(manage.result()));
        const QString deleted = manage.deleteConnection(u"search"_s);
        QVERIFY2(deleted.startsWith(u"Deleted search."_s), qPrintable(deleted));
        QCOMPARE(settings.connections().size(), 1);
        QCOMPARE(manage.list()->count(), 1);
        QCOMPARE(settings.connections().first().name, u"billing"_s);
    }
};

QTEST_MAIN(TestAddServers)
#include "tst_addservers.moc"
