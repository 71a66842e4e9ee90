#pragma once

#include "api/apirequest.h"
#include "config/serviceconfig.h"
#include "util/clock.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace arbor::core {

// Who is asking: HTTP Basic against the configured users' PBKDF2 hashes, the user named by a trusted
// proxy's header, or an anonymous caller (read-only unless api.anonymous says "operator").
//
// PBKDF2 costs tens of milliseconds by design, so it never runs on the thread that serves requests:
// checks go to a small pool of workers and the answer comes back through the event loop. A verified
// password is remembered for a while (an HMAC of user, password and hash under a key made at start,
// so the cache is no password oracle), so only the first request of a client pays. Failed attempts
// are counted per client address: past the limit that client gets 429 with Retry-After until the
// window ends (cached credentials still pass, so a client behind the same NAT as an attacker keeps
// working), and the checks waiting for a worker are bounded per client and in all.
class ApiAuth
{
public:
    struct Limits
    {
        int maxFailures = 10;            // per client address and window
        qint64 failureWindowMs = 60000;  // the window; Retry-After is what is left of it
        qint64 cacheMs = 120000;         // how long a verified password is remembered
        int cacheEntries = 1024;         // at most this many remembered
        int maxWaitingPerClient = 4;     // uncached checks of one address in flight
        int maxWaiting = 64;             // uncached checks in flight in all
        int workers = 2;
        int clients = 10000;             // addresses tracked for the failure count
    };

    explicit ApiAuth(Clock clock = {});
    ~ApiAuth(); // waits for the checks still running
    ApiAuth(const ApiAuth &) = delete;
    ApiAuth &operator=(const ApiAuth &) = delete;

    void configure(const ServiceConfig &config);
    void setLimits(const Limits &limits);
    bool isOpen() const { return m_users.isEmpty(); }
    // Anonymous callers may do this (nullopt: nothing but the public routes).
    std::optional<ServiceConfig::Role> anonymousRole() const { return m_anonymous; }

    struct Outcome
    {
        bool ok = false;
        int status = 200; // 401 refused, 429 too many failures, 503 too many checks waiting
        QString message;
        int retryAfterSeconds = 0; // for 429 and 503
    };
    // Calls @p done with the outcome and the request (user and role filled in when it succeeds): at
    // once when no hash must be computed, else later from the event loop of the calling thread.
    using Done = std::function<void(const Outcome &, ApiRequest)>;
    void authenticate(ApiRequest request, Done done);

    // For the metrics and tests.
    qint64 hashesComputed() const { return m_hashesComputed; }

private:
    struct Client
    {
        int failures = 0;
        qint64 windowStart = 0;
        int waiting = 0;
    };
    struct Waiter
    {
        ApiRequest request;
        Done done;
    };
    struct Check
    {
        QString user;
        QString hash;
        QString clientKey;
        QList<Waiter> waiters;
    };

    const ServiceConfig::User *findUser(const QString &name) const;
    QByteArray fingerprint(const QString &name, const QString &password, const QString &hash) const;
    bool cached(const QByteArray &fingerprint);
    void remember(const QByteArray &fingerprint);
    Client &client(const QString &key);
    // The 429 outcome when @p key is over its failure limit.
    std::optional<Outcome> blocked(const QString &key);
    Outcome fail(const QString &key, const QString &message);
    void finish(const QByteArray &fingerprint, bool verified);
    static QString clientKey(const QHostAddress &peer);

    Clock m_clock;
    Limits m_limits;
    QList<ServiceConfig::User> m_users;
    std::optional<ServiceConfig::Role> m_anonymous;
    QByteArray m_proxyHeader; // lower-case
    QList<QHostAddress> m_trustedProxies;
    QByteArray m_cacheKey;
    QHash<QByteArray, qint64> m_verified; // fingerprint -> expiry (clock ms)
    QHash<QString, Client> m_clients;
    QHash<QByteArray, Check> m_checks; // uncached checks in flight, by fingerprint (one hash per fingerprint)
    qint64 m_hashesComputed = 0;
    // Delivers the workers' answers on this thread; deleted before the pool so none arrive late.
    std::unique_ptr<QObject> m_receiver;
    QThreadPool m_pool;
};

} // namespace arbor::core
