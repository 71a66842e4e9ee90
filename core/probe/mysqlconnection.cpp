#include "probe/mysqlconnection.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QAtomicInteger<quint64> s_connectionCounter;

// MySQL/MariaDB error codes (libmariadb include/errmsg.h, mysqld_error.h).
constexpr int kAccessDenied = 1045;    // ER_ACCESS_DENIED_ERROR: wrong user, password or client host
constexpr int kSocketError = 2002;     // CR_CONNECTION_ERROR: cannot connect (socket, or refused/timed out)
constexpr int kConnectionError = 2003; // CR_CONN_HOST_ERROR: cannot connect to the host's port
constexpr int kUnknownHost = 2005;     // CR_UNKNOWN_HOST: the name does not resolve
constexpr int kServerGone = 2006;      // CR_SERVER_GONE_ERROR: the server closed the connection
constexpr int kServerLost = 2013;      // CR_SERVER_LOST: the connection dropped during a query
constexpr int kMalformedPacket = 2027; // CR_MALFORMED_PACKET: the stream is broken (half a packet, not MySQL)
constexpr int kReadTimeout = 4031;     // ER_CLIENT_INTERACTION_TIMEOUT: disconnected for inactivity
} // namespace

QString MysqlConnection::uniqueName(const QString &purpose, const InstanceKey &key)
{
    return u"arbor-%1-%2-%3"_s.arg(purpose, key.toString()).arg(++s_connectionCounter);
}

Result<void> MysqlConnection::open(QSqlDatabase *db, const QString &name, const InstanceKey &key,
                                   const Credentials &credentials, int connectTimeoutSeconds,
                                   int readTimeoutSeconds)
{
    *db = QSqlDatabase::addDatabase(u"QMYSQL"_s, name);
    db->setHostName(key.host());
    db->setPort(key.port());
    db->setUserName(credentials.user());
    db->setPassword(credentials.password());
    db->setConnectOptions(
        u"MYSQL_OPT_CONNECT_TIMEOUT=%1;MYSQL_OPT_READ_TIMEOUT=%2;MYSQL_OPT_WRITE_TIMEOUT=%2"_s
            .arg(connectTimeoutSeconds)
            .arg(readTimeoutSeconds));
    if (db->open())
        return Result<void>::success();
    const QSqlError error = db->lastError();
    return Result<void>::failure(describeConnectError(key, credentials.user(),
                                                      error.nativeErrorCode().toInt(), error.databaseText(),
                                                      connectTimeoutSeconds));
}

bool MysqlConnection::isConnectionLost(int nativeCode)
{
    switch (nativeCode) {
    case kSocketError:
    case kConnectionError:
    case kServerGone:
    case kServerLost:
    case kMalformedPacket:
    case kReadTimeout:
        return true;
    default:
        return false;
    }
}

QList<QVariantMap> MysqlConnection::rowsOf(QSqlQuery &query)
{
    QList<QVariantMap> rows;
    const QSqlRecord record = query.record();
    while (query.next()) {
        QVariantMap row;
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), query.value(i));
        rows.append(std::move(row));
    }
    return rows;
}

QString MysqlConnection::describeConnectError(const InstanceKey &key, const QString &user, int code,
                                              const QString &databaseText, int connectTimeoutSeconds)
{
    const QString server = key.toString();
    switch (code) {
    case kAccessDenied:
        return u"access denied to %1 for user '%2': check the user and password in the credentials file or "
               "ARBOR_TOPOLOGY_USER/ARBOR_TOPOLOGY_PASSWORD, and that the user may connect from this host"_s
                   .arg(server, user);
    case kUnknownHost:
        return u"cannot resolve host '%1': check the host name or use an IP address"_s.arg(key.host());
    case kConnectionError:
    case kSocketError:
        // libmariadb connects non-blocking: a refused port often shows as (115) rather than (111).
        if (databaseText.contains(u"(111)"_s) || databaseText.contains(u"(115)"_s) ||
            databaseText.contains(u"refused"_s, Qt::CaseInsensitive))
            return u"cannot connect to %1: connection refused (is the server running and listening on this port?)"_s
                .arg(server);
        if (databaseText.contains(u"(110)"_s) || databaseText.contains(u"timed out"_s, Qt::CaseInsensitive))
            return u"cannot connect to %1: no answer within %2 s (server down, hung or unreachable network)"_s
                .arg(server)
                .arg(connectTimeoutSeconds);
        return u"cannot connect to %1: %2"_s.arg(server, databaseText);
    case kServerLost:
    case kMalformedPacket:
        if (databaseText.contains(u"handshake"_s, Qt::CaseInsensitive) ||
            databaseText.contains(u"initial communication"_s, Qt::CaseInsensitive) ||
            databaseText.contains(u"reading authorization"_s, Qt::CaseInsensitive) ||
            databaseText.contains(u"Malformed"_s, Qt::CaseInsensitive))
            return u"%1 did not answer as a MySQL/MariaDB server (%2): is this the right port, and is the server hung?"_s
                .arg(server, databaseText);
        return u"lost the connection to %1: %2"_s.arg(server, databaseText);
    default:
        break;
    }
    if (databaseText.contains(u"timeout"_s, Qt::CaseInsensitive) ||
        databaseText.contains(u"timed out"_s, Qt::CaseInsensitive))
        return u"%1 did not answer within %2 s (server hung or network dropped): %3"_s.arg(server)
            .arg(connectTimeoutSeconds)
            .arg(databaseText);
    return u"cannot connect to %1: %2 (error %3)"_s.arg(server, databaseText).arg(code);
}

} // namespace arbor::core
