#pragma once

#include <QString>

namespace arbor::core {

// Where the backend lives: an SQLite file (desktop default) or a MySQL/MariaDB schema shared by
// service nodes.
struct StoreOptions
{
    enum class Kind { Sqlite, MySql };

    Kind kind = Kind::Sqlite;
    QString path; // SQLite file; its parent folders are created on open
    QString host = QStringLiteral("127.0.0.1");
    int port = 3306;
    QString database = QStringLiteral("arbor");
    QString user;
    QString password; // never logged nor put into error messages

    // <AppDataLocation>/arbor.sqlite3 of the application "arbor".
    static StoreOptions defaultSqlite();
    static StoreOptions sqlite(const QString &path);
    static StoreOptions mySql(const QString &host, int port, const QString &database, const QString &user,
                              const QString &password);

    // "SQLite store /path" or "MySQL store user@host:port/database", for error sentences.
    QString describe() const;
};

} // namespace arbor::core
