// The connection dialog's "Test connection" against a real sandbox, offscreen: each failure is named
// (wrong password = access denied, a refused port, a host that does not resolve, a port that is not
// MySQL, each missing privilege by name), success says every privilege is there, and the password
// never appears in a message.
#include "resultassert.h"
#include "sandbox.h"

#include "connection/connectiondialog.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::testsupport;
using namespace arbor::widgets;

class TestConnectionDialog : public QObject
{
    Q_OBJECT

    Sandbox m_sandbox{{SandboxShape::Single, 1, true}};

    // Fills the dialog as a user would and clicks Test; returns the message it shows.
    static QString testThroughTheDialog(const QString &seed, const QString &user, const QString &password, bool *ok)
    {
        ConnectionDialog dialog;
        dialog.show();
        // Children in creation order: name, seed, user, password (checked by placeholder and echo mode).
        const auto edits = dialog.findChildren<QLineEdit *>(Qt::FindDirectChildrenOnly);
        if (edits.size() < 4 || !edits.at(1)->placeholderText().contains(u"host:port"_s)
            || edits.at(3)->echoMode() != QLineEdit::Password)
            return u"(dialog fields not found)"_s;
        QLineEdit *seedEdit = edits.at(1), *userEdit = edits.at(2), *passwordEdit = edits.at(3);
        QTest::keyClicks(seedEdit, seed);
        QTest::keyClicks(userEdit, user);
        QTest::keyClicks(passwordEdit, password);
        if (!dialog.testButton()->isEnabled())
            return u"(test button disabled)"_s;
        QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        if (!finished.wait(30000))
            return u"(no result)"_s;
        *ok = finished.first().at(0).toBool();
        const QString message = finished.first().at(1).toString();
        if (dialog.testResult() != message)
            return u"(the dialog shows '%1' but reported '%2')"_s.arg(dialog.testResult(), message);
        return message;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        auto started = m_sandbox.start();
        QVERIFY_RESULT(started);
        QVERIFY(m_sandbox.execute(0, u"CREATE USER 'weak'@'%' IDENTIFIED BY 'weak-secret-9'"_s).ok());
        QVERIFY(m_sandbox.execute(0, u"GRANT PROCESS, REPLICATION SLAVE ON *.* TO 'weak'@'%'"_s).ok());
    }

    void everythingGranted()
    {
        bool ok = false;
        const QString m = testThroughTheDialog(m_sandbox.key(0).toString(), m_sandbox.user(), m_sandbox.password(), &ok);
        QVERIFY2(ok, qPrintable(m));
        QVERIFY2(m.contains(u"every privilege Arbor needs is granted"_s) && m.contains(u"MariaDB"_s), qPrintable(m));
        QVERIFY(!m.contains(m_sandbox.password()));
    }

    void wrongPasswordIsAccessDenied()
    {
        bool ok = true;
        const QString m = testThroughTheDialog(m_sandbox.key(0).toString(), m_sandbox.user(), u"not-the-password-42"_s, &ok);
        QVERIFY(!ok);
        QVERIFY2(m.contains(u"access denied"_s) && m.contains(m_sandbox.key(0).toString()), qPrintable(m));
        QVERIFY2(!m.contains(u"not-the-password-42"_s), "the password must not be echoed");
    }

    void refusedPort()
    {
        QTcpServer reserve; // a port nobody listens on: bind, note it, close
        QVERIFY(reserve.listen(QHostAddress::LocalHost));
        const int port = reserve.serverPort();
        reserve.close();
        bool ok = true;
        const QString m = ConnectionDialog::testConnection(u"127.0.0.1:%1"_s.arg(port), u"arbor"_s, u"x"_s, &ok);
        QVERIFY(!ok);
        QVERIFY2(m.contains(u"connection refused"_s) && m.contains(QString::number(port)), qPrintable(m));
    }

    void unknownHost()
    {
        bool ok = true;
        const QString m = ConnectionDialog::testConnection(u"no-such-host.invalid:3306"_s, u"arbor"_s, u"x"_s, &ok);
        QVERIFY(!ok);
        QVERIFY2(m.contains(u"cannot resolve host 'no-such-host.invalid'"_s), qPrintable(m));
    }

    void notAMySqlServer()
    {
        // Something else on the port: it talks, but not the MySQL handshake.
        QTcpServer http;
        QVERIFY(http.listen(QHostAddress::LocalHost));
        connect(&http, &QTcpServer::newConnection, &http, [&http] {
            while (QTcpSocket *s = http.nextPendingConnection()) {
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                s->disconnectFromHost();
            }
        });
        bool ok = true;
        const QString m = testThroughTheDialog(u"127.0.0.1:%1"_s.arg(http.serverPort()), u"arbor"_s, u"x"_s, &ok);
        QVERIFY(!ok);
        QVERIFY2(m.contains(u"did not answer as a MySQL/MariaDB server"_s) || m.contains(u"lost the connection"_s),
                 qPrintable(m));
    }

    void missingPrivilegesAreNamed()
    {
        bool ok = true;
        const QString m = testThroughTheDialog(m_sandbox.key(0).toString(), u"weak"_s, u"weak-secret-9"_s, &ok);
        QVERIFY(!ok);
        QVERIFY2(m.contains(u"privileges are missing"_s), qPrintable(m));
        for (const QString &p : {u"READ_ONLY ADMIN"_s, u"REPLICATION MASTER ADMIN"_s, u"BINLOG MONITOR"_s})
            QVERIFY2(m.contains(p), qPrintable(p + u": "_s + m));
        QVERIFY2(!m.contains(u"weak-secret-9"_s), "the password must not be echoed");
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
