#include "ha/servicenode.h"

#include "ha/leaderelection.h"
#include "ha/leaderlock.h"
#include "history/historysampler.h"
#include "metrics/graphitepusher.h"
#include "ops/maintenance.h"
#include "probe/poller.h"
#include "store/store.h"
#include "store/storewriter.h"

#include <QDateTime>
#include <QSet>
#include <QSysInfo>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

ServiceNode::ServiceNode(ServiceConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_startedAt(QDateTime::currentDateTimeUtc()),
      m_pollMetrics(m_config.metricsRetentionSeconds, m_config.pollSeconds * 1000),
      m_queryMetrics(m_config.metricsRetentionSeconds)
{
    connect(&m_graphiteTimer, &QTimer::timeout, this, [this] {
        if (m_graphite)
            m_graphite->push(metrics());
    });
    applyAliasPatterns();
}

void ServiceNode::applyAliasPatterns()
{
    QList<std::pair<QRegularExpression, QString>> patterns;
    for (const auto &[pattern, alias] : m_config.clusterNameToAlias)
        patterns.append({QRegularExpression(pattern), alias});
    m_state.setAliasPatterns(patterns);
}

ServiceNode::~ServiceNode()
{
    shutdown();
}

QString ServiceNode::token() const
{
    return m_electionLoop ? m_electionLoop->token() : QString();
}

Result<void> ServiceNode::start()
{
    auto storeOptions = m_config.storeOptions();
    if (!storeOptions)
        return Result<void>::failure(storeOptions.error());
    if (auto poller = m_config.pollerOptions(); !poller)
        return Result<void>::failure(poller.error());

    // Migrations run here, under the store's schema lock, before any node reads the lease table.
    m_store = std::make_unique<Store>(storeOptions.value());
    if (auto opened = m_store->open(); !opened)
        return opened;
    m_writer = std::make_unique<StoreWriter>(storeOptions.value(), 200, 1000);
    if (auto started = m_writer->start(); !started)
        return started;
    // During a backend outage every batch fails; one line per 30 s keeps the log readable.
    connect(m_writer.get(), &StoreWriter::writeFailed, this, [this](const QString &error) {
        const auto suppressed = m_writeFailureLog.admit();
        if (!suppressed)
            return;
        qWarning().noquote() << u"could not write instance snapshots to the backend (kept in memory): %1%2"_s.arg(
            error, *suppressed ? u" (%1 more failed writes in the last 30 s not logged)"_s.arg(*suppressed) : QString());
    });

    // Any node answers reads from the start: load what the backend knows.
    if (auto instances = m_store->readInstances()) {
        for (const Instance &i : instances.value())
            m_state.update(i);
    }

    LeaderElection::Options o;
    o.store = storeOptions.value();
    o.nodeName = nodeName();
    o.hostname = QSysInfo::machineHostName();
    o.apiUrl = m_config.effectiveAdvertiseUrl();
    o.appVersion = QStringLiteral(ARBOR_VERSION);
    o.leaseSeconds = m_config.leaseSeconds;
    o.renewMs = m_config.renewMilliseconds;
    m_electionLoop = std::make_unique<LeaderElection>(o, &m_queryMetrics);
    connect(m_electionLoop.get(), &LeaderElection::stateChanged, this, &ServiceNode::onElection);
    connect(m_electionLoop.get(), &LeaderElection::instancesRead, this, &ServiceNode::onInstancesRead);
    connect(m_electionLoop.get(), &LeaderElection::downtimesRead, this, &ServiceNode::onDowntimes);
    connect(m_electionLoop.get(), &LeaderElection::aliasesRead, this, [this](const QHash<QString, QString> &aliases) {
        if (aliases != m_aliases) {
            m_aliases = aliases;
            m_state.setAliases(aliases);
        }
    });
    connect(m_electionLoop.get(), &LeaderElection::backendLost, this, [this](const QString &error) {
        qWarning().noquote() << u"backend unreachable: %1. %2"_s.arg(
            error, isPolling() ? u"Polling goes on in memory; no automatic recovery until the lease is renewed."_s
                               : u"This standby waits for the backend."_s);
    });
    connect(m_electionLoop.get(), &LeaderElection::backendRestored, this,
            [] { qInfo().noquote() << u"backend reachable again"_s; });
    m_electionLoop->setFollowInstances(true);
    const QString unsupported = m_config.leaderLock ? LeaderLock::unsupportedReason(storeOptions.value())
                                                    : u"election.leaderLock is off"_s;
    if (unsupported.isEmpty()) {
        LeaderLock::Options lo;
        lo.store = storeOptions.value();
        lo.token = token();
        lo.leaseSeconds = m_config.leaseSeconds;
        LeaderElection *election = m_electionLoop.get();
        m_leaderLock = std::make_unique<LeaderLock>(lo, [election](const QString &t) { election->takeOverFrom(t); });
    } else {
        qInfo().noquote() << u"%1: if the active node crashes, another takes over when its lease expires (%2 s)"_s.arg(
            unsupported).arg(m_config.leaseSeconds);
    }
    updateStatus();
    m_electionLoop->start();
    if (m_leaderLock)
        m_leaderLock->start();
    configureGraphite();
    qInfo().noquote() << u"node %1 started (token %2), backend %3, lease %4 s"_s.arg(
        nodeName(), token().left(8), storeOptions->describe()).arg(m_config.leaseSeconds);
    return Result<void>::success();
}

void ServiceNode::shutdown()
{
    if (!m_electionLoop)
        return;
    const bool wasActive = isActive();
    // Stop acting first, then hand the lease over, so that two nodes never poll at once.
    stopPolling();
    m_electionLoop->stop(true);
    m_leaderLock.reset(); // after the resignation: a standby that sees the lock free finds no lease to wait for
    m_electionLoop.reset();
    if (wasActive)
        qInfo().noquote() << u"gave up the active role: another node takes over at its next renewal"_s;
    if (m_writer) {
        m_writer->stop();
        m_writer.reset();
    }
    for (const Waiter &w : std::as_const(m_waiters))
        w.done(Result<Instance>::failure(u"the service is shutting down"_s));
    m_waiters.clear();
    m_store.reset();
}

bool ServiceNode::isActive() const
{
    return m_electionLoop && m_electionLoop->holdsLease();
}

Result<void> ServiceNode::fence(const QString &step) const
{
    if (isActive())
        return Result<void>::success();
    return Result<void>::failure(u"refused to %1: node %2 does not hold a valid active-node lease (%3); the active node "
                                 "will act"_s.arg(step, nodeName(),
                                                  m_election.backendOk ? u"another node is active"_s
                                                                       : u"the backend is unreachable"_s));
}

QString ServiceNode::status() const
{
    if (!m_election.backendOk && isPolling())
        return u"backend unreachable: polling %1 servers in memory, no automatic recovery without a lease"_s.arg(
            m_poller->instances().size());
    if (!m_election.backendOk)
        return u"backend unreachable: standby, waiting for it"_s;
    if (isPolling())
        return u"active: polling %1 servers"_s.arg(m_poller->instances().size());
    return u"standby: following the active node %1"_s.arg(m_election.activeNodeName.isEmpty() ? u"(none yet)"_s
                                                                                              : m_election.activeNodeName);
}

void ServiceNode::updateStatus()
{
    if (m_electionLoop)
        m_electionLoop->setStatus(status());
}

void ServiceNode::onElection(const ElectionState &state)
{
    const bool hadBackend = m_election.backendOk;
    m_election = state;
    const bool active = isActive();
    if (m_leaderLock)
        m_leaderLock->setRole(active, state.activeToken);
    // During an outage the node that was polling keeps polling (in memory); nobody else starts.
    const bool shouldPoll = active || (isPolling() && !state.backendOk);
    if (shouldPoll && !isPolling())
        startPolling();
    else if (!shouldPoll && isPolling())
        stopPolling();
    if (active != m_wasActive) {
        m_wasActive = active;
        if (active)
            qInfo().noquote() << u"became the active node"_s;
        else if (state.backendOk)
            qWarning().noquote() << u"no longer the active node (active now: %1)"_s.arg(
                state.activeNodeName.isEmpty() ? u"nobody yet"_s : state.activeNodeName);
        else
            qWarning().noquote() << u"lease expired while the backend is unreachable: automatic recovery is off until "
                                    "it is renewed"_s;
        Q_EMIT activeChanged(active);
    }
    if (!state.backendOk && state.backendError != m_lastLoggedBackendError && hadBackend)
        m_lastLoggedBackendError = state.backendError;
    if (state.backendOk)
        m_lastLoggedBackendError.clear();
    updateStatus();
}

void ServiceNode::startPolling()
{
    auto options = m_config.pollerOptions();
    if (!options) {
        qCritical().noquote() << u"cannot poll: %1"_s.arg(options.error());
        return;
    }
    m_electionLoop->setFollowInstances(false);
    m_electionLoop->setEagerReconnect(true);
    m_poller = std::make_unique<Poller>(options.value());
    // No store: the markers (relocations, recoveries) are the backend's audit, read by whoever draws.
    m_sampler = std::make_unique<HistorySampler>(m_poller.get(), &m_lagHistory);
    connect(m_poller.get(), &Poller::pollRecorded, this,
            [this](const PollRecord &record) { m_lastRecord.insert(record.key, record); });
    connect(m_poller.get(), &Poller::instancePolled, this, &ServiceNode::onPolled);
    connect(m_poller.get(), &Poller::instanceForgotten, this, [this](const InstanceKey &key) {
        m_pollMetrics.forget(key);
        m_state.remove(key);
    });
    m_pollMetrics.clear();
    QSet<InstanceKey> keys;
    for (const Instance &i : m_state.instances())
        keys.insert(i.key);
    for (const InstanceKey &key : m_config.seedKeys())
        keys.insert(key);
    for (const InstanceKey &key : std::as_const(keys))
        m_poller->addInstance(key);
    m_poller->start();
    qInfo().noquote() << u"polling %1 servers every %2 s"_s.arg(keys.size()).arg(m_config.pollSeconds);
    Q_EMIT pollingChanged(true);
    updateStatus();
}

void ServiceNode::stopPolling()
{
    if (!m_poller)
        return;
    m_poller->stop();
    m_sampler.reset();
    m_poller.reset();
    m_lastRecord.clear();
    if (m_writer)
        m_writer->flush();
    if (m_electionLoop) {
        m_electionLoop->setEagerReconnect(false);
        m_electionLoop->resetFollow();
        m_electionLoop->setFollowInstances(true);
    }
    for (const Waiter &w : std::as_const(m_waiters))
        w.done(Result<Instance>::failure(u"this node stopped being the active node before the poll finished"_s));
    m_waiters.clear();
    qInfo().noquote() << u"stopped polling"_s;
    Q_EMIT pollingChanged(false);
    updateStatus();
}

void ServiceNode::onPolled(const Instance &instance)
{
    const auto record = m_lastRecord.constFind(instance.key);
    if (record != m_lastRecord.cend())
        m_pollMetrics.record(*record, instance);
    m_state.update(instance);
    if (m_writer)
        m_writer->enqueue(m_state.instance(instance.key).value_or(instance));
    forgetIfUnseenTooLong(instance.key, instance.lastCheckValid);
    for (qsizetype i = 0; i < m_waiters.size();) {
        if (m_waiters.at(i).key == instance.key) {
            const Waiter w = m_waiters.takeAt(i);
            if (instance.lastCheckValid)
                w.done(instance);
            else
                w.done(Result<Instance>::failure(instance.lastError));
        } else {
            ++i;
        }
    }
}

void ServiceNode::forgetIfUnseenTooLong(const InstanceKey &key, bool reachable)
{
    if (reachable || m_config.unseenInstanceForgetHours <= 0) {
        m_unseenSince.remove(key);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto merged = m_state.instance(key);
    QDateTime since = merged ? merged->lastSeen : QDateTime();
    if (!since.isValid()) {
        auto it = m_unseenSince.find(key);
        if (it == m_unseenSince.end())
            it = m_unseenSince.insert(key, now);
        since = *it;
    }
    if (since.secsTo(now) < qint64(m_config.unseenInstanceForgetHours) * 3600)
        return;
    // Not from inside the poller's own signal: the poller is told to drop the server.
    QMetaObject::invokeMethod(this, [this, key, since] { forgetUnseen(key, since); }, Qt::QueuedConnection);
}

void ServiceNode::forgetUnseen(const InstanceKey &key, const QDateTime &since)
{
    if (!m_poller || !m_poller->contains(key))
        return; // forgotten already (two polls may have asked), or no longer this node's to poll
    const QString cluster = m_state.topology().clusterNameOf(key);
    m_unseenSince.remove(key);
    AuditEntry entry;
    entry.startedAt = QDateTime::currentDateTimeUtc();
    entry.who = u"arbor (UnseenInstanceForgetHours)"_s;
    entry.operation = u"forget"_s;
    entry.clusterName = cluster;
    entry.instance = key;
    entry.method = u"unseen"_s;
    const auto forgotten = forget(key);
    entry.result = forgotten ? u"ok"_s : u"failed"_s;
    entry.message = u"%1 was unreachable since %2, longer than UnseenInstanceForgetHours (%3 h): forgotten%4"_s.arg(
        key.toString(), since.toString(Qt::ISODate)).arg(m_config.unseenInstanceForgetHours)
                        .arg(forgotten ? QString() : u" failed: %1"_s.arg(forgotten.error()));
    if (forgotten)
        qInfo().noquote() << entry.message;
    else
        qWarning().noquote() << entry.message;
    if (auto s = store()) {
        if (auto written = s.value()->writeAudit(entry); !written)
            qWarning().noquote() << u"cannot write the audit of forgetting %1: %2"_s.arg(key.toString(), written.error());
    }
}

void ServiceNode::onInstancesRead(const QList<Instance> &changed, const QList<InstanceKey> &allKeys, bool haveAllKeys)
{
    if (isPolling())
        return; // this node's own polls are newer than anything in the backend
    for (const Instance &i : changed)
        m_state.update(i);
    if (haveAllKeys) {
        const QSet<InstanceKey> keep(allKeys.begin(), allKeys.end());
        for (const Instance &i : m_state.instances()) {
            if (!keep.contains(i.key))
                m_state.remove(i.key);
        }
    }
}

void ServiceNode::onDowntimes(const QHash<InstanceKey, QString> &reasons)
{
    if (reasons != m_state.downtimed())
        m_state.setDowntimed(reasons);
}

Result<Store *> ServiceNode::store()
{
    if (!m_store)
        return Result<Store *>::failure(u"the backend is not open: the service is not running"_s);
    if (!m_store->isOpen() || !m_election.backendOk) {
        if (auto opened = m_store->open(); !opened)
            return Result<Store *>::failure(opened.error());
    }
    return m_store.get();
}

void ServiceNode::discover(const InstanceKey &key, std::function<void(Result<Instance>)> done)
{
    if (!m_poller) {
        done(Result<Instance>::failure(u"node %1 is not polling; discover on the active node"_s.arg(nodeName())));
        return;
    }
    const InstanceKey known = m_poller->canonical(key); // another name of a polled server: that one
    if (m_poller->contains(known))
        m_poller->pollNow(known);
    else
        m_poller->discoverInstance(known);
    const quint64 id = ++m_nextWaiter;
    m_waiters.append({id, known, std::move(done)});
    const int timeoutMs = (m_config.connectTimeoutSeconds + m_config.readTimeoutSeconds) * 1000 + 3000;
    QTimer::singleShot(timeoutMs, this, [this, id, key] {
        for (qsizetype i = 0; i < m_waiters.size(); ++i) {
            if (m_waiters.at(i).id == id) {
                const Waiter w = m_waiters.takeAt(i);
                w.done(Result<Instance>::failure(u"%1 did not answer in time; it stays on the poll list"_s.arg(key.toString())));
                return;
            }
        }
    });
}

int ServiceNode::discoverMany(const QList<InstanceKey> &keys)
{
    if (!m_poller)
        return 0;
    int added = 0;
    for (const InstanceKey &key : keys) {
        if (m_poller->contains(key)) {
            m_poller->pollNow(key);
            ++added;
        } else if (m_poller->addInstance(key)) {
            ++added;
        }
    }
    updateStatus();
    return added;
}

Result<void> ServiceNode::forget(const InstanceKey &key)
{
    auto s = store();
    if (!s)
        return Result<void>::failure(s.error());
    Maintenance maintenance(s.value(), &m_state, m_poller.get());
    maintenance.setBeforeForget([this] {
        if (m_writer)
            m_writer->flush(); // a queued snapshot must not bring it back after the delete
    });
    if (auto r = maintenance.forget(key); !r)
        return r;
    m_pollMetrics.forget(key);
    return Result<void>::success();
}

Result<void> ServiceNode::beginDowntime(const Downtime &downtime)
{
    auto s = store();
    if (!s)
        return Result<void>::failure(s.error());
    return Maintenance(s.value(), &m_state).beginDowntime(downtime);
}

Result<void> ServiceNode::endDowntime(const InstanceKey &key)
{
    auto s = store();
    if (!s)
        return Result<void>::failure(s.error());
    return Maintenance(s.value(), &m_state).endDowntime(key);
}

QList<MetricSample> ServiceNode::metrics() const
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject agg = m_pollMetrics.aggregated(60);
    const QJsonObject backend = m_queryMetrics.aggregated(60);
    int unreachable = 0;
    for (const Instance &i : m_state.instances())
        unreachable += i.lastCheckValid ? 0 : 1;
    int available = 0;
    for (const NodeHealth &n : m_election.nodes)
        available += n.available && n.role != u"stopped"_s ? 1 : 0;
    return {
        {u"is_active"_s, u"1 when this node holds the active-node lease (orchestrator: elect.is_elected)"_s, false,
         isActive() ? 1.0 : 0.0},
        {u"is_polling"_s, u"1 when this node polls the topology"_s, false, isPolling() ? 1.0 : 0.0},
        {u"backend_up"_s, u"1 when the last backend round trip succeeded"_s, false, m_election.backendOk ? 1.0 : 0.0},
        {u"lease_remaining_seconds"_s, u"seconds this node may still act on its lease"_s, false,
         m_electionLoop ? double(m_electionLoop->leaseRemainingMs()) / 1000.0 : 0.0},
        {u"leader_lock_held"_s, u"1 when this (active) node holds its leader lock, whose release tells standbys it crashed"_s,
         false, m_leaderLock && m_leaderLock->holdsOwnLock() ? 1.0 : 0.0},
        {u"leader_lock_watched"_s, u"1 when this standby waits on the active node's leader lock (instant takeover)"_s,
         false, m_leaderLock && m_leaderLock->watchesActive() ? 1.0 : 0.0},
        {u"nodes_available"_s, u"service nodes seen recently in node_health"_s, false, double(available)},
        {u"instances_known"_s, u"servers in this node's topology"_s, false, double(m_state.instances().size())},
        {u"instances_unreachable"_s, u"servers whose last poll failed"_s, false, double(unreachable)},
        {u"poll_attempts_total"_s, u"polls finished since this node became active (discoveries.attempt)"_s, true,
         double(m_pollMetrics.attempts())},
        {u"poll_failures_total"_s, u"polls that failed (discoveries.fail)"_s, true, double(m_pollMetrics.failures())},
        {u"poll_overruns_total"_s,
         u"polls finished more than one interval after they were due (discoveries.instance_poll_seconds_exceeded)"_s, true,
         double(m_pollMetrics.overruns())},
        {u"poll_queue_length"_s, u"servers whose poll is overdue by more than an interval (discoveries.queue_length)"_s,
         false, double(m_pollMetrics.queueLength(now))},
        {u"poll_threads"_s, u"poll worker threads now; lanes add threads while servers hang and drop them when idle"_s,
         false, m_poller ? double(m_poller->workerThreads()) : 0.0},
        {u"polls_waiting_for_thread"_s, u"polls due and waiting for a free worker thread"_s, false,
         m_poller ? double(m_poller->queuedPolls()) : 0.0},
        {u"poll_latency_seconds_mean"_s, u"mean poll latency over the last 60 s"_s, false,
         agg.value(u"MeanInstanceSeconds"_s).toDouble()},
        {u"poll_latency_seconds_median"_s, u"median poll latency over the last 60 s"_s, false,
         agg.value(u"MedianInstanceSeconds"_s).toDouble()},
        {u"poll_latency_seconds_p95"_s, u"95th percentile poll latency over the last 60 s"_s, false,
         agg.value(u"P95InstanceSeconds"_s).toDouble()},
        {u"poll_latency_seconds_max"_s, u"longest poll over the last 60 s"_s, false,
         agg.value(u"MaxInstanceSeconds"_s).toDouble()},
        {u"backend_queries_total"_s, u"backend statements run by the election loop"_s, true, double(m_queryMetrics.count())},
        {u"backend_query_failures_total"_s, u"backend statements or connections that failed"_s, true,
         double(m_queryMetrics.failures())},
        {u"backend_query_seconds_p95"_s, u"95th percentile backend statement latency over the last 60 s"_s, false,
         backend.value(u"P95LatencySeconds"_s).toDouble()},
        {u"backend_write_queue"_s, u"instance snapshots waiting to be written to the backend"_s, false,
         m_writer ? double(m_writer->pendingCount()) : 0.0},
    };
}

QStringList ServiceNode::reload(const ServiceConfig &config)
{
    const QStringList restart = m_config.restartNeededFor(config);
    const bool pollingChangedOptions = config.pollSeconds != m_config.pollSeconds
                                       || config.connectTimeoutSeconds != m_config.connectTimeoutSeconds
                                       || config.readTimeoutSeconds != m_config.readTimeoutSeconds
                                       || config.pollWorkers != m_config.pollWorkers
                                       || config.heartbeatQuery != m_config.heartbeatQuery
                                       || config.crashWatch != m_config.crashWatch
                                       || config.dataCenterPattern != m_config.dataCenterPattern
                                       || config.regionPattern != m_config.regionPattern
                                       || config.discoverByShowSlaveHosts != m_config.discoverByShowSlaveHosts
                                       || config.discoveryIgnoreHostnameFilters != m_config.discoveryIgnoreHostnameFilters
                                       || config.discoveryIgnoreReplicaHostnameFilters != m_config.discoveryIgnoreReplicaHostnameFilters
                                       || config.discoveryIgnoreMasterHostnameFilters != m_config.discoveryIgnoreMasterHostnameFilters
                                       || config.topologyCredentialsFile != m_config.topologyCredentialsFile;
    // Keep what needs a restart as it was, take the rest.
    ServiceConfig next = config;
    next.backendKind = m_config.backendKind;
    next.sqliteFile = m_config.sqliteFile;
    next.backendHost = m_config.backendHost;
    next.backendPort = m_config.backendPort;
    next.backendDatabase = m_config.backendDatabase;
    next.backendCredentialsFile = m_config.backendCredentialsFile;
    next.listenHost = m_config.listenHost;
    next.listenPort = m_config.listenPort;
    next.tlsCertFile = m_config.tlsCertFile;
    next.tlsKeyFile = m_config.tlsKeyFile;
    next.leaseSeconds = m_config.leaseSeconds;
    next.renewMilliseconds = m_config.renewMilliseconds;
    next.leaderLock = m_config.leaderLock;
    next.nodeName = m_config.nodeName;
    next.advertiseUrl = m_config.advertiseUrl;
    m_config = next;
    m_pollMetrics.setRetentionSeconds(m_config.metricsRetentionSeconds);
    m_pollMetrics.setPollIntervalMs(m_config.pollSeconds * 1000);
    m_queryMetrics.setRetentionSeconds(m_config.metricsRetentionSeconds);
    if (pollingChangedOptions && isPolling()) {
        // New poller with the new options; the topology stays in memory.
        stopPolling();
        if (isActive())
            startPolling();
    } else if (isPolling()) {
        for (const InstanceKey &key : m_config.seedKeys())
            m_poller->addInstance(key);
    }
    configureGraphite();
    applyAliasPatterns();
    return restart;
}

void ServiceNode::configureGraphite()
{
    m_graphiteTimer.stop();
    if (m_config.graphiteAddress.isEmpty()) {
        delete m_graphite;
        m_graphite = nullptr;
        return;
    }
    if (!m_graphite)
        m_graphite = new GraphitePusher(this);
    const qsizetype colon = m_config.graphiteAddress.lastIndexOf(u':');
    m_graphite->configure(m_config.graphiteAddress.left(colon), m_config.graphiteAddress.mid(colon + 1).toInt(),
                          m_config.graphitePath, nodeName(), m_config.graphiteConvertHostnameDots);
    m_graphiteTimer.start(m_config.graphiteIntervalSeconds * 1000);
}

} // namespace arbor::core
