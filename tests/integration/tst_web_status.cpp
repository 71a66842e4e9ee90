// /web/status in a real browser: a real `arbor --service` watching a real MariaDB pair, the page
// fetched over HTTP with the read role, then opened in headless Chromium (Debian's chromium), whose
// rendered DOM must show the node, its version, the active node, the backend and the cluster.
// With ARBOR_WEB_STATUS_SCREENSHOT=FILE set, Chromium also writes a screenshot there (docs/screenshots).
#include "resultassert.h"
#include "sandbox.h"
#include "serviceconfig.h"
#include "sandboxservice.h"
#include "serviceprocess.h"
#include "waitfor.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>


using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;

class TestWebStatus : public QObject
{
    Q_OBJECT

    Sandbox m_sandbox{{SandboxShape::Star, 2, true}};
    SandboxService m_fixture{QStringLiteral(ARBOR_BINARY), m_sandbox, u"status-node"_s, u"ro"_s, u"read-only"_s};
    ServiceProcess *m_service = nullptr;

    QStringList chromiumArguments(const QString &profile) const
    {
        return {u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s, u"--no-first-run"_s,
                u"--disable-background-networking"_s, u"--disable-component-update"_s, u"--disable-sync"_s,
                u"--user-data-dir="_s + profile};
    }
    QString pageUrl(const QString &user) const
    {
        return u"http://%1:%2@127.0.0.1:%3/web/status"_s.arg(user, servicePassword(user)).arg(m_service->port());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        QVERIFY_RESULT(m_fixture.start());
        m_service = &m_fixture.service();
    }

    void cleanupTestCase()
    {
        if (m_service)
            m_service->stop();
    }

    void pageNeedsTheReadRole()
    {
        QCOMPARE(m_service->get(u"/web/status"_s, {}, 5000).status, 401);
        const ServiceReply r = m_service->get(u"/web/status"_s, u"ro"_s, 5000);
        QCOMPARE(r.status, 200);
        QVERIFY(r.contentType.startsWith("text/html"));
        QVERIFY(!r.body.contains("<script"));
    }

    // In /api/status the active node carries its version and the backend (they were empty).
    void statusNamesTheActiveNodesVersionAndBackend()
    {
        const QJsonObject active =
            m_service->get(u"/api/status"_s, u"ro"_s, 5000).object().value(u"Details"_s).toObject().value(u"ActiveNode"_s).toObject();
        QCOMPARE(active.value(u"Hostname"_s).toString(), u"status-node"_s);
        QVERIFY(waitFor([&] {
            return !m_service->get(u"/api/status"_s, u"ro"_s, 5000).object().value(u"Details"_s).toObject().value(u"ActiveNode"_s)
                        .toObject().value(u"AppVersion"_s).toString().isEmpty();
        }, 10000));
        const QJsonObject again =
            m_service->get(u"/api/status"_s, u"ro"_s, 5000).object().value(u"Details"_s).toObject().value(u"ActiveNode"_s).toObject();
        QCOMPARE(again.value(u"AppVersion"_s).toString(), QStringLiteral(ARBOR_VERSION));
        QCOMPARE(again.value(u"DBBackend"_s).toString(), m_fixture.backendFile());
    }

    void chromiumRendersThePage()
    {
        const QString chromium = QStandardPaths::findExecutable(u"chromium"_s);
        if (chromium.isEmpty())
            QSKIP("chromium is not installed (scripts/setup.sh installs it)");
        // The node row shows a version once the node has written its health row.
        QVERIFY(waitFor([&] { return m_service->get(u"/web/status"_s, u"ro"_s, 5000).body.contains(ARBOR_VERSION ", "); }, 10000));
        QProcess browser;
        browser.start(chromium, chromiumArguments(m_fixture.filePath(u"profile"_s)) << u"--dump-dom"_s << pageUrl(u"ro"_s));
        QVERIFY(browser.waitForFinished(90000));
        const QString dom = QString::fromUtf8(browser.readAllStandardOutput());
        QVERIFY2(dom.contains(u"<h1>Arbor status</h1>"_s), qPrintable(dom.left(500) + QString::fromUtf8(browser.readAllStandardError())));
        for (const QString &expected : {u"status-node"_s, QStringLiteral(ARBOR_VERSION), u"active"_s, u"answers"_s,
                                        m_sandbox.key(0).toString(), u"<td>2</td>"_s})
            QVERIFY2(dom.contains(expected), qPrintable(expected));
        const QString shot = qEnvironmentVariable("ARBOR_WEB_STATUS_SCREENSHOT");
        if (!shot.isEmpty()) {
            QProcess camera;
            camera.start(chromium, chromiumArguments(m_fixture.filePath(u"profile2"_s))
                                       << u"--window-size=1100,650"_s << u"--screenshot="_s + shot << pageUrl(u"ro"_s));
            QVERIFY(camera.waitForFinished(90000));
            QFile png(shot);
            QVERIFY(png.open(QIODevice::ReadOnly));
            QVERIFY(png.read(8).startsWith("\x89PNG"));
        }
    }
};

QTEST_GUILESS_MAIN(TestWebStatus)
#include "tst_web_status.moc"
