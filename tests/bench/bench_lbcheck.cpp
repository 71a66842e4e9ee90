// A/B in one run: lb-check latency while 200 wrong-password requests are in flight, with the
// password check on the request thread (before) and through ApiAuth's workers (after).
#include "api/apiauth.h"
#include "api/httpapi.h"
#include "api/passwordhash.h"
#include "rawhttp.h"
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <cstdio>
#include <memory>
#include <vector>
using namespace arbor::core;
using namespace arbor::testsupport;
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ServiceConfig config;
    config.users = {{QStringLiteral("op"), ServiceConfig::Role::Operator, PasswordHash::make(QStringLiteral("pw"))}};
    for (int mode = 0; mode < 2; ++mode) {
        for (int run = 0; run < 3; ++run) {
            QThread thread;
            QObject ctx;
            ctx.moveToThread(&thread);
            thread.start();
            HttpApi *api = nullptr;
            ApiAuth *auth = nullptr;
            quint16 port = 0;
            QMetaObject::invokeMethod(&ctx, [&] {
                auth = new ApiAuth;
                auth->configure(config);
                api = new HttpApi([&, mode](ApiRequest r, HttpApi::Reply reply) {
                    if (r.path == QStringLiteral("/lb")) { reply(ApiResponse::json(QStringLiteral("OK"))); return; }
                    if (mode == 0) { // before: the hash on this thread
                        const QByteArray d = QByteArray::fromBase64(r.headers.value("authorization").mid(6));
                        PasswordHash::verify(QString::fromUtf8(d.mid(d.indexOf(':') + 1)), config.users.first().passwordHash);
                        reply(ApiResponse::error(401, QStringLiteral("wrong")));
                        return;
                    }
                    auth->authenticate(std::move(r), [reply](const ApiAuth::Outcome &o, ApiRequest) { reply(ApiResponse::error(o.status, o.message)); });
                });
                HttpApi::Options o; o.maxConnectionsPerClient = 1000; o.maxConnections = 1000;
                api->setOptions(o);
                port = api->listen(QStringLiteral("127.0.0.1"), 0).value();
            }, Qt::BlockingQueuedConnection);
            std::vector<std::unique_ptr<RawHttpConnection>> flood;
            for (int i = 0; i < 200; ++i) {
                flood.push_back(std::make_unique<RawHttpConnection>());
                flood.back()->connectTo(port);
                flood.back()->send(RawHttpConnection::get("/x", port, "op:wrong" + QByteArray::number(i)));
            }
            QElapsedTimer t; t.start();
            const int status = rawHttpExchange(port, RawHttpConnection::get("/lb", port), 60000).status;
            const qint64 ms = t.elapsed();
            int c429 = 0;
            for (auto &c : flood) c429 += c->readReply(60000).status == 429;
            std::printf("%s run %d: lb-check %d in %lld ms; %d of 200 answered 429\n", mode == 0 ? "before" : "after", run + 1, status, (long long)ms, c429);
            std::fflush(stdout);
            QMetaObject::invokeMethod(&ctx, [&] { delete api; delete auth; }, Qt::BlockingQueuedConnection);
            thread.quit(); thread.wait();
        }
    }
    return 0;
}
