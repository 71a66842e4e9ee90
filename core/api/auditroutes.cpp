#include "api/routefiles.h"

#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "store/store.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

void registerAuditRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // Audit of topology operations (core/ops writes it through the store).
    auto audit = [&node](const Params &p, const ApiRequest &, Reply reply) {
        bool ok = true;
        const int page = p.contains(u"page"_s) ? p.value(u"page"_s).toInt(&ok) : 0;
        if (!ok || page < 0) {
            reply(RouteParams::badRequest(u"the page \"%1\" must be a whole number from 0"_s.arg(p.value(u"page"_s))));
            return;
        }
        auto store = node.store();
        if (!store) {
            reply(ApiResponse::error(503, u"Cannot read the audit: %1"_s.arg(store.error())));
            return;
        }
        constexpr int kPageSize = 50;
        auto entries = store.value()->readAudit(kPageSize * (page + 1));
        if (!entries) {
            reply(ApiResponse::error(503, u"Cannot read the audit: %1"_s.arg(entries.error())));
            return;
        }
        QJsonArray out;
        const QList<AuditEntry> &list = entries.value();
        for (qsizetype i = qsizetype(kPageSize) * page; i < list.size(); ++i) {
            const AuditEntry &e = list.at(i);
            out.append(QJsonObject{{u"AuditId"_s, e.id},
                                   {u"AuditTimestamp"_s, RouteParams::stamp(e.startedAt)},
                                   {u"AuditType"_s, e.operation},
                                   {u"AuditInstanceKey"_s, QJsonObject{{u"Hostname"_s, e.instance.host()},
                                                                       {u"Port"_s, e.instance.port()}}},
                                   {u"Message"_s, e.message},
                                   {u"ClusterName"_s, e.clusterName},
                                   {u"Who"_s, e.who},
                                   {u"From"_s, e.from},
                                   {u"To"_s, e.to},
                                   {u"Method"_s, e.method},
                                   {u"Result"_s, e.result},
                                   {u"DurationMs"_s, e.durationMs}});
        }
        reply(ApiResponse::json(out));
    };
    routes.add("GET", u"audit"_s, Access::Read, audit);
    routes.add("GET", u"audit/:page"_s, Access::Read, audit);
}

} // namespace arbor::core
