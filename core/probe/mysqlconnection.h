#pragma once

#include "config/credentials.h"
#include "model/instancekey.h"
#include "util/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantMap>

class QSqlQuery;

namespace arbor::core {

// What every QMYSQL connection to a managed server shares: its name, how it is opened (timeouts) and
// which driver errors mean the connection is gone. Used by the poller's InstanceProbe and the
// operations' OpsConnection, which differ only in their timeouts and in what they do after opening.
class MysqlConnection
{
public:
    // A connection name no other connection of this process has: "arbor-<purpose>-<host:port>-<n>".
    static QString uniqueName(const QString &purpose, const InstanceKey &key);

    // Adds the connection `name` to *db (so that the caller's removal covers a failed open too) and
    // opens it. On failure the sentence names the server, the cause and the remedy.
    static Result<void> open(QSqlDatabase *db, const QString &name, const InstanceKey &key,
                             const Credentials &credentials, int connectTimeoutSeconds,
                             int readTimeoutSeconds);

    // True when a statement's error code means the connection is gone (reconnect), false when the
    // server refused the statement on a connection that still works.
    static bool isConnectionLost(int nativeCode);

    // The rows of an executed query, each a column-name to value map.
    static QList<QVariantMap> rowsOf(QSqlQuery &query);

    // Turns a driver error while connecting into one sentence naming the server, the cause and the remedy.
    static QString describeConnectError(const InstanceKey &key, const QString &user, int nativeCode,
                                        const QString &databaseText, int connectTimeoutSeconds);
};

} // namespace arbor::core
