#pragma once

#include "util/result.h"

#include <QCoreApplication>
#include <QString>

namespace arbor::widgets {

// Passwords in the OS keychain (QtKeychain: Secret Service, KWallet, macOS Keychain, Windows
// Credential Store) under a reverse-DNS service name, keyed by connection name. Never a file:
// the insecure fallback is off, so without a keychain reads and writes fail and the caller asks
// for the password instead. Calls block on a local event loop; they are quick and rare.
class SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)
public:
    enum class Status { Ok, NotFound, Unavailable, Failed };

    struct Outcome
    {
        Status status = Status::Failed;
        QString password; // read only
        QString message;  // one sentence when not Ok
    };

    static QString serviceName() { return QStringLiteral("org.arbor-project.arbor"); }

    static Outcome readPassword(const QString &connection);
    static Outcome writePassword(const QString &connection, const QString &password);
    static Outcome deletePassword(const QString &connection);
};

} // namespace arbor::widgets
