// HttpRequestParser: what a complete head gives, what waits for more, and each refusal with its status.
#include "api/httprequestparser.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;

namespace {
using Status = HttpRequestParser::Status;

HttpRequestParser::Result parse(const QByteArray &bytes, HttpLimits limits = {})
{
    return HttpRequestParser::parseHead(bytes, limits);
}
} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeHead()
    {
        const QByteArray bytes = "POST /api/bulk-instances?x=1 HTTP/1.1\r\nHost: h:3000\r\nContent-Length: 2\r\n"
                                 "X-Thing:  spaced value \r\n\r\n[]";
        const auto r = parse(bytes);
        QCOMPARE(r.status, Status::Complete);
        QCOMPARE(r.head.method, QByteArray("POST"));
        QCOMPARE(r.head.target, QByteArray("/api/bulk-instances?x=1"));
        QCOMPARE(r.head.contentLength, qint64(2));
        QCOMPARE(r.head.headBytes, bytes.size() - 2);
        QCOMPARE(r.head.header("x-thing"), QByteArray("spaced value"));
        QVERIFY(r.head.keepAlive);
        QVERIFY(!parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").head.keepAlive);
        QVERIFY(!parse("GET / HTTP/1.0\r\n\r\n").head.keepAlive);
        QVERIFY(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").head.keepAlive);
        QVERIFY(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n").head.expectContinue);
    }

    void incompleteHeadWaits()
    {
        QCOMPARE(parse("GET /api/lb-check HTTP/1.1\r\nHost: h\r\n").status, Status::NeedMore);
        QCOMPARE(parse("GET").status, Status::NeedMore);
        QCOMPARE(parse("").status, Status::NeedMore);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        const QByteArray longLine = "GET /" + QByteArray(17000, 'a');
        QTest::newRow("request line too long") << longLine << 414 << u"request line"_s;
        QTest::newRow("headers too long") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX: " + QByteArray(17000, 'a'))
                                          << 431 << u"headers"_s;
        QByteArray many = "GET / HTTP/1.1\r\nHost: h\r\n";
        for (int i = 0; i < 101; ++i)
            many += "X" + QByteArray::number(i) + ": y\r\n";
        QTest::newRow("too many headers") << many + "\r\n" << 431 << u"header lines"_s;
        QTest::newRow("body too long") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1048577\r\n\r\n") << 413
                                       << u"api.maxBodyBytes"_s;
        QTest::newRow("chunked") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n") << 411
                                 << u"Content-Length"_s;
        QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n") << 400
                                    << u"Content-Length"_s;
        QTest::newRow("huge length") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n")
                                     << 400 << u"Content-Length"_s;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                                     << 400 << u"Content-Length"_s;
        QTest::newRow("no host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400 << u"Host"_s;
        QTest::newRow("two hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400 << u"Host"_s;
        QTest::newRow("version") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 505 << u"HTTP/1.1"_s;
        QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\nHost: h\r\n\r\n") << 400 << u"path"_s;
        QTest::newRow("folded") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n  folded\r\n\r\n") << 400 << u"folded"_s;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : h\r\n\r\n") << 400 << u"colon"_s;
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: h\n\n") << 400 << u"CR LF"_s;
        QTest::newRow("control char") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX: a\x01b\r\n\r\n") << 400
                                      << u"control"_s;
        QTest::newRow("expect") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nExpect: tea\r\n\r\n") << 417 << u"100-continue"_s;
        QTest::newRow("request line") << QByteArray("GET  / HTTP/1.1\r\nHost: h\r\n\r\n") << 400 << u"METHOD"_s;
    }

    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        QFETCH(QString, says);
        const auto r = parse(bytes);
        QCOMPARE(r.status, Status::Error);
        QCOMPARE(r.httpStatus, status);
        QVERIFY2(r.error.contains(says), qPrintable(r.error));
    }

    void limitsAreConfigurable()
    {
        HttpLimits small;
        small.maxBodyBytes = 10;
        QCOMPARE(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", small).httpStatus, 413);
        QCOMPARE(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n", small).status, Status::Complete);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
