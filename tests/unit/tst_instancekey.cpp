#include "resultassert.h"
#include "model/instancekey.h"

#include <QHash>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

class TestInstanceKey : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseRefused_data();
    void parseRefused();
    void errorSentences();
    void roundTrip_data();
    void roundTrip();
    void validity();
    void ordering();
    void hashing();
    void isValidHost();
};

void TestInstanceKey::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("ipv4") << u"127.0.0.1:3306"_s << u"127.0.0.1"_s << 3306;
    QTest::newRow("short name") << u"db1:3307"_s << u"db1"_s << 3307;
    QTest::newRow("fqdn") << u"db-1.eu.example.com:3306"_s << u"db-1.eu.example.com"_s << 3306;
    QTest::newRow("underscore") << u"db_1.internal:3306"_s << u"db_1.internal"_s << 3306;
    QTest::newRow("trailing dot") << u"db1.example.com.:3306"_s << u"db1.example.com."_s << 3306;
    QTest::newRow("port 1") << u"db1:1"_s << u"db1"_s << 1;
    QTest::newRow("port 65535") << u"db1:65535"_s << u"db1"_s << 65535;
    QTest::newRow("surrounding space") << u"  db1:3306 \t"_s << u"db1"_s << 3306;
    QTest::newRow("ipv6 loopback") << u"[::1]:3306"_s << u"::1"_s << 3306;
    QTest::newRow("ipv6 full") << u"[2001:db8::17]:3310"_s << u"2001:db8::17"_s << 3310;
    QTest::newRow("ipv4 in brackets") << u"[10.0.0.1]:3306"_s << u"10.0.0.1"_s << 3306;
    QTest::newRow("253 chars") << (QString(61, u'a') + u'.' + QString(61, u'b') + u'.' + QString(61, u'c') + u'.'
                                   + QString(61, u'd') + u".e:3306"_s)
                               << (QString(61, u'a') + u'.' + QString(61, u'b') + u'.' + QString(61, u'c') + u'.'
                                   + QString(61, u'd') + u".e"_s)
                               << 3306;
}

void TestInstanceKey::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto key = InstanceKey::parse(text);
    QVERIFY_RESULT(key);
    QVERIFY(key.error().isEmpty());
    QCOMPARE(key->host(), host);
    QCOMPARE(key->port(), port);
    QVERIFY(key->isValid());
}

void TestInstanceKey::parseRefused_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << u"   "_s;
    QTest::newRow("missing port") << u"db1"_s;
    QTest::newRow("empty port") << u"db1:"_s;
    QTest::newRow("empty host") << u":3306"_s;
    QTest::newRow("port 0") << u"db1:0"_s;
    QTest::newRow("port 65536") << u"db1:65536"_s;
    QTest::newRow("port negative") << u"db1:-1"_s;
    QTest::newRow("port abc") << u"db1:abc"_s;
    QTest::newRow("port hex") << u"db1:0x10"_s;
    QTest::newRow("port huge") << u"db1:99999999999999999999"_s;
    QTest::newRow("shell command") << u"h;rm -rf /:3306"_s;
    QTest::newRow("single quote") << u"a'b:3306"_s;
    QTest::newRow("double quote") << u"a\"b:3306"_s;
    QTest::newRow("backtick") << u"a`id`:3306"_s;
    QTest::newRow("dollar") << u"$(id):3306"_s;
    QTest::newRow("pipe") << u"a|b:3306"_s;
    QTest::newRow("ampersand") << u"a&b:3306"_s;
    QTest::newRow("space in host") << u"host name:1"_s;
    QTest::newRow("tab in host") << u"host\tname:1"_s;
    QTest::newRow("newline in host") << u"db1\n:3306"_s;
    QTest::newRow("newline then command") << u"db1\nrm:3306"_s;
    QTest::newRow("slash") << u"db1/x:3306"_s;
    QTest::newRow("sql comment") << u"x'--:3306"_s;
    QTest::newRow("leading hyphen label") << u"-db1:3306"_s;
    QTest::newRow("leading hyphen") << u"-oProxyCommand=x:22"_s;
    QTest::newRow("double dot") << u"db..example:3306"_s;
    QTest::newRow("non ascii") << u"d\u00e9b:3306"_s;
    QTest::newRow("label too long") << (QString(64, u'a') + u":3306"_s);
    QTest::newRow("host too long") << (QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c') + u'.'
                                       + QString(63, u'd') + u":3306"_s);
    QTest::newRow("bare ipv6") << u"::1:3306"_s;
    QTest::newRow("bare ipv6 long") << u"2001:db8::17:3306"_s;
    QTest::newRow("ipv6 no port") << u"[::1]"_s;
    QTest::newRow("ipv6 no colon") << u"[::1]3306"_s;
    QTest::newRow("ipv6 empty port") << u"[::1]:"_s;
    QTest::newRow("ipv6 unclosed") << u"[::1:3306"_s;
    QTest::newRow("ipv6 empty") << u"[]:3306"_s;
    QTest::newRow("ipv6 garbage") << u"[zz::1]:3306"_s;
    QTest::newRow("ipv6 hostile") << u"[::1;id]:3306"_s;
    QTest::newRow("ipv6 hostile scope") << u"[fe80::1%eth0;id]:3306"_s;
    QTest::newRow("ipv6 quote scope") << u"[fe80::1%a'b]:3306"_s;
    QTest::newRow("ipv6 port 0") << u"[::1]:0"_s;
    QTest::newRow("two ports") << u"db1:3306:3307"_s;
}

void TestInstanceKey::parseRefused()
{
    QFETCH(QString, text);
    const auto key = InstanceKey::parse(text);
    QVERIFY2(!key.ok(), qPrintable(u"accepted as %1"_s.arg(key.ok() ? key->toString() : QString())));
    QVERIFY(!key.error().isEmpty());
    QVERIFY(!static_cast<bool>(key));
}

void TestInstanceKey::errorSentences()
{
    auto r = InstanceKey::parse(QString());
    QCOMPARE(r.error(), u"empty server address: expected HOST:PORT, e.g. 127.0.0.1:3306"_s);

    r = InstanceKey::parse(u"db1"_s);
    QCOMPARE(r.error(), u"malformed server address 'db1': the port is missing, expected HOST:PORT, e.g. db1:3306"_s);

    r = InstanceKey::parse(u"db1:0"_s);
    QCOMPARE(r.error(), u"malformed server address 'db1:0': the port must be a number from 1 to 65535"_s);
    r = InstanceKey::parse(u"db1:65536"_s);
    QCOMPARE(r.error(), u"malformed server address 'db1:65536': the port must be a number from 1 to 65535"_s);
    r = InstanceKey::parse(u"db1:abc"_s);
    QCOMPARE(r.error(), u"malformed server address 'db1:abc': the port must be a number from 1 to 65535"_s);

    r = InstanceKey::parse(u"h;rm -rf /:3306"_s);
    QCOMPARE(r.error(),
             u"malformed server address 'h;rm -rf /:3306': 'h;rm -rf /' is not a valid host name or IP address"_s);
    r = InstanceKey::parse(u"a'b:3306"_s);
    QCOMPARE(r.error(), u"malformed server address 'a'b:3306': 'a'b' is not a valid host name or IP address"_s);
    r = InstanceKey::parse(u"host name:1"_s);
    QCOMPARE(r.error(), u"malformed server address 'host name:1': 'host name' is not a valid host name or IP address"_s);

    r = InstanceKey::parse(u"::1:3306"_s);
    QCOMPARE(r.error(), u"malformed server address '::1:3306': write an IPv6 address as [ADDRESS]:PORT"_s);
    r = InstanceKey::parse(u"[::1]3306"_s);
    QCOMPARE(r.error(), u"malformed server address '[::1]3306': an IPv6 address is written [ADDRESS]:PORT"_s);
    r = InstanceKey::parse(u"[zz::1]:3306"_s);
    QCOMPARE(r.error(), u"malformed server address '[zz::1]:3306': 'zz::1' is not a valid host name or IP address"_s);

    // The sentence quotes the trimmed input, not the padding around it.
    r = InstanceKey::parse(u"  db1  "_s);
    QVERIFY2(r.error().startsWith(u"malformed server address 'db1':"_s), qPrintable(r.error()));
}

void TestInstanceKey::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("ipv4") << u"127.0.0.1:3306"_s;
    QTest::newRow("name") << u"db-1.example.com:33060"_s;
    QTest::newRow("ipv6") << u"[::1]:3306"_s;
    QTest::newRow("ipv6 long") << u"[2001:db8::17]:3310"_s;
    // Found by fuzz_instancekey: a scope id "%1" was filled with the port by a chained arg().
    QTest::newRow("ipv6 scope %1") << u"[::%1]:3306"_s;
    QTest::newRow("ipv6 scope %2") << u"[fe80::1%2]:3306"_s;
}

void TestInstanceKey::roundTrip()
{
    QFETCH(QString, text);
    const auto key = InstanceKey::parse(text);
    QVERIFY_RESULT(key);
    QCOMPARE(key->toString(), text);
    const auto again = InstanceKey::parse(key->toString());
    QVERIFY(again.ok());
    QCOMPARE(again.value(), key.value());
}

void TestInstanceKey::validity()
{
    QVERIFY(!InstanceKey().isValid());
    QCOMPARE(InstanceKey().port(), 0);
    QVERIFY(InstanceKey().host().isEmpty());
    QVERIFY(!InstanceKey(u"db1"_s, 0).isValid());
    QVERIFY(!InstanceKey(QString(), 3306).isValid());
    QVERIFY(InstanceKey(u"db1"_s, 3306).isValid());
    QCOMPARE(InstanceKey(u"db1"_s, 3306).toString(), u"db1:3306"_s);
    QCOMPARE(InstanceKey(u"fe80::1"_s, 3306).toString(), u"[fe80::1]:3306"_s);
}

void TestInstanceKey::ordering()
{
    const InstanceKey a(u"a"_s, 3307);
    const InstanceKey a2(u"a"_s, 3306);
    const InstanceKey b(u"b"_s, 1);
    QVERIFY(a2 < a);
    QVERIFY(!(a < a2));
    QVERIFY(a < b); // host first, then port
    QVERIFY(a2 < b);
    QVERIFY(!(a < a));
    QVERIFY(a == InstanceKey(u"a"_s, 3307));
    QVERIFY(a != a2);
    QVERIFY(a != InstanceKey(u"A"_s, 3307)); // keys are compared as reported
    // Numeric port order, not text order.
    QVERIFY(InstanceKey(u"h"_s, 999) < InstanceKey(u"h"_s, 1000));
}

void TestInstanceKey::hashing()
{
    QHash<InstanceKey, int> map;
    map.insert(InstanceKey(u"db1"_s, 3306), 1);
    map.insert(InstanceKey(u"db1"_s, 3307), 2);
    map.insert(InstanceKey::parse(u"db1:3306"_s).value(), 3);
    QCOMPARE(map.size(), 2);
    QCOMPARE(map.value(InstanceKey(u"db1"_s, 3306)), 3);
    QCOMPARE(qHash(InstanceKey(u"x"_s, 1)), qHash(InstanceKey(u"x"_s, 1)));

    // Usable in QVariant (signals across threads carry it).
    const QVariant v = QVariant::fromValue(InstanceKey(u"db1"_s, 3306));
    QCOMPARE(v.value<InstanceKey>(), InstanceKey(u"db1"_s, 3306));
}

void TestInstanceKey::isValidHost()
{
    QVERIFY(InstanceKey::isValidHost(u"db1"_s));
    QVERIFY(InstanceKey::isValidHost(u"10.0.0.1"_s));
    QVERIFY(InstanceKey::isValidHost(u"::1"_s));
    QVERIFY(InstanceKey::isValidHost(u"fe80::1%eth0"_s)); // link-local with a plain scope
    QVERIFY(!InstanceKey::isValidHost(QString()));
    QVERIFY(!InstanceKey::isValidHost(u"a b"_s));
    QVERIFY(!InstanceKey::isValidHost(u"a;b"_s));
    QVERIFY(!InstanceKey::isValidHost(u"db1\n"_s));
    QVERIFY(!InstanceKey::isValidHost(u"::1\n"_s));
    QVERIFY(!InstanceKey::isValidHost(u"fe80::1%eth0 x"_s));
    QVERIFY(!InstanceKey::isValidHost(u"fe80::1%`id`"_s));
    QVERIFY(!InstanceKey::isValidHost(QString(254, u'a')));
}

QTEST_GUILESS_MAIN(TestInstanceKey)
#include "tst_instancekey.moc"
