// The cluster list's search box finds servers by tag (orchestrator's tag/untag, kept in the backend):
// a tag name keeps every cluster with a server tagged so, name=value only those with that value.
// The tags are written to a real SQLite backend the window reads, as `arbor tag` or the service do.
// Set ARBOR_SCREENSHOT_DIR (and run under xvfb-run) to save cluster-filter-tags.png there.
#include "mainwindow.h"
#include "model/topologystate.h"
#include "panels/clusterlistwidget.h"
#include "probe/poller.h"
#include "store/store.h"
#include "resultassert.h"

#include <QDir>
#include <QLineEdit>
#include <QScreen>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::widgets;

class TestClusterFilter : public QObject
{
    Q_OBJECT

    static Instance server(const QString &host, const InstanceKey &source)
    {
        Instance i;
        i.key = InstanceKey(host, 3306);
        i.version = u"10.11.6-MariaDB"_s;
        i.lastCheckValid = true;
        i.lastChecked = QDateTime::currentDateTimeUtc();
        if (source.isValid()) {
            ReplicationState r;
            r.sourceKey = source;
            r.ioThread = ReplicationState::ThreadState::Running;
            r.sqlThread = ReplicationState::ThreadState::Running;
            i.replication = r;
        }
        return i;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void searchFindsTags_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("visible");
        const QString billing = u"db-billing-primary:3306"_s, search = u"db-search-primary:3306"_s;
        QTest::newRow("name") << u"role"_s << QStringList{billing, search};
        QTest::newRow("name=value") << u"role=backup"_s << QStringList{billing};
        QTest::newRow("name=value, other case") << u"ROLE=Archive"_s << QStringList{search};
        QTest::newRow("name alone, one cluster") << u"pci"_s << QStringList{billing};
        QTest::newRow("wrong value") << u"role=primary"_s << QStringList{};
        QTest::newRow("empty") << QString() << QStringList{billing, search};
    }

    void searchFindsTags()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, visible);
        QTemporaryDir dir;
        const StoreOptions options = StoreOptions::sqlite(dir.filePath(u"arbor.sqlite3"_s));
        Store store(options);
        QVERIFY(store.open().ok());
        const InstanceKey billingMaster(u"db-billing-primary"_s, 3306), searchMaster(u"db-search-primary"_s, 3306);
        QVERIFY_RESULT(store.putTag(InstanceKey(u"db-billing-replica"_s, 3306), {u"role"_s, u"backup"_s}));
        QVERIFY_RESULT(store.putTag(billingMaster, {u"pci"_s, QString()}));
        QVERIFY_RESULT(store.putTag(InstanceKey(u"db-search-replica"_s, 3306), {u"role"_s, u"archive"_s}));
        Poller poller(PollerOptions{});
        TopologyState state;
        state.update(server(billingMaster.host(), {}));
        state.update(server(u"db-billing-replica"_s, billingMaster));
        state.update(server(searchMaster.host(), {}));
        state.update(server(u"db-search-replica"_s, searchMaster));
        MainWindow window(&poller, &state, &store);
        window.resize(1100, 650);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ClusterListWidget *clusters = window.clusterList();
        clusters->refreshNow();
        QTRY_COMPARE(clusters->visibleClusters().size(), 2);

        clusters->searchBox()->setText(search);
        QStringList shown = clusters->visibleClusters();
        shown.sort();
        QCOMPARE(shown, visible);

        const QString shots = qEnvironmentVariable("ARBOR_SCREENSHOT_DIR");
        if (!shots.isEmpty() && qstrcmp(QTest::currentDataTag(), "name=value") == 0) {
            QTest::qWait(200); // ok: screenshot mode only, lets the window paint; no assertion depends on it
            const QPixmap shot = QGuiApplication::platformName() == u"offscreen"_s ? window.grab() : window.screen()->grabWindow(0);
            QVERIFY(shot.save(QDir(shots).filePath(u"cluster-filter-tags.png"_s)));
        }
    }
};

QTEST_MAIN(TestClusterFilter)
#include "tst_clusterfilter.moc"
