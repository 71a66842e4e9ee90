#pragma once

#include "api/apirequest.h"
#include "config/serviceconfig.h"

#include <QSet>

namespace arbor::core {

// Who is asking: HTTP Basic against the configured users' PBKDF2 hashes, or the user named by a
// trusted proxy's header. A verified password is remembered (as a SHA-256 of user, password and
// hash) so that only the first request of a client pays for PBKDF2.
class ApiAuth
{
public:
    void configure(const ServiceConfig &config);
    bool isOpen() const { return m_users.isEmpty(); }

    struct Outcome
    {
        bool ok = false;
        int status = 200; // 401 when refused
        QString message;
    };
    // Fills request.user and request.role when it succeeds.
    Outcome authenticate(ApiRequest &request);

private:
    QList<ServiceConfig::User> m_users;
    QByteArray m_proxyHeader; // lower-case
    QList<QHostAddress> m_trustedProxies;
    QSet<QByteArray> m_verified;
};

} // namespace arbor::core
