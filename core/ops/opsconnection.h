#pragma once

#include "config/credentials.h"
#include "dialect/dialect.h"
#include "model/instancekey.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QVariantMap>

#include <optional>

namespace arbor::core {

// One connection to one server for running operation statements. Unlike the poller's connection it
// allows long reads (waits for a replica to catch up) and sets the session up for Dialect's quoting
// contract (backslash escapes on, utf8mb4). Used from one thread, the one that created it.
class OpsConnection
{
public:
    OpsConnection(InstanceKey key, Credentials credentials, int connectTimeoutSeconds, int readTimeoutSeconds);
    ~OpsConnection();
    OpsConnection(const OpsConnection &) = delete;
    OpsConnection &operator=(const OpsConnection &) = delete;

    // The only place an operation statement's secrets are sent; errors come back with them redacted.
    Result<QList<QVariantMap>> query(const SqlStatement &statement);
    Result<Dialect> dialect();
    const InstanceKey &key() const { return m_key; }
    // False after a connection could not be opened or was lost: the server did not answer, which a
    // refused statement (the server answered no) never makes false.
    bool isOpen() const { return m_open; }
    void close();

private:
    Result<void> ensureOpen();

    InstanceKey m_key;
    Credentials m_credentials;
    int m_connectTimeoutSeconds;
    int m_readTimeoutSeconds;
    QString m_connectionName;
    std::optional<Dialect> m_dialect;
    bool m_open = false;
};

} // namespace arbor::core
