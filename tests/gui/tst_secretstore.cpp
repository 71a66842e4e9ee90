// Passwords in the system keychain through QtKeychain. CTest runs it under tests/tools/with-keyring.sh:
// its own D-Bus session and an unlocked gnome-keyring, a real Secret Service, where a keychain that
// does not answer fails (ARBOR_REQUIRE_KEYCHAIN). Run by hand where no keychain answers, it says why it
// skipped. tst_nokeychain covers the other case.
#include "connection/secretstore.h"

#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::widgets;

class TestSecretStore : public QObject
{
    Q_OBJECT

    QString m_connection;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // A name no real connection has, so the test never touches a user's saved password.
        m_connection = u"arbor-test-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const SecretStore::Outcome probe = SecretStore::readPassword(m_connection);
        if (probe.status == SecretStore::Status::Unavailable && qEnvironmentVariableIsSet("ARBOR_REQUIRE_KEYCHAIN"))
            QFAIL(qPrintable(u"the Secret Service started for this test does not answer: "_s + probe.message));
        if (probe.status == SecretStore::Status::Unavailable)
            QSKIP(qPrintable(u"no keychain is reachable here, so there is nothing to test: "_s + probe.message));
        QVERIFY2(probe.status == SecretStore::Status::NotFound, qPrintable(probe.message));
        QVERIFY2(probe.message.contains(m_connection), qPrintable(probe.message));
    }

    void writeReadDelete()
    {
        const QString secret = u"s3cr3t ' \" ; $(rm -rf /) ü"_s;
        const auto written = SecretStore::writePassword(m_connection, secret);
        QVERIFY2(written.status == SecretStore::Status::Ok, qPrintable(written.message));
        const auto read = SecretStore::readPassword(m_connection);
        QVERIFY2(read.status == SecretStore::Status::Ok, qPrintable(read.message));
        QCOMPARE(read.password, secret);
        // Replaced, not duplicated.
        QCOMPARE(SecretStore::writePassword(m_connection, u"second"_s).status, SecretStore::Status::Ok);
        QCOMPARE(SecretStore::readPassword(m_connection).password, u"second"_s);
        const auto deleted = SecretStore::deletePassword(m_connection);
        QVERIFY2(deleted.status == SecretStore::Status::Ok, qPrintable(deleted.message));
        QCOMPARE(SecretStore::readPassword(m_connection).status, SecretStore::Status::NotFound);
    }

    void cleanupTestCase()
    {
        if (!m_connection.isEmpty())
            (void)SecretStore::deletePassword(m_connection);
    }
};

QTEST_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
