#include "store/storesql.h"

#include <QSqlError>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core::storesql {

qint64 toMs(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QString text(const QString &value)
{
    return value.isNull() ? u""_s : value;
}

QString errorText(const QSqlError &error)
{
    const QString db = error.databaseText().trimmed();
    return db.isEmpty() ? error.text().trimmed() : db;
}

QString joinKeys(const QList<InstanceKey> &keys)
{
    QStringList out;
    for (const InstanceKey &k : keys)
        out << k.toString();
    return out.join(u',');
}

QList<InstanceKey> splitKeys(const QString &text)
{
    QList<InstanceKey> out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        if (auto k = InstanceKey::parse(part); k.ok())
            out.append(*k);
    }
    return out;
}

} // namespace arbor::core::storesql
