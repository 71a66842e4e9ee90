#include "api/routefiles.h"

#include "api/apiroutes.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
struct Refused
{
    QStringList patterns;
    QString why;
};

const QList<Refused> &refused()
{
    static const QString pseudoGtid =
        u"Pseudo-GTID is not supported: Arbor moves replicas by GTID (MariaDB or MySQL) or by binlog coordinates aligned "
        "with START SLAVE UNTIL; use relocate or move-gtid"_s;
    static const QList<Refused> list = {
        {{u"match/:host/:port/:belowHost/:belowPort"_s, u"match-below/:host/:port/:belowHost/:belowPort"_s,
          u"match-up/:host/:port"_s, u"match-replicas/:host/:port/:belowHost/:belowPort"_s,
          u"match-slaves/:host/:port/:belowHost/:belowPort"_s, u"match-up-replicas/:host/:port"_s,
          u"match-up-slaves/:host/:port"_s, u"rematch/:host/:port"_s, u"regroup-replicas-pgtid/:host/:port"_s,
          u"regroup-slaves-pgtid/:host/:port"_s, u"last-pseudo-gtid/:host/:port"_s},
         pseudoGtid},
        {{u"move-equivalent/:host/:port/:belowHost/:belowPort"_s, u"master-equivalent/:host/:port/:logFile/:logPos"_s},
         u"equivalence coordinates are not recorded: Arbor aligns two replicas with START SLAVE UNTIL when it moves one "
         "below the other; use relocate or move-below"_s},
        {{u"regroup-replicas-bls/:host/:port"_s, u"regroup-slaves-bls/:host/:port"_s},
         u"binlog servers are not supported"_s},
        {{u"submit-masters-to-kv-stores"_s, u"submit-masters-to-kv-stores/:hint"_s},
         u"KV stores (Consul, ZooKeeper) are not supported: announce a new master from a PostMasterFailoverProcesses "
         "hook, which gets {successorHost} and {successorPort}"_s},
        {{u"submit-pool-instances/:pool"_s, u"cluster-pool-instances/:hint"_s, u"cluster-pool-instances/:hint/:pool"_s,
          u"heuristic-cluster-pool-instances/:hint"_s, u"heuristic-cluster-pool-instances/:hint/:pool"_s,
          u"heuristic-cluster-pool-lag/:hint"_s, u"heuristic-cluster-pool-lag/:hint/:pool"_s},
         u"instance pools are not supported: tag the servers instead (tag ?tag=pool=NAME, then tagged ?tag=pool=NAME)"_s},
        {{u"register-hostname-unresolve/:host/:port/:name"_s, u"deregister-hostname-unresolve/:host/:port"_s},
         u"hostname unresolving is not supported: Arbor names servers by report_host as they report it"_s},
    };
    return list;
}
} // namespace

void registerUnsupportedRoutes(ApiRoutes &routes)
{
    for (const Refused &r : refused()) {
        for (const QString &pattern : r.patterns) {
            const QString why = r.why;
            routes.add("GET", pattern, ApiRoutes::Access::Read,
                       [why](const ApiRoutes::Params &, const ApiRequest &request, ApiRoutes::Reply reply) {
                           reply(ApiResponse::error(501, u"%1: %2"_s.arg(request.path, why)));
                       });
        }
    }
}

} // namespace arbor::core
