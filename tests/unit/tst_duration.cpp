#include "resultassert.h"
#include "util/duration.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestDuration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("plain seconds") << u"45"_s << qint64(45);
        QTest::newRow("seconds") << u"90s"_s << qint64(90);
        QTest::newRow("minutes") << u"30m"_s << qint64(1800);
        QTest::newRow("hours") << u"2h"_s << qint64(7200);
        QTest::newRow("days") << u"1d"_s << qint64(86400);
        QTest::newRow("surrounding space") << u" 2h "_s << qint64(7200);
        QTest::newRow("a year exactly") << u"366d"_s << Duration::kMaxSeconds;
    }
    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        const auto parsed = Duration::parseSeconds(text);
        QVERIFY_RESULT(parsed);
        QCOMPARE(parsed.value(), seconds);
    }

    void refused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << u"is not a duration"_s;
        QTest::newRow("zero") << u"0"_s << u"more than 0"_s;
        QTest::newRow("negative") << u"-5m"_s << u"is not a duration"_s;
        QTest::newRow("unknown unit") << u"2w"_s << u"is not a duration"_s;
        QTest::newRow("fraction") << u"1.5h"_s << u"is not a duration"_s;
        QTest::newRow("over a year") << u"367d"_s << u"at most a year"_s;
        // The API accepted 7 digits of days before there was one parser: 27,000 years of downtime.
        QTest::newRow("thousands of years") << u"9999999d"_s << u"at most a year"_s;
        QTest::newRow("overflowing digits") << u"99999999999999999999"_s << u"is not a duration"_s;
    }
    void refused()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const auto parsed = Duration::parseSeconds(text);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error().contains(says), qPrintable(parsed.error()));
    }
};

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
