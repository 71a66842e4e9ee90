#include "model/flavour.h"
#include "model/instance.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

Q_DECLARE_METATYPE(arbor::core::Flavour)

class TestFlavour : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detect_data();
    void detect();
    void parseVersion_data();
    void parseVersion();
    void atLeast();
    void names();
    void instanceVersion();
};

void TestFlavour::detect_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("comment");
    QTest::addColumn<Flavour>("flavour");

    QTest::newRow("mariadb debian") << u"10.11.6-MariaDB-0+deb12u1-log"_s << u"Debian 12"_s << Flavour::MariaDB;
    QTest::newRow("mariadb old client prefix") << u"5.5.5-10.3.39-MariaDB"_s << QString() << Flavour::MariaDB;
    QTest::newRow("mariadb in comment only") << u"10.6.16"_s << u"mariadb.org binary distribution"_s
                                             << Flavour::MariaDB;
    QTest::newRow("mysql 8.0") << u"8.0.36"_s << u"MySQL Community Server - GPL"_s << Flavour::MySQL;
    QTest::newRow("mysql 8.4") << u"8.4.0"_s << u"MySQL Community Server - GPL"_s << Flavour::MySQL;
    QTest::newRow("mysql 5.7 log") << u"5.7.44-log"_s << u"MySQL Community Server (GPL)"_s << Flavour::MySQL;
    QTest::newRow("mysql no comment") << u"8.0.36"_s << QString() << Flavour::MySQL;
    QTest::newRow("percona comment") << u"8.0.36-28"_s << u"Percona Server (GPL), Release 28, Revision 47601f19"_s
                                     << Flavour::Percona;
    QTest::newRow("percona 5.7") << u"5.7.44-48-log"_s << u"Percona Server (GPL), Release 48, Revision 497f936a373"_s
                                 << Flavour::Percona;
    QTest::newRow("percona xtradb cluster") << u"8.0.35-27.1"_s
                                            << u"Percona XtraDB Cluster (GPL), Release rel27, Revision 84d9464"_s
                                            << Flavour::Percona;
    QTest::newRow("empty") << QString() << QString() << Flavour::Unknown;
    QTest::newRow("garbage") << u"banana"_s << u"fruit"_s << Flavour::Unknown;
}

void TestFlavour::detect()
{
    QFETCH(QString, version);
    QFETCH(QString, comment);
    QFETCH(Flavour, flavour);
    QCOMPARE(detectFlavour(version, comment), flavour);
}

void TestFlavour::parseVersion_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<int>("major");
    QTest::addColumn<int>("minor");
    QTest::addColumn<int>("patch");

    QTest::newRow("mariadb debian") << u"10.11.6-MariaDB-0+deb12u1-log"_s << 10 << 11 << 6;
    QTest::newRow("mariadb 5.5.5 prefix") << u"5.5.5-10.3.39-MariaDB"_s << 10 << 3 << 39;
    QTest::newRow("mysql 8.0.36") << u"8.0.36"_s << 8 << 0 << 36;
    QTest::newRow("mysql 8.4.0") << u"8.4.0"_s << 8 << 4 << 0;
    QTest::newRow("mysql 5.7.44-log") << u"5.7.44-log"_s << 5 << 7 << 44;
    QTest::newRow("percona") << u"8.0.36-28"_s << 8 << 0 << 36;
    QTest::newRow("mariadb 11") << u"11.4.2-MariaDB"_s << 11 << 4 << 2;
    QTest::newRow("no patch") << u"10.6"_s << 10 << 6 << 0;
    QTest::newRow("real mysql 5.5.5") << u"5.5.5"_s << 5 << 5 << 5;
}

void TestFlavour::parseVersion()
{
    QFETCH(QString, version);
    QFETCH(int, major);
    QFETCH(int, minor);
    QFETCH(int, patch);
    const ServerVersion v = ServerVersion::parse(version);
    QVERIFY(v.isValid());
    QCOMPARE(v.major, major);
    QCOMPARE(v.minor, minor);
    QCOMPARE(v.patch, patch);
    QCOMPARE(v.toString(), u"%1.%2.%3"_s.arg(major).arg(minor).arg(patch));
}

void TestFlavour::atLeast()
{
    const ServerVersion maria = ServerVersion::parse(u"10.11.6-MariaDB-0+deb12u1-log"_s);
    QVERIFY(maria.atLeast(10));
    QVERIFY(maria.atLeast(10, 5));
    QVERIFY(maria.atLeast(10, 11));
    QVERIFY(maria.atLeast(10, 11, 6));
    QVERIFY(!maria.atLeast(10, 11, 7));
    QVERIFY(!maria.atLeast(10, 12));
    QVERIFY(!maria.atLeast(11));
    QVERIFY(maria.atLeast(5, 99, 99));

    const ServerVersion mysql = ServerVersion::parse(u"8.0.36"_s);
    QVERIFY(mysql.atLeast(8, 0, 23)); // CHANGE REPLICATION SOURCE TO
    QVERIFY(!mysql.atLeast(8, 4));
    QVERIFY(ServerVersion::parse(u"8.4.0"_s).atLeast(8, 4));
    QVERIFY(!ServerVersion::parse(u"5.7.44-log"_s).atLeast(8));

    for (const QString &bad : {QString(), u"banana"_s, u"-log"_s, u"v8.0.36"_s, u"8"_s}) {
        const ServerVersion v = ServerVersion::parse(bad);
        QVERIFY2(!v.isValid(), qPrintable(bad));
        QCOMPARE(v.major, 0);
        QVERIFY(!v.atLeast(1));
    }
}

void TestFlavour::names()
{
    QCOMPARE(flavourName(Flavour::MariaDB), u"MariaDB"_s);
    QCOMPARE(flavourName(Flavour::MySQL), u"MySQL"_s);
    QCOMPARE(flavourName(Flavour::Percona), u"Percona"_s);
    QCOMPARE(flavourName(Flavour::Unknown), u"unknown"_s);
}

void TestFlavour::instanceVersion()
{
    Instance i;
    i.version = u"5.5.5-10.3.39-MariaDB"_s;
    QCOMPARE(i.serverVersion().toString(), u"10.3.39"_s);
}

QTEST_GUILESS_MAIN(TestFlavour)
#include "tst_flavour.moc"
