#include "api/httprequestparser.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

using Result = HttpRequestParser::Result;

Result error(int status, const QString &why)
{
    Result r;
    r.status = HttpRequestParser::Status::Error;
    r.httpStatus = status;
    r.error = why;
    return r;
}

// RFC 9110 tchar
bool isToken(QByteArrayView s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// Visible ASCII and obs-text: what a target or a header value may hold (plus HT in values).
bool isFieldChar(char c, bool allowSpace)
{
    const auto u = static_cast<unsigned char>(c);
    if (u == '\t' || u == ' ')
        return allowSpace;
    return u > 0x20 && u != 0x7f;
}

QByteArrayView trimmed(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}

// A short, printable form of what the client sent, for error sentences.
QString quoted(QByteArrayView s)
{
    QString out;
    for (const char c : s.first(std::min<qsizetype>(s.size(), 40)))
        out += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : u'?';
    return out + (s.size() > 40 ? u"…"_s : QString());
}

} // namespace

QByteArray HttpHead::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return {};
}

HttpRequestParser::Result HttpRequestParser::parseHead(QByteArrayView buffer, const HttpLimits &limits)
{
    const qsizetype end = buffer.first(std::min(buffer.size(), limits.maxHeadBytes)).indexOf("\r\n\r\n");
    if (end < 0) {
        const qsizetype lineEnd = buffer.indexOf("\r\n");
        if (lineEnd < 0 && buffer.size() > limits.maxHeadBytes)
            return error(414, u"the request line is longer than %1 bytes"_s.arg(limits.maxHeadBytes));
        if (buffer.size() >= limits.maxHeadBytes)
            return error(431, u"the request line and headers are longer than %1 bytes"_s.arg(limits.maxHeadBytes));
        // A bare LF where CRLF belongs would otherwise wait for a head end that never comes.
        if (const qsizetype lf = buffer.indexOf('\n'); lf >= 0 && (lf == 0 || buffer.at(lf - 1) != '\r'))
            return error(400, u"malformed request: lines must end with CR LF"_s);
        return {};
    }
    if (end + 4 > limits.maxHeadBytes)
        return error(431, u"the request line and headers are longer than %1 bytes"_s.arg(limits.maxHeadBytes));

    Result r;
    HttpHead &h = r.head;
    h.headBytes = end + 4;
    QByteArrayView head = buffer.first(end + 2); // each line with its CRLF
    qsizetype lineStart = 0;
    bool first = true;
    bool haveLength = false;
    int hosts = 0;
    QByteArray connection;
    while (lineStart < head.size()) {
        const qsizetype crlf = head.indexOf("\r\n", lineStart);
        const QByteArrayView line = head.sliced(lineStart, crlf - lineStart);
        lineStart = crlf + 2;
        if (line.contains('\r') || line.contains('\n'))
            return error(400, u"malformed request: a bare CR or LF inside a line"_s);
        if (first) {
            first = false;
            const qsizetype sp1 = line.indexOf(' ');
            const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
            if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
                return error(400, u"malformed request line \"%1\": expected METHOD /path HTTP/1.1"_s.arg(quoted(line)));
            const QByteArrayView method = line.first(sp1);
            const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
            const QByteArrayView version = line.sliced(sp2 + 1);
            if (!isToken(method))
                return error(400, u"malformed method \"%1\""_s.arg(quoted(method)));
            if (target.isEmpty() || target.front() != '/')
                return error(400, u"the request target \"%1\" must be a path starting with /"_s.arg(quoted(target)));
            for (const char c : target) {
                if (!isFieldChar(c, false))
                    return error(400, u"the request target holds a space or control character"_s);
            }
            if (version != "HTTP/1.1" && version != "HTTP/1.0")
                return error(505, u"HTTP version \"%1\" is not supported: send HTTP/1.1"_s.arg(quoted(version)));
            h.method = method.toByteArray();
            h.target = target.toByteArray();
            h.version = version.toByteArray();
            continue;
        }
        if (line.isEmpty())
            return error(400, u"malformed request: an empty header line"_s);
        if (line.front() == ' ' || line.front() == '\t')
            return error(400, u"folded header lines (starting with a space) are not accepted"_s);
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            return error(400, u"malformed header line \"%1\": expected Name: value"_s.arg(quoted(line)));
        const QByteArrayView name = line.first(colon);
        if (!isToken(name))
            return error(400, u"malformed header name \"%1\" (no spaces before the colon)"_s.arg(quoted(name)));
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        for (const char c : value) {
            if (!isFieldChar(c, true))
                return error(400, u"the header %1 holds a control character"_s.arg(quoted(name)));
        }
        if (h.headers.size() >= limits.maxHeaders)
            return error(431, u"more than %1 header lines"_s.arg(limits.maxHeaders));
        h.headers.append({name.toByteArray(), value.toByteArray()});

        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool digits = !value.isEmpty() && value.size() <= 18;
            for (const char c : value)
                digits = digits && c >= '0' && c <= '9';
            if (!digits)
                return error(400, u"Content-Length \"%1\" is not a number of bytes"_s.arg(quoted(value)));
            const qint64 n = value.toLongLong();
            if (haveLength && n != h.contentLength)
                return error(400, u"two different Content-Length headers"_s);
            haveLength = true;
            h.contentLength = n;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            return error(411, u"Transfer-Encoding (chunked uploads) is not supported: send the body with a Content-Length"_s);
        } else if (name.compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            connection = value.toByteArray().toLower();
        } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
                return error(417, u"Expect \"%1\" is not supported (only 100-continue)"_s.arg(quoted(value)));
            h.expectContinue = true;
        }
    }
    if (h.version == "HTTP/1.1" && hosts != 1)
        return error(400, hosts == 0 ? u"an HTTP/1.1 request needs a Host header"_s : u"more than one Host header"_s);
    if (hosts > 1)
        return error(400, u"more than one Host header"_s);
    if (h.contentLength > limits.maxBodyBytes)
        return error(413, u"the body of %1 bytes is longer than the %2 bytes allowed (api.maxBodyBytes)"_s.arg(h.contentLength)
                              .arg(limits.maxBodyBytes));
    const bool close = connection.contains("close");
    h.keepAlive = h.version == "HTTP/1.1" ? !close : connection.contains("keep-alive");
    r.status = Status::Complete;
    return r;
}

} // namespace arbor::core
