#include "api/routefiles.h"

#include "api/routeparams.h"
#include "ha/servicenode.h"
#include "metrics/prometheustext.h"

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {

// The :seconds window of a metrics path, or nullopt after replying 400.
std::optional<int> windowOrReply(ServiceNode &node, const Params &p, Reply &reply)
{
    bool ok = false;
    const int s = p.value(u"seconds"_s).toInt(&ok);
    const int max = node.config().metricsRetentionSeconds;
    if (!ok || s < 1 || s > max) {
        reply(RouteParams::badRequest(u"the window \"%1\" must be whole seconds from 1 to %2 (metrics.retentionSeconds)"_s.arg(
            p.value(u"seconds"_s)).arg(max)));
        return std::nullopt;
    }
    return s;
}
} // namespace

void registerMetricsRoutes(ApiRoutes &routes, ServiceNode &node)
{
    // --- metrics
    routes.add("GET", u"discovery-metrics-raw/:seconds"_s, Access::Read, [&node](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto s = windowOrReply(node, p, reply))
            reply(ApiResponse::json(node.pollMetrics().raw(*s)));
    });
    routes.add("GET", u"discovery-metrics-aggregated/:seconds"_s, Access::Read,
        [&node](const Params &p, const ApiRequest &, Reply reply) {
            if (const auto s = windowOrReply(node, p, reply))
                reply(ApiResponse::json(node.pollMetrics().aggregated(*s)));
        });
    routes.add("GET", u"backend-query-metrics-aggregated/:seconds"_s, Access::Read,
        [&node](const Params &p, const ApiRequest &, Reply reply) {
            if (const auto s = windowOrReply(node, p, reply))
                reply(ApiResponse::json(node.queryMetrics().aggregated(*s)));
        });
    routes.add("GET", u"metrics"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        reply(ApiResponse::text(PrometheusText::render(node.metrics()), "text/plain; version=0.0.4; charset=utf-8"));
    });
}

} // namespace arbor::core
