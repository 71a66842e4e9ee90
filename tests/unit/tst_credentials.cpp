#include "resultassert.h"
#include "config/credentials.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {

constexpr QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void clientSection();
    void values_data();
    void values();
    void arborSection();
    void otherSectionsIgnored();
    void missingUserNamesFile();
    void groupOrWorldReadableRefused_data();
    void groupOrWorldReadableRefused();
    void ownerReadOnlyAccepted();
    void missingFile();
    void directoryRefused();
    void toStringHidesPassword();
    void fromEnvironment();
    void cleanup();

private:
    QString write(const QByteArray &content, QFile::Permissions permissions = kOwnerOnly);

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_count = 0;
};

QString TestCredentials::write(const QByteArray &content, QFile::Permissions permissions)
{
    const QString path = m_dir->filePath(u"creds-%1.cnf"_s.arg(++m_count));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    file.close();
    if (!file.setPermissions(permissions))
        qFatal("cannot chmod %s", qPrintable(path));
    return path;
}

void TestCredentials::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCredentials::cleanup()
{
    m_dir.reset();
}

void TestCredentials::clientSection()
{
    const QString path = write("[client]\nuser=arbor\npassword=s3cret\n");
    const auto creds = Credentials::fromFile(path);
    QVERIFY_RESULT(creds);
    QCOMPARE(creds->user(), u"arbor"_s);
    QCOMPARE(creds->password(), u"s3cret"_s);
    QVERIFY(!creds->isEmpty());
}

void TestCredentials::values_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");

    QTest::newRow("double quotes") << QByteArray("[client]\nuser=\"arbor\"\npassword=\"with space\"\n") << u"arbor"_s
                                   << u"with space"_s;
    QTest::newRow("single quotes") << QByteArray("[client]\nuser='arbor'\npassword='p\"w'\n") << u"arbor"_s
                                   << u"p\"w"_s;
    QTest::newRow("spaces around =") << QByteArray("[client]\n  user  =  arbor  \n\tpassword = pw \n") << u"arbor"_s
                                     << u"pw"_s;
    QTest::newRow("quoted keeps inner spaces") << QByteArray("[client]\nuser=arbor\npassword=\" a b \"\n")
                                               << u"arbor"_s << u" a b "_s;
    QTest::newRow("mismatched quotes kept") << QByteArray("[client]\nuser=arbor\npassword=\"abc'\n") << u"arbor"_s
                                            << u"\"abc'"_s;
    QTest::newRow("equals in password") << QByteArray("[client]\nuser=arbor\npassword=a=b==\n") << u"arbor"_s
                                        << u"a=b=="_s;
    QTest::newRow("comment lines") << QByteArray("# Arbor's account\n; old style comment\n[client]\n"
                                                 "# user=nobody\nuser=arbor\n;password=old\npassword=new\n")
                                   << u"arbor"_s << u"new"_s;
    // As the mysql client reads it: '#' outside quotes starts a comment even mid-line.
    QTest::newRow("trailing comment") << QByteArray("[client] # for arbor\nuser=arbor # the monitor\n"
                                                    "password=pw   # rotated monthly\n")
                                      << u"arbor"_s << u"pw"_s;
    QTest::newRow("hash inside quotes") << QByteArray("[client]\nuser=arbor\npassword=\"p#w\" # note\n")
                                        << u"arbor"_s << u"p#w"_s;
    QTest::newRow("hash inside single quotes") << QByteArray("[client]\nuser=arbor\npassword='#start'\n")
                                               << u"arbor"_s << u"#start"_s;
    QTest::newRow("blank lines and crlf") << QByteArray("\r\n[client]\r\n\r\nuser=arbor\r\npassword=pw\r\n")
                                          << u"arbor"_s << u"pw"_s;
    QTest::newRow("upper-case names") << QByteArray("[CLIENT]\nUSER=arbor\nPassword=pw\n") << u"arbor"_s << u"pw"_s;
    QTest::newRow("spaced section") << QByteArray("[ client ]\nuser=arbor\n") << u"arbor"_s << QString();
    QTest::newRow("no password") << QByteArray("[client]\nuser=arbor\n") << u"arbor"_s << QString();
    QTest::newRow("empty password") << QByteArray("[client]\nuser=arbor\npassword=\n") << u"arbor"_s << QString();
    QTest::newRow("utf-8") << QByteArray("[client]\nuser=arbor\npassword=p\xc3\xa4ss\n") << u"arbor"_s
                           << u"p\u00e4ss"_s;
    QTest::newRow("line without =") << QByteArray("[client]\nskip-ssl\nuser=arbor\n") << u"arbor"_s << QString();
    QTest::newRow("last line without newline") << QByteArray("[client]\nuser=arbor\npassword=pw") << u"arbor"_s
                                               << u"pw"_s;
    QTest::newRow("later value wins") << QByteArray("[client]\nuser=first\nuser=second\n") << u"second"_s
                                      << QString();
}

void TestCredentials::values()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, user);
    QFETCH(QString, password);
    const auto creds = Credentials::fromFile(write(content));
    QVERIFY_RESULT(creds);
    QCOMPARE(creds->user(), user);
    QCOMPARE(creds->password(), password);
}

void TestCredentials::arborSection()
{
    auto creds = Credentials::fromFile(write("[arbor]\nuser=arbor_only\npassword=pw\n"));
    QVERIFY_RESULT(creds);
    QCOMPARE(creds->user(), u"arbor_only"_s);
    QCOMPARE(creds->password(), u"pw"_s);

    // [arbor] after [client] refines it, so one ~/.my.cnf can serve the mysql client and Arbor.
    creds = Credentials::fromFile(write("[client]\nuser=dba\npassword=dbapw\n[arbor]\nuser=monitor\npassword=mpw\n"));
    QVERIFY(creds.ok());
    QCOMPARE(creds->user(), u"monitor"_s);
    QCOMPARE(creds->password(), u"mpw"_s);

    creds = Credentials::fromFile(write("[client]\nuser=dba\n[arbor]\npassword=mpw\n"));
    QVERIFY(creds.ok());
    QCOMPARE(creds->user(), u"dba"_s);
    QCOMPARE(creds->password(), u"mpw"_s);
}

void TestCredentials::otherSectionsIgnored()
{
    auto creds = Credentials::fromFile(write("user=outside\n[mysqld]\nuser=mysql\npassword=no\n"
                                             "[client]\nuser=arbor\npassword=pw\n[mysqldump]\nuser=backup\n"));
    QVERIFY_RESULT(creds);
    QCOMPARE(creds->user(), u"arbor"_s);
    QCOMPARE(creds->password(), u"pw"_s);
}

void TestCredentials::missingUserNamesFile()
{
    for (const QByteArray &content : {QByteArray(), QByteArray("[client]\npassword=pw\n"),
                                      QByteArray("[mysqld]\nuser=mysql\n"), QByteArray("[client]\nuser=\n"),
                                      QByteArray("user=arbor\npassword=pw\n")}) {
        const QString path = write(content);
        const auto creds = Credentials::fromFile(path);
        QVERIFY2(!creds.ok(), content.constData());
        QCOMPARE(creds.error(), u"credentials file %1 has no user= line in a [client] section"_s.arg(path));
    }
}

void TestCredentials::groupOrWorldReadableRefused_data()
{
    QTest::addColumn<int>("permissions");
    QTest::newRow("0644") << int(kOwnerOnly | QFile::ReadGroup | QFile::ReadOther);
    QTest::newRow("0640") << int(kOwnerOnly | QFile::ReadGroup);
    QTest::newRow("0604") << int(kOwnerOnly | QFile::ReadOther);
    QTest::newRow("0444") << int(QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
}

void TestCredentials::groupOrWorldReadableRefused()
{
    QFETCH(int, permissions);
    const QString path = write("[client]\nuser=arbor\npassword=pw\n", QFile::Permissions(permissions));
    const auto creds = Credentials::fromFile(path);
    QVERIFY(!creds.ok());
    QCOMPARE(creds.error(),
             u"credentials file %1 is readable by other users; it holds a password: run chmod 600 %1"_s.arg(path));
    QVERIFY(creds.error().contains(u"chmod 600 "_s + path));
}

void TestCredentials::ownerReadOnlyAccepted()
{
    auto creds = Credentials::fromFile(write("[client]\nuser=arbor\n", QFile::ReadOwner));
    QVERIFY_RESULT(creds);
    // Group write alone does not expose the password.
    creds = Credentials::fromFile(write("[client]\nuser=arbor\n", kOwnerOnly | QFile::WriteGroup));
    QVERIFY_RESULT(creds);
}

void TestCredentials::missingFile()
{
    const QString path = m_dir->filePath(u"nope.cnf"_s);
    const auto creds = Credentials::fromFile(path);
    QVERIFY(!creds.ok());
    QCOMPARE(creds.error(), u"credentials file %1 does not exist"_s.arg(path));

    const auto empty = Credentials::fromFile(QString());
    QVERIFY(!empty.ok());
    QVERIFY(!empty.error().isEmpty());
}

void TestCredentials::directoryRefused()
{
    const QString path = m_dir->filePath(u"adir"_s);
    QVERIFY(QDir().mkdir(path));
    QVERIFY(QFile::setPermissions(path, kOwnerOnly | QFile::ExeOwner));
    const auto creds = Credentials::fromFile(path);
    QVERIFY(!creds.ok());
    QVERIFY2(creds.error().contains(path), qPrintable(creds.error()));
}

void TestCredentials::toStringHidesPassword()
{
    const Credentials creds(u"arbor"_s, u"topsecret"_s);
    QVERIFY(!creds.toString().contains(u"topsecret"_s));
    QCOMPARE(creds.toString(), u"arbor@(password hidden)"_s);
    QVERIFY(Credentials().isEmpty());
    QVERIFY(Credentials(QString(), u"pw"_s).isEmpty());
}

void TestCredentials::fromEnvironment()
{
    const QByteArray oldUser = qgetenv("ARBOR_TOPOLOGY_USER");
    const QByteArray oldPassword = qgetenv("ARBOR_TOPOLOGY_PASSWORD");
    const bool hadUser = qEnvironmentVariableIsSet("ARBOR_TOPOLOGY_USER");
    const bool hadPassword = qEnvironmentVariableIsSet("ARBOR_TOPOLOGY_PASSWORD");

    qputenv("ARBOR_TOPOLOGY_USER", "envuser");
    qputenv("ARBOR_TOPOLOGY_PASSWORD", "env p\xc3\xa4ss");
    Credentials creds = Credentials::fromEnvironment();
    QCOMPARE(creds.user(), u"envuser"_s);
    QCOMPARE(creds.password(), u"env p\u00e4ss"_s);
    QVERIFY(!creds.isEmpty());

    qunsetenv("ARBOR_TOPOLOGY_PASSWORD");
    creds = Credentials::fromEnvironment();
    QCOMPARE(creds.user(), u"envuser"_s);
    QVERIFY(creds.password().isEmpty());

    qunsetenv("ARBOR_TOPOLOGY_USER");
    qputenv("ARBOR_TOPOLOGY_PASSWORD", "orphan");
    creds = Credentials::fromEnvironment();
    QVERIFY(creds.isEmpty());

    qunsetenv("ARBOR_TOPOLOGY_PASSWORD");
    QVERIFY(Credentials::fromEnvironment().isEmpty());

    if (hadUser)
        qputenv("ARBOR_TOPOLOGY_USER", oldUser);
    if (hadPassword)
        qputenv("ARBOR_TOPOLOGY_PASSWORD", oldPassword);
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
