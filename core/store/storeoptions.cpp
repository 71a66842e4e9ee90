#include "store/storeoptions.h"

#include <QCoreApplication>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

StoreOptions StoreOptions::defaultSqlite()
{
    // AppDataLocation is per application name; a caller that has not named itself (a bare
    // QCoreApplication, a tool) still gets Arbor's folder rather than an anonymous one.
    QString dir;
    if (QCoreApplication::applicationName() == u"arbor"_s)
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/arbor"_s;
    return sqlite(dir + u"/arbor.sqlite3"_s);
}

StoreOptions StoreOptions::sqlite(const QString &path)
{
    StoreOptions o;
    o.kind = Kind::Sqlite;
    o.path = path;
    return o;
}

StoreOptions StoreOptions::mySql(const QString &host, int port, const QString &database, const QString &user,
                                 const QString &password)
{
    StoreOptions o;
    o.kind = Kind::MySql;
    o.host = host;
    o.port = port;
    o.database = database;
    o.user = user;
    o.password = password;
    return o;
}

QString StoreOptions::describe() const
{
    if (kind == Kind::Sqlite)
        return u"SQLite store %1"_s.arg(path);
    const QString who = user.isEmpty() ? QString() : user + u'@';
    const QString where =
        host.contains(u':') ? u"[%1]:%2"_s.arg(host).arg(port) : u"%1:%2"_s.arg(host).arg(port);
    return u"MySQL store %1%2/%3"_s.arg(who, where, database);
}

} // namespace arbor::core
