#include "resultassert.h"
#include "model/mariadbgtidlist.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using arbor::core::MariadbGtidList;

namespace {
MariadbGtidList list(const QString &text)
{
    const auto parsed = MariadbGtidList::parse(text);
    if (!parsed.ok())
        qFatal("test data does not parse: %s", qPrintable(parsed.error()));
    return parsed.value();
}
} // namespace

class TestMariadbGtidList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void entries();
    void equality();
    void contains_data();
    void contains();
    void subtract_data();
    void subtract();
    void compare_data();
    void compare();
};

void TestMariadbGtidList::parseValid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blank") << u" \n\t"_s << QString();
    QTest::newRow("one") << u"0-1-100"_s << u"0-1-100"_s;
    QTest::newRow("zeros") << u"0-0-0"_s << u"0-0-0"_s;
    QTest::newRow("two sorted") << u"0-1-100,1-2-50"_s << u"0-1-100,1-2-50"_s;
    QTest::newRow("sorted by domain") << u"10-3-7,1-2-50,0-1-100"_s << u"0-1-100,1-2-50,10-3-7"_s;
    QTest::newRow("numeric domain order") << u"10-1-1,9-1-1"_s << u"9-1-1,10-1-1"_s;
    QTest::newRow("whitespace and newlines") << u"  0-1-100 ,\n 1-2-50\r\n"_s << u"0-1-100,1-2-50"_s;
    QTest::newRow("leading zeros") << u"00-01-0100"_s << u"0-1-100"_s;
    QTest::newRow("largest numbers") << u"4294967295-4294967295-18446744073709551615"_s
                                     << u"4294967295-4294967295-18446744073709551615"_s;
}

void TestMariadbGtidList::parseValid()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);

    const auto parsed = MariadbGtidList::parse(input);
    QVERIFY_RESULT(parsed);
    QCOMPARE(parsed->toString(), canonical);
    QCOMPARE(parsed->isEmpty(), canonical.isEmpty());

    const auto again = MariadbGtidList::parse(parsed->toString());
    QVERIFY_RESULT(again);
    QCOMPARE(again.value(), parsed.value());
}

void TestMariadbGtidList::parseInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("named"); // the offending token the message must name

    QTest::newRow("garbage") << u"garbage"_s << u"\"garbage\""_s;
    QTest::newRow("two parts") << u"0-1"_s << u"\"0-1\""_s;
    QTest::newRow("four parts") << u"0-1-2-3"_s << u"\"0-1-2-3\""_s;
    QTest::newRow("mysql set") << u"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"_s << u"\"3e11fa47"_s;
    QTest::newRow("negative domain") << u"-1-2-3"_s << u"\"-1-2-3\""_s;
    QTest::newRow("empty part") << u"0--5"_s << u"server id \"\""_s;
    QTest::newRow("letters in seq") << u"0-1-x"_s << u"sequence number \"x\""_s;
    QTest::newRow("plus sign") << u"+0-1-5"_s << u"domain \"+0\""_s;
    QTest::newRow("inner space") << u"0 -1-5"_s << u"domain \"0 \""_s;
    QTest::newRow("bad second token") << u"0-1-5,zz"_s << u"\"zz\""_s;
    QTest::newRow("domain overflow") << u"4294967296-1-1"_s << u"domain \"4294967296\""_s;
    QTest::newRow("server id overflow") << u"0-4294967296-1"_s << u"server id \"4294967296\""_s;
    QTest::newRow("seq overflow") << u"0-1-18446744073709551616"_s << u"sequence number \"18446744073709551616\""_s;
    QTest::newRow("huge overflow") << u"0-1-99999999999999999999999"_s << u"\"99999999999999999999999\""_s;
    QTest::newRow("duplicate domain") << u"0-1-5,1-1-1,0-2-6"_s << u"domain 0 appears twice"_s;
    QTest::newRow("duplicate names both") << u"0-1-5,0-2-6"_s << u"\"0-1-5\" and \"0-2-6\""_s;
    QTest::newRow("empty between commas") << u"0-1-5,,1-1-1"_s << u"empty"_s;
    QTest::newRow("trailing comma") << u"0-1-5,"_s << u"empty"_s;
    QTest::newRow("semicolon") << u"0-1-5;1-1-1"_s << u"\"0-1-5;1-1-1\""_s;
}

void TestMariadbGtidList::parseInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, named);

    const auto parsed = MariadbGtidList::parse(input);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().contains(named), qPrintable(parsed.error()));
    QVERIFY2(parsed.error().startsWith(u"Could not read the MariaDB GTID position"_s), qPrintable(parsed.error()));
    QVERIFY(parsed.error().endsWith(u'.'));
}

void TestMariadbGtidList::entries()
{
    using Entry = MariadbGtidList::Entry;
    const MariadbGtidList l = list(u"5-3-7,0-1-100"_s);
    QCOMPARE(l.entries(), (QList<Entry>{{0, 1, 100}, {5, 3, 7}}));
    QVERIFY(l.entry(0).has_value());
    QCOMPARE(*l.entry(0), (Entry{0, 1, 100}));
    QCOMPARE(l.entry(5)->serverId, 3u);
    QCOMPARE(l.entry(5)->seqNo, 7ull);
    QVERIFY(!l.entry(1).has_value());
    QVERIFY(MariadbGtidList().entries().isEmpty());
    QVERIFY(!MariadbGtidList().entry(0));

    MariadbGtidList built;
    built.setEntry({5, 3, 7});
    built.setEntry({0, 9, 1});
    built.setEntry({0, 1, 100}); // replaces the domain's entry
    QCOMPARE(built, l);
    QCOMPARE(Entry({1, 2, 3}).toString(), u"1-2-3"_s);
}

void TestMariadbGtidList::equality()
{
    QCOMPARE(list(u"1-2-50,0-1-100"_s), list(u"0-1-100, 1-2-50"_s));
    QVERIFY(list(u"0-1-100"_s) != list(u"0-1-101"_s));
    // Equality is exact; compare() orders by seq_no only.
    QVERIFY(list(u"0-1-100"_s) != list(u"0-2-100"_s));
    QCOMPARE(list(u"0-1-100"_s).compare(list(u"0-2-100"_s)), MariadbGtidList::Order::Equal);
    QCOMPARE(list(QString()), MariadbGtidList());
}

void TestMariadbGtidList::contains_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("aContainsB");
    QTest::addColumn<bool>("bContainsA");

    QTest::newRow("both empty") << QString() << QString() << true << true;
    QTest::newRow("empty") << u"0-1-5"_s << QString() << true << false;
    QTest::newRow("equal") << u"0-1-5"_s << u"0-1-5"_s << true << true;
    QTest::newRow("ahead") << u"0-1-10"_s << u"0-1-5"_s << true << false;
    QTest::newRow("server id ignored") << u"0-1-10"_s << u"0-2-10"_s << true << true;
    QTest::newRow("extra domain") << u"0-1-5,1-1-1"_s << u"0-1-5"_s << true << false;
    QTest::newRow("disjoint domains") << u"0-1-5"_s << u"1-1-5"_s << false << false;
    QTest::newRow("diverged") << u"0-1-10,1-1-1"_s << u"0-1-5,1-1-2"_s << false << false;
    QTest::newRow("several ahead") << u"0-1-10,1-1-9,2-2-2"_s << u"0-1-10,1-1-8"_s << true << false;
    QTest::newRow("largest seq") << u"0-1-18446744073709551615"_s << u"0-1-18446744073709551614"_s << true << false;
}

void TestMariadbGtidList::contains()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, aContainsB);
    QFETCH(bool, bContainsA);

    QCOMPARE(list(a).contains(list(b)), aContainsB);
    QCOMPARE(list(b).contains(list(a)), bContainsA);
    QCOMPARE(list(b).subtract(list(a)).isEmpty(), aContainsB);
    QCOMPARE(list(a).subtract(list(b)).isEmpty(), bContainsA);
}

void TestMariadbGtidList::subtract_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("difference");

    QTest::newRow("empty") << QString() << QString() << QString();
    QTest::newRow("minus empty") << u"0-1-5,1-1-3"_s << QString() << u"0-1-5,1-1-3"_s;
    QTest::newRow("empty minus") << QString() << u"0-1-5"_s << QString();
    QTest::newRow("to empty") << u"0-1-5,1-1-3"_s << u"0-1-5,1-2-4,2-1-1"_s << QString();
    QTest::newRow("ahead domain kept") << u"0-1-10,1-1-3"_s << u"0-1-5,1-1-3"_s << u"0-1-10"_s;
    QTest::newRow("missing domain kept") << u"0-1-5,7-2-1"_s << u"0-1-5"_s << u"7-2-1"_s;
    QTest::newRow("behind domain dropped") << u"0-1-5,1-1-9"_s << u"0-1-6,1-1-3"_s << u"1-1-9"_s;
}

void TestMariadbGtidList::subtract()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, difference);

    const MariadbGtidList result = list(a).subtract(list(b));
    QCOMPARE(result.toString(), difference);
    // The entries kept are this position's own, unchanged.
    QVERIFY(list(a).contains(result));
}

void TestMariadbGtidList::compare_data()
{
    using Order = MariadbGtidList::Order;
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<Order>("order"); // a compared to b

    QTest::newRow("both empty") << QString() << QString() << Order::Equal;
    QTest::newRow("equal") << u"0-1-5,1-2-3"_s << u"1-2-3,0-1-5"_s << Order::Equal;
    QTest::newRow("ahead") << u"0-1-6"_s << u"0-1-5"_s << Order::Ahead;
    QTest::newRow("behind") << u"0-1-5"_s << u"0-1-6"_s << Order::Behind;
    QTest::newRow("ahead of empty") << u"0-1-1"_s << QString() << Order::Ahead;
    QTest::newRow("empty is behind") << QString() << u"0-1-1"_s << Order::Behind;
    QTest::newRow("extra domain is ahead") << u"0-1-5,1-1-1"_s << u"0-1-5"_s << Order::Ahead;
    QTest::newRow("ahead in one, equal in other") << u"0-1-5,1-1-9"_s << u"0-1-5,1-1-8"_s << Order::Ahead;
    QTest::newRow("diverged seq") << u"0-1-10,1-1-1"_s << u"0-1-5,1-1-2"_s << Order::Diverged;
    QTest::newRow("diverged domains") << u"0-1-5"_s << u"1-1-5"_s << Order::Diverged;
}

void TestMariadbGtidList::compare()
{
    using Order = MariadbGtidList::Order;
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(Order, order);

    QCOMPARE(list(a).compare(list(b)), order);
    // Swapping the sides swaps Ahead and Behind and keeps the rest.
    const Order reversed = order == Order::Ahead ? Order::Behind : order == Order::Behind ? Order::Ahead : order;
    QCOMPARE(list(b).compare(list(a)), reversed);
}

QTEST_GUILESS_MAIN(TestMariadbGtidList)
#include "tst_mariadbgtidlist.moc"
