#include "config/configreader.h"

#include "config/orchestratorkeys.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

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

bool ConfigReader::isComment(const QString &key)
{
    return key.startsWith(u'_') || key.startsWith(u"//"_s);
}

void ConfigReader::unknownKeys(const QJsonObject &o, const QString &path, const QStringList &known)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()) && !isComment(it.key()))
            unknownKey(path, it.key(), known);
    }
}

void ConfigReader::unknownKey(const QString &path, const QString &key, const QStringList &known)
{
    const QString nearest = OrchestratorKeys::nearest(key, known);
    if (!nearest.isEmpty())
        fail(join(path, key), u"unknown key; did you mean %1?"_s.arg(nearest));
    else
        fail(join(path, key), u"unknown key (known here: %1)"_s.arg(known.join(u", "_s)));
}

namespace {

// A scanner just good enough for valid JSON: strings (with escapes), nesting, and which string is a key.
class DuplicateScanner
{
public:
    explicit DuplicateScanner(const QByteArray &json) : m_json(json) {}

    QStringList run()
    {
        value(QString());
        return m_found;
    }

private:
    const QByteArray &m_json;
    qsizetype m_at = 0;
    QStringList m_found;

    int line(qsizetype at) const { return int(m_json.left(at).count('\n')) + 1; }

    void skipSpace()
    {
        while (m_at < m_json.size() && QByteArrayView(" \t\r\n").contains(m_json.at(m_at)))
            ++m_at;
    }

    QString string()
    {
        ++m_at; // opening quote
        QByteArray raw;
        while (m_at < m_json.size() && m_json.at(m_at) != '"') {
            if (m_json.at(m_at) == '\\' && m_at + 1 < m_json.size()) {
                raw += m_json.mid(m_at, 2);
                m_at += 2;
                continue;
            }
            raw += m_json.at(m_at++);
        }
        ++m_at; // closing quote
        // Let Qt decode the escapes, so "a\u0062" and "ab" are the same key, as they are to Qt.
        const QJsonDocument doc = QJsonDocument::fromJson("[\"" + raw + "\"]");
        return doc.array().at(0).toString();
    }

    void value(const QString &path)
    {
        skipSpace();
        if (m_at >= m_json.size())
            return;
        const char c = m_json.at(m_at);
        if (c == '{') {
            object(path);
        } else if (c == '[') {
            ++m_at;
            for (int i = 0;; ++i) {
                skipSpace();
                if (m_at >= m_json.size() || m_json.at(m_at) == ']') {
                    ++m_at;
                    return;
                }
                value(u"%1[%2]"_s.arg(path).arg(i));
                skipSpace();
                if (m_at < m_json.size() && m_json.at(m_at) == ',')
                    ++m_at;
            }
        } else if (c == '"') {
            string();
        } else {
            while (m_at < m_json.size() && !QByteArrayView(",]} \t\r\n").contains(m_json.at(m_at)))
                ++m_at;
        }
    }

    void object(const QString &path)
    {
        ++m_at;
        QHash<QString, int> seen;
        for (;;) {
            skipSpace();
            if (m_at >= m_json.size() || m_json.at(m_at) == '}') {
                ++m_at;
                return;
            }
            const qsizetype keyAt = m_at;
            const QString key = string();
            const QString keyPath = ConfigReader::join(path, key);
            if (const auto it = seen.constFind(key); it != seen.cend())
                m_found.append(u"%1: the key is given twice in one object (lines %2 and %3); only one would be used"_s
                                   .arg(keyPath)
                                   .arg(*it)
                                   .arg(line(keyAt)));
            else
                seen.insert(key, line(keyAt));
            skipSpace();
            ++m_at; // ':'
            value(keyPath);
            skipSpace();
            if (m_at < m_json.size() && m_json.at(m_at) == ',')
                ++m_at;
        }
    }
};

} // namespace

QStringList ConfigReader::duplicateKeys(const QByteArray &json)
{
    return DuplicateScanner(json).run();
}

} // namespace arbor::core
