#include "api/operationroutes.h"

#include "api/routeparams.h"
#include "dialect/dialect.h"
#include "ha/servicenode.h"
#include "ops/errantlocator.h"
#include "ops/operationrunner.h"
#include "store/store.h"

#include <QJsonArray>
#include <QThread>
#include <QUrl>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

using namespace route;

namespace {


constexpr auto keyOf = &RouteParams::key;
constexpr auto keyJson = &RouteParams::keyJson;

// orchestrator's API names for each operation: Arbor's own, the *-slave(s) synonyms, and a few
// historical ones.
QStringList pathNames(OperationKind kind)
{
    const QString name = OperationKinds::name(kind);
    QStringList names{name};
    QString slave = name;
    slave.replace(u"replicas"_s, u"slaves"_s).replace(u"replica"_s, u"slave"_s);
    if (slave != name)
        names << slave;
    if (kind == OperationKind::DetachReplica)
        names << u"detach-replica-master-host"_s << u"detach-slave-master-host"_s;
    if (kind == OperationKind::ReattachReplica)
        names << u"reattach-replica-master-host"_s << u"reattach-slave-master-host"_s;
    if (kind == OperationKind::MoveGtid)
        names << u"move-below-gtid"_s;
    return names;
}

bool returnsList(OperationKind kind)
{
    return kind == OperationKind::RelocateReplicas || kind == OperationKind::MoveUpReplicas
           || kind == OperationKind::MoveReplicasGtid || kind == OperationKind::RepointReplicas;
}

// Polls @p keys now and replies with their fresh JSON: one object, or a list.
void replyFresh(ServiceNode &node, ApiRoutes &routes, const QList<InstanceKey> &keys, bool list, const QString &message,
                const QJsonObject &extra, Reply reply)
{
    if (keys.isEmpty()) {
        reply(ApiResponse::ok(message, list ? QJsonValue(QJsonArray{}) : QJsonValue(extra)));
        return;
    }
    auto pending = std::make_shared<qsizetype>(keys.size());
    auto fresh = std::make_shared<QHash<InstanceKey, QJsonObject>>();
    for (const InstanceKey &key : keys) {
        node.discover(key, [&node, &routes, key, keys, list, message, extra, reply, pending, fresh](Result<Instance> r) {
            QJsonObject o;
            if (r.ok())
                o = routes.instanceJson(r.value());
            else if (const auto known = node.state().instance(key))
                o = routes.instanceJson(*known);
            else
                o = QJsonObject{{u"Key"_s, keyJson(key)}};
            fresh->insert(key, o);
            if (--*pending > 0)
                return;
            if (list) {
                QJsonArray out;
                for (const InstanceKey &k : keys)
                    out.append(fresh->value(k));
                reply(ApiResponse::ok(message, out));
            } else {
                QJsonObject details = fresh->value(keys.first());
                for (auto it = extra.begin(); it != extra.end(); ++it)
                    details.insert(it.key(), it.value());
                reply(ApiResponse::ok(message, details));
            }
        });
    }
}

} // namespace

OperationRoutes::OperationRoutes(ApiRoutes &routes, ServiceNode &node) : m_routes(routes), m_node(node)
{
    using Access = ApiRoutes::Access;
    for (const OperationKind kind : OperationKinds::all()) {
        QStringList suffixes;
        if (!OperationKinds::argumentName(kind).isEmpty())
            suffixes << u"/:host/:port/:argument"_s; // delay-replication/H/P/SECONDS, purge-binary-logs/H/P/FILE
        else if (!OperationKinds::needsTarget(kind))
            suffixes << u"/:host/:port"_s;
        if (OperationKinds::acceptsTarget(kind))
            suffixes << u"/:host/:port/:belowHost/:belowPort"_s;
        for (const QString &name : pathNames(kind)) {
            for (const QString &suffix : std::as_const(suffixes)) {
                routes.add("GET", name + suffix, Access::Write, [this, kind](const Params &p, const ApiRequest &http, Reply reply) {
                    OperationRequest request;
                    request.kind = kind;
                    const auto instance = keyOf(p, u"host"_s, u"port"_s);
                    if (!instance.ok()) {
                        reply(ApiResponse::error(400, instance.error()));
                        return;
                    }
                    request.instance = instance.value();
                    if (p.contains(u"belowHost"_s)) {
                        const auto target = keyOf(p, u"belowHost"_s, u"belowPort"_s);
                        if (!target.ok()) {
                            reply(ApiResponse::error(400, target.error()));
                            return;
                        }
                        request.target = target.value();
                    }
                    request.pattern = http.query.queryItemValue(u"pattern"_s, QUrl::FullyDecoded);
                    request.argument = p.value(u"argument"_s);
                    run(request, http, std::move(reply));
                });
            }
        }
    }

    // locate-gtid-errant: which binary logs of the replica hold its errant transactions. Reads the
    // logs on the server, so it runs on a thread of its own like the operations.
    routes.add("GET", u"locate-gtid-errant/:host/:port"_s, Access::Read, [this, &node](const Params &p, const ApiRequest &, Reply reply) {
        const auto key = keyOf(p, u"host"_s, u"port"_s);
        if (!key.ok()) {
            reply(ApiResponse::error(400, key.error()));
            return;
        }
        const auto i = node.state().instance(key.value());
        if (!i) {
            reply(ApiResponse::error(404, u"Cannot read instance: %1 is not known; discover it first"_s.arg(key->toString())));
            return;
        }
        const QString errant = m_routes.instanceJson(*i).value(u"GtidErrant"_s).toString();
        if (errant.isEmpty()) {
            // As orchestrator answers it (scripts test the exit code of orchestrator-client).
            reply(ApiResponse::error(404, u"no errant GTID on %1: nothing to locate"_s.arg(key->toString())));
            return;
        }
        const auto poller = node.config().pollerOptions();
        if (!poller.ok()) {
            reply(ApiResponse::error(500, poller.error()));
            return;
        }
        const ProbeOptions probe = poller->probe;
        const Instance replica = *i;
        QPointer<QObject> alive(&node);
        QThread *thread = QThread::create([alive, probe, replica, errant, reply]() {
            OpsConnection connection(replica.key, probe.credentials, probe.connectTimeoutSeconds, 60);
            const Result<QStringList> found = ErrantLocator::locate(connection, replica, errant);
            connection.close();
            if (!alive)
                return;
            QMetaObject::invokeMethod(alive.data(), [found, reply, errant, replica] {
                if (!found.ok()) {
                    reply(ApiResponse::error(500, u"Cannot locate errant GTID on %1: %2"_s.arg(replica.key.toString(), found.error())));
                    return;
                }
                reply(ApiResponse::ok(u"located errant GTID"_s, QJsonArray::fromStringList(found.value())));
            }, Qt::QueuedConnection);
        });
        m_threads.removeAll(QPointer<QThread>());
        m_threads.append(thread);
        QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        thread->start();
    });

    // orchestrator's restart-replica-statements: the statements (not run) that apply a query needing
    // replication stopped and leave both threads as they are now.
    for (const QString &name : {u"restart-replica-statements"_s, u"restart-slave-statements"_s}) {
        routes.add("GET", name + u"/:host/:port"_s, Access::Read, [&node](const Params &p, const ApiRequest &http, Reply reply) {
            const auto key = keyOf(p, u"host"_s, u"port"_s);
            if (!key.ok()) {
                reply(ApiResponse::error(400, key.error()));
                return;
            }
            const auto i = node.state().instance(key.value());
            if (!i) {
                reply(ApiResponse::error(404, u"Cannot read instance: %1 is not known; discover it first"_s.arg(key->toString())));
                return;
            }
            const QString query = http.query.queryItemValue(u"q"_s, QUrl::FullyDecoded).trimmed();
            if (query.isEmpty()) {
                reply(ApiResponse::error(400, u"no statement given: add ?q=STATEMENT"_s));
                return;
            }
            const Dialect d = Dialect::forServer(i->version, i->versionComment);
            const bool io = i->replication && i->replication->ioThread != ReplicationState::ThreadState::Stopped;
            const bool sql = i->replication && i->replication->sqlThread == ReplicationState::ThreadState::Running;
            QJsonArray out;
            if (io)
                out.append(d.stopReplicaThreadStatement(true));
            if (sql)
                out.append(d.stopReplicaThreadStatement(false));
            out.append(query);
            if (sql)
                out.append(d.startReplicaThreadStatement(false));
            if (io)
                out.append(d.startReplicaThreadStatement(true));
            reply(ApiResponse::ok(u"statements for: %1"_s.arg(key->toString()), out));
        });
    }

    // orchestrator's answer: 200, Code OK, Message "true" or "false", Details the source's key (the
    // client prints it when the Message says true). Arbor adds why (Rule, Reason) or how (Method).
    for (const bool gtid : {false, true}) {
        const QString name = gtid ? u"can-replicate-from-gtid"_s : u"can-replicate-from"_s;
        routes.add("GET", name + u"/:host/:port/:belowHost/:belowPort"_s, Access::Read,
                   [&node, gtid](const Params &p, const ApiRequest &, Reply reply) {
                       const auto replica = keyOf(p, u"host"_s, u"port"_s);
                       const auto source = keyOf(p, u"belowHost"_s, u"belowPort"_s);
                       if (!replica.ok() || !source.ok()) {
                           reply(ApiResponse::error(400, replica.ok() ? source.error() : replica.error()));
                           return;
                       }
                       for (const InstanceKey &k : {replica.value(), source.value()}) {
                           if (!node.state().instance(k)) {
                               reply(ApiResponse::error(404, u"Cannot read instance: %1 is not known; discover it first"_s.arg(k.toString())));
                               return;
                           }
                       }
                       const OperationPlan plan = OperationRunner::plan(
                           node.state().instances(),
                           OperationRequest{gtid ? OperationKind::MoveGtid : OperationKind::Relocate, replica.value(), source.value(), {}, {}});
                       QJsonObject details = keyJson(source.value());
                       if (plan.refusal) {
                           details.insert(u"Rule"_s, plan.refusal->rule);
                           details.insert(u"Reason"_s, plan.refusal->message);
                           reply(ApiResponse::ok(u"false"_s, details));
                           return;
                       }
                       details.insert(u"Method"_s, plan.method);
                       reply(ApiResponse::ok(u"true"_s, details));
                   });
    }
}

OperationRoutes::~OperationRoutes()
{
    for (const QPointer<QThread> &t : std::as_const(m_threads)) {
        if (t)
            t->wait();
    }
}

void OperationRoutes::run(const OperationRequest &request, const ApiRequest &http, Reply reply)
{
    for (const InstanceKey &k : {request.instance, request.target}) {
        if (k.isValid() && !m_node.state().instance(k)) {
            reply(ApiResponse::error(404, u"%1 is not known; discover it first"_s.arg(k.toString())));
            return;
        }
    }
    const ServiceConfig &config = m_node.config();
    const auto poller = config.pollerOptions();
    const auto storeOptions = config.storeOptions();
    if (!poller.ok() || !storeOptions.ok()) {
        reply(ApiResponse::error(500, poller.ok() ? storeOptions.error() : poller.error()));
        return;
    }
    OperationRunner::Options options;
    options.probe = poller->probe;
    options.who = u"%1@api(%2)"_s.arg(http.user, http.peer.toString());
    // Admitted by the active node; it stays so only while it holds the lease (isActive() reads an atomic).
    ServiceNode *leaseHolder = &m_node;
    options.holdsLease = [leaseHolder] { return leaseHolder->isActive(); };
    if (const auto recovery = config.recovery.resolvedOptions(); recovery.ok()) {
        options.operation.replicationUser = recovery->replicationUser;
        options.operation.replicationPassword = recovery->replicationPassword;
    }
    const QList<Instance> facts = m_node.state().instances();
    QPointer<QObject> node(&m_node);
    ServiceNode *nodePtr = &m_node;
    ApiRoutes *routes = &m_routes;
    auto finish = [node, nodePtr, routes, request, reply](const OperationRunner::Outcome &outcome) {
        if (!node)
            return;
        // The servers it touched are polled now, so every view (and the reply) shows the result.
        nodePtr->discoverMany(outcome.executed.touched());
        if (!outcome.ok) {
            const int status = outcome.result == u"refused"_s || outcome.result == u"busy"_s ? 409
                               : outcome.result == u"fenced"_s                                 ? 503
                                                                                               : 500;
            QJsonObject details{{u"Result"_s, outcome.result}, {u"Method"_s, outcome.executed.method},
                                {u"DurationMs"_s, outcome.durationMs}};
            if (outcome.executed.refusal)
                details.insert(u"Rule"_s, outcome.executed.refusal->rule);
            reply(ApiResponse::error(status, outcome.message, details));
            return;
        }
        const QJsonObject extra{{u"ArborMethod"_s, outcome.executed.method}, {u"ArborDurationMs"_s, outcome.durationMs}};
        if (returnsList(request.kind))
            replyFresh(*nodePtr, *routes, outcome.executed.toSources.keys(), true, outcome.message, extra, reply);
        else
            replyFresh(*nodePtr, *routes, {request.instance}, false, outcome.message, extra, reply);
    };
    const StoreOptions store = storeOptions.value();
    QThread *thread = QThread::create([node, options, store, facts, request, finish]() mutable {
        OperationRunner::Outcome outcome;
        {
            // The lock and the audit go to the shared backend through this thread's own connection.
            Store backend(store);
            if (auto opened = backend.open(); !opened.ok()) {
                outcome.result = u"failed"_s;
                outcome.message = u"nothing ran: the backend could not be opened for the cluster lock and the audit (%1)"_s.arg(
                    opened.error());
            } else {
                options.store = &backend;
                OperationRunner runner(options);
                outcome = runner.run(facts, request);
            }
        }
        if (node)
            QMetaObject::invokeMethod(node.data(), [finish, outcome] { finish(outcome); }, Qt::QueuedConnection);
    });
    m_threads.removeAll(QPointer<QThread>());
    m_threads.append(thread);
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace arbor::core
