#pragma once

#include "util/result.h"

#include <QString>

namespace arbor::core {

// A user and password for topology servers. Read from a my.cnf-style file or the environment,
// never from the command line (where `ps` shows them). Never logged: toString() omits the password.
class Credentials
{
public:
    Credentials() = default;
    Credentials(QString user, QString password) : m_user(std::move(user)), m_password(std::move(password)) {}

    // Reads "[client]" user= and password= (also [arbor]); quotes around values are removed.
    // Refuses a file that group or others can read, because it holds a password.
    static Result<Credentials> fromFile(const QString &path);
    // ARBOR_TOPOLOGY_USER / ARBOR_TOPOLOGY_PASSWORD; empty result when unset.
    static Credentials fromEnvironment();

    const QString &user() const { return m_user; }
    const QString &password() const { return m_password; }
    bool isEmpty() const { return m_user.isEmpty(); }
    QString toString() const { return m_user + QLatin1String("@(password hidden)"); }

private:
    QString m_user;
    QString m_password;
};

} // namespace arbor::core
