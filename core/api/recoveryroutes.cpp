#include "api/recoveryroutes.h"

#include "analysis/analysiscode.h"
#include "api/routeparams.h"
#include "api/servicerecovery.h"
#include "ha/servicenode.h"
#include "core/recovery/antiflapping.h"
#include "core/recovery/rehearsal.h"
#include "model/promotionrule.h"
#include "store/store.h"
#include "util/duration.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {


constexpr int kPageSize = 50;
constexpr int kReadLimit = 5000;

constexpr auto stamp = &RouteParams::stampOrEmpty;
constexpr auto keyJson = &RouteParams::keyJson;
constexpr auto keyOf = &RouteParams::key;

// The second server of a route, in :<role>Host/:<role>Port (candidate, designated): an invalid key
// when the route has none, nullopt after replying 400 with the reason.
std::optional<InstanceKey> optionalKeyOrReply(const Params &p, const QString &role, Reply &reply)
{
    if (!p.contains(role + u"Host"_s))
        return InstanceKey();
    const auto key = keyOf(p, role + u"Host"_s, role + u"Port"_s);
    if (!key.ok()) {
        reply(ApiResponse::error(400, key.error()));
        return std::nullopt;
    }
    return key.value();
}

QJsonValue keyOrNull(const InstanceKey &k)
{
    return k.isValid() ? QJsonValue(keyJson(k)) : QJsonValue(QJsonValue::Null);
}

// Recoveries have a uid; orchestrator's numeric Id is, in Arbor, the start time in milliseconds.
qint64 recoveryId(const RecoveryRecord &r)
{
    return r.startedAt.toMSecsSinceEpoch();
}

QString recoveryTypeOf(const RecoveryRecord &r)
{
    if (r.kind == u"intermediate-master"_s)
        return u"IntermediateMasterRecovery"_s;
    return u"MasterRecovery"_s;
}

// orchestrator's TopologyRecovery (audit-recovery) fields, plus Arbor's Status, Trigger, Kind,
// Message and Explanation.
QJsonObject recoveryJson(const RecoveryRecord &r)
{
    const QString alias = r.clusterAlias.isEmpty() ? r.clusterName : r.clusterAlias;
    const QJsonObject analysis{
        {u"AnalyzedInstanceKey"_s, keyJson(r.failed)},
        {u"AnalyzedInstanceMasterKey"_s, keyJson(InstanceKey())},
        {u"ClusterDetails"_s, QJsonObject{{u"ClusterName"_s, r.clusterName}, {u"ClusterAlias"_s, alias}, {u"ClusterDomain"_s, u""_s}}},
        {u"IsMaster"_s, r.kind != u"intermediate-master"_s},
        {u"IsCoMaster"_s, false},
        {u"Analysis"_s, r.analysis},
        {u"Description"_s, r.status == u"blocked"_s ? r.message : QString()},
        {u"IsActionableRecovery"_s, true},
        {u"CommandHint"_s, r.kind == u"graceful-takeover"_s ? u"graceful-master-takeover"_s : QString()},
    };
    QJsonArray lost;
    for (const InstanceKey &k : r.lostReplicas)
        lost.append(keyJson(k));
    QJsonArray participating{keyJson(r.failed)};
    if (r.successor.isValid())
        participating.append(keyJson(r.successor));
    const bool failed = r.status == u"failed"_s || r.status == u"aborted"_s;
    return QJsonObject{
        {u"Id"_s, recoveryId(r)},
        {u"UID"_s, r.uid},
        {u"AnalysisEntry"_s, analysis},
        {u"SuccessorKey"_s, keyOrNull(r.successor)},
        {u"SuccessorAlias"_s, u""_s},
        {u"SuccessorBinlogCoordinates"_s, QJsonValue::Null},
        {u"IsActive"_s, r.status == u"running"_s},
        {u"IsSuccessful"_s, r.status == u"succeeded"_s},
        {u"LostReplicas"_s, lost},
        {u"ParticipatingInstanceKeys"_s, participating},
        {u"AllErrors"_s, failed ? QJsonValue(QJsonArray{r.message}) : QJsonValue(QJsonArray{})},
        {u"RecoveryStartTimestamp"_s, stamp(r.startedAt)},
        {u"RecoveryEndTimestamp"_s, stamp(r.endedAt)},
        {u"ProcessingNodeHostname"_s, u""_s},
        {u"ProcessingNodeToken"_s, u""_s},
        {u"Acknowledged"_s, r.isAcknowledged()},
        {u"AcknowledgedAt"_s, stamp(r.acknowledgedAt)},
        {u"AcknowledgedBy"_s, r.acknowledgedBy},
        {u"AcknowledgedComment"_s, r.acknowledgeComment},
        {u"LastDetectionId"_s, 0},
        {u"RelatedRecoveryId"_s, 0},
        {u"Type"_s, r.kind},
        {u"RecoveryType"_s, recoveryTypeOf(r)},
        {u"Status"_s, r.status},
        {u"Trigger"_s, r.trigger},
        {u"Kind"_s, r.kind},
        {u"Message"_s, r.message},
        {u"Explanation"_s, r.explanation},
    };
}

// Does a record belong to the cluster a user names? Records keep the name the cluster had then (its
// master's), so the alias and the cluster's current name both count.
bool belongsTo(const RecoveryRecord &r, const QString &hint, const std::optional<Cluster> &current)
{
    if (r.clusterName == hint || (!r.clusterAlias.isEmpty() && r.clusterAlias == hint))
        return true;
    return current && (r.clusterName == current->name || (!current->alias.isEmpty() && r.clusterAlias == current->alias));
}

} // namespace

RecoveryRoutes::RecoveryRoutes(ApiRoutes &routes, ServiceNode &node, ServiceRecovery *recovery)
    : m_routes(routes), m_node(node), m_recovery(recovery)
{
    addRecover();
    addRehearse();
    addAcknowledge();
    addAudit();
    addSwitchesAndRules();
}

void RecoveryRoutes::addRehearse()
{
    // What `arbor recover CLUSTER --rehearse` prints, as JSON: planned on this node's live facts,
    // touching no server and running no hook, so read-only users may ask.
    ServiceNode &node = m_node;
    ServiceRecovery *recovery = m_recovery;
    auto rehearse = [recovery, &node](const InstanceKey &victim, Reply &reply) {
        if (!recovery) {
            reply(ApiResponse::error(503, u"recovery is not configured on this node"_s));
            return;
        }
        const auto plan = recovery->rehearse(victim);
        if (!plan.ok()) {
            // Unknown to this node: 404; known but nothing to rehearse (a leaf, a standby): 409.
            reply(ApiResponse::error(node.state().topology().instance(victim) ? 409 : 404, plan.error()));
            return;
        }
        reply(ApiResponse::json(Rehearsal::toJson(plan.value())));
    };
    m_routes.add("GET", u"arbor/rehearse-recovery/:host/:port"_s, Access::Read, [rehearse](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto key = RouteParams::keyOrReply(p, reply))
            rehearse(*key, reply);
    });
    // The cluster's master, by cluster name, alias or a member's host:port.
    m_routes.add("GET", u"arbor/rehearse-recovery/:clusterHint"_s, Access::Read, [rehearse, &node](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto cluster = RouteParams::clusterOrReply(node, p.value(u"clusterHint"_s), reply))
            rehearse(cluster->master, reply);
    });
}

void RecoveryRoutes::addRecover()
{
    ServiceNode &node = m_node;
    ServiceRecovery *recovery = m_recovery;
    // recover, recover-lite (no hooks), graceful-master-takeover[-auto]: manual, so they bypass the
    // block period, the cluster filters and the global switch, as orchestrator's do.
    // @p record: Details is the whole recovery record (takeovers, forced failovers: the client reads
    // its SuccessorKey) rather than the successor's key (recover).
    auto start = [&node, recovery](const InstanceKey &failed, const InstanceKey &candidate, bool takeover, bool hooks,
                                   Reply reply, bool record = false) {
        if (!recovery) {
            reply(ApiResponse::error(503, u"recovery is not set up on node %1"_s.arg(node.nodeName())));
            return;
        }
        if (!node.state().instance(failed)) {
            reply(ApiResponse::error(404, u"%1 is not known; discover it first"_s.arg(failed.toString())));
            return;
        }
        auto plan = recovery->planFor(failed, candidate, takeover, hooks);
        if (!plan.ok()) {
            reply(ApiResponse::error(400, u"No action taken: %1"_s.arg(plan.error())));
            return;
        }
        const QString explanation = plan->explanation;
        recovery->run(std::move(plan).value(), [reply, failed, takeover, record, explanation](const RecoveryRecord &r) {
            if (r.status != u"succeeded"_s) {
                QJsonObject details = recoveryJson(r);
                if (details.value(u"Explanation"_s).toString().isEmpty())
                    details.insert(u"Explanation"_s, explanation);
                reply(ApiResponse::error(500, u"Recovery of %1 %2: %3"_s.arg(failed.toString(), r.status, r.message), details));
                return;
            }
            if (takeover)
                reply(ApiResponse::ok(u"graceful-master-takeover: successor %1 promoted"_s.arg(r.successor.toString()),
                                      recoveryJson(r)));
            else if (record)
                reply(ApiResponse::ok(u"Master failed over: %1 promoted (recovery %2)"_s.arg(r.successor.toString(), r.uid),
                                      recoveryJson(r)));
            else
                reply(ApiResponse::ok(u"Recovery executed on %1: %2 promoted (recovery %3)"_s.arg(
                                          failed.toString(), r.successor.toString(), r.uid),
                                      keyJson(r.successor)));
        });
    };
    for (const bool lite : {false, true}) {
        const QString name = lite ? u"recover-lite"_s : u"recover"_s;
        auto action = [start, lite](const Params &p, const ApiRequest &, Reply reply) {
            const auto failed = RouteParams::keyOrReply(p, reply);
            if (!failed)
                return;
            const auto candidate = optionalKeyOrReply(p, u"candidate"_s, reply);
            if (!candidate)
                return;
            start(*failed, *candidate, false, !lite, std::move(reply));
        };
        m_routes.add("GET", name + u"/:host/:port"_s, Access::Write, action);
        m_routes.add("GET", name + u"/:host/:port/:candidateHost/:candidatePort"_s, Access::Write, action);
    }
    auto takeover = [start](const Params &p, const ApiRequest &, Reply reply) {
        const auto master = RouteParams::keyOrReply(p, reply);
        if (!master)
            return;
        const auto designated = optionalKeyOrReply(p, u"designated"_s, reply);
        if (!designated)
            return;
        start(*master, *designated, true, true, std::move(reply));
    };
    for (const QString &name : {u"graceful-master-takeover"_s, u"graceful-master-takeover-auto"_s}) {
        m_routes.add("GET", name + u"/:host/:port"_s, Access::Write, takeover);
        m_routes.add("GET", name + u"/:host/:port/:designatedHost/:designatedPort"_s, Access::Write, takeover);
        // orchestrator's form with a cluster hint instead of the master
        m_routes.add("GET", name + u"/:clusterHint/:designatedHost/:designatedPort"_s, Access::Write,
                     [start, &node](const Params &p, const ApiRequest &, Reply reply) {
                         const auto cluster = node.state().topology().findCluster(p.value(u"clusterHint"_s));
                         if (!cluster) {
                             reply(ApiResponse::error(404, u"no known cluster matches \"%1\""_s.arg(p.value(u"clusterHint"_s))));
                             return;
                         }
                         const auto d = keyOf(p, u"designatedHost"_s, u"designatedPort"_s);
                         if (!d.ok()) {
                             reply(ApiResponse::error(400, d.error()));
                             return;
                         }
                         start(cluster->master, d.value(), true, true, std::move(reply));
                     });
        // orchestrator-client's form: the alias or a member's host:port as one segment.
        m_routes.add("GET", name + u"/:clusterHint"_s, Access::Write, [start, &node](const Params &p, const ApiRequest &, Reply reply) {
            if (const auto cluster = RouteParams::clusterOrReply(node, p.value(u"clusterHint"_s), reply))
                start(cluster->master, {}, true, true, std::move(reply));
        });
    }
    // force-master-failover / force-master-takeover. orchestrator promotes a replica and leaves the
    // old master as it is, still writable: two masters taking writes. Arbor refuses that half: when
    // the master has failed it runs the recovery of that failure; while it still answers it runs the
    // graceful takeover (old master read-only first, the successor caught up, then promoted), so the
    // client gets its successor without a split brain.
    auto force = [start, recovery](const InstanceKey &master, const InstanceKey &designated, Reply reply) {
        const bool failed = recovery && recovery->planFor(master, designated, false, true).ok();
        start(master, designated, !failed, true, std::move(reply), true);
    };
    auto forceByHint = [force, &node](const QString &hint, const Params &p, Reply reply) {
        const auto cluster = RouteParams::clusterOrReply(node, hint, reply);
        if (!cluster)
            return;
        const auto designated = optionalKeyOrReply(p, u"designated"_s, reply);
        if (!designated)
            return;
        force(cluster->master, *designated, std::move(reply));
    };
    m_routes.add("GET", u"force-master-failover/:clusterHint"_s, Access::Write, [forceByHint](const Params &p, const ApiRequest &, Reply reply) {
        forceByHint(p.value(u"clusterHint"_s), p, std::move(reply));
    });
    m_routes.add("GET", u"force-master-failover/:host/:port"_s, Access::Write, [forceByHint](const Params &p, const ApiRequest &, Reply reply) {
        if (const auto k = RouteParams::keyOrReply(p, reply))
            forceByHint(k->toString(), p, std::move(reply));
    });
    m_routes.add("GET", u"force-master-takeover/:clusterHint/:designatedHost/:designatedPort"_s, Access::Write,
                 [forceByHint](const Params &p, const ApiRequest &, Reply reply) { forceByHint(p.value(u"clusterHint"_s), p, std::move(reply)); });
    m_routes.add("GET", u"force-master-takeover/:host/:port/:designatedHost/:designatedPort"_s, Access::Write,
                 [forceByHint](const Params &p, const ApiRequest &, Reply reply) {
                     if (const auto k = RouteParams::keyOrReply(p, reply))
                         forceByHint(k->toString(), p, std::move(reply));
                 });
}

void RecoveryRoutes::addAcknowledge()
{
    ServiceNode &node = m_node;
    // Acknowledges the unacknowledged recoveries @p match selects; a comment is required, as in
    // orchestrator. @p mustMatch: answer 404 when nothing matched at all (an unknown id).
    auto acknowledge = [&node](const ApiRequest &http, const std::function<bool(const RecoveryRecord &)> &match,
                               bool mustMatch, const QString &what, Reply reply) {
        const QString comment = http.query.queryItemValue(u"comment"_s, QUrl::FullyDecoded).trimmed();
        if (comment.isEmpty()) {
            reply(ApiResponse::error(400, u"an acknowledgement needs a comment: add ?comment=WHY"_s));
            return;
        }
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, u"Cannot acknowledge: %1"_s.arg(store.error())));
            return;
        }
        const auto records = store.value()->readRecoveries(kReadLimit);
        if (!records.ok()) {
            reply(ApiResponse::error(503, u"Cannot acknowledge: %1"_s.arg(records.error())));
            return;
        }
        int matched = 0;
        int acknowledged = 0;
        for (const RecoveryRecord &r : records.value()) {
            if (r.status == u"blocked"_s || !match(r))
                continue;
            ++matched;
            if (r.isAcknowledged())
                continue;
            const auto done = store.value()->acknowledgeRecoveries(r.uid, {}, http.user, comment);
            if (!done.ok()) {
                reply(ApiResponse::error(503, u"Cannot acknowledge recovery %1: %2"_s.arg(r.uid, done.error())));
                return;
            }
            acknowledged += done.value();
        }
        if (mustMatch && matched == 0) {
            reply(ApiResponse::error(404, u"no recovery matches %1"_s.arg(what)));
            return;
        }
        reply(ApiResponse::ok(u"Acknowledged %1 recovery(ies) of %2"_s.arg(acknowledged).arg(what), acknowledged));
    };
    auto byId = [acknowledge](const Params &p, const ApiRequest &http, Reply reply) {
        const QString id = p.value(u"id"_s);
        acknowledge(http, [id](const RecoveryRecord &r) { return r.uid == id || QString::number(recoveryId(r)) == id; },
                    true, u"id %1"_s.arg(id), std::move(reply));
    };
    m_routes.add("GET", u"ack-recovery/:id"_s, Access::Write, byId);
    m_routes.add("GET", u"ack-recovery/uid/:id"_s, Access::Write, byId);
    m_routes.add("GET", u"ack-recovery/id/:id"_s, Access::Write, byId);
    auto byCluster = [acknowledge, &node](const QString &hint, const ApiRequest &http, Reply reply) {
        const auto current = node.state().topology().findCluster(hint);
        acknowledge(http, [hint, current](const RecoveryRecord &r) { return belongsTo(r, hint, current); }, false,
                    u"cluster %1"_s.arg(hint), std::move(reply));
    };
    m_routes.add("GET", u"ack-recovery/cluster/:hint"_s, Access::Write,
                 [byCluster](const Params &p, const ApiRequest &http, Reply reply) {
                     byCluster(p.value(u"hint"_s), http, std::move(reply));
                 });
    m_routes.add("GET", u"ack-recovery/cluster/alias/:alias"_s, Access::Write,
                 [byCluster](const Params &p, const ApiRequest &http, Reply reply) {
                     byCluster(p.value(u"alias"_s), http, std::move(reply));
                 });
    m_routes.add("GET", u"ack-recovery/instance/:host/:port"_s, Access::Write,
                 [acknowledge](const Params &p, const ApiRequest &http, Reply reply) {
                     const auto key = keyOf(p, u"host"_s, u"port"_s);
                     if (!key.ok()) {
                         reply(ApiResponse::error(400, key.error()));
                         return;
                     }
                     const InstanceKey k = key.value();
                     acknowledge(http, [k](const RecoveryRecord &r) { return r.failed == k; }, false,
                                 u"instance %1"_s.arg(k.toString()), std::move(reply));
                 });
    m_routes.add("GET", u"ack-all-recoveries"_s, Access::Write, [acknowledge](const Params &, const ApiRequest &http, Reply reply) {
        acknowledge(http, [](const RecoveryRecord &) { return true; }, false, u"all clusters"_s, std::move(reply));
    });
}

void RecoveryRoutes::addAudit()
{
    ServiceNode &node = m_node;
    ServiceRecovery *recovery = m_recovery;
    // Recoveries newest first, blocked attempts left out (blocked-recoveries lists them).
    auto audit = [&node](const std::function<bool(const RecoveryRecord &)> &match, int page, Reply reply) {
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, u"Cannot read recoveries: %1"_s.arg(store.error())));
            return;
        }
        const auto records = store.value()->readRecoveries(kReadLimit);
        if (!records.ok()) {
            reply(ApiResponse::error(503, u"Cannot read recoveries: %1"_s.arg(records.error())));
            return;
        }
        QJsonArray out;
        int index = 0;
        for (const RecoveryRecord &r : records.value()) {
            if (r.status == u"blocked"_s || !match(r))
                continue;
            if (index++ / kPageSize == page)
                out.append(recoveryJson(r));
        }
        reply(ApiResponse::json(out));
    };
    auto pageOf = [](const QString &text, Reply &reply) -> std::optional<int> { return RouteParams::pageOrReply(text, reply); };
    auto byCluster = [&node, audit](const QString &hint, int page, Reply reply) {
        const auto current = node.state().topology().findCluster(hint);
        audit([hint, current](const RecoveryRecord &r) { return belongsTo(r, hint, current); }, page, std::move(reply));
    };
    m_routes.add("GET", u"audit-recovery"_s, Access::Read, [audit](const Params &, const ApiRequest &, Reply reply) {
        audit([](const RecoveryRecord &) { return true; }, 0, std::move(reply));
    });
    // orchestrator: audit-recovery/:page; the brief's audit-recovery/:clusterAlias: digits are a page.
    m_routes.add("GET", u"audit-recovery/:hint"_s, Access::Read, [audit, byCluster](const Params &p, const ApiRequest &, Reply reply) {
        static const QRegularExpression digits(u"^\\d+$"_s);
        const QString hint = p.value(u"hint"_s);
        if (digits.match(hint).hasMatch()) {
            if (const auto page = RouteParams::pageOrReply(hint, reply))
                audit([](const RecoveryRecord &) { return true; }, *page, std::move(reply));
        } else {
            byCluster(hint, 0, std::move(reply));
        }
    });
    for (const QString &kind : {u"cluster"_s, u"alias"_s}) {
        m_routes.add("GET", u"audit-recovery/%1/:hint"_s.arg(kind), Access::Read,
                     [byCluster](const Params &p, const ApiRequest &, Reply reply) {
                         byCluster(p.value(u"hint"_s), 0, std::move(reply));
                     });
        m_routes.add("GET", u"audit-recovery/%1/:hint/:page"_s.arg(kind), Access::Read,
                     [byCluster, pageOf](const Params &p, const ApiRequest &, Reply reply) {
                         if (const auto page = pageOf(p.value(u"page"_s), reply))
                             byCluster(p.value(u"hint"_s), *page, std::move(reply));
                     });
    }
    m_routes.add("GET", u"audit-recovery/instance/:host/:port"_s, Access::Read, [audit](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = keyOf(p, u"host"_s, u"port"_s);
        if (!key.ok()) {
            reply(ApiResponse::error(400, key.error()));
            return;
        }
        const InstanceKey k = key.value();
        audit([k](const RecoveryRecord &r) { return r.failed == k || r.successor == k; }, 0, std::move(reply));
    });
    for (const QString &kind : {u"uid"_s, u"id"_s}) {
        m_routes.add("GET", u"audit-recovery/%1/:id"_s.arg(kind), Access::Read, [audit](const Params &p, const ApiRequest &, Reply reply) {
            const QString id = p.value(u"id"_s);
            audit([id](const RecoveryRecord &r) { return r.uid == id || QString::number(recoveryId(r)) == id; }, 0,
                  std::move(reply));
        });
    }
    m_routes.add("GET", u"audit-recovery-steps/:uid"_s, Access::Read, [&node](const Params &p, const ApiRequest &, Reply reply) {
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, u"Cannot read recovery steps: %1"_s.arg(store.error())));
            return;
        }
        const auto steps = store.value()->readRecoverySteps(p.value(u"uid"_s));
        if (!steps.ok()) {
            reply(ApiResponse::error(503, u"Cannot read recovery steps: %1"_s.arg(steps.error())));
            return;
        }
        QJsonArray out;
        qint64 n = 0;
        for (const RecoveryStep &s : steps.value()) {
            out.append(QJsonObject{{u"Id"_s, ++n},
                                   {u"RecoveryUID"_s, s.recoveryUid},
                                   {u"AuditAt"_s, stamp(s.at)},
                                   {u"Message"_s, u"%1 %2%3"_s.arg(s.kind, s.what, s.ok ? QString() : u" (FAILED)"_s)},
                                   {u"Kind"_s, s.kind},
                                   {u"OK"_s, s.ok},
                                   {u"Detail"_s, s.detail}});
        }
        reply(ApiResponse::json(out));
    });

    // Detections: the analysis changelog's actionable entries (orchestrator's topology_failure_detection).
    auto detections = [&node](const QString &hint, int page, Reply reply) {
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, u"Cannot read failure detections: %1"_s.arg(store.error())));
            return;
        }
        QString cluster;
        if (!hint.isEmpty()) {
            const auto c = node.state().topology().findCluster(hint);
            cluster = c ? c->name : hint;
        }
        const auto changes = store.value()->readAnalysisChanges(kReadLimit, cluster);
        if (!changes.ok()) {
            reply(ApiResponse::error(503, u"Cannot read failure detections: %1"_s.arg(changes.error())));
            return;
        }
        QJsonArray out;
        int index = 0;
        for (const AnalysisChange &c : changes.value()) {
            if (!isActionable(analysisCodeFromName(c.analysis)))
                continue;
            if (index++ / kPageSize != page)
                continue;
            out.append(QJsonObject{
                {u"Id"_s, c.at.toMSecsSinceEpoch()},
                {u"UID"_s, u""_s},
                {u"AnalysisEntry"_s,
                 QJsonObject{{u"AnalyzedInstanceKey"_s, keyJson(c.key)},
                             {u"ClusterDetails"_s, QJsonObject{{u"ClusterName"_s, c.clusterName}}},
                             {u"Analysis"_s, c.analysis},
                             {u"Description"_s, c.description},
                             {u"StructureAnalysis"_s, QJsonArray::fromStringList(c.structureWarnings)},
                             {u"IsActionableRecovery"_s, true}}},
                {u"IsActive"_s, false},
                {u"IsSuccessful"_s, false},
                {u"RecoveryStartTimestamp"_s, stamp(c.at)},
                {u"PreviousAnalysis"_s, c.previousAnalysis},
            });
        }
        reply(ApiResponse::json(out));
    };
    m_routes.add("GET", u"audit-failure-detection"_s, Access::Read,
                 [detections](const Params &, const ApiRequest &, Reply reply) { detections({}, 0, std::move(reply)); });
    m_routes.add("GET", u"audit-failure-detection/:hint"_s, Access::Read, [detections](const Params &p, const ApiRequest &, Reply reply) {
        static const QRegularExpression digits(u"^\\d+$"_s);
        const QString hint = p.value(u"hint"_s);
        if (digits.match(hint).hasMatch()) {
            if (const auto page = RouteParams::pageOrReply(hint, reply))
                detections({}, *page, std::move(reply));
        } else {
            detections(hint, 0, std::move(reply));
        }
    });

    // Blocked: failures whose automatic recovery the block period (or the switch, a filter, a
    // downtime) holds back right now.
    auto blocked = [&node, recovery](const QString &hint, Reply reply) {
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, u"Cannot read blocked recoveries: %1"_s.arg(store.error())));
            return;
        }
        const auto records = store.value()->readRecoveries(kReadLimit);
        if (!records.ok()) {
            reply(ApiResponse::error(503, u"Cannot read blocked recoveries: %1"_s.arg(records.error())));
            return;
        }
        const int blockSeconds = recovery ? recovery->config().options.recoveryPeriodBlockSeconds
                                          : node.config().recovery.options.recoveryPeriodBlockSeconds;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto current = hint.isEmpty() ? std::optional<Cluster>() : node.state().topology().findCluster(hint);
        QSet<QString> superseded; // cluster|failed with a later real recovery
        QJsonArray out;
        for (const RecoveryRecord &r : records.value()) { // newest first
            const QString episode = r.clusterName + u'|' + r.failed.toString();
            if (r.status != u"blocked"_s) {
                superseded.insert(episode);
                continue;
            }
            if (superseded.contains(episode) || (!hint.isEmpty() && !belongsTo(r, hint, current)))
                continue;
            superseded.insert(episode); // one row per failure: the latest
            const auto blocking = AntiFlapping::blockingRecovery(*store.value(), r.clusterName, r.clusterAlias, r.failed,
                                                                 blockSeconds, now);
            const bool stillBlocked = blocking.ok() && blocking->has_value();
            if (!stillBlocked && r.startedAt.secsTo(now) > blockSeconds)
                continue;
            out.append(QJsonObject{
                {u"FailedInstanceKey"_s, keyJson(r.failed)},
                {u"ClusterName"_s, r.clusterName},
                {u"ClusterAlias"_s, r.clusterAlias},
                {u"Analysis"_s, r.analysis},
                {u"LastBlockedTimestamp"_s, stamp(r.startedAt)},
                {u"BlockingRecoveryId"_s, stillBlocked ? recoveryId(**blocking) : 0},
                {u"BlockingRecoveryUID"_s, stillBlocked ? (*blocking)->uid : QString()},
                {u"Reason"_s, r.message},
            });
        }
        reply(ApiResponse::json(out));
    };
    m_routes.add("GET", u"blocked-recoveries"_s, Access::Read,
                 [blocked](const Params &, const ApiRequest &, Reply reply) { blocked({}, std::move(reply)); });
    m_routes.add("GET", u"blocked-recoveries/cluster/:hint"_s, Access::Read,
                 [blocked](const Params &p, const ApiRequest &, Reply reply) { blocked(p.value(u"hint"_s), std::move(reply)); });
}

void RecoveryRoutes::addSwitchesAndRules()
{
    ServiceNode &node = m_node;
    ServiceRecovery *recovery = m_recovery;
    for (const bool disable : {true, false}) {
        m_routes.add("GET", disable ? u"disable-global-recoveries"_s : u"enable-global-recoveries"_s, Access::Write,
                     [&node, disable](const Params &, const ApiRequest &http, Reply reply) {
                         auto store = node.store();
                         if (!store.ok()) {
                             reply(ApiResponse::error(503, store.error()));
                             return;
                         }
                         QString reason = http.query.queryItemValue(u"reason"_s, QUrl::FullyDecoded);
                         if (reason.isEmpty())
                             reason = u"through the API"_s;
                         if (auto r = store.value()->setRecoveriesDisabled(disable, http.user, reason); !r.ok()) {
                             reply(ApiResponse::error(503, r.error()));
                             return;
                         }
                         qWarning().noquote() << u"automatic recoveries globally %1 by %2 (%3)"_s.arg(
                             disable ? u"disabled"_s : u"enabled"_s, http.user, reason);
                         reply(ApiResponse::ok(disable ? u"Globally disabled recoveries"_s : u"Globally enabled recoveries"_s,
                                               disable ? u"disabled"_s : u"enabled"_s));
                     });
    }
    m_routes.add("GET", u"check-global-recoveries"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, store.error()));
            return;
        }
        const auto disabled = store.value()->readRecoveriesDisabled();
        if (!disabled.ok()) {
            reply(ApiResponse::error(503, disabled.error()));
            return;
        }
        if (disabled->has_value())
            reply(ApiResponse::ok(u"Global recoveries disabled: %1"_s.arg(**disabled), u"disabled"_s));
        else
            reply(ApiResponse::ok(u"Global recoveries enabled"_s, u"enabled"_s));
    });
    m_routes.add("GET", u"automated-recovery-filters"_s, Access::Read, [&node, recovery](const Params &, const ApiRequest &, Reply reply) {
        const RecoveryConfig &c = recovery ? recovery->config() : node.config().recovery;
        reply(ApiResponse::ok(u"Automated recovery configuration details"_s,
                              QJsonObject{{u"RecoverMasterClusterFilters"_s,
                                           QJsonArray::fromStringList(c.options.recoverMasterClusterFilters)},
                                          {u"RecoverIntermediateMasterClusterFilters"_s,
                                           QJsonArray::fromStringList(c.options.recoverIntermediateMasterClusterFilters)},
                                          {u"RecoveryIgnoreHostnameFilters"_s, QJsonArray{}},
                                          {u"Automatic"_s, c.automatic}}));
    });

    m_routes.add("GET", u"register-candidate/:host/:port/:promotionRule"_s, Access::Write,
                 [&node](const Params &p, const ApiRequest &http, Reply reply) {
                     const auto key = keyOf(p, u"host"_s, u"port"_s);
                     if (!key.ok()) {
                         reply(ApiResponse::error(400, key.error()));
                         return;
                     }
                     const auto rule = parsePromotionRule(p.value(u"promotionRule"_s));
                     if (!rule.ok()) {
                         reply(ApiResponse::error(400, rule.error()));
                         return;
                     }
                     PromotionRuleEntry entry;
                     entry.key = key.value();
                     entry.rule = rule.value();
                     entry.updatedAt = QDateTime::currentDateTimeUtc();
                     const QString expire = http.query.queryItemValue(u"expire"_s);
                     if (!expire.isEmpty()) {
                         const auto seconds = Duration::parseSeconds(expire);
                         if (!seconds) {
                             reply(ApiResponse::error(400, u"the expiry: %1"_s.arg(seconds.error())));
                             return;
                         }
                         entry.expiresAt = entry.updatedAt.addSecs(seconds.value());
                     }
                     auto store = node.store();
                     if (!store.ok()) {
                         reply(ApiResponse::error(503, store.error()));
                         return;
                     }
                     if (auto r = store.value()->setPromotionRule(entry); !r.ok()) {
                         reply(ApiResponse::error(503, r.error()));
                         return;
                     }
                     reply(ApiResponse::ok(u"Registered candidate %1 as %2%3"_s.arg(
                                               key->toString(), promotionRuleName(entry.rule),
                                               entry.expiresAt.isValid() ? u" until %1"_s.arg(stamp(entry.expiresAt)) : QString()),
                                           keyJson(key.value())));
                 });
    m_routes.add("GET", u"bulk-promotion-rules"_s, Access::Read, [&node](const Params &, const ApiRequest &, Reply reply) {
        auto store = node.store();
        if (!store.ok()) {
            reply(ApiResponse::error(503, store.error()));
            return;
        }
        const auto rules = store.value()->readPromotionRules();
        if (!rules.ok()) {
            reply(ApiResponse::error(503, rules.error()));
            return;
        }
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QJsonArray out;
        for (const PromotionRuleEntry &e : rules.value()) {
            if (!e.isActiveAt(now))
                continue;
            out.append(QJsonObject{{u"Hostname"_s, e.key.host()},
                                   {u"Port"_s, e.key.port()},
                                   {u"PromotionRule"_s, promotionRuleName(e.rule)},
                                   {u"LastSuggestedString"_s, stamp(e.updatedAt)},
                                   {u"PromotionRuleExpiry"_s, stamp(e.expiresAt)}});
        }
        reply(ApiResponse::json(out));
    });
}

} // namespace arbor::core
