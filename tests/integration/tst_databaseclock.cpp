// Issue 12: the lease and lock clock of a MySQL/MariaDB backend must not jump when the backend's time
// zone has daylight saving. On real mariadbd with a DST zone loaded (a two-transition copy of
// Europe/Berlin's 2026 rules, so no tz tables are needed): in the hour that repeats when clocks go
// back, UNIX_TIMESTAMP(NOW(3)) reads the local time back through the zone and lands an hour early;
// DatabaseClock's expression stays on the epoch in every zone.
#include "resultassert.h"
#include "sandbox.h"

#include "store/databaseclock.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {
constexpr qint64 kDstStart2026 = 1774746000; // 2026-03-29 01:00 UTC: CET -> CEST
constexpr qint64 kDstEnd2026 = 1792890000;   // 2026-10-25 01:00 UTC: CEST -> CET, 02:00-03:00 local twice
} // namespace

class TestDatabaseClock : public QObject
{
    Q_OBJECT

    Sandbox m_sandbox{{SandboxShape::Single, 1, true}};

    // The clock as the backend answers it at @p epochSeconds (SET timestamp fixes NOW() and
    // UTC_TIMESTAMP() for the session), in @p zone.
    qint64 clockAt(const QString &expression, const QString &zone, qint64 epochSeconds)
    {
        const QString name = u"clock-%1"_s.arg(zone);
        qint64 value = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, name);
            db.setHostName(u"127.0.0.1"_s);
            db.setPort(m_sandbox.port(0));
            db.setUserName(m_sandbox.user());
            db.setPassword(m_sandbox.password());
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(u"SET time_zone = '%1'"_s.arg(zone)) && q.exec(u"SET timestamp = %1"_s.arg(epochSeconds))
                    && q.exec(u"SELECT %1"_s.arg(expression)) && q.next())
                    value = q.value(0).toLongLong();
                else
                    qWarning("%s", qPrintable(q.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return value;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sandbox::available())
            QSKIP("mariadbd is not installed");
        auto started = m_sandbox.start();
        QVERIFY_RESULT(started);
        const auto loaded = m_sandbox.execute(0, u"INSERT INTO mysql.time_zone (Time_zone_id, Use_leap_seconds) VALUES (901, 'N')"_s);
        QVERIFY_RESULT(loaded);
        for (const QString &sql :
             {u"INSERT INTO mysql.time_zone_name (Name, Time_zone_id) VALUES ('Test/Berlin', 901)"_s,
              u"INSERT INTO mysql.time_zone_transition_type (Time_zone_id, Transition_type_id, `Offset`, Is_DST, Abbreviation) "
              "VALUES (901, 0, 3600, 0, 'CET'), (901, 1, 7200, 1, 'CEST')"_s,
              u"INSERT INTO mysql.time_zone_transition (Time_zone_id, Transition_time, Transition_type_id) "
              "VALUES (901, %1, 1), (901, %2, 0)"_s.arg(kDstStart2026).arg(kDstEnd2026)}) {
            const auto r = m_sandbox.execute(0, sql);
            QVERIFY_RESULT(r);
        }
    }

    void theClockIgnoresTimeZones_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<qint64>("epoch");
        const qint64 repeatedHour = kDstEnd2026 + 1800; // 02:30 local, the second time
        QTest::newRow("UTC") << u"+00:00"_s << repeatedHour;
        QTest::newRow("+01:00") << u"+01:00"_s << repeatedHour;
        QTest::newRow("+02:00") << u"+02:00"_s << repeatedHour;
        QTest::newRow("DST zone, summer") << u"Test/Berlin"_s << kDstEnd2026 - 3 * 3600;
        QTest::newRow("DST zone, first 02:30") << u"Test/Berlin"_s << kDstEnd2026 - 1800;
        QTest::newRow("DST zone, second 02:30") << u"Test/Berlin"_s << repeatedHour;
        QTest::newRow("DST zone, winter") << u"Test/Berlin"_s << kDstEnd2026 + 3 * 3600;
    }

    void theClockIgnoresTimeZones()
    {
        QFETCH(QString, zone);
        QFETCH(qint64, epoch);
        QCOMPARE(clockAt(DatabaseClock::nowMsExpression(StoreOptions::Kind::MySql), zone, epoch), epoch * 1000);
    }

    // What the lease used before, shown to fail where the new one holds (so the test above can fail).
    void theOldClockJumpsInTheRepeatedHour()
    {
        const QString old = u"CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)"_s;
        const qint64 repeatedHour = kDstEnd2026 + 1800;
        QCOMPARE(clockAt(old, u"+02:00"_s, repeatedHour), repeatedHour * 1000);
        QCOMPARE(clockAt(old, u"Test/Berlin"_s, repeatedHour), (repeatedHour - 3600) * 1000);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseClock)
#include "tst_databaseclock.moc"
