#include "ops/opsconnection.h"

#include "probe/mysqlconnection.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

OpsConnection::OpsConnection(InstanceKey key, Credentials credentials, int connectTimeoutSeconds, int readTimeoutSeconds)
    : m_key(std::move(key)), m_credentials(std::move(credentials)), m_connectTimeoutSeconds(connectTimeoutSeconds),
      m_readTimeoutSeconds(readTimeoutSeconds),
      m_connectionName(MysqlConnection::uniqueName(u"ops"_s, m_key))
{
}

OpsConnection::~OpsConnection()
{
    close();
}

void OpsConnection::close()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

Result<void> OpsConnection::ensureOpen()
{
    if (m_open)
        return Result<void>::success();
    close();
    QSqlDatabase db;
    if (auto opened = MysqlConnection::open(&db, m_connectionName, m_key, m_credentials, m_connectTimeoutSeconds,
                                            m_readTimeoutSeconds);
        !opened.ok())
        return opened;
    m_open = true;
    for (const QString &statement : Dialect::operationSessionStatements()) {
        QSqlQuery q(db);
        if (!q.exec(statement)) {
            const QString text = q.lastError().databaseText();
            close();
            return Result<void>::failure(u"%1 refused the session setup \"%2\": %3"_s.arg(m_key.toString(), statement, text));
        }
    }
    return Result<void>::success();
}

Result<QList<QVariantMap>> OpsConnection::query(const SqlStatement &statement)
{
    using R = Result<QList<QVariantMap>>;
    if (auto opened = ensureOpen(); !opened.ok())
        return R::failure(opened.error());
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(statement.textForServer())) {
        const QSqlError error = q.lastError();
        const int code = error.nativeErrorCode().toInt();
        // A syntax error echoes the statement: the server's text is redacted like the statement.
        const QString text = statement.redact(error.databaseText());
        if (MysqlConnection::isConnectionLost(code) || !db.isOpen()) {
            m_open = false;
            return R::failure(u"lost the connection to %1 while running \"%2\": %3"_s.arg(m_key.toString(), statement.toString(), text));
        }
        return R::failure(u"%1 refused \"%2\": %3 (error %4)"_s.arg(m_key.toString(), statement.toString(), text).arg(code));
    }
    return MysqlConnection::rowsOf(q);
}

Result<Dialect> OpsConnection::dialect()
{
    if (m_dialect)
        return *m_dialect;
    auto rows = query(Dialect::identityQuery());
    if (!rows.ok())
        return Result<Dialect>::failure(rows.error());
    if (rows->isEmpty())
        return Result<Dialect>::failure(u"%1 answered no version"_s.arg(m_key.toString()));
    const QVariantMap &row = rows->constFirst();
    m_dialect = Dialect::forServer(row.value(u"version"_s).toString(), row.value(u"version_comment"_s).toString());
    return *m_dialect;
}

} // namespace arbor::core
