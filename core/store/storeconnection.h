#pragma once

#include "store/storeoptions.h"
#include "store/storeschema.h"
#include "util/result.h"

#include <QString>

class QSqlDatabase;
class QSqlQuery;

namespace arbor::core {

// The Store's one database connection: opening it (SQLite file or MySQL/MariaDB server), bringing
// the schema up to date with the versioned migrations, and the error sentences every record family
// uses. Belongs to the thread that opened it, like the Store.
class StoreConnection
{
public:
    explicit StoreConnection(StoreOptions options);
    ~StoreConnection();
    StoreConnection(const StoreConnection &) = delete;
    StoreConnection &operator=(const StoreConnection &) = delete;

    // Connects and migrates. Several nodes may call this at once against one MySQL schema:
    // migrations run under GET_LOCK('arbor_schema').
    Result<void> open();
    void close();
    bool isOpen() const;
    int schemaVersion() const { return m_schemaVersion; }
    const StoreOptions &options() const { return m_options; }
    const StoreSchema &schema() const { return m_schema; }
    QSqlDatabase database() const;

    // "could not WHAT in the BACKEND: ERROR." and "... is not open; open it first."
    QString failure(const QString &what, const QString &sqlError) const;
    Result<void> notOpen(const QString &what) const;

    // The newest rows of @p select, optionally of one cluster, ordered by @p orderBy ("... LIMIT %1").
    static bool execRecent(QSqlQuery &q, const QString &select, const QString &orderBy, int limit,
                           const QString &clusterName);

private:
    Result<void> openConnection();
    Result<void> migrate();
    Result<void> applyMigrations();

    StoreOptions m_options;
    StoreSchema m_schema;
    QString m_connectionName;
    int m_schemaVersion = 0;
    bool m_open = false;
};

} // namespace arbor::core
