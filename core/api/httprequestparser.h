#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace arbor::core {

// The limits a request must keep before Arbor spends memory on it.
struct HttpLimits
{
    qsizetype maxHeadBytes = 16 * 1024; // request line and headers, with their line ends
    int maxHeaders = 100;
    qint64 maxBodyBytes = 1024 * 1024;
};

// One request head, as sent (names as sent; lookups ignore case).
struct HttpHead
{
    QByteArray method;  // GET, POST, ...
    QByteArray target;  // origin form: /path?query
    QByteArray version; // HTTP/1.1 or HTTP/1.0
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 contentLength = 0;
    bool keepAlive = true;      // HTTP/1.1 without "Connection: close", or 1.0 with keep-alive
    bool expectContinue = false; // "Expect: 100-continue": answer 100 before the body is sent
    qsizetype headBytes = 0;    // where the body starts in the buffer

    QByteArray header(QByteArrayView name) const; // the first one, or empty
};

// A strict HTTP/1.1 request-head parser, small enough to read in one sitting and to fuzz: CRLF line
// ends only, no folded headers, token methods and header names, origin-form targets, one
// Content-Length (digits only) and no Transfer-Encoding (chunked uploads are refused with 411, since
// the API's bodies are small JSON documents), a Host header on HTTP/1.1. Anything else is an error
// with the status to answer and a sentence saying why; the connection is then closed, because a
// server that guesses where a malformed request ends is how request smuggling starts.
class HttpRequestParser
{
public:
    enum class Status { NeedMore, Complete, Error };
    struct Result
    {
        Status status = Status::NeedMore;
        HttpHead head;      // when Complete
        int httpStatus = 0; // when Error: 400, 411, 413, 414, 417, 431, 501, 505
        QString error;
    };

    // Parses the head at the start of @p buffer; NeedMore while the head is incomplete and within the
    // limits. A Complete head's body size is already checked against limits.maxBodyBytes (413).
    static Result parseHead(QByteArrayView buffer, const HttpLimits &limits);
};

} // namespace arbor::core
