#include "api/maintenancelockroutes.h"

#include "api/apiroutes.h"
#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "ops/clusterlock.h"
#include "store/store.h"

#include <QTimer>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;


MaintenanceLockRoutes::MaintenanceLockRoutes(ApiRoutes &routes, ServiceNode &node) : m_node(node)
{
    routes.add("GET", u"begin-maintenance/:host/:port/:owner/:reason"_s, Access::Write,
               [this](const Params &p, const ApiRequest &http, Reply reply) {
                   expire();
                   const auto key = RouteParams::keyOrReply(p, reply);
                   if (!key)
                       return;
                   const QString owner = p.value(u"owner"_s).trimmed();
                   const QString reason = p.value(u"reason"_s).trimmed();
                   if (owner.isEmpty() || reason.isEmpty()) {
                       reply(RouteParams::badRequest(u"a maintenance needs an owner and a reason: /api/begin-maintenance/HOST/PORT/OWNER/REASON"_s));
                       return;
                   }
                   if (!m_node.state().instance(*key)) {
                       reply(ApiResponse::error(404, u"Cannot begin maintenance: %1 is not known; discover it first"_s.arg(key->toString())));
                       return;
                   }
                   if (m_held.contains(*key)) {
                       reply(ApiResponse::error(409, u"Cannot begin maintenance: %1 is already in maintenance"_s.arg(key->toString()),
                                                RouteParams::keyJson(*key)));
                       return;
                   }
                   auto store = m_node.store();
                   if (!store.ok()) {
                       reply(ApiResponse::error(503, u"Cannot begin maintenance: %1"_s.arg(store.error())));
                       return;
                   }
                   QString cluster = m_node.state().topology().clusterNameOf(*key);
                   if (cluster.isEmpty())
                       cluster = key->toString();
                   auto lock = ClusterLock::acquire(cluster,
                                                    u"maintenance of %1: %2"_s.arg(key->toString(), reason),
                                                    u"%1@api(%2)"_s.arg(owner, http.user), store.value(), kExpireMinutes * 60);
                   if (!lock.ok()) {
                       reply(ApiResponse::error(409, u"Cannot begin maintenance of %1: %2"_s.arg(key->toString(), lock.error()),
                                                RouteParams::keyJson(*key)));
                       return;
                   }
                   auto held = std::make_shared<Held>();
                   held->lock = std::move(lock).value();
                   held->until = QDateTime::currentDateTimeUtc().addSecs(kExpireMinutes * 60);
                   m_held.insert(*key, held);
                   QTimer::singleShot(kExpireMinutes * 60 * 1000 + 100, this, &MaintenanceLockRoutes::expire);
                   reply(ApiResponse::ok(u"Maintenance begun: %1 until %2 (cluster %3 takes no operation meanwhile)"_s.arg(
                                             key->toString(), RouteParams::stamp(held->until), cluster),
                                         RouteParams::keyJson(*key)));
               });
    routes.add("GET", u"end-maintenance/:host/:port"_s, Access::Write, [this](const Params &p, const ApiRequest &, Reply reply) {
        expire();
        const auto key = RouteParams::keyOrReply(p, reply);
        if (!key)
            return;
        if (!m_held.remove(*key)) {
            reply(ApiResponse::error(404, u"Cannot end maintenance: %1 is not in maintenance on this node"_s.arg(key->toString()),
                                     RouteParams::keyJson(*key)));
            return;
        }
        reply(ApiResponse::ok(u"Maintenance ended: %1"_s.arg(key->toString()), RouteParams::keyJson(*key)));
    });
}

MaintenanceLockRoutes::~MaintenanceLockRoutes() = default;

void MaintenanceLockRoutes::expire()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_held.begin(); it != m_held.end();) {
        if (it.value()->until <= now)
            it = m_held.erase(it);
        else
            ++it;
    }
}

} // namespace arbor::core
