#include "recoverynode.h"

#include "waitfor.h"

#include "analysis/analysismonitor.h"
#include "model/topologystate.h"
#include "probe/poller.h"
#include "core/recovery/recoverycoordinator.h"
#include "store/store.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport {

using namespace core;

RecoveryNode::RecoveryNode(SandboxShape shape, int servers, RecoveryOptions options, bool automatic)
{
    if (!Sandbox::available()) {
        m_unavailable = true;
        m_problem = u"mariadbd is not installed"_s;
        return;
    }
    m_sandbox = std::make_unique<Sandbox>(SandboxOptions{shape, servers, true});
    if (auto s = m_sandbox->start(); !s.ok()) {
        m_problem = s.error();
        return;
    }
    start({m_sandbox->key(0), m_sandbox->size(), Credentials(m_sandbox->user(), m_sandbox->password()),
           m_sandbox->replicationUser(), m_sandbox->replicationPassword()},
          std::move(options), automatic);
}

RecoveryNode::RecoveryNode(const Servers &servers, RecoveryOptions options, bool automatic)
{
    start(servers, std::move(options), automatic);
}

void RecoveryNode::start(const Servers &servers, RecoveryOptions options, bool automatic)
{
    m_store = std::make_unique<Store>(StoreOptions::sqlite(m_dir.filePath(u"arbor.sqlite3"_s)));
    if (auto o = m_store->open(); !o.ok()) {
        m_problem = o.error();
        return;
    }
    PollerOptions po;
    po.probe.credentials = servers.credentials;
    po.probe.connectTimeoutSeconds = 1;
    po.probe.readTimeoutSeconds = 1;
    po.pollIntervalMs = 1000;
    m_poller = std::make_unique<Poller>(po);
    m_state = std::make_unique<TopologyState>();
    QObject::connect(m_poller.get(), &Poller::instancePolled, m_state.get(), &TopologyState::update);
    m_monitor = std::make_unique<AnalysisMonitor>(m_state.get(), m_poller.get());
    options.replicationUser = servers.replicationUser;
    options.replicationPassword = servers.replicationPassword;
    m_coordinator = std::make_unique<RecoveryCoordinator>(m_state.get(), m_monitor.get(), m_poller.get(), m_store.get(),
                                                          options, po.probe);
    m_coordinator->setAutomatic(automatic);
    QObject::connect(m_coordinator.get(), &RecoveryCoordinator::recoveryFinished,
                     [this](const RecoveryRecord &r) { m_finished.append(r); });
    QObject::connect(m_coordinator.get(), &RecoveryCoordinator::recoveryBlocked,
                     [this](const RecoveryRecord &r, const QString &) { m_blocked.append(r); });
    m_poller->addInstance(servers.seed);
    m_poller->start();
    if (!waitFor([&] { return m_poller->isSettled() && int(m_state->instances().size()) == servers.count; }, 20000))
        m_problem = u"the poller did not discover the %1 servers from %2"_s.arg(servers.count).arg(servers.seed.toString());
}

RecoveryNode::~RecoveryNode()
{
    m_coordinator.reset();
    m_monitor.reset();
    m_poller.reset();
    if (m_sandbox) {
        for (int i = 0; i < m_sandbox->size(); ++i) {
            if (m_sandbox->isRunning(i))
                (void)m_sandbox->resume(i);
        }
    }
}

bool RecoveryNode::replicatesFrom(int replica, int source)
{
    if (!m_sandbox)
        return false;
    const auto rows = m_sandbox->query(replica, u"SHOW SLAVE STATUS"_s);
    if (!rows.ok() || rows->isEmpty())
        return false;
    const QVariantMap &r = rows->constFirst();
    return r.value(u"Master_Port"_s).toInt() == m_sandbox->port(source) && r.value(u"Slave_IO_Running"_s).toString() == u"Yes"_s
           && r.value(u"Slave_SQL_Running"_s).toString() == u"Yes"_s;
}

int RecoveryNode::readOnly(int server)
{
    if (!m_sandbox)
        return -1;
    const auto r = m_sandbox->query(server, u"SELECT @@read_only AS ro"_s);
    return r.ok() && !r->isEmpty() ? r->constFirst().value(u"ro"_s).toInt() : -1;
}

int RecoveryNode::rows(int server, const QString &table)
{
    if (!m_sandbox)
        return -1;
    const auto r = m_sandbox->query(server, u"SELECT COUNT(*) AS n FROM %1"_s.arg(table));
    return r.ok() && !r->isEmpty() ? r->constFirst().value(u"n"_s).toInt() : -1;
}

bool RecoveryNode::analysisBecomes(const InstanceKey &key, AnalysisCode code, int timeoutMs)
{
    return waitFor([&] {
        const auto a = m_monitor->analysisOf(key);
        return a && a->code == code;
    }, timeoutMs);
}

RecoveryNode::StepOrder RecoveryNode::stepOrder(const QString &uid, const QString &preHook, const QString &postHook)
{
    StepOrder order;
    const auto steps = m_store->readRecoverySteps(uid);
    if (!steps.ok())
        return order;
    for (int i = 0; i < int(steps->size()); ++i) {
        const RecoveryStep &s = steps->at(i);
        if (s.kind == u"hook"_s && s.what.startsWith(preHook))
            order.preHook = i;
        if (s.kind == u"hook"_s && s.what.startsWith(postHook))
            order.postHook = i;
        if (s.kind == u"sql"_s) {
            order.firstSql = order.firstSql < 0 ? i : order.firstSql;
            order.lastSql = i;
        }
    }
    return order;
}

bool RecoveryNode::setPromotionRule(int server, PromotionRule rule)
{
    return m_sandbox && setPromotionRule(m_sandbox->key(server), rule);
}

bool RecoveryNode::setPromotionRule(const InstanceKey &key, PromotionRule rule)
{
    return m_store->setPromotionRule(PromotionRuleEntry{key, rule, {}, {}}).ok();
}

} // namespace arbor::testsupport
