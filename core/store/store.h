#pragma once

#include "model/instance.h"
#include "store/downtime.h"
#include "store/storeoptions.h"
#include "store/storeschema.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QSqlDatabase;
class QSqlQuery;

namespace arbor::core {

// The backend: SQLite or MySQL/MariaDB behind one interface, with versioned migrations.
// Not thread-safe: a QSqlDatabase belongs to the thread that opened it, so one thread opens,
// uses and destroys a Store. Concurrent writers use StoreWriter.
class Store
{
public:
    using Downtime = arbor::core::Downtime;

    explicit Store(StoreOptions options);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // Connects and brings the schema up to date. Several nodes may call this at once against one
    // MySQL schema: migrations run under GET_LOCK('arbor_schema').
    Result<void> open();
    bool isOpen() const;
    int schemaVersion() const { return m_schemaVersion; }
    const StoreOptions &options() const { return m_options; }

    // One transaction; multi-row REPLACE INTO statements of up to StoreSchema::kRowsPerStatement rows.
    Result<void> writeInstances(const QList<Instance> &instances);
    Result<QList<Instance>> readInstances();
    Result<std::optional<Instance>> readInstance(const InstanceKey &key);
    // Removes the instance and its downtime.
    Result<void> forgetInstance(const InstanceKey &key);

    // An empty alias removes the cluster's alias.
    Result<void> setClusterAlias(const QString &clusterName, const QString &alias);
    Result<QHash<QString, QString>> readClusterAliases();

    // Replaces any downtime of the same server.
    Result<void> beginDowntime(const Downtime &downtime);
    Result<void> endDowntime(const InstanceKey &key);
    // Downtimes with begin <= now < end; expired and future ones are left out.
    Result<QList<Downtime>> readActiveDowntimes(const QDateTime &now);

private:
    QSqlDatabase database() const;
    Result<void> openConnection();
    Result<void> migrate();
    Result<void> applyMigrations();
    Result<void> writeChunk(const QList<Instance> &chunk);
    Result<void> notOpen(const QString &what) const;
    QString failure(const QString &what, const QString &sqlError) const;
    void close();

    StoreOptions m_options;
    StoreSchema m_schema;
    QString m_connectionName;
    int m_schemaVersion = 0;
    bool m_open = false;
    // Prepared once: the full-size multi-row REPLACE, reused for every full chunk.
    std::unique_ptr<QSqlQuery> m_fullChunkQuery;
};

} // namespace arbor::core
