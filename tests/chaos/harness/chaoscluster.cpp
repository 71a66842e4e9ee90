#include "chaoscluster.h"

#include "servicebackend.h"
#include "serviceconfig.h"
#include "waitfor.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <csignal>

using namespace Qt::Literals::StringLiterals;
using arbor::core::Result;
using namespace arbor::testsupport;

namespace arbor::chaos {

namespace {
const QString kBackendDatabase = u"arbor_chaos"_s;
}

ChaosCluster::ChaosCluster(ChaosOptions options) : m_options(std::move(options))
{
    // ARBOR_CHAOS_KEEP=1 keeps the nodes' configs and logs for a post-mortem.
    if (qEnvironmentVariableIsSet("ARBOR_CHAOS_KEEP")) {
        m_dir.setAutoRemove(false);
        qInfo("chaos: node configs and logs stay in %s", qPrintable(m_dir.path()));
    }
}

ChaosCluster::~ChaosCluster()
{
    for (int n : m_frozenNodes) {
        if (n < nodeCount() && m_nodes[size_t(n)]->isRunning())
            m_nodes[size_t(n)]->sendSignal(SIGCONT);
    }
    if (m_monitor)
        m_monitor->stop();
    if (m_workload)
        m_workload->stop();
    for (auto &n : m_nodes)
        n->stop();
    m_nodes.clear();
    if (m_topology) {
        for (int i = 0; i < m_topology->size(); ++i) {
            if (m_topology->isRunning(i))
                (void)m_topology->resume(i);
        }
    }
    m_topology.reset();
    m_backend.reset();
}

Result<void> ChaosCluster::start()
{
    if (!m_dir.isValid())
        return Result<void>::failure(u"cannot create a temporary directory"_s);
    // The topology first: a backend with a pinned clock should start as late as it can.
    SandboxOptions topology{SandboxShape::Star, 1 + m_options.replicas, true};
    topology.replicaNetTimeout = m_options.replicaNetTimeout;
    topology.groupIdBase = int(serverGroup(0));
    topology.extraArguments = m_options.serverArguments;
    m_topology = std::make_unique<Sandbox>(topology);
    if (auto s = m_topology->start(); !s.ok())
        return Result<void>::failure(u"topology: "_s + s.error());

    m_backend = std::make_unique<Sandbox>(SandboxOptions{SandboxShape::Single, 1, true});
    // Children inherit the environment at start(): set only around the backend's start.
    for (auto it = m_options.backendEnvironment.constBegin(); it != m_options.backendEnvironment.constEnd(); ++it)
        qputenv(it.key().toLocal8Bit().constData(), it.value().toLocal8Bit());
    const auto backend = startServiceBackend(*m_backend, kBackendDatabase, m_dir.path());
    for (auto it = m_options.backendEnvironment.constBegin(); it != m_options.backendEnvironment.constEnd(); ++it)
        qunsetenv(it.key().toLocal8Bit().constData());
    if (!backend.ok())
        return Result<void>::failure(u"backend: "_s + backend.error());
    for (const QString &sql : Workload::schema()) {
        if (auto e = m_topology->execute(0, sql); !e.ok())
            return e;
    }
    const bool replicated = waitFor([&] {
        for (int i = 1; i < size(); ++i) {
            if (rowsOf(i, u"SHOW TABLES FROM chaos LIKE 'acks'"_s).isEmpty())
                return false;
        }
        return true;
    }, 15000);
    if (!replicated)
        return Result<void>::failure(u"the workload's table did not reach every replica"_s);
    QStringList sockets;
    for (int i = 0; i < size(); ++i)
        sockets << m_topology->socketPath(i);
    m_workload = std::make_unique<Workload>(sockets, m_options.writers);

    QList<InvariantMonitor::Node> monitored;
    for (int n = 0; n < m_options.nodes; ++n) {
        auto node = std::make_unique<ServiceProcess>(QStringLiteral(ARBOR_BINARY), m_dir.path(), u"node%1"_s.arg(n));
        node->setGroupId(nodeGroup(n));
        QJsonObject config{
            {u"backend"_s, backend.value()},
            {u"topology"_s, serviceTopologySection(*m_topology)},
            {u"election"_s, QJsonObject{{u"leaseSeconds"_s, m_options.leaseSeconds}}},
            {u"node"_s, QJsonObject{{u"name"_s, u"chaos-node%1"_s.arg(n)}}},
            // The harness drives the nodes without credentials (register-candidate, recover).
            {u"api"_s, QJsonObject{{u"listen"_s, node->listenAddress()}, {u"anonymous"_s, u"operator"_s}}},
            {u"log"_s, QJsonObject{{u"level"_s, u"info"_s}}},
            {u"RecoverMasterClusterFilters"_s, QJsonArray{u"*"_s}},
            {u"RecoveryPeriodBlockSeconds"_s, 3600},
        };
        for (auto it = m_options.extraConfig.constBegin(); it != m_options.extraConfig.constEnd(); ++it)
            config.insert(it.key(), it.value());
        if (auto w = node->writeConfig(config); !w.ok())
            return w;
        monitored.append(InvariantMonitor::Node{u"chaos-node%1"_s.arg(n), node->port()});
        m_nodes.push_back(std::move(node));
    }
    if (auto s = startNodes(); !s.ok())
        return s;
    m_monitor = std::make_unique<InvariantMonitor>(sockets, monitored, m_backend->socketPath(0), kBackendDatabase);
    m_monitor->start();
    return Result<void>::success();
}

Result<void> ChaosCluster::startNodes()
{
    // Node 0 first, so that it is the active one.
    for (int n = 0; n < nodeCount(); ++n) {
        ServiceProcess &node = *m_nodes[size_t(n)];
        const QHash<QString, QString> env = n == 0 ? m_options.node0Environment : QHash<QString, QString>{};
        for (auto it = env.constBegin(); it != env.constEnd(); ++it)
            qputenv(it.key().toLocal8Bit().constData(), it.value().toLocal8Bit());
        node.start();
        for (auto it = env.constBegin(); it != env.constEnd(); ++it)
            qunsetenv(it.key().toLocal8Bit().constData());
        if (!node.waitForStarted() || !node.waitForPing(30000))
            return Result<void>::failure(u"node %1 did not answer: %2"_s.arg(n).arg(node.log(2000)));
        if (n == 0 && !waitFor([&] { return activeNode() == 0; }, 20000))
            return Result<void>::failure(u"node 0 did not become active: %1"_s.arg(node.log(2000)));
    }
    const QString path = u"/api/cluster/instance/127.0.0.1/%1"_s.arg(m_topology->port(0));
    if (!waitFor([&] { return api(0, path).array().size() == size(); }, 20000))
        return Result<void>::failure(u"node 0 did not discover the %1 servers: %2"_s.arg(size()).arg(logs()));
    // A standby learns the topology from the backend (the active node's snapshots). One that takes over
    // before it has seen them polls only its seeds: with the master dead it finds no replica and has
    // nothing to recover. Scenarios start once every standby knows every server, as a service that has
    // run for more than a moment does.
    for (int n = 1; n < nodeCount(); ++n) {
        if (!waitFor([&] { return api(n, path).array().size() == size(); }, 20000))
            return Result<void>::failure(u"standby node %1 did not learn the %2 servers from the backend: %3"_s.arg(n).arg(size()).arg(logs()));
    }
    return Result<void>::success();
}

int ChaosCluster::activeNode()
{
    int found = -1;
    for (int n = 0; n < nodeCount(); ++n) {
        if (!m_nodes[size_t(n)]->isRunning())
            continue;
        if (m_nodes[size_t(n)]->get(u"/api/leader-check"_s, {}, 700).status == 200)
            found = found == -1 ? n : -2;
    }
    return found;
}

QJsonDocument ChaosCluster::api(int n, const QString &path, int timeoutMs)
{
    const ServiceReply r = m_nodes[size_t(n)]->get(path, {}, timeoutMs);
    return r.status == 200 ? QJsonDocument::fromJson(r.body) : QJsonDocument();
}

QJsonArray ChaosCluster::recoveries(int n)
{
    return api(n, u"/api/audit-recovery"_s).array();
}

QJsonArray ChaosCluster::successfulRecoveries(int n)
{
    QJsonArray out;
    for (const QJsonValue &v : recoveries(n)) {
        if (v.toObject().value(u"IsSuccessful"_s).toBool())
            out.append(v);
    }
    return out;
}

QString ChaosCluster::analysisOf(int n, int i)
{
    return analysisEntryOf(n, i).value(u"Analysis"_s).toString();
}

QJsonObject ChaosCluster::analysisEntryOf(int n, int i)
{
    const QJsonArray entries = api(n, u"/api/replication-analysis"_s).object().value(u"Details"_s).toArray();
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        if (e.value(u"AnalyzedInstanceKey"_s).toObject().value(u"Port"_s).toInt() == m_topology->port(i))
            return e;
    }
    return {};
}

int ChaosCluster::indexOfPort(int port) const
{
    for (int i = 0; i < m_topology->size(); ++i) {
        if (m_topology->port(i) == port)
            return i;
    }
    return -1;
}

QJsonObject ChaosCluster::waitForRecovery(int n, int timeoutMs)
{
    QJsonArray done;
    waitFor([&] { return !(done = successfulRecoveries(n)).isEmpty(); }, timeoutMs);
    return done.isEmpty() ? QJsonObject() : done.first().toObject();
}

int ChaosCluster::successorOf(const QJsonObject &recovery) const
{
    const int port = recovery.value(u"SuccessorKey"_s).toObject().value(u"Port"_s).toInt();
    return port == 0 ? -1 : indexOfPort(port);
}

QList<QVariantMap> ChaosCluster::rowsOf(int i, const QString &sql)
{
    const auto rows = m_topology->query(i, sql);
    return rows.ok() ? rows.value() : QList<QVariantMap>{};
}

bool ChaosCluster::replicatesFrom(int replica, int source)
{
    const QList<QVariantMap> rows = rowsOf(replica, u"SHOW SLAVE STATUS"_s);
    if (rows.isEmpty())
        return false;
    const QVariantMap &r = rows.constFirst();
    return r.value(u"Master_Port"_s).toInt() == m_topology->port(source) && r.value(u"Slave_IO_Running"_s) == u"Yes"_s
           && r.value(u"Slave_SQL_Running"_s) == u"Yes"_s;
}

QList<int> ChaosCluster::replicasOf(int source)
{
    QList<int> out;
    for (int i = 0; i < size(); ++i) {
        if (i == source || !m_topology->isRunning(i))
            continue;
        const QList<QVariantMap> rows = rowsOf(i, u"SHOW SLAVE STATUS"_s);
        if (rows.isEmpty())
            continue;
        const QString io = rows.constFirst().value(u"Slave_IO_Running"_s).toString();
        if (rows.constFirst().value(u"Master_Port"_s).toInt() == m_topology->port(source) && io != u"No"_s)
            out.append(i);
    }
    return out;
}

int ChaosCluster::readOnly(int i)
{
    const QList<QVariantMap> rows = rowsOf(i, u"SELECT @@GLOBAL.read_only AS ro"_s);
    return rows.isEmpty() ? -1 : rows.constFirst().value(u"ro"_s).toInt();
}

Result<void> ChaosCluster::survivorsFollow(int master, int timeoutMs, int replaced)
{
    QString problem;
    const bool ok = waitFor([&] {
        if (readOnly(master) != 0) {
            problem = u"the final master %1 is not writable"_s.arg(master);
            return false;
        }
        if (!rowsOf(master, u"SHOW SLAVE STATUS"_s).isEmpty()) {
            const QVariantMap r = rowsOf(master, u"SHOW SLAVE STATUS"_s).value(0);
            if (r.value(u"Slave_IO_Running"_s) != u"No"_s) {
                problem = u"the final master %1 still replicates from port %2"_s.arg(master).arg(r.value(u"Master_Port"_s).toInt());
                return false;
            }
        }
        for (int i = 0; i < size(); ++i) {
            if (i != master && i != replaced && m_topology->isRunning(i) && !replicatesFrom(i, master)) {
                const QVariantMap r = rowsOf(i, u"SHOW SLAVE STATUS"_s).value(0);
                problem = u"server %1 does not replicate from the final master %2 (Master_Port %3, IO %4, SQL %5, %6)"_s.arg(i)
                              .arg(master)
                              .arg(r.value(u"Master_Port"_s).toInt())
                              .arg(r.value(u"Slave_IO_Running"_s).toString(), r.value(u"Slave_SQL_Running"_s).toString(),
                                   r.value(u"Last_IO_Error"_s).toString() + r.value(u"Last_SQL_Error"_s).toString());
                return false;
            }
        }
        return true;
    }, timeoutMs);
    return ok ? Result<void>::success() : Result<void>::failure(problem);
}

Result<QList<Workload::Ack>> ChaosCluster::lostAcknowledged(int master)
{
    m_workload->stop();
    const auto rows = m_topology->query(master, u"SELECT id FROM chaos.acks"_s);
    if (!rows.ok())
        return Result<QList<Workload::Ack>>::failure(rows.error());
    QSet<qint64> present;
    for (const QVariantMap &r : rows.value())
        present.insert(r.value(u"id"_s).toLongLong());
    return m_workload->missingFrom(present);
}

Result<qsizetype> ChaosCluster::reportLost(int master, const char *scenario)
{
    const auto lost = lostAcknowledged(master);
    if (!lost.ok())
        return Result<qsizetype>::failure(lost.error());
    qInfo("%s: %lld acknowledged writes, %lld lost (asynchronous replication)", scenario, qint64(m_workload->acknowledgedCount()),
          qint64(lost->size()));
    return lost->size();
}

Result<void> ChaosCluster::checkStepsUnderLease()
{
    static const QRegularExpression started(u"recovery (\\S+) started"_s);
    QHash<QString, QString> nodeOf;
    for (int n = 0; n < nodeCount(); ++n) {
        auto it = started.globalMatch(m_nodes[size_t(n)]->log());
        while (it.hasNext())
            nodeOf.insert(it.next().captured(1), u"chaos-node%1"_s.arg(n));
    }
    const auto steps = m_backend->query(
        0, u"SELECT recovery_uid, step_at, what FROM %1.recovery_steps WHERE kind = 'sql' ORDER BY step_at"_s.arg(kBackendDatabase));
    if (!steps.ok())
        return Result<void>::failure(steps.error());
    const QList<QPair<QString, qint64>> sightings = m_monitor->leaseSightings();
    const qint64 leaseMs = qint64(m_options.leaseSeconds) * 1000;
    QStringList bad;
    for (const QVariantMap &s : steps.value()) {
        const QString uid = s.value(u"recovery_uid"_s).toString();
        const qint64 at = s.value(u"step_at"_s).toLongLong();
        QString node = nodeOf.value(uid);
        // A step a node ran for a recovery another node started (an old master fenced when it came
        // back, after a change of leader): the node whose log names the step ran it.
        const QString ranBy = u"recovery %1: sql %2"_s.arg(uid, s.value(u"what"_s).toString());
        for (int n = 0; n < nodeCount(); ++n) {
            if (u"chaos-node%1"_s.arg(n) != node && m_nodes[size_t(n)]->log().contains(ranBy))
                node = u"chaos-node%1"_s.arg(n);
        }
        if (node.isEmpty()) {
            bad << u"step '%1' of recovery %2: no node logged that recovery"_s.arg(s.value(u"what"_s).toString(), uid);
            continue;
        }
        bool held = false;
        for (const auto &[name, seen] : sightings)
            held = held || (name == node && seen <= at + 100 && at - seen < leaseMs);
        if (!held)
            bad << u"step '%1' of recovery %2 by %3 at %4: no lease renewal by %3 within %5 ms before it"_s.arg(
                s.value(u"what"_s).toString(), uid, node, QString::number(at), QString::number(leaseMs));
    }
    if (!bad.isEmpty())
        return Result<void>::failure(bad.join(u'\n'));
    return Result<void>::success();
}

Result<QList<ChaosCluster::Step>> ChaosCluster::stepsOf(const QString &uid)
{
    using R = Result<QList<Step>>;
    if (uid.contains(u'\'') || uid.contains(u'\\'))
        return R::failure(u"not a recovery uid: %1"_s.arg(uid));
    const auto rows = m_backend->query(
        0, u"SELECT step_at, kind, what, ok FROM %1.recovery_steps WHERE recovery_uid = '%2' ORDER BY id"_s.arg(kBackendDatabase, uid));
    if (!rows.ok())
        return R::failure(rows.error());
    QList<Step> out;
    for (const QVariantMap &r : rows.value())
        out.append(Step{r.value(u"step_at"_s).toLongLong(), r.value(u"kind"_s).toString(), r.value(u"what"_s).toString(),
                        r.value(u"ok"_s).toInt() != 0});
    return out;
}

QString ChaosCluster::logs(qsizetype tail) const
{
    QString out;
    for (int n = 0; n < nodeCount(); ++n)
        out += u"\n--- node%1 log (tail) ---\n%2"_s.arg(n).arg(m_nodes[size_t(n)]->log(tail));
    return out;
}

} // namespace arbor::chaos
