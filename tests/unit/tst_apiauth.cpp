// ApiAuth: PBKDF2 off the calling thread, the verified-password cache (expiry, size), the failure
// limit per client address (429 with Retry-After), bounded waiting checks, anonymous roles.
#include "api/apiauth.h"
#include "api/passwordhash.h"
#include "fakeclock.h"
#include "waitfor.h"

#include <QTest>

#include <optional>

using namespace Qt::Literals::StringLiterals;
using namespace arbor::core;
using namespace arbor::testsupport;

namespace {
ServiceConfig configWithUsers()
{
    ServiceConfig c;
    c.users = {{u"op"_s, ServiceConfig::Role::Operator, PasswordHash::make(u"op-pw"_s, 2000)},
               {u"ro"_s, ServiceConfig::Role::ReadOnly, PasswordHash::make(u"ro-pw"_s, 2000)}};
    return c;
}

ApiRequest request(const QString &user, const QString &password, const QString &from = u"127.0.0.1"_s)
{
    ApiRequest r;
    r.method = "GET";
    r.path = u"/api/clusters"_s;
    r.peer = QHostAddress(from);
    if (!user.isEmpty())
        r.headers.insert("authorization", "Basic " + (user + u':' + password).toUtf8().toBase64());
    return r;
}

struct Answer
{
    std::optional<ApiAuth::Outcome> outcome;
    ApiRequest request;
};

// Starts a check; the answer lands in the returned slot, now or from the event loop.
std::shared_ptr<Answer> start(ApiAuth &auth, ApiRequest r)
{
    auto answer = std::make_shared<Answer>();
    auth.authenticate(std::move(r), [answer](const ApiAuth::Outcome &o, ApiRequest authed) {
        answer->outcome = o;
        answer->request = std::move(authed);
    });
    return answer;
}

ApiAuth::Outcome finish(const std::shared_ptr<Answer> &a)
{
    waitFor([&] { return a->outcome.has_value(); }, 10000);
    return a->outcome.value_or(ApiAuth::Outcome{false, -1, u"no answer"_s, 0});
}
} // namespace

class TestApiAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passwordIsCheckedOffThisThreadThenCached()
    {
        FakeClock clock(1000);
        ApiAuth auth(clock.function());
        auth.configure(configWithUsers());
        auto first = start(auth, request(u"op"_s, u"op-pw"_s));
        QVERIFY(!first->outcome); // PBKDF2 is on a worker: no answer before the event loop runs
        const ApiAuth::Outcome o = finish(first);
        QVERIFY2(o.ok, qPrintable(o.message));
        QCOMPARE(first->request.user, u"op"_s);
        QCOMPARE(first->request.role, ServiceConfig::Role::Operator);
        QCOMPARE(auth.hashesComputed(), qint64(1));

        auto second = start(auth, request(u"op"_s, u"op-pw"_s));
        QVERIFY(second->outcome && second->outcome->ok); // cached: answered at once
        QCOMPARE(auth.hashesComputed(), qint64(1));

        clock.advance(ApiAuth::Limits{}.cacheMs + 1);
        auto expired = start(auth, request(u"op"_s, u"op-pw"_s));
        QVERIFY(!expired->outcome);
        QVERIFY(finish(expired).ok);
        QCOMPARE(auth.hashesComputed(), qint64(2));
    }

    void oneHashForABurstOfTheSameCredentials()
    {
        ApiAuth auth;
        auth.configure(configWithUsers());
        QList<std::shared_ptr<Answer>> burst;
        for (int i = 0; i < 20; ++i)
            burst.append(start(auth, request(u"ro"_s, u"ro-pw"_s)));
        for (const auto &a : burst) {
            QVERIFY(finish(a).ok);
            QCOMPARE(a->request.role, ServiceConfig::Role::ReadOnly);
        }
        QCOMPARE(auth.hashesComputed(), qint64(1));
    }

    void failuresPerAddressAreLimitedWithRetryAfter()
    {
        FakeClock clock(5000);
        ApiAuth auth(clock.function());
        ApiAuth::Limits limits;
        limits.maxFailures = 3;
        limits.failureWindowMs = 60000;
        auth.setLimits(limits);
        auth.configure(configWithUsers());
        QVERIFY(finish(start(auth, request(u"op"_s, u"op-pw"_s, u"10.0.0.9"_s))).ok); // cached for later
        for (int i = 0; i < 3; ++i) {
            const ApiAuth::Outcome o = finish(start(auth, request(u"op"_s, u"wrong%1"_s.arg(i), u"10.0.0.1"_s)));
            QCOMPARE(o.status, 401);
        }
        // An unknown user counts too, and costs no hash.
        const ApiAuth::Outcome blocked = finish(start(auth, request(u"nobody"_s, u"x"_s, u"10.0.0.1"_s)));
        QCOMPARE(blocked.status, 429);
        QCOMPARE(blocked.retryAfterSeconds, 60);
        QVERIFY2(blocked.message.contains(u"10.0.0.1"_s), qPrintable(blocked.message));
        // The right password from there waits as well, unless it is already known to be right.
        QCOMPARE(finish(start(auth, request(u"ro"_s, u"ro-pw"_s, u"10.0.0.1"_s))).status, 429);
        QVERIFY(finish(start(auth, request(u"op"_s, u"op-pw"_s, u"10.0.0.1"_s))).ok);
        // IPv4-mapped IPv6 is the same client.
        QCOMPARE(finish(start(auth, request(u"ro"_s, u"ro-pw"_s, u"::ffff:10.0.0.1"_s))).status, 429);
        // Other addresses are not affected.
        QVERIFY(finish(start(auth, request(u"ro"_s, u"ro-pw"_s, u"10.0.0.2"_s))).ok);
        clock.advance(30000);
        QCOMPARE(finish(start(auth, request(u"op"_s, u"guess"_s, u"10.0.0.1"_s))).retryAfterSeconds, 30);
        clock.advance(30001); // the window is over: passwords are checked again
        QCOMPARE(finish(start(auth, request(u"op"_s, u"guess"_s, u"10.0.0.1"_s))).status, 401);
    }

    void waitingChecksAreBoundedPerClient()
    {
        ApiAuth auth;
        ApiAuth::Limits limits;
        limits.maxWaitingPerClient = 2;
        limits.maxFailures = 1000;
        auth.setLimits(limits);
        auth.configure(configWithUsers());
        QList<std::shared_ptr<Answer>> flood;
        for (int i = 0; i < 10; ++i)
            flood.append(start(auth, request(u"op"_s, u"guess%1"_s.arg(i))));
        int tooMany = 0;
        for (const auto &a : flood) {
            const ApiAuth::Outcome o = finish(a);
            QVERIFY(o.status == 401 || o.status == 429);
            tooMany += o.status == 429;
        }
        QCOMPARE(tooMany, 8);
        QCOMPARE(auth.hashesComputed(), qint64(2));
    }

    void anonymousCallers()
    {
        ApiAuth open;
        open.configure(ServiceConfig{});
        Answer a = *start(open, request({}, {}));
        QVERIFY(a.outcome && a.outcome->ok);
        QVERIFY(a.request.anonymous);
        QCOMPARE(a.request.role, ServiceConfig::Role::ReadOnly); // no users: read, never write

        ServiceConfig operatorConfig;
        operatorConfig.anonymous = ServiceConfig::Anonymous::Operator;
        open.configure(operatorConfig);
        QCOMPARE(start(open, request({}, {}))->request.role, ServiceConfig::Role::Operator);

        ApiAuth closed;
        closed.configure(configWithUsers());
        QCOMPARE(start(closed, request({}, {}))->outcome->status, 401);
        ServiceConfig readers = configWithUsers();
        readers.anonymous = ServiceConfig::Anonymous::ReadOnly;
        closed.configure(readers);
        QVERIFY(start(closed, request({}, {}))->outcome->ok);
    }

    void cacheStaysBounded()
    {
        FakeClock clock;
        ApiAuth auth(clock.function());
        ApiAuth::Limits limits;
        limits.cacheEntries = 2;
        auth.setLimits(limits);
        ServiceConfig c;
        for (int i = 0; i < 3; ++i)
            c.users.append({u"u%1"_s.arg(i), ServiceConfig::Role::ReadOnly, PasswordHash::make(u"pw"_s, 1000)});
        auth.configure(c);
        for (int i = 0; i < 3; ++i) {
            clock.advance(1);
            QVERIFY(finish(start(auth, request(u"u%1"_s.arg(i), u"pw"_s))).ok);
        }
        QCOMPARE(auth.hashesComputed(), qint64(3));
        QVERIFY(start(auth, request(u"u2"_s, u"pw"_s))->outcome); // the newest stays
        QVERIFY(!start(auth, request(u"u0"_s, u"pw"_s))->outcome); // the oldest made room
    }
};

QTEST_GUILESS_MAIN(TestApiAuth)
#include "tst_apiauth.moc"
