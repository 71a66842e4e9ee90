#include "resultassert.h"
#include "model/mysqlgtidset.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using arbor::core::MysqlGtidSet;

namespace {
// Short aliases keep the data tables readable; A sorts before B before C.
const QString A = u"3e11fa47-71ca-11e1-9e33-c80aa9429562"_s;
const QString B = u"8a94f357-aab4-11df-86ab-c80aa9429563"_s;
const QString C = u"c0ffee00-0000-4000-8000-000000000001"_s;

MysqlGtidSet set(const QString &text)
{
    const auto parsed = MysqlGtidSet::parse(text);
    if (!parsed.ok())
        qFatal("test data does not parse: %s", qPrintable(parsed.error()));
    return parsed.value();
}
} // namespace

class TestMysqlGtidSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void equalityIgnoresSpelling();
    void contains_data();
    void contains();
    void subtract_data();
    void subtract();
    void unite_data();
    void unite();
    void count_data();
    void count();
    void uuids();
    void intervalsAndTags();
    void addInterval();
};

void TestMysqlGtidSet::parseValid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blank") << u"  \n\t "_s << QString();
    QTest::newRow("one interval") << A + u":1-5"_s << A + u":1-5"_s;
    QTest::newRow("single transaction") << A + u":7"_s << A + u":7"_s;
    QTest::newRow("interval of one") << A + u":7-7"_s << A + u":7"_s;
    QTest::newRow("gaps") << A + u":1-5:7-9:12"_s << A + u":1-5:7-9:12"_s;
    QTest::newRow("merge adjacent") << A + u":1-3:4-5"_s << A + u":1-5"_s;
    QTest::newRow("merge adjacent singles") << A + u":1:2:3"_s << A + u":1-3"_s;
    QTest::newRow("merge overlapping unsorted") << A + u":7-9:1-5:3-8"_s << A + u":1-9"_s;
    QTest::newRow("contained interval") << A + u":1-10:3-4"_s << A + u":1-10"_s;
    QTest::newRow("several uuids sorted") << C + u":1,"_s + A + u":2,"_s + B + u":3"_s
                                          << A + u":2,"_s + B + u":3,"_s + C + u":1"_s;
    QTest::newRow("same uuid twice") << A + u":1-3,"_s + B + u":1,"_s + A + u":5"_s
                                     << A + u":1-3:5,"_s + B + u":1"_s;
    QTest::newRow("server newlines") << A + u":1-5,\n"_s + B + u":1-3"_s << A + u":1-5,"_s + B + u":1-3"_s;
    QTest::newRow("blanks everywhere") << u" \n"_s + A + u" : 1 - 5 :\t7 ,\r\n  "_s + B + u":2\n"_s
                                       << A + u":1-5:7,"_s + B + u":2"_s;
    QTest::newRow("empty entries skipped") << u","_s + A + u":1,,"_s << A + u":1"_s;
    QTest::newRow("uppercase uuid") << A.toUpper() + u":1-5"_s << A + u":1-5"_s;
    QTest::newRow("mixed case merges") << A.toUpper() + u":1-5,"_s + A + u":6"_s << A + u":1-6"_s;
    QTest::newRow("uuid without dashes") << QString(A).remove(u'-') + u":1"_s << A + u":1"_s;
    QTest::newRow("tagged") << A + u":tag:1-5"_s << A + u":tag:1-5"_s;
    // Intervals after a tag belong to that tag until the next one.
    QTest::newRow("tagged and untagged") << A + u":3:1-5:Tag_B:3:a1:2-4:tag_b:1-2"_s
                                         << A + u":1-5:a1:2-4:tag_b:1-3"_s;
    QTest::newRow("tag separate from untagged") << A + u":1-5,"_s + A + u":x:1-5"_s << A + u":1-5:x:1-5"_s;
    QTest::newRow("underscore tag") << A + u":_:1"_s << A + u":_:1"_s;
    QTest::newRow("32-char tag") << A + u":"_s + QString(32, u'z') + u":1"_s << A + u":"_s + QString(32, u'z') + u":1"_s;
    QTest::newRow("largest number") << A + u":9223372036854775806"_s << A + u":9223372036854775806"_s;
    QTest::newRow("largest interval") << A + u":1-9223372036854775806"_s << A + u":1-9223372036854775806"_s;
    QTest::newRow("leading zeros") << A + u":007-010"_s << A + u":7-10"_s;
}

void TestMysqlGtidSet::parseValid()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);

    const auto parsed = MysqlGtidSet::parse(input);
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->toString(), canonical);
    QCOMPARE(parsed->isEmpty(), canonical.isEmpty());
    QVERIFY(parsed.error().isEmpty());

    // The canonical text reads back to the same set.
    const auto again = MysqlGtidSet::parse(parsed->toString());
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), parsed.value());
    QCOMPARE(again->toString(), canonical);
}

void TestMysqlGtidSet::parseInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("named"); // the bad part the message must name

    QTest::newRow("garbage") << u"garbage"_s << u"\"garbage\""_s;
    QTest::newRow("not a uuid") << u"not-a-uuid:1-5"_s << u"\"not-a-uuid\""_s;
    QTest::newRow("bad hex digit") << u"3e11fa47-71ca-11e1-9e33-c80aa942956g:1"_s
                                   << u"\"3e11fa47-71ca-11e1-9e33-c80aa942956g\""_s;
    QTest::newRow("dash misplaced") << u"3e11fa4-771ca-11e1-9e33-c80aa9429562:1"_s << u"\"3e11fa4-771ca"_s;
    QTest::newRow("bad second entry") << A + u":1,xyz:2"_s << u"\"xyz\""_s;
    QTest::newRow("uuid alone") << A << u"no transaction numbers"_s;
    QTest::newRow("trailing colon") << A + u":"_s << u"empty"_s;
    QTest::newRow("double colon") << A + u"::1"_s << u"empty"_s;
    QTest::newRow("zero") << A + u":0"_s << u"0 is out of range"_s;
    QTest::newRow("zero start") << A + u":0-5"_s << u"0 is out of range"_s;
    QTest::newRow("reversed") << A + u":5-3"_s << u"\"5-3\""_s;
    QTest::newRow("bad end") << A + u":1-x"_s << u"\"x\""_s;
    QTest::newRow("open end") << A + u":1-"_s << u"\"\""_s;
    QTest::newRow("three parts") << A + u":1-2-3"_s << u"\"2-3\""_s;
    QTest::newRow("negative") << A + u":-5"_s << u"\"-5\""_s;
    QTest::newRow("plus sign") << A + u":+5"_s << u"\"+5\""_s;
    QTest::newRow("letters after digits") << A + u":12ab"_s << u"\"12ab\""_s;
    QTest::newRow("semicolon separator") << A + u":1-5;"_s + B + u":1"_s << u"\"5;"_s;
    QTest::newRow("int64 max") << A + u":9223372036854775807"_s << u"9223372036854775807 is out of range"_s;
    QTest::newRow("overflow") << A + u":99999999999999999999"_s << u"99999999999999999999 is out of range"_s;
    QTest::newRow("overflow end") << A + u":1-18446744073709551616"_s << u"18446744073709551616 is out of range"_s;
    QTest::newRow("tag without interval") << A + u":tag"_s << u"tag \"tag\" has no transaction numbers"_s;
    QTest::newRow("tag then tag") << A + u":a:b:1"_s << u"tag \"a\" has no transaction numbers"_s;
    QTest::newRow("tag too long") << A + u":"_s + QString(33, u'z') + u":1"_s << u"\"zzzz"_s;
    QTest::newRow("tag with dash") << A + u":my-tag:1"_s << u"\"my-tag\""_s;
}

void TestMysqlGtidSet::parseInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, named);

    const auto parsed = MysqlGtidSet::parse(input);
    QVERIFY(!parsed.ok());
    QVERIFY(!bool(parsed));
    QVERIFY2(parsed.error().contains(named), qPrintable(parsed.error()));
    QVERIFY2(parsed.error().startsWith(u"Could not read the GTID set"_s), qPrintable(parsed.error()));
    QVERIFY(parsed.error().endsWith(u'.'));
}

void TestMysqlGtidSet::equalityIgnoresSpelling()
{
    QCOMPARE(set(A.toUpper() + u":4-5:1-3,\n"_s + B + u":2"_s), set(B + u":2,"_s + A + u":1-5"_s));
    QVERIFY(set(A + u":1-5"_s) != set(A + u":1-4"_s));
    QVERIFY(set(A + u":1-5"_s) != set(B + u":1-5"_s));
    QVERIFY(set(A + u":1-5"_s) != set(A + u":t:1-5"_s));
    QCOMPARE(set(QString()), MysqlGtidSet());
}

void TestMysqlGtidSet::contains_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("aContainsB");
    QTest::addColumn<bool>("bContainsA");

    QTest::newRow("both empty") << QString() << QString() << true << true;
    QTest::newRow("empty is in anything") << A + u":1-5"_s << QString() << true << false;
    QTest::newRow("equal") << A + u":1-5"_s << A + u":1-3:4-5"_s << true << true;
    QTest::newRow("prefix") << A + u":1-10"_s << A + u":1-5"_s << true << false;
    QTest::newRow("inner interval") << A + u":1-10"_s << A + u":4-6"_s << true << false;
    QTest::newRow("gap in superset") << A + u":1-5:7-10"_s << A + u":1-6"_s << false << false;
    QTest::newRow("gap in subset") << A + u":1-10"_s << A + u":1-3:8-9"_s << true << false;
    QTest::newRow("disjoint uuids") << A + u":1-5"_s << B + u":1-5"_s << false << false;
    QTest::newRow("extra uuid") << A + u":1-5,"_s + B + u":1"_s << A + u":1-5"_s << true << false;
    QTest::newRow("multi uuid subset") << A + u":1-100,"_s + B + u":1-100"_s << A + u":50,"_s + B + u":1-99"_s << true
                                       << false;
    QTest::newRow("one uuid behind") << A + u":1-100,"_s + B + u":1-10"_s << A + u":1-50,"_s + B + u":1-20"_s << false
                                     << false;
    QTest::newRow("tag is not untagged") << A + u":1-5"_s << A + u":t:1-5"_s << false << false;
    QTest::newRow("tagged subset") << A + u":1-5:t:1-9"_s << A + u":t:2-3"_s << true << false;
    QTest::newRow("huge") << A + u":1-9223372036854775806"_s << A + u":9223372036854775806"_s << true << false;
}

void TestMysqlGtidSet::contains()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, aContainsB);
    QFETCH(bool, bContainsA);

    QCOMPARE(set(a).contains(set(b)), aContainsB);
    QCOMPARE(set(b).contains(set(a)), bContainsA);
    // contains() agrees with subtract().
    QCOMPARE(set(b).subtract(set(a)).isEmpty(), aContainsB);
    QCOMPARE(set(a).subtract(set(b)).isEmpty(), bContainsA);
}

void TestMysqlGtidSet::subtract_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("difference");

    QTest::newRow("empty minus empty") << QString() << QString() << QString();
    QTest::newRow("minus empty") << A + u":1-5"_s << QString() << A + u":1-5"_s;
    QTest::newRow("empty minus set") << QString() << A + u":1-5"_s << QString();
    QTest::newRow("to empty") << A + u":1-5,"_s + B + u":3"_s << A + u":1-10,"_s + B + u":1-3"_s << QString();
    QTest::newRow("itself") << A + u":1-5:7-9"_s << A + u":1-5:7-9"_s << QString();
    QTest::newRow("tail") << A + u":1-10"_s << A + u":1-7"_s << A + u":8-10"_s;
    QTest::newRow("head") << A + u":1-10"_s << A + u":5-12"_s << A + u":1-4"_s;
    QTest::newRow("hole") << A + u":1-10"_s << A + u":4-6"_s << A + u":1-3:7-10"_s;
    QTest::newRow("several holes") << A + u":1-20"_s << A + u":2:5-6:10-14:20"_s << A + u":1:3-4:7-9:15-19"_s;
    QTest::newRow("one b spans two a") << A + u":1-5:8-12"_s << A + u":4-9"_s << A + u":1-3:10-12"_s;
    QTest::newRow("b spans many a") << A + u":1:3:5:7"_s << A + u":2-6"_s << A + u":1:7"_s;
    QTest::newRow("disjoint") << A + u":1-5"_s << A + u":6-9"_s << A + u":1-5"_s;
    QTest::newRow("other uuid untouched") << A + u":1-5,"_s + B + u":1-5"_s << B + u":1-5"_s << A + u":1-5"_s;
    QTest::newRow("uuid dropped when empty") << A + u":1-5,"_s + B + u":1-5"_s << A + u":1-5,"_s + B + u":1-2"_s
                                             << B + u":3-5"_s;
    QTest::newRow("tagged") << A + u":1-5:t:1-5"_s << A + u":t:2-5"_s << A + u":1-5:t:1"_s;
    QTest::newRow("largest") << A + u":1-9223372036854775806"_s << A + u":2-9223372036854775805"_s
                             << A + u":1:9223372036854775806"_s;
}

void TestMysqlGtidSet::subtract()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, difference);

    const MysqlGtidSet result = set(a).subtract(set(b));
    QCOMPARE(result.toString(), difference);
    QCOMPARE(result, set(difference));
    // Nothing of b remains, and what is left plus b covers a.
    QVERIFY(result.subtract(set(b)) == result);
    QVERIFY(result.unite(set(b)).contains(set(a)));
}

void TestMysqlGtidSet::unite_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("sum");

    QTest::newRow("empty") << QString() << QString() << QString();
    QTest::newRow("with empty") << A + u":1-5"_s << QString() << A + u":1-5"_s;
    QTest::newRow("adjacent merge") << A + u":1-3"_s << A + u":4-5"_s << A + u":1-5"_s;
    QTest::newRow("fills a gap") << A + u":1-3:7-9"_s << A + u":4-6"_s << A + u":1-9"_s;
    QTest::newRow("keeps a gap") << A + u":1-3"_s << A + u":5-6"_s << A + u":1-3:5-6"_s;
    QTest::newRow("overlap") << A + u":1-6"_s << A + u":4-9"_s << A + u":1-9"_s;
    QTest::newRow("new uuid") << B + u":1"_s << A + u":1"_s << A + u":1,"_s + B + u":1"_s;
    QTest::newRow("tags") << A + u":t:1"_s << A + u":1:t:2"_s << A + u":1:t:1-2"_s;
}

void TestMysqlGtidSet::unite()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, sum);

    QCOMPARE(set(a).unite(set(b)).toString(), sum);
    QCOMPARE(set(b).unite(set(a)).toString(), sum);
    QVERIFY(set(a).unite(set(b)).contains(set(a)));
    QVERIFY(set(a).unite(set(b)).contains(set(b)));
}

void TestMysqlGtidSet::count_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("expected");

    const qint64 max = std::numeric_limits<qint64>::max();
    QTest::newRow("empty") << QString() << qint64(0);
    QTest::newRow("one") << A + u":7"_s << qint64(1);
    QTest::newRow("interval") << A + u":1-5"_s << qint64(5);
    QTest::newRow("gaps") << A + u":1-5:7-9:12"_s << qint64(9);
    QTest::newRow("overlap counted once") << A + u":1-5:3-7"_s << qint64(7);
    QTest::newRow("several uuids and tags") << A + u":1-5:t:1-2,"_s + B + u":10-19"_s << qint64(17);
    QTest::newRow("largest") << A + u":1-9223372036854775806"_s << max - 1;
    QTest::newRow("saturates") << A + u":1-9223372036854775806,"_s + B + u":1-9223372036854775806"_s << max;
}

void TestMysqlGtidSet::count()
{
    QFETCH(QString, input);
    QFETCH(qint64, expected);

    QCOMPARE(set(input).count(), expected);
}

void TestMysqlGtidSet::uuids()
{
    QCOMPARE(MysqlGtidSet().uuids(), QStringList());
    QCOMPARE(set(C + u":1,"_s + A.toUpper() + u":1-2:t:3,"_s + B + u":t:1"_s).uuids(), (QStringList{A, B, C}));
    // A UUID whose transactions were all subtracted away is no longer listed.
    QCOMPARE(set(A + u":1,"_s + B + u":1"_s).subtract(set(A + u":1"_s)).uuids(), QStringList{B});
}

void TestMysqlGtidSet::intervalsAndTags()
{
    const MysqlGtidSet s = set(A + u":1-5:7:Beta:3:alpha:1-2,"_s + B + u":9"_s);
    using Interval = MysqlGtidSet::Interval;
    QCOMPARE(s.intervals(A), (QList<Interval>{{1, 5}, {7, 7}}));
    QCOMPARE(s.intervals(A.toUpper(), u"ALPHA"_s), (QList<Interval>{{1, 2}}));
    QCOMPARE(s.intervals(A, u"beta"_s), (QList<Interval>{{3, 3}}));
    QCOMPARE(s.intervals(B), (QList<Interval>{{9, 9}}));
    QVERIFY(s.intervals(C).isEmpty());
    QCOMPARE(s.tags(A), (QStringList{u"alpha"_s, u"beta"_s}));
    QVERIFY(s.tags(B).isEmpty());
    QVERIFY(s.tags(C).isEmpty());
}

void TestMysqlGtidSet::addInterval()
{
    MysqlGtidSet s;
    s.addInterval(A.toUpper(), QString(), 4, 5);
    s.addInterval(A, QString(), 1, 3);
    s.addInterval(B, u"T"_s, 10, 10);
    QCOMPARE(s.toString(), A + u":1-5,"_s + B + u":t:10"_s);
    QCOMPARE(s, set(s.toString()));
}

QTEST_GUILESS_MAIN(TestMysqlGtidSet)
#include "tst_mysqlgtidset.moc"
