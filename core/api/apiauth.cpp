#include "api/apiauth.h"

#include "api/passwordhash.h"

#include <QCryptographicHash>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

void ApiAuth::configure(const ServiceConfig &config)
{
    m_users = config.users;
    m_proxyHeader = config.proxyUserHeader.toLower().toLatin1();
    m_trustedProxies.clear();
    for (const QString &a : config.trustedProxies)
        m_trustedProxies.append(QHostAddress(a));
    m_verified.clear();
}

ApiAuth::Outcome ApiAuth::authenticate(ApiRequest &request)
{
    if (m_users.isEmpty()) {
        request.user = u"anonymous"_s;
        request.role = ServiceConfig::Role::Operator;
        return {true, 200, {}};
    }
    auto findUser = [this](const QString &name) -> const ServiceConfig::User * {
        for (const ServiceConfig::User &u : m_users) {
            if (u.name == name)
                return &u;
        }
        return nullptr;
    };

    if (!m_proxyHeader.isEmpty() && request.headers.contains(m_proxyHeader)) {
        bool trusted = false;
        for (const QHostAddress &a : std::as_const(m_trustedProxies))
            trusted = trusted || a.isEqual(request.peer, QHostAddress::TolerantConversion);
        if (!trusted)
            return {false, 401, u"the %1 header is only accepted from the trusted proxies in api.trustedProxies"_s.arg(
                                    QString::fromLatin1(m_proxyHeader))};
        const QString name = QString::fromUtf8(request.headers.value(m_proxyHeader)).trimmed();
        const ServiceConfig::User *user = findUser(name);
        if (!user)
            return {false, 401, u"the proxy named the user \"%1\", who is not in api.users"_s.arg(name)};
        request.user = user->name;
        request.role = user->role;
        return {true, 200, {}};
    }

    const QByteArray header = request.headers.value("authorization");
    if (!header.startsWith("Basic "))
        return {false, 401, u"authentication required: send HTTP Basic credentials of a user in api.users"_s};
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return {false, 401, u"malformed Basic credentials: expected base64 of user:password"_s};
    const QString name = QString::fromUtf8(decoded.left(colon));
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));
    const ServiceConfig::User *user = findUser(name);
    if (!user || user->passwordHash.isEmpty())
        return {false, 401, u"wrong user or password"_s};
    QCryptographicHash digest(QCryptographicHash::Sha256);
    digest.addData(name.toUtf8());
    digest.addData(QByteArrayView("\0", 1));
    digest.addData(password.toUtf8());
    digest.addData(QByteArrayView("\0", 1));
    digest.addData(user->passwordHash.toUtf8());
    const QByteArray fingerprint = digest.result();
    if (!m_verified.contains(fingerprint)) {
        if (!PasswordHash::verify(password, user->passwordHash))
            return {false, 401, u"wrong user or password"_s};
        if (m_verified.size() > 1000)
            m_verified.clear();
        m_verified.insert(fingerprint);
    }
    request.user = user->name;
    request.role = user->role;
    return {true, 200, {}};
}

} // namespace arbor::core
