#pragma once

#include <QJsonObject>
#include <QStringList>

namespace arbor::core {

// Reads typed values from a JSON config and collects one line per problem, each naming the key path
// ("recovery.recoveryPeriodBlockSeconds: must be from 0 to 604800, not -1"), so that
// `arbor config check` reports every problem at once.
class ConfigReader
{
public:
    QStringList errors;
    QStringList warnings;

    static QString typeName(const QJsonValue &v);
    static QString join(const QString &path, const QString &key);

    void fail(const QString &path, const QString &reason);

    // Each returns true when the key is present and valid, and only then writes *out.
    bool string(const QJsonObject &o, const QString &key, const QString &path, QString *out);
    bool integer(const QJsonObject &o, const QString &key, const QString &path, int *out, int min, int max);
    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool *out);
    bool strings(const QJsonObject &o, const QString &key, const QString &path, QStringList *out);
    bool object(const QJsonObject &o, const QString &key, const QString &path, QJsonObject *out);
    // Every key of @p o not in @p known is an error naming the nearest known key, since a typo would
    // otherwise silently leave a default in place (keys starting with '_' are comments).
    void unknownKeys(const QJsonObject &o, const QString &path, const QStringList &known);
    // "PreFailoverProcess: unknown key; did you mean PreFailoverProcesses?"
    void unknownKey(const QString &path, const QString &key, const QStringList &known);
    static bool isComment(const QString &key);

    // QJsonDocument keeps one value of a key given twice in one object, silently; this scans the text
    // (already known to be valid JSON) and names each key given twice, with its path and both lines.
    static QStringList duplicateKeys(const QByteArray &json);
};

} // namespace arbor::core
