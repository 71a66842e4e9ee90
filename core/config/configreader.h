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
    // Warns about every key of @p o not in @p known (keys starting with '_' are comments).
    void unknownKeys(const QJsonObject &o, const QString &path, const QStringList &known);
};

} // namespace arbor::core
