#include "probe/poller.h"

#include "probe/pollworker.h"

#include <QPointer>

#include <chrono>

namespace arbor::core {

namespace {
// A lane grows up to this many times its configured size while all of its workers are blocked
// on hung servers, so that a burst of newly hung servers never holds up the healthy ones.
constexpr int kElasticFactor = 4;

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

Poller::Poller(PollerOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_epochNs(steadyNs() - 1'000'000)
{
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
    auto makeLane = [this](std::vector<std::unique_ptr<PollWorker>> &workers, int count, Lane laneId) {
        for (int i = 0; i < std::max(1, count); ++i)
            workers.push_back(makeWorker(laneId));
    };
    makeLane(m_healthy, m_options.healthyWorkers, Lane::Healthy);
    makeLane(m_backoff, m_options.backoffWorkers, Lane::Backoff);
    dispatchDue();
}

std::unique_ptr<PollWorker> Poller::makeWorker(Lane laneId)
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
    auto worker = std::make_unique<PollWorker>(m_options.probe, handler, [this] { return now(); });
    worker->setObjectName(laneId == Lane::Healthy ? QStringLiteral("arbor-poll") : QStringLiteral("arbor-backoff"));
    worker->start();
    return worker;
}

void Poller::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_timer.stop();
    for (auto &w : m_healthy)
        w->requestStop();
    for (auto &w : m_backoff)
        w->requestStop();
    // A worker blocked on a hung server returns within the read timeout.
    m_healthy.clear();
    m_backoff.clear();
    for (Entry &e : m_entries) {
        e.inFlight = false;
        e.home = -1;
    }
}

bool Poller::addInstance(const InstanceKey &key)
{
    if (!key.isValid() || m_entries.contains(key))
        return false;
    const auto forgotten = m_forgotten.constFind(key);
    if (forgotten != m_forgotten.cend()) {
        if (*forgotten > now())
            return false;
        m_forgotten.remove(key);
    }
    Entry entry;
    entry.key = key;
    m_entries.insert(key, entry);
    m_wasSettled = false;
    schedule(m_entries[key], now());
    Q_EMIT instanceAdded(key);
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
    if (m_running && it->home >= 0)
        lane(it->lane)[it->home]->enqueueDrop(key);
    m_entries.erase(it);
    m_forgotten.insert(key, now() + m_options.forgetBlockMs);
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

int Poller::chooseWorker(Entry &entry, qint64 nowMs)
{
    auto &workers = lane(entry.lane);
    auto stuck = [&](const PollWorker &w) {
        const qint64 since = w.busySince();
        return since != 0 && nowMs - since > m_options.stuckAfterMs;
    };
    if (entry.home >= 0 && entry.home < int(workers.size()) && !stuck(*workers[entry.home]))
        return entry.home;
    // Least loaded worker that is not stuck; a stuck home keeps the instance only if all are stuck.
    int best = -1;
    int bestLoad = 0;
    int free = 0;
    for (int i = 0; i < int(workers.size()); ++i) {
        if (stuck(*workers[i]))
            continue;
        ++free;
        const int load = workers[i]->pending() + (workers[i]->busySince() ? 1 : 0);
        if (best < 0 || load < bestLoad) {
            best = i;
            bestLoad = load;
        }
    }
    // Keep the configured number of workers free of hung servers: add one (bounded) for each that is
    // stuck. Growing only once all were stuck let polls bounce between workers that each hit a hung
    // server a moment later, so 10 % of a fleet hanging at once stalled the healthy lane for seconds.
    const int configured = std::max(1, entry.lane == Lane::Healthy ? m_options.healthyWorkers : m_options.backoffWorkers);
    if (free < configured && int(workers.size()) < std::max(configured * kElasticFactor, m_options.maxWorkersPerLane)) {
        workers.push_back(makeWorker(entry.lane));
        best = int(workers.size()) - 1;
    } else if (best < 0) {
        best = entry.home >= 0 && entry.home < int(workers.size()) ? entry.home : 0;
    }
    if (entry.home >= 0 && entry.home != best && entry.home < int(workers.size()))
        workers[entry.home]->enqueueDrop(entry.key);
    entry.home = best;
    return best;
}

void Poller::dispatchDue()
{
    if (!m_running)
        return;
    const qint64 nowMs = now();
    rescueQueuedBehindStuckWorkers(nowMs);
    while (!m_schedule.empty() && m_schedule.begin()->first <= nowMs) {
        const InstanceKey key = m_schedule.begin()->second;
        m_schedule.erase(m_schedule.begin());
        auto it = m_entries.find(key);
        if (it == m_entries.end() || it->inFlight)
            continue;
        const int worker = chooseWorker(*it, nowMs);
        it->inFlight = true;
        lane(it->lane)[worker]->enqueuePoll(key);
    }
    armTimer();
}

void Poller::rescueQueuedBehindStuckWorkers(qint64 nowMs)
{
    for (Lane l : {Lane::Healthy, Lane::Backoff}) {
        for (auto &worker : lane(l)) {
            const qint64 since = worker->busySince();
            if (since == 0 || nowMs - since <= m_options.stuckAfterMs || worker->pending() == 0)
                continue;
            const QList<InstanceKey> keys = worker->takeQueuedPolls();
            for (const InstanceKey &key : keys) {
                auto it = m_entries.find(key);
                if (it == m_entries.end())
                    continue;
                it->inFlight = false;
                schedule(*it, std::min(it->due, nowMs)); // keeps its original due time for lateness
            }
        }
    }
}

bool Poller::anyWorkerBusy() const
{
    for (const auto *workers : {&m_healthy, &m_backoff}) {
        for (const auto &w : *workers) {
            if (w->busySince() != 0 && w->pending() > 0)
                return true;
        }
    }
    return false;
}

void Poller::armTimer()
{
    if (!m_running)
        return;
    qint64 wait = m_schedule.empty() ? 1000 : std::max<qint64>(0, m_schedule.begin()->first - now());
    // While polls wait behind a busy worker, look again soon: that worker may be stuck on a hung server.
    if (anyWorkerBusy())
        wait = std::min<qint64>(wait, std::max(10, m_options.stuckAfterMs / 2));
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

    const qint64 nowMs = now();
    const qint64 interval = m_options.pollIntervalMs;
    qint64 nextDue;
    if (instance.lastCheckValid) {
        entry.failures = 0;
        if (entry.lane != Lane::Healthy) {
            if (m_running && entry.home >= 0)
                lane(entry.lane)[entry.home]->enqueueDrop(entry.key);
            entry.lane = Lane::Healthy;
            entry.home = -1;
        }
        // Each server keeps its own slot in the interval (a hash of its key), so ten thousand servers
        // added at once are polled evenly over the interval instead of in one burst per interval
        // (orchestrator's polls fire together each second). In steady state this is entry.due +
        // interval; a first poll moves to the key's slot; a late poll skips the slot already gone.
        nextDue = slotAtOrAfter(entry.key, std::max(entry.due, nowMs) + interval / 2);
    } else {
        ++m_pollsFailed;
        ++entry.failures;
        if (entry.lane != Lane::Backoff) {
            if (m_running && entry.home >= 0)
                lane(entry.lane)[entry.home]->enqueueDrop(entry.key);
            entry.lane = Lane::Backoff;
            entry.home = -1;
        }
        nextDue = nowMs + interval * std::min(entry.failures, std::max(1, m_options.maxBackoffFactor));
    }
    if (entry.pollAgain) {
        entry.pollAgain = false;
        nextDue = nowMs;
    }
    schedule(entry, nextDue);

    Q_EMIT pollRecorded(record);
    if (m_options.followTopology && instance.lastCheckValid)
        follow(instance);
    Q_EMIT instancePolled(instance);

    if (firstPoll && !m_wasSettled && isSettled()) {
        m_wasSettled = true;
        Q_EMIT settled();
    }
    dispatchDue();
}

void Poller::follow(const Instance &instance)
{
    if (instance.isReplica())
        addInstance(instance.sourceKey());
    for (const InstanceKey &replica : instance.replicaKeys)
        addInstance(replica);
}

} // namespace arbor::core
