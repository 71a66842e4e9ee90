#include "api/apiinput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Result<InstanceKey> ApiInput::key(const QString &host, const QString &port)
{
    bool ok = false;
    const int n = port.toInt(&ok);
    if (!ok || n < 1 || n > 65535)
        return Result<InstanceKey>::failure(u"the port \"%1\" is not a number from 1 to 65535"_s.arg(port.left(40)));
    // Concatenated, not .arg(host).arg(n): a host holding "%1" would take the port.
    return InstanceKey::parse(host.contains(u':') ? u'[' + host + u"]:"_s + QString::number(n) : host + u':' + QString::number(n));
}

Result<int> ApiInput::page(const QString &text)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < 0 || n > kMaxPage || text.startsWith(u'+'))
        return Result<int>::failure(u"the page \"%1\" must be a whole number from 0 to %2"_s.arg(text.left(40)).arg(kMaxPage));
    return int(n);
}

Result<int> ApiInput::seconds(const QString &text, int max, const QString &name)
{
    bool ok = false;
    const qint64 n = text.toLongLong(&ok);
    if (!ok || n < 1 || n > max || text.startsWith(u'+'))
        return Result<int>::failure(u"%1=\"%2\" must be whole seconds from 1 to %3"_s.arg(name, text.left(40)).arg(max));
    return int(n);
}

Result<QList<InstanceKey>> ApiInput::instanceList(const QByteArray &json, int max)
{
    using R = Result<QList<InstanceKey>>;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return R::failure(u"the body must be a JSON list of {\"Hostname\": ..., \"Port\": ...} as GET /api/bulk-instances "
                          "returns%1"_s.arg(error.error != QJsonParseError::NoError ? u" (%1)"_s.arg(error.errorString()) : QString()));
    const QJsonArray array = doc.array();
    if (array.size() > max)
        return R::failure(u"the list holds %1 servers, more than api.maxBulkInstances (%2) per call: send it in parts"_s
                              .arg(array.size())
                              .arg(max));
    QList<InstanceKey> keys;
    for (qsizetype n = 0; n < array.size(); ++n) {
        const QJsonObject o = array.at(n).toObject();
        if (!o.value(u"Hostname"_s).isString() || !o.value(u"Port"_s).isDouble())
            return R::failure(u"item %1 needs a string Hostname and a number Port"_s.arg(n));
        const double port = o.value(u"Port"_s).toDouble();
        if (!(port >= 1 && port <= 65535) || port != double(int(port)))
            return R::failure(u"item %1: the Port must be a whole number from 1 to 65535"_s.arg(n));
        const QString host = o.value(u"Hostname"_s).toString();
        auto key = InstanceKey::parse((host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(int(port)));
        if (!key)
            return R::failure(u"item %1: %2"_s.arg(n).arg(key.error()));
        keys.append(key.value());
    }
    return keys;
}

} // namespace arbor::core
