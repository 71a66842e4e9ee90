// The desktop's connected mode as a user gets it (ConnectedSession, what `arbor --connect` opens):
// one real `arbor --service` watching a 4-server sandbox, and the window's charts filling with the
// lag the service polled, refreshing as new polls come; Rehearse… shows the service's rehearsal with
// its resulting tree drawn.
#include "charts/chartspanel.h"
#include "charts/timechartview.h"
#include "connection/connectedsession.h"
#include "canvas/edgeitem.h"
#include "canvas/serveritem.h"
#include "canvas/topologyscene.h"
#include "mainwindow.h"
#include "widgets/recovery/recoverydialog.h"
#include "widgets/recovery/recoverypanel.h"
#include "widgets/recovery/rehearsalpreview.h"
#include "resultassert.h"
#include "sandbox.h"
#include "servicebackend.h"
#include "serviceconfig.h"
#include "serviceprocess.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::widgets;
using namespace arbor::testsupport;

class TestConnectedMode : public QObject
{
    Q_OBJECT

    Sandbox m_backend{{SandboxShape::Single, 1, true}};
    Sandbox m_topology{{SandboxShape::Star, 4, true}}; // 0 <- {1, 2, 3}
    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_service;

    ServiceSource::Options options() const
    {
        return connectedOptions(m_service->port(), u"ro"_s, servicePassword(u"ro"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY(m_dir.isValid());
        const auto backend = startServiceBackend(m_backend, u"arbor_conn"_s, m_dir.path());
        QVERIFY_RESULT(backend);
        QVERIFY_RESULT(m_topology.start());
        m_service = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), u"node"_s);
        const QJsonObject json = readOnlyServiceConfig(backend.value(), m_topology, m_service->listenAddress());
        QVERIFY_RESULT(m_service->writeConfig(json));
        m_service->start();
        QVERIFY(m_service->waitForStarted());
    }

    void cleanupTestCase()
    {
        if (m_service)
            m_service->stop();
    }

    void chartsDrawTheServicesLagHistory()
    {
        ConnectedSession session(options(), nullptr);
        session.start();
        MainWindow *window = session.window();
        window->resize(1200, 800);
        window->show();
        ChartsPanel *charts = window->charts();
        QVERIFY(charts); // connected mode has a charts dock
        const QString replica = m_topology.key(2).toString();
        QTRY_VERIFY2_WITH_TIMEOUT(session.state()->instances().size() == 4, qPrintable(session.source()->lastError()), 30000);
        // Every server gets a line; a replica's points are its lag as the service polled it.
        charts->tabs()->setCurrentWidget(charts->lagChart());
        QTRY_VERIFY_WITH_TIMEOUT((charts->refresh(), charts->lagChart()->points(replica).size() >= 2), 30000);
        for (int i = 1; i < 4; ++i)
            QVERIFY2(charts->lagChart()->lineNames().contains(m_topology.key(i).toString()), qPrintable(charts->lagChart()->lineNames().join(u' ')));
        for (const QPointF &p : charts->lagChart()->points(replica))
            QCOMPARE(p.y(), 0.0); // the sandbox replicates without lag
        // Live: new polls arrive with the next refresh rounds.
        const int before = int(charts->lagChart()->points(replica).size());
        QTRY_VERIFY_WITH_TIMEOUT((charts->refresh(), charts->lagChart()->points(replica).size() > before), 15000);
        // The poll latency the service measured, on its own tab.
        charts->tabs()->setCurrentWidget(charts->pollChart());
        QTRY_VERIFY_WITH_TIMEOUT((charts->refresh(), !charts->pollChart()->points(replica).isEmpty()), 5000);
    }

    void rehearseAsksTheService()
    {
        ConnectedSession session(options(), nullptr);
        session.start();
        MainWindow *window = session.window();
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(session.state()->instances().size() == 4, 30000);
        std::optional<RecoveryPlan> shown;
        window->recoveryPanel()->setRehearsalViewer([&](const RecoveryPlan &plan, const QStringList &) { shown = plan; });
        window->scene()->selectServer(m_topology.key(0));
        QAction *rehearse = window->findChild<QAction *>(u"rehearse"_s);
        QVERIFY(rehearse);
        QVERIFY2(rehearse->isEnabled(), qPrintable(rehearse->toolTip())); // read-only: allowed in connected mode
        rehearse->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(shown.has_value(), 15000);
        QCOMPARE(shown->failed, m_topology.key(0));
        const InstanceKey chosen = shown->choice.chosen;
        QVERIFY2(chosen.isValid() && chosen != m_topology.key(0), qPrintable(shown->explanation));
        QCOMPARE(shown->choice.ranking.size(), 3);
        // The dialog draws the service's outcome: the successor at the root, the two others under it.
        RecoveryDialog dialog(*shown, {}, {}, window);
        dialog.setRehearsal(true);
        TopologyScene *scene = dialog.preview()->scene();
        scene->layoutNow();
        QCOMPARE(scene->serverItems().size(), 3);
        QVERIFY(!scene->serverItem(m_topology.key(0)));
        QVERIFY(!scene->edgeTo(chosen));
        for (int i = 1; i < 4; ++i) {
            if (m_topology.key(i) != chosen) {
                QVERIFY(scene->edgeTo(m_topology.key(i)));
                QCOMPARE(scene->edgeTo(m_topology.key(i))->source(), chosen);
            }
        }
    }
};

QTEST_MAIN(TestConnectedMode)
#include "tst_connectedmode.moc"
