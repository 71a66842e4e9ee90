#pragma once

#include "dialect/dialect.h"
#include "model/instance.h"
#include "probe/probeoptions.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

class QSqlQuery;

namespace arbor::core {

// One server, one persistent connection, one poll at a time. Lives in (and is used from) a single
// thread, because a QSqlDatabase belongs to the thread that created it.
class InstanceProbe
{
public:
    InstanceProbe(InstanceKey key, ProbeOptions options);
    ~InstanceProbe();
    InstanceProbe(const InstanceProbe &) = delete;
    InstanceProbe &operator=(const InstanceProbe &) = delete;

    // Polls the server, reconnecting if needed. Always returns a snapshot: on failure it has
    // lastCheckValid=false and lastError says what failed and what to do.
    Instance poll();
    // Connects (if needed) and runs one statement; used by `check` and operations.
    Result<QList<QVariantMap>> query(const QString &sql);
    void disconnect();

    const InstanceKey &key() const { return m_key; }
    std::optional<Dialect> dialect() const { return m_dialect; }

    // Turns a driver error into one sentence naming the server, the cause and the remedy.
    static QString describeConnectError(const InstanceKey &key, const QString &user, int nativeCode,
                                        const QString &databaseText, int connectTimeoutSeconds);

private:
    Result<void> ensureConnected();
    Result<QList<QVariantMap>> run(const QString &sql, bool *lostConnection = nullptr);
    Result<void> collect(Instance *instance);
    void addWarnings(Instance *instance) const;

    InstanceKey m_key;
    ProbeOptions m_options;
    QString m_connectionName;
    std::optional<Dialect> m_dialect;
    bool m_connected = false;
    // Facts that change rarely are re-read every kSlowPollEvery polls of a connection.
    static constexpr int kSlowPollEvery = 12;
    qint64 m_pollsOnConnection = 0;
    std::optional<QList<QVariantMap>> m_semiSyncVariables;
    std::optional<QList<InstanceKey>> m_processlistReplicas;
};

} // namespace arbor::core
