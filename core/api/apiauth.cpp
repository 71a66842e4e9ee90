#include "api/apiauth.h"

#include "api/passwordhash.h"

#include <QElapsedTimer>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
qint64 steadyMs()
{
    static QElapsedTimer timer = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return timer.elapsed();
}

ApiAuth::Outcome accepted()
{
    return {true, 200, {}, 0};
}
} // namespace

ApiAuth::ApiAuth(Clock clock)
    : m_clock(clock ? std::move(clock) : Clock(steadyMs)), m_receiver(std::make_unique<QObject>())
{
    m_cacheKey.resize(32);
    for (char &c : m_cacheKey)
        c = char(QRandomGenerator::system()->bounded(256));
    m_pool.setMaxThreadCount(m_limits.workers);
    m_pool.setExpiryTimeout(30000);
}

ApiAuth::~ApiAuth()
{
    m_pool.clear();
    m_pool.waitForDone();
    m_receiver.reset(); // answers posted but not delivered go with it
}

void ApiAuth::configure(const ServiceConfig &config)
{
    m_users = config.users;
    m_proxyHeader = config.proxyUserHeader.toLower().toLatin1();
    m_trustedProxies.clear();
    for (const QString &a : config.trustedProxies)
        m_trustedProxies.append(QHostAddress(a));
    switch (config.anonymous) {
    case ServiceConfig::Anonymous::Unset:
        m_anonymous = config.users.isEmpty() ? std::optional(ServiceConfig::Role::ReadOnly) : std::nullopt;
        break;
    case ServiceConfig::Anonymous::None: m_anonymous = std::nullopt; break;
    case ServiceConfig::Anonymous::ReadOnly: m_anonymous = ServiceConfig::Role::ReadOnly; break;
    case ServiceConfig::Anonymous::Operator: m_anonymous = ServiceConfig::Role::Operator; break;
    }
    m_verified.clear();
}

void ApiAuth::setLimits(const Limits &limits)
{
    m_limits = limits;
    m_pool.setMaxThreadCount(std::max(1, limits.workers));
}

const ServiceConfig::User *ApiAuth::findUser(const QString &name) const
{
    for (const ServiceConfig::User &u : m_users) {
        if (u.name == name)
            return &u;
    }
    return nullptr;
}

QString ApiAuth::clientKey(const QHostAddress &peer)
{
    bool mapped = false;
    const quint32 v4 = peer.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4).toString() : peer.toString();
}

QByteArray ApiAuth::fingerprint(const QString &name, const QString &password, const QString &hash) const
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, m_cacheKey);
    mac.addData(name.toUtf8());
    mac.addData("\0", 1);
    mac.addData(password.toUtf8());
    mac.addData("\0", 1);
    mac.addData(hash.toUtf8());
    return mac.result();
}

bool ApiAuth::cached(const QByteArray &fingerprint)
{
    const auto it = m_verified.constFind(fingerprint);
    if (it == m_verified.cend())
        return false;
    if (*it > m_clock())
        return true;
    m_verified.erase(it);
    return false;
}

void ApiAuth::remember(const QByteArray &fingerprint)
{
    const qint64 now = m_clock();
    if (m_verified.size() >= m_limits.cacheEntries) {
        m_verified.removeIf([now](QHash<QByteArray, qint64>::iterator it) { return it.value() <= now; });
        // Still full: drop the entry that expires first (its client pays one more hash).
        if (m_verified.size() >= m_limits.cacheEntries) {
            auto oldest = std::min_element(m_verified.begin(), m_verified.end());
            m_verified.erase(oldest);
        }
    }
    m_verified.insert(fingerprint, now + m_limits.cacheMs);
}

ApiAuth::Client &ApiAuth::client(const QString &key)
{
    const qint64 now = m_clock();
    if (!m_clients.contains(key) && m_clients.size() >= m_limits.clients) {
        // Forget the addresses whose window is over and that wait for nothing; a flood of
        // addresses cannot grow the table without end.
        m_clients.removeIf([this, now](QHash<QString, Client>::iterator it) {
            return it->waiting == 0 && now - it->windowStart >= m_limits.failureWindowMs;
        });
        if (m_clients.size() >= m_limits.clients)
            m_clients.removeIf([](QHash<QString, Client>::iterator it) { return it->waiting == 0; });
    }
    auto it = m_clients.find(key);
    if (it == m_clients.end())
        it = m_clients.insert(key, Client{0, now, 0});
    Client &c = *it;
    if (now - c.windowStart >= m_limits.failureWindowMs) {
        c.windowStart = now;
        c.failures = 0;
    }
    return c;
}

std::optional<ApiAuth::Outcome> ApiAuth::blocked(const QString &key)
{
    const Client &c = client(key);
    if (c.failures < m_limits.maxFailures)
        return std::nullopt;
    const qint64 left = c.windowStart + m_limits.failureWindowMs - m_clock();
    const int seconds = int(std::max<qint64>(1, (left + 999) / 1000));
    return Outcome{false, 429,
                   u"too many failed sign-ins from %1: %2 in %3 s; retry in %4 s"_s.arg(key)
                       .arg(c.failures)
                       .arg(m_limits.failureWindowMs / 1000)
                       .arg(seconds),
                   seconds};
}

ApiAuth::Outcome ApiAuth::fail(const QString &key, const QString &message)
{
    ++client(key).failures;
    return {false, 401, message, 0};
}

void ApiAuth::authenticate(ApiRequest request, Done done)
{
    const QString address = clientKey(request.peer);
    if (!m_proxyHeader.isEmpty() && request.headers.contains(m_proxyHeader)) {
        bool trusted = false;
        for (const QHostAddress &a : std::as_const(m_trustedProxies))
            trusted = trusted || a.isEqual(request.peer, QHostAddress::TolerantConversion);
        if (!trusted) {
            done({false, 401,
                  u"the %1 header is only accepted from the trusted proxies in api.trustedProxies"_s.arg(
                      QString::fromLatin1(m_proxyHeader))},
                 std::move(request));
            return;
        }
        const QString name = QString::fromUtf8(request.headers.value(m_proxyHeader)).trimmed();
        const ServiceConfig::User *user = findUser(name);
        if (!user) {
            done({false, 401, u"the proxy named the user \"%1\", who is not in api.users"_s.arg(name)}, std::move(request));
            return;
        }
        request.user = user->name;
        request.role = user->role;
        done(accepted(), std::move(request));
        return;
    }

    const QByteArray header = request.headers.value("authorization");
    // Without users there is nothing to check credentials against: every caller is anonymous.
    if (m_users.isEmpty() || !header.startsWith("Basic ")) {
        if (!m_anonymous) {
            done({false, 401, u"authentication required: send HTTP Basic credentials of a user in api.users"_s},
                 std::move(request));
            return;
        }
        request.user = u"anonymous"_s;
        request.anonymous = true;
        request.role = *m_anonymous;
        done(accepted(), std::move(request));
        return;
    }
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0) {
        done({false, 401, u"malformed Basic credentials: expected base64 of user:password"_s}, std::move(request));
        return;
    }
    const QString name = QString::fromUtf8(decoded.left(colon));
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));
    const ServiceConfig::User *user = findUser(name);
    const QByteArray fp = user ? fingerprint(name, password, user->passwordHash) : QByteArray();
    if (user && !user->passwordHash.isEmpty() && cached(fp)) {
        request.user = user->name;
        request.role = user->role;
        done(accepted(), std::move(request));
        return;
    }
    if (auto refused = blocked(address)) {
        done(*refused, std::move(request));
        return;
    }
    if (!user || user->passwordHash.isEmpty()) {
        done(fail(address, u"wrong user or password"_s), std::move(request));
        return;
    }
    // The same credentials already being checked (a client's first burst): wait for that answer.
    if (auto it = m_checks.find(fp); it != m_checks.end()) {
        it->waiters.append({std::move(request), std::move(done)});
        return;
    }
    Client &c = client(address);
    if (c.waiting >= m_limits.maxWaitingPerClient) {
        done({false, 429, u"too many sign-ins from %1 are being checked at once; retry in a second"_s.arg(address), 1},
             std::move(request));
        return;
    }
    if (m_checks.size() >= m_limits.maxWaiting) {
        done({false, 503, u"too many sign-ins are being checked at once; retry in a second"_s, 1}, std::move(request));
        return;
    }
    ++c.waiting;
    Check check{user->name, user->passwordHash, address, {}};
    check.waiters.append({std::move(request), std::move(done)});
    m_checks.insert(fp, std::move(check));
    ++m_hashesComputed;
    QObject *receiver = m_receiver.get();
    m_pool.start([this, receiver, fp, password, hash = user->passwordHash] {
        const bool verified = PasswordHash::verify(password, hash);
        QMetaObject::invokeMethod(receiver, [this, fp, verified] { finish(fp, verified); }, Qt::QueuedConnection);
    });
}

void ApiAuth::finish(const QByteArray &fp, bool verified)
{
    auto it = m_checks.find(fp);
    if (it == m_checks.end())
        return;
    Check check = std::move(*it);
    m_checks.erase(it);
    if (auto c = m_clients.find(check.clientKey); c != m_clients.end())
        c->waiting = std::max(0, c->waiting - 1);
    // A reload may have changed or removed the user while the hash was computed.
    const ServiceConfig::User *user = findUser(check.user);
    verified = verified && user && user->passwordHash == check.hash;
    if (verified) {
        remember(fp);
    } else {
        ++client(check.clientKey).failures;
    }
    for (Waiter &w : check.waiters) {
        if (!verified) {
            w.done({false, 401, u"wrong user or password"_s, 0}, std::move(w.request));
            continue;
        }
        w.request.user = user->name;
        w.request.role = user->role;
        w.done(accepted(), std::move(w.request));
    }
}

} // namespace arbor::core
