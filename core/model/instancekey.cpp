#include "model/instancekey.h"

#include <QHostAddress>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

InstanceKey::InstanceKey(QString host, int port) : m_host(std::move(host)), m_port(port) {}

bool InstanceKey::isValidHost(const QString &host)
{
    if (host.isEmpty() || host.size() > 253)
        return false;
    // Anchored with \A...\z: a plain "$" would also match before a trailing newline.
    if (host.contains(u':')) { // IPv6 literal; QHostAddress takes any text after '%' as the scope id
        static const QRegularExpression v6(QRegularExpression::anchoredPattern(u"[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?"_s));
        return v6.match(host).hasMatch() && !QHostAddress(host).isNull();
    }
    // RFC 1123 labels; underscores tolerated because real inventories contain them.
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        u"[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?"_s));
    return re.match(host).hasMatch();
}

Result<InstanceKey> InstanceKey::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Result<InstanceKey>::failure(u"empty server address: expected HOST:PORT, e.g. 127.0.0.1:3306"_s);

    QString host;
    QString portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || close + 1 >= text.size() || text.at(close + 1) != u':')
            return Result<InstanceKey>::failure(
                u"malformed server address '%1': an IPv6 address is written [ADDRESS]:PORT"_s.arg(text));
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return Result<InstanceKey>::failure(
                u"malformed server address '%1': the port is missing, expected HOST:PORT, e.g. %1:3306"_s.arg(text));
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.contains(u':'))
            return Result<InstanceKey>::failure(
                u"malformed server address '%1': write an IPv6 address as [ADDRESS]:PORT"_s.arg(text));
    }
    if (!isValidHost(host))
        return Result<InstanceKey>::failure(
            u"malformed server address '%1': '%2' is not a valid host name or IP address"_s.arg(text, host));
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return Result<InstanceKey>::failure(
            u"malformed server address '%1': the port must be a number from 1 to 65535"_s.arg(text));
    return InstanceKey(host, port);
}

QString InstanceKey::toString() const
{
    // Not .arg(host).arg(port): an IPv6 scope id may hold "%1", which the second arg() would fill.
    if (m_host.contains(u':'))
        return u'[' + m_host + u"]:"_s + QString::number(m_port);
    return m_host + u':' + QString::number(m_port);
}

} // namespace arbor::core
