#include "probe/mysqlsocket.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <mysql.h>

namespace arbor::core {

void *mysqlHandleOf(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.isOpen() || !db.driver())
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // Qt 6.4 names the metatype after the struct ("st_mysql*"); older ones after the typedef.
    if (qstrcmp(handle.typeName(), "st_mysql*") != 0 && qstrcmp(handle.typeName(), "MYSQL*") != 0)
        return nullptr;
    return *static_cast<MYSQL *const *>(handle.constData());
}

int mysqlSocketOf(const QSqlDatabase &db)
{
    MYSQL *mysql = static_cast<MYSQL *>(mysqlHandleOf(db));
    return mysql ? int(mysql_get_socket(mysql)) : -1;
}

} // namespace arbor::core
