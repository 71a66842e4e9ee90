#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

class QSqlDatabase;

namespace arbor::core {

// The hot path of a poll without QtSql's per-query machinery (issue 16): runs statements on the open
// QMYSQL connection through the client library's own handle and turns each result row into the
// column -> value map the dialect reads. Per row it asks the library for the lengths once (QtSql asks
// once per cell, and each ask walks every column), builds no QSqlRecord/QSqlField, converts no
// QVariant twice, and inserts the columns in key order (each insert at the map's end). Integer
// columns arrive as qlonglong, FLOAT/DOUBLE as double, NULL as a null QVariant, the rest as QString,
// as QtSql gives them. QtSql still opens, configures and closes the connection.
struct DirectStatement
{
    bool ok = true;
    int errorCode = 0;  // the server's or client library's error number when !ok
    QString errorText;
    QList<QVariantMap> rows;
};

// Runs @p sql (one statement, or several separated by ';' when the connection allows multi-statements)
// and returns one entry per statement the server ran, the last one failed if one failed (the server
// runs nothing after it). nullopt when @p db is not an open QMYSQL connection.
std::optional<QList<DirectStatement>> runDirect(const QSqlDatabase &db, const QString &sql);

} // namespace arbor::core
