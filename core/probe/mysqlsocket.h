#pragma once

class QSqlDatabase;

namespace arbor::core {

// The socket under an open QMYSQL connection (the client library's mysql_get_socket on the driver's
// MYSQL* handle), or -1. A dying server closes it: ConnectionWatch and LeaderLock wait on it for EOF
// instead of sending queries. Only while no statement runs on the connection.
int mysqlSocketOf(const QSqlDatabase &db);
// The client library's MYSQL* under an open QMYSQL connection (as void*, so that this header needs no
// client headers), or nullptr.
void *mysqlHandleOf(const QSqlDatabase &db);

} // namespace arbor::core
