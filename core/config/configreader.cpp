#include "config/configreader.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString ConfigReader::typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"a list"_s;
    case QJsonValue::Object: return u"an object"_s;
    default: return u"undefined"_s;
    }
}

QString ConfigReader::join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

void ConfigReader::fail(const QString &path, const QString &reason)
{
    errors.append(u"%1: %2"_s.arg(path, reason));
}

bool ConfigReader::string(const QJsonObject &o, const QString &key, const QString &path, QString *out)
{
    if (!o.contains(key))
        return false;
    const QJsonValue v = o.value(key);
    if (!v.isString()) {
        fail(join(path, key), u"must be a string, not %1"_s.arg(typeName(v)));
        return false;
    }
    *out = v.toString();
    return true;
}

bool ConfigReader::integer(const QJsonObject &o, const QString &key, const QString &path, int *out, int min, int max)
{
    if (!o.contains(key))
        return false;
    const QJsonValue v = o.value(key);
    const double d = v.toDouble();
    if (!v.isDouble() || d != double(qint64(d))) {
        fail(join(path, key), u"must be a whole number, not %1"_s.arg(v.isDouble() ? QString::number(d) : typeName(v)));
        return false;
    }
    if (d < min || d > max) {
        fail(join(path, key), u"must be from %1 to %2, not %3"_s.arg(min).arg(max).arg(qint64(d)));
        return false;
    }
    *out = int(d);
    return true;
}

bool ConfigReader::boolean(const QJsonObject &o, const QString &key, const QString &path, bool *out)
{
    if (!o.contains(key))
        return false;
    const QJsonValue v = o.value(key);
    if (!v.isBool()) {
        fail(join(path, key), u"must be true or false, not %1"_s.arg(typeName(v)));
        return false;
    }
    *out = v.toBool();
    return true;
}

bool ConfigReader::strings(const QJsonObject &o, const QString &key, const QString &path, QStringList *out)
{
    if (!o.contains(key))
        return false;
    const QJsonValue v = o.value(key);
    if (!v.isArray()) {
        fail(join(path, key), u"must be a list of strings, not %1"_s.arg(typeName(v)));
        return false;
    }
    QStringList list;
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(u"%1[%2]"_s.arg(join(path, key)).arg(i), u"must be a string, not %1"_s.arg(typeName(array.at(i))));
            return false;
        }
        list.append(array.at(i).toString());
    }
    *out = list;
    return true;
}

bool ConfigReader::object(const QJsonObject &o, const QString &key, const QString &path, QJsonObject *out)
{
    if (!o.contains(key))
        return false;
    const QJsonValue v = o.value(key);
    if (!v.isObject()) {
        fail(join(path, key), u"must be an object, not %1"_s.arg(typeName(v)));
        return false;
    }
    *out = v.toObject();
    return true;
}

void ConfigReader::unknownKeys(const QJsonObject &o, const QString &path, const QStringList &known)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()) && !it.key().startsWith(u'_'))
            warnings.append(u"%1: unknown key, ignored (known here: %2)"_s.arg(join(path, it.key()), known.join(u", "_s)));
    }
}

} // namespace arbor::core
