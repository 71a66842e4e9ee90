#include "dialect/dialect.h"
#include "probe/privilegecheck.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

// Only the pure parts: run() needs a live server and is covered by the integration tests.
class TestPrivilegeCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void globalPrivileges_data();
    void globalPrivileges();
    void allIsResetEachCall();
    void purposeKnown();
    void purposeFallback();
    void everyRequiredPrivilegeHasAPurpose_data();
    void everyRequiredPrivilegeHasAPurpose();
};

void TestPrivilegeCheck::globalPrivileges_data()
{
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("all");

    QTest::newRow("mariadb 10.11 monitor account")
        << QStringList{u"GRANT RELOAD, PROCESS, BINLOG MONITOR, REPLICATION MASTER ADMIN, REPLICATION SLAVE ADMIN, "
                       u"READ_ONLY ADMIN, SLAVE MONITOR, REPLICATION SLAVE ON *.* TO `arbor`@`127.0.0.1` "
                       u"IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19'"_s}
        << QStringList{u"RELOAD"_s,
                       u"PROCESS"_s,
                       u"BINLOG MONITOR"_s,
                       u"REPLICATION MASTER ADMIN"_s,
                       u"REPLICATION SLAVE ADMIN"_s,
                       u"READ_ONLY ADMIN"_s,
                       u"SLAVE MONITOR"_s,
                       u"REPLICATION SLAVE"_s}
        << false;

    QTest::newRow("mysql 8 static and dynamic lines")
        << QStringList{u"GRANT PROCESS, RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO `arbor`@`%`"_s,
                       u"GRANT REPLICATION_SLAVE_ADMIN,SYSTEM_VARIABLES_ADMIN ON *.* TO `arbor`@`%`"_s,
                       u"GRANT SELECT ON `meta`.* TO `arbor`@`%`"_s}
        << QStringList{u"PROCESS"_s,
                       u"RELOAD"_s,
                       u"REPLICATION SLAVE"_s,
                       u"REPLICATION CLIENT"_s,
                       u"REPLICATION_SLAVE_ADMIN"_s,
                       u"SYSTEM_VARIABLES_ADMIN"_s}
        << false;

    QTest::newRow("mysql 5.7 quotes")
        << QStringList{u"GRANT PROCESS, SUPER, REPLICATION CLIENT ON *.* TO 'arbor'@'%'"_s}
        << QStringList{u"PROCESS"_s, u"SUPER"_s, u"REPLICATION CLIENT"_s} << false;

    QTest::newRow("all privileges")
        << QStringList{u"GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"_s,
                       u"GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION"_s}
        << QStringList{u"ALL PRIVILEGES"_s} << true;

    QTest::newRow("all short form") << QStringList{u"GRANT ALL ON *.* TO `dba`@`%`"_s} << QStringList{u"ALL"_s}
                                    << true;

    QTest::newRow("all on one schema is not global")
        << QStringList{u"GRANT USAGE ON *.* TO `app`@`%`"_s, u"GRANT ALL PRIVILEGES ON `shop`.* TO `app`@`%`"_s}
        << QStringList{u"USAGE"_s} << false;

    QTest::newRow("schema, table and column grants ignored")
        << QStringList{u"GRANT SELECT, INSERT ON `shop`.* TO `app`@`%`"_s,
                       u"GRANT SELECT (`id`, `name`) ON `shop`.`users` TO `app`@`%`"_s,
                       u"GRANT EXECUTE ON PROCEDURE `shop`.`p` TO `app`@`%`"_s}
        << QStringList{} << false;

    QTest::newRow("role grant ignored") << QStringList{u"GRANT `monitoring` TO `arbor`@`%`"_s,
                                                       u"GRANT PROCESS ON *.* TO `monitoring`"_s}
                                        << QStringList{u"PROCESS"_s} << false;

    QTest::newRow("lower case and odd spacing") << QStringList{u"grant  reload ,process on *.* to 'x'@'y'"_s}
                                                << QStringList{u"RELOAD"_s, u"PROCESS"_s} << false;

    QTest::newRow("not a grant line") << QStringList{u"REVOKE PROCESS ON *.* FROM `x`@`%`"_s, QString(), u"x"_s}
                                      << QStringList{} << false;

    QTest::newRow("none") << QStringList{} << QStringList{} << false;
}

void TestPrivilegeCheck::globalPrivileges()
{
    QFETCH(QStringList, lines);
    QFETCH(QStringList, expected);
    QFETCH(bool, all);
    bool isAll = !all; // the function must set it either way
    QCOMPARE(PrivilegeCheck::globalPrivileges(lines, &isAll), expected);
    QCOMPARE(isAll, all);
}

void TestPrivilegeCheck::allIsResetEachCall()
{
    bool all = false;
    PrivilegeCheck::globalPrivileges({u"GRANT ALL PRIVILEGES ON *.* TO `root`@`%`"_s}, &all);
    QVERIFY(all);
    PrivilegeCheck::globalPrivileges({u"GRANT PROCESS ON *.* TO `arbor`@`%`"_s}, &all);
    QVERIFY(!all);
}

void TestPrivilegeCheck::purposeKnown()
{
    QCOMPARE(PrivilegeCheck::purpose(u"REPLICATION MASTER ADMIN"_s), u"SHOW SLAVE HOSTS (finding replicas)"_s);
    QCOMPARE(PrivilegeCheck::purpose(u"READ_ONLY ADMIN"_s), u"SET GLOBAL read_only (promotion, demotion)"_s);
    QCOMPARE(PrivilegeCheck::purpose(u"SLAVE MONITOR"_s), u"SHOW SLAVE STATUS"_s);
    QCOMPARE(PrivilegeCheck::purpose(u"PROCESS"_s), u"list replica connections in the processlist"_s);
    QCOMPARE(PrivilegeCheck::purpose(u"REPLICATION_SLAVE_ADMIN"_s),
             u"START/STOP REPLICA and CHANGE REPLICATION SOURCE TO"_s);
}

void TestPrivilegeCheck::purposeFallback()
{
    QCOMPARE(PrivilegeCheck::purpose(u"CREATE TABLESPACE"_s), u"topology management"_s);
    QCOMPARE(PrivilegeCheck::purpose(QString()), u"topology management"_s);
    // Names are matched as SHOW GRANTS prints them after globalPrivileges upper-cases them.
    QCOMPARE(PrivilegeCheck::purpose(u"process"_s), u"topology management"_s);
}

void TestPrivilegeCheck::everyRequiredPrivilegeHasAPurpose_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("comment");
    QTest::newRow("mariadb 10.3") << u"5.5.5-10.3.39-MariaDB"_s << QString();
    QTest::newRow("mariadb 10.5.4") << u"10.5.4-MariaDB"_s << QString();
    QTest::newRow("mariadb 10.11") << u"10.11.6-MariaDB-0+deb12u1-log"_s << QString();
    QTest::newRow("mysql 5.7") << u"5.7.44-log"_s << u"MySQL Community Server (GPL)"_s;
    QTest::newRow("mysql 8.0") << u"8.0.36"_s << u"MySQL Community Server - GPL"_s;
    QTest::newRow("mysql 8.4") << u"8.4.0"_s << u"MySQL Community Server - GPL"_s;
}

void TestPrivilegeCheck::everyRequiredPrivilegeHasAPurpose()
{
    // A missing privilege is reported with why Arbor needs it; the generic fallback says nothing.
    QFETCH(QString, version);
    QFETCH(QString, comment);
    const QStringList required = Dialect::forServer(version, comment).requiredPrivileges();
    QVERIFY(!required.isEmpty());
    for (const QString &p : required)
        QVERIFY2(PrivilegeCheck::purpose(p) != u"topology management"_s, qPrintable(p));
}

QTEST_GUILESS_MAIN(TestPrivilegeCheck)
#include "tst_privilegecheck.moc"
