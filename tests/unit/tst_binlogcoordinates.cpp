#include "model/binlogcoordinates.h"

#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestBinlogCoordinates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validityAndText();
    void sameFileByPosition();
    void acrossFileNumbers_data();
    void acrossFileNumbers();
    void differentBasesDoNotCompare();
    void unnumberedFilesDoNotCompare();
    void equality();
    void sortsAsReplicationProgresses();
};

void TestBinlogCoordinates::validityAndText()
{
    const BinlogCoordinates empty;
    QVERIFY(!empty.isValid());
    QVERIFY(empty.toString().isEmpty());
    QCOMPARE(empty.position, 0);

    const BinlogCoordinates c{u"mysql-bin.000042"_s, 1234};
    QVERIFY(c.isValid());
    QCOMPARE(c.toString(), u"mysql-bin.000042:1234"_s);

    // A file at position 0 is still a position (e.g. before the first event is read).
    QCOMPARE((BinlogCoordinates{u"mysql-bin.000001"_s, 0}.toString()), u"mysql-bin.000001:0"_s);
}

void TestBinlogCoordinates::sameFileByPosition()
{
    const BinlogCoordinates a{u"mysql-bin.000009"_s, 4};
    const BinlogCoordinates b{u"mysql-bin.000009"_s, 328};
    QVERIFY(a < b);
    QVERIFY(!(b < a));
    QVERIFY(!(a < a));
}

void TestBinlogCoordinates::acrossFileNumbers_data()
{
    QTest::addColumn<QString>("earlierFile");
    QTest::addColumn<qint64>("earlierPos");
    QTest::addColumn<QString>("laterFile");
    QTest::addColumn<qint64>("laterPos");

    QTest::newRow("9 before 10") << u"mysql-bin.000009"_s << qint64(9999) << u"mysql-bin.000010"_s << qint64(4);
    QTest::newRow("99 before 100") << u"mysql-bin.000099"_s << qint64(500) << u"mysql-bin.000100"_s << qint64(4);
    QTest::newRow("six digits overflow") << u"mysql-bin.999999"_s << qint64(1) << u"mysql-bin.1000000"_s << qint64(1);
    QTest::newRow("unpadded") << u"binlog.9"_s << qint64(100) << u"binlog.10"_s << qint64(1);
    QTest::newRow("padded vs unpadded") << u"binlog.000009"_s << qint64(100) << u"binlog.10"_s << qint64(1);
    QTest::newRow("mariadb relay") << u"relay-bin.000002"_s << qint64(1 << 30) << u"relay-bin.000003"_s << qint64(4);
    QTest::newRow("dotted base") << u"db1.example-bin.000001"_s << qint64(900) << u"db1.example-bin.000002"_s
                                 << qint64(4);
    QTest::newRow("big positions") << u"mysql-bin.000001"_s << qint64(5'000'000'000) << u"mysql-bin.000002"_s
                                   << qint64(4);
}

void TestBinlogCoordinates::acrossFileNumbers()
{
    QFETCH(QString, earlierFile);
    QFETCH(qint64, earlierPos);
    QFETCH(QString, laterFile);
    QFETCH(qint64, laterPos);
    const BinlogCoordinates earlier{earlierFile, earlierPos};
    const BinlogCoordinates later{laterFile, laterPos};
    QVERIFY(earlier < later);
    QVERIFY(!(later < earlier));
}

void TestBinlogCoordinates::differentBasesDoNotCompare()
{
    const BinlogCoordinates a{u"mysql-bin.000001"_s, 4};
    const BinlogCoordinates b{u"mariadb-bin.000002"_s, 4};
    QVERIFY(!(a < b));
    QVERIFY(!(b < a));
}

void TestBinlogCoordinates::unnumberedFilesDoNotCompare()
{
    const BinlogCoordinates a{u"mysql-bin"_s, 4};
    const BinlogCoordinates b{u"mysql-bin.000002"_s, 4};
    const BinlogCoordinates c{u"mysql-bin.index"_s, 4};
    const BinlogCoordinates empty;
    QVERIFY(!(a < b));
    QVERIFY(!(b < a));
    QVERIFY(!(c < b));
    QVERIFY(!(b < c));
    QVERIFY(!(empty < b));
    QVERIFY(!(b < empty));
    // Same (unparsable) name still orders by position.
    QVERIFY((BinlogCoordinates{u"mysql-bin"_s, 4} < BinlogCoordinates{u"mysql-bin"_s, 5}));
}

void TestBinlogCoordinates::equality()
{
    QVERIFY((BinlogCoordinates{u"mysql-bin.000001"_s, 4} == BinlogCoordinates{u"mysql-bin.000001"_s, 4}));
    QVERIFY(!(BinlogCoordinates{u"mysql-bin.000001"_s, 4} == BinlogCoordinates{u"mysql-bin.000001"_s, 5}));
    QVERIFY(!(BinlogCoordinates{u"mysql-bin.000001"_s, 4} == BinlogCoordinates{u"mysql-bin.000002"_s, 4}));
    QVERIFY(BinlogCoordinates() == BinlogCoordinates());
}

void TestBinlogCoordinates::sortsAsReplicationProgresses()
{
    QList<BinlogCoordinates> list{
        {u"mysql-bin.000010"_s, 4},   {u"mysql-bin.000002"_s, 800}, {u"mysql-bin.000009"_s, 120},
        {u"mysql-bin.000002"_s, 154}, {u"mysql-bin.000100"_s, 4},   {u"mysql-bin.000009"_s, 4},
    };
    std::sort(list.begin(), list.end());
    QStringList order;
    for (const BinlogCoordinates &c : list)
        order << c.toString();
    QCOMPARE(order, (QStringList{u"mysql-bin.000002:154"_s, u"mysql-bin.000002:800"_s, u"mysql-bin.000009:4"_s,
                                 u"mysql-bin.000009:120"_s, u"mysql-bin.000010:4"_s, u"mysql-bin.000100:4"_s}));
}

QTEST_GUILESS_MAIN(TestBinlogCoordinates)
#include "tst_binlogcoordinates.moc"
