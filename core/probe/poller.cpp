#include "probe/poller.h"

#include "probe/connectionwatch.h"
#include "probe/instanceprobe.h"
#include "probe/polllane.h"
#include "probe/replicafallbacks.h"

#include <QDebug>
#include <QList>
#include <QPointer>
#include <QSet>

#include <algorithm>
#include <chrono>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
// The fallback state lives in a child object, so this header-level class stays as it was.
constexpr QStringView kFallbacksName = u"arbor-replica-fallbacks";

ReplicaFallbacks *fallbacksOf(QObject *poller, bool create)
{
    QObject *child = poller->findChild<QObject *>(kFallbacksName.toString(), Qt::FindDirectChildrenOnly);
    if (!child && create) {
        child = new ReplicaFallbacks(poller);
        child->setObjectName(kFallbacksName.toString());
    }
    return static_cast<ReplicaFallbacks *>(child);
}

// Adds an entry for each trial that can start now, polled under the claim's identity check.
template <typename Entries, typename Schedule>
void startTrials(ReplicaFallbacks &fallbacks, Entries &entries, const Schedule &schedule)
{
    using Entry = typename Entries::mapped_type;
    const auto trials = fallbacks.takeNext([&](const InstanceKey &key) {
        if (!entries.contains(key))
            return ReplicaFallbacks::KeyState::Free;
        return fallbacks.isTrial(key) ? ReplicaFallbacks::KeyState::Trial : ReplicaFallbacks::KeyState::Known;
    });
    for (const ReplicaFallbacks::Trial &t : trials) {
        Entry entry;
        entry.key = t.key;
        entry.expected = t.expected;
        schedule(*entries.insert(t.key, entry));
    }
}
} // namespace

namespace {
qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

Poller::Poller(PollerOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_epochNs(steadyNs() - 1'000'000)
{
    // A poll's statements in one round trip: the CPU of a poll is mostly its round trips.
    m_options.probe.batchStatements = m_options.batchStatements;
    qRegisterMetaType<Instance>();
    qRegisterMetaType<InstanceKey>();
    qRegisterMetaType<PollRecord>();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Poller::dispatchDue);
}

Poller::~Poller()
{
    stop();
}

qint64 Poller::now() const
{
    return (steadyNs() - m_epochNs) / 1'000'000;
}

void Poller::start()
{
    if (m_running)
        return;
    m_running = true;
    m_healthy = makeLane(Lane::Healthy);
    m_backoff = makeLane(Lane::Backoff);
    if (m_options.probe.crashWatch) {
        // The watch stops (stop()) before this poller goes; a queued call to a deleted poller is dropped.
        m_watch = std::make_unique<ConnectionWatch>([this](const InstanceKey &key) {
            QMetaObject::invokeMethod(this, [this, key] { onConnectionClosed(key); }, Qt::QueuedConnection);
        });
        if (!m_watch->isAvailable()) {
            qWarning("cannot watch connections for crashes (epoll unavailable): dead sources are found by polls only");
            m_watch.reset();
        }
    }
    dispatchDue();
}

std::unique_ptr<PollLane> Poller::makeLane(Lane laneId)
{
    QPointer<Poller> self(this);
    auto handler = [self, laneId](Instance instance, qint64 started, qint64 finished) {
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, laneId, started, finished, instance = std::move(instance)]() mutable {
                if (self)
                    self->onPolled(std::move(instance), laneId, started, finished);
            },
            Qt::QueuedConnection);
    };
    PollLane::Options options;
    const bool healthy = laneId == Lane::Healthy;
    options.threadName = healthy ? QStringLiteral("arbor-poll") : QStringLiteral("arbor-backoff");
    options.minWorkers = std::max(1, healthy ? m_options.healthyWorkers : m_options.backoffWorkers);
    options.maxWorkers = std::max(options.minWorkers, m_options.maxWorkersPerLane);
    options.blockedAfterMs = m_options.blockedAfterMs;
    options.queueWaitMs = m_options.queueWaitMs;
    options.idleRetireMs = m_options.idleThreadRetireMs;
    auto lane = std::make_unique<PollLane>(options, handler, [this] { return now(); });
    lane->start();
    return lane;
}

void Poller::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    m_watch.reset(); // before any probe closes its connection
    for (Entry &e : m_entries)
        e.watched = false;
    // A worker blocked on a hung server returns within the read timeout.
    m_healthy.reset();
    m_backoff.reset();
    for (Entry &e : m_entries)
        e.inFlight = false;
}

int Poller::workerThreads() const
{
    return (m_healthy ? m_healthy->workerCount() : 0) + (m_backoff ? m_backoff->workerCount() : 0);
}

int Poller::queuedPolls() const
{
    return (m_healthy ? m_healthy->queued() : 0) + (m_backoff ? m_backoff->queued() : 0);
}

bool Poller::isWatched(const InstanceKey &key) const
{
    return m_watch && m_watch->isWatched(key);
}

int Poller::watchedConnections() const
{
    return m_watch ? m_watch->watchedCount() : 0;
}

void Poller::unwatch(Entry &entry)
{
    if (entry.watched && m_watch)
        m_watch->unwatch(entry.key);
    entry.watched = false;
}

void Poller::onConnectionClosed(const InstanceKey &key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end() || !it->watched)
        return; // forgotten, or being polled again (its own poll will tell)
    it->watched = false;
    qInfo().noquote() << QStringLiteral("%1 ended Arbor's idle connection (server died, restarting, or dropped it): "
                                        "re-probing it and its replicas now")
                             .arg(key.toString());
    Q_EMIT connectionLost(key);
}

int Poller::peakWorkerThreads() const
{
    return (m_healthy ? m_healthy->peakWorkers() : 0) + (m_backoff ? m_backoff->peakWorkers() : 0);
}

bool Poller::addInstance(const InstanceKey &key)
{
    return addEntry(key, std::nullopt);
}

bool Poller::discoverInstance(const InstanceKey &key)
{
    m_forgotten.remove(key);
    return addInstance(key);
}

bool Poller::addEntry(const InstanceKey &key, const std::optional<ReplicaClaim> &claim)
{
    if (!key.isValid() || m_entries.contains(key) || m_aliases.contains(key))
        return false;
    const auto forgotten = m_forgotten.constFind(key);
    if (forgotten != m_forgotten.cend()) {
        if (*forgotten > now())
            return false;
        m_forgotten.remove(key);
    }
    Entry entry;
    entry.key = key;
    entry.expected = claim;
    m_entries.insert(key, entry);
    m_wasSettled = false;
    Q_EMIT instanceAdded(key);
    if (claim && !claim->distrust.isEmpty()) {
        // Never connected to: no credentials go to an address its source does not see a replica at.
        distrust(m_entries[key], u"reported address does not answer as this replica: %1"_s.arg(claim->distrust),
                 QDateTime::currentDateTimeUtc());
        return true;
    }
    schedule(m_entries[key], now());
    if (m_running)
        dispatchDue();
    return true;
}

void Poller::forgetInstance(const InstanceKey &key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    m_schedule.erase({it->due, key});
    unwatch(*it);
    if (m_running && it->inFlight)
        lane(it->lane).cancel(key);
    m_entries.erase(it); // a running poll keeps the connection until it ends, then closes it
    for (auto a = m_aliases.begin(); a != m_aliases.end();)
        a = (a.value() == key || a.key() == key) ? m_aliases.erase(a) : std::next(a);
    for (auto i = m_identities.begin(); i != m_identities.end();)
        i = i.value() == key ? m_identities.erase(i) : std::next(i);
    m_forgotten.insert(key, now() + m_options.forgetBlockMs);
    if (ReplicaFallbacks *fallbacks = fallbacksOf(this, false))
        fallbacks->forget(key);
    Q_EMIT instanceForgotten(key);
}

void Poller::pollNow(const InstanceKey &key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    if (it->inFlight) {
        it->pollAgain = true;
        return;
    }
    schedule(*it, now());
    if (m_running)
        dispatchDue();
}

bool Poller::isSettled() const
{
    for (const Entry &e : m_entries) {
        if (!e.everPolled)
            return false;
    }
    return true;
}

qint64 Poller::slotAtOrAfter(const InstanceKey &key, qint64 t) const
{
    const qint64 interval = std::max(1, m_options.pollIntervalMs);
    // FNV-1a of host:port: stable across runs, so a fleet's load is spread the same way every time.
    quint64 h = 1469598103934665603ULL;
    for (const QChar c : key.host())
        h = (h ^ c.unicode()) * 1099511628211ULL;
    h = (h ^ quint64(key.port())) * 1099511628211ULL;
    const qint64 phase = qint64(h % quint64(interval));
    const qint64 offset = ((phase - t) % interval + interval) % interval;
    return t + offset;
}

void Poller::schedule(Entry &entry, qint64 due)
{
    m_schedule.erase({entry.due, entry.key});
    entry.due = due;
    m_schedule.insert({due, entry.key});
}

void Poller::dispatchDue()
{
    if (!m_running)
        return;
    const qint64 nowMs = now();
    while (!m_schedule.empty() && m_schedule.begin()->first <= nowMs) {
        const InstanceKey key = m_schedule.begin()->second;
        m_schedule.erase(m_schedule.begin());
        auto it = m_entries.find(key);
        if (it == m_entries.end() || it->inFlight)
            continue;
        if (it->distrusted)
            continue;
        if (!it->probe)
            it->probe = std::make_shared<InstanceProbe>(key, m_options.probe);
        it->probe->setExpectedIdentity(it->expected); // no poll runs on it now
        unwatch(*it); // the poll reads this socket now
        it->inFlight = true;
        lane(it->lane).submit(it->probe);
    }
    m_healthy->balance(nowMs);
    m_backoff->balance(nowMs);
    armTimer();
}

void Poller::armTimer()
{
    if (!m_running)
        return;
    qint64 wait = m_schedule.empty() ? 1000 : std::max<qint64>(0, m_schedule.begin()->first - now());
    // While polls wait in a queue, look again soon: the workers may be blocked on hung servers.
    if (m_healthy->queued() > 0 || m_backoff->queued() > 0)
        wait = std::min<qint64>(wait, std::max(5, m_options.queueWaitMs / 2));
    m_timer.start(int(std::min<qint64>(wait, 1000)));
}

void Poller::onPolled(Instance instance, Lane fromLane, qint64 started, qint64 finished)
{
    auto it = m_entries.find(instance.key);
    if (it == m_entries.end())
        return; // forgotten meanwhile
    Entry &entry = *it;
    entry.inFlight = false;
    const bool firstPoll = !entry.everPolled;
    entry.everPolled = true;

    PollRecord record{entry.key, entry.due, started, finished, instance.lastCheckValid, fromLane == Lane::Backoff};
    m_history.push_back(record);
    while (int(m_history.size()) > m_options.recordHistory)
        m_history.pop_front();
    ++m_pollsCompleted;

    ReplicaFallbacks *fallbacks = fallbacksOf(this, false);
    if (fallbacks && fallbacks->isTrial(entry.key)) {
        const InstanceKey key = entry.key;
        if (instance.lastCheckValid && instance.identityProblem.isEmpty()) {
            // The server there has the claimed server_id/UUID: the replica, where it connects from.
            fallbacks->verified(key);
            qInfo().noquote() << u"%1 does not answer as the replica that reports it; found that replica at %2, the "
                                 "address its source sees it connect from"_s.arg(fallbacks->standsInFor(key)->toString(), key.toString());
            Q_EMIT instanceAdded(key);
        } else {
            // Another server, or nothing: not this replica. No card; the next address is tried.
            m_schedule.erase({entry.due, key});
            unwatch(entry);
            for (auto i = m_identities.begin(); i != m_identities.end();)
                i = i.value() == key ? m_identities.erase(i) : std::next(i);
            m_entries.remove(key); // entry is gone from here on
            fallbacks->failed(key);
            startTrials(*fallbacks, m_entries, [this](Entry &trial) {
                m_wasSettled = false;
                schedule(trial, now());
            });
            if (!m_wasSettled && isSettled()) {
                m_wasSettled = true;
                Q_EMIT settled();
            }
            dispatchDue();
            return;
        }
    }
    if (const auto wrong = fallbacks ? fallbacks->standsInFor(entry.key) : std::nullopt; wrong && instance.lastCheckValid)
        instance.warnings.prepend(u"reported address %1 does not answer as this replica; Arbor polls it at %2, the "
                                  "address its source sees it connect from (fix report_host/report_port)"_s
                                      .arg(wrong->toString(), entry.key.toString()));
    if (!instance.identityProblem.isEmpty()) {
        ++m_pollsFailed;
        Q_EMIT pollRecorded(record);
        distrust(entry, instance.identityProblem, instance.lastChecked);
        if (firstPoll && !m_wasSettled && isSettled()) {
            m_wasSettled = true;
            Q_EMIT settled();
        }
        dispatchDue();
        return;
    }
    if (instance.lastCheckValid && instance.serverId != 0) {
        const QString identity = identityOf(instance);
        const auto owner = m_identities.constFind(identity);
        if (owner != m_identities.constEnd() && *owner != entry.key && m_entries.contains(*owner)) {
            // Another name for a server already known (127.1 and 127.0.0.1, a CNAME): one server, one card.
            const InstanceKey known = *owner;
            const InstanceKey alias = entry.key;
            forgetInstance(alias); // entry is gone from here on
            m_forgotten.remove(alias);
            m_aliases.insert(alias, known);
            if (!m_wasSettled && isSettled()) {
                m_wasSettled = true;
                Q_EMIT settled();
            }
            dispatchDue();
            return;
        }
        m_identities.insert(identity, entry.key);
    }
    canonicalize(instance);

    const qint64 nowMs = now();
    const qint64 interval = m_options.pollIntervalMs;
    qint64 nextDue;
    if (instance.lastCheckValid) {
        entry.failures = 0;
        entry.lane = Lane::Healthy;
        // Each server keeps its own slot in the interval (a hash of its key), so ten thousand servers
        // added at once are polled evenly over the interval instead of in one burst per interval
        // (orchestrator's polls fire together each second). In steady state this is entry.due +
        // interval; a first poll moves to the key's slot; a late poll skips the slot already gone.
        nextDue = slotAtOrAfter(entry.key, std::max(entry.due, nowMs) + interval / 2);
    } else {
        ++m_pollsFailed;
        ++entry.failures;
        entry.lane = Lane::Backoff;
        nextDue = nowMs + interval * std::min(entry.failures, std::max(1, m_options.maxBackoffFactor));
    }
    if (entry.pollAgain) {
        entry.pollAgain = false;
        nextDue = nowMs;
    }
    schedule(entry, nextDue);
    // A source's connection stays open and idle until its next poll: its EOF says the server is gone.
    if (m_watch && instance.lastCheckValid && !instance.replicaKeys.isEmpty() && entry.probe)
        entry.watched = m_watch->watch(entry.key, entry.probe->socketDescriptor());

    Q_EMIT pollRecorded(record);
    if (m_options.followTopology && instance.lastCheckValid) {
        if (!instance.replicaClaims.isEmpty() && entry.probe)
            fallbacksOf(this, true)->learn(instance.replicaClaims, entry.probe->claimFallbacks());
        follow(instance);
    }
    Q_EMIT instancePolled(instance);

    if (firstPoll && !m_wasSettled && isSettled()) {
        m_wasSettled = true;
        Q_EMIT settled();
    }
    dispatchDue();
}

namespace {
bool matchesAny(const QList<QRegularExpression> &filters, const InstanceKey &key)
{
    if (filters.isEmpty())
        return false;
    const QString text = key.toString();
    return std::any_of(filters.cbegin(), filters.cend(), [&](const QRegularExpression &re) { return re.match(text).hasMatch(); });
}
} // namespace

void Poller::follow(const Instance &instance)
{
    if (instance.isReplica() && !matchesAny(m_options.ignoreHostnameFilters, instance.sourceKey())
        && !matchesAny(m_options.ignoreSourceHostnameFilters, instance.sourceKey()))
        addInstance(instance.sourceKey());
    QSet<InstanceKey> claimed;
    for (const ReplicaClaim &claim : instance.replicaClaims) {
        claimed.insert(claim.reported);
        if (!matchesAny(m_options.ignoreHostnameFilters, claim.reported)
            && !matchesAny(m_options.ignoreReplicaHostnameFilters, claim.reported))
            followClaim(claim);
    }
    for (const InstanceKey &replica : instance.replicaKeys) {
        if (!claimed.contains(replica) && !matchesAny(m_options.ignoreHostnameFilters, replica)
            && !matchesAny(m_options.ignoreReplicaHostnameFilters, replica))
            addInstance(replica);
    }
}

void Poller::followClaim(const ReplicaClaim &claim)
{
    auto it = m_entries.find(claim.reported);
    if (it == m_entries.end()) {
        addEntry(claim.reported, claim);
        return;
    }
    if (it->distrusted) {
        if (it->distrustedFor == claim)
            return; // the same claim earns the same verdict
        // The source says something new about this address (the replica was fixed): judge it again.
        it->distrusted = false;
        it->expected = claim;
        if (!claim.distrust.isEmpty()) {
            distrust(*it, u"reported address does not answer as this replica: %1"_s.arg(claim.distrust),
                     QDateTime::currentDateTimeUtc());
            return;
        }
        schedule(*it, now());
        return;
    }
    if (!claim.distrust.isEmpty()) {
        distrust(*it, u"reported address does not answer as this replica: %1"_s.arg(claim.distrust), QDateTime::currentDateTimeUtc());
        return;
    }
    it->expected = claim; // used from its next poll on
}

void Poller::distrust(Entry &entry, const QString &problem, const QDateTime &when)
{
    entry.distrusted = true;
    entry.distrustedFor = entry.expected.value_or(ReplicaClaim{entry.key, 0, {}, {}});
    entry.everPolled = true;
    m_schedule.erase({entry.due, entry.key});
    for (auto i = m_identities.begin(); i != m_identities.end();)
        i = i.value() == entry.key ? m_identities.erase(i) : std::next(i);
    Instance stub;
    stub.key = entry.key;
    stub.lastChecked = when;
    stub.lastCheckValid = false;
    stub.identityProblem = problem;
    stub.lastError = problem;
    Q_EMIT instancePolled(stub);
    // Look for the replica where its source sees it connect from (the processlist fallback).
    if (ReplicaFallbacks *fallbacks = fallbacksOf(this, false); fallbacks && entry.expected) {
        fallbacks->claimFailed(*entry.expected);
        startTrials(*fallbacks, m_entries, [this](Entry &trial) {
            m_wasSettled = false;
            schedule(trial, now());
        });
        if (m_running)
            dispatchDue();
    }
}

QString Poller::identityOf(const Instance &instance)
{
    if (!instance.serverUuid.isEmpty())
        return u"uuid:"_s + instance.serverUuid.toLower();
    return u"id:%1 host:%2 port:%3"_s.arg(instance.serverId).arg(instance.hostname.toLower()).arg(instance.serverPort);
}

void Poller::canonicalize(Instance &instance) const
{
    if (m_aliases.isEmpty())
        return;
    if (instance.replication && m_aliases.contains(instance.replication->sourceKey))
        instance.replication->sourceKey = canonical(instance.replication->sourceKey);
    QList<InstanceKey> keys;
    for (const InstanceKey &k : std::as_const(instance.replicaKeys)) {
        const InstanceKey c = canonical(k);
        if (!keys.contains(c))
            keys << c;
    }
    instance.replicaKeys = keys;
}

} // namespace arbor::core
