// MysqlConnection: the one list of driver errors that mean "the connection is gone", and the one place
// that opens a QMYSQL connection to a managed server, shared by the poller and the operations.
#include "probe/mysqlconnection.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestMysqlConnection : public QObject
{
    Q_OBJECT

    static QString root() { return QStringLiteral(ARBOR_TEST_DATA_DIR "/../.."); }

private Q_SLOTS:
    void connectionLost_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("lost");
        QTest::newRow("2002 CR_CONNECTION_ERROR") << 2002 << true;
        QTest::newRow("2003 CR_CONN_HOST_ERROR") << 2003 << true;
        QTest::newRow("2006 CR_SERVER_GONE_ERROR") << 2006 << true;
        QTest::newRow("2013 CR_SERVER_LOST") << 2013 << true;
        QTest::newRow("2027 CR_MALFORMED_PACKET") << 2027 << true;
        QTest::newRow("4031 ER_CLIENT_INTERACTION_TIMEOUT") << 4031 << true;
        // Refusals on a connection that still works.
        QTest::newRow("0 no code") << 0 << false;
        QTest::newRow("1045 access denied") << 1045 << false;
        QTest::newRow("1064 syntax error") << 1064 << false;
        QTest::newRow("1227 missing privilege") << 1227 << false;
        QTest::newRow("2005 unknown host (connect only)") << 2005 << false;
    }
    void connectionLost()
    {
        QFETCH(int, code);
        QFETCH(bool, lost);
        QCOMPARE(MysqlConnection::isConnectionLost(code), lost);
    }

    void namesAreUnique()
    {
        const InstanceKey key(u"127.0.0.1"_s, 3306);
        const QString a = MysqlConnection::uniqueName(u"probe"_s, key);
        const QString b = MysqlConnection::uniqueName(u"probe"_s, key);
        QVERIFY(a.startsWith(u"arbor-probe-127.0.0.1:3306-"_s));
        QVERIFY(a != b);
    }

    void connectErrorsAreSentences()
    {
        const InstanceKey key(u"db1.example"_s, 3306);
        QVERIFY(MysqlConnection::describeConnectError(key, u"arbor"_s, 1045, u"Access denied"_s, 5)
                    .contains(u"user 'arbor'"_s));
        QVERIFY(MysqlConnection::describeConnectError(key, u"arbor"_s, 2005, u"Unknown host"_s, 5)
                    .contains(u"cannot resolve host 'db1.example'"_s));
        QVERIFY(MysqlConnection::describeConnectError(key, u"arbor"_s, 2002, u"Can't connect (111)"_s, 5)
                    .contains(u"connection refused"_s));
        QVERIFY(MysqlConnection::describeConnectError(key, u"arbor"_s, 2003, u"Can't connect (110)"_s, 7)
                    .contains(u"no answer within 7 s"_s));
    }

    // Both users share the wrapper: no other file of the poller or the operations opens a QMYSQL
    // connection or keeps its own list of connection-lost codes (they used to, and the lists differed).
    void oneHomeForOpeningAndLoss()
    {
        static const QRegularExpression ownCopy(
            u"addDatabase\\s*\\(|setConnectOptions\\s*\\(|\\b(2006|2013|2027|4031)\\b|isConnectionLoss"_s);
        QStringList copies;
        for (const QString &room : {u"core/probe"_s, u"core/ops"_s}) {
            QDirIterator it(root() + u'/' + room, {u"*.cpp"_s, u"*.h"_s}, QDir::Files);
            QVERIFY2(it.hasNext(), qPrintable(room));
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.endsWith(u"/mysqlconnection.cpp"_s))
                    continue;
                QFile file(path);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
                for (int n = 0; n < lines.size(); ++n) {
                    if (ownCopy.match(lines.at(n)).hasMatch())
                        copies << u"%1:%2: %3"_s.arg(path.mid(root().size() + 1))
                                      .arg(n + 1)
                                      .arg(lines.at(n).trimmed());
                }
            }
        }
        QVERIFY2(copies.isEmpty(), qPrintable(copies.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestMysqlConnection)
#include "tst_mysqlconnection.moc"
