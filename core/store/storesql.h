#pragma once

#include "model/instancekey.h"

#include <QDateTime>
#include <QList>
#include <QString>

class QSqlError;

namespace arbor::core::storesql {

// How the record families write values into rows and read them back, the same in every table.
qint64 toMs(const QDateTime &t);   // 0 for an invalid time
QDateTime fromMs(qint64 ms);       // UTC
// A null QString binds as SQL NULL; the columns are NOT NULL and "" is what we mean.
QString text(const QString &value);
// The server's words when there are any; Qt's "Unable to fetch row" adds nothing.
QString errorText(const QSqlError &error);
QString joinKeys(const QList<InstanceKey> &keys); // "h1:3306,h2:3306"
QList<InstanceKey> splitKeys(const QString &text);

} // namespace arbor::core::storesql
