#include "ha/leaderelection.h"

#include "metrics/querymetrics.h"
#include "model/instancejson.h"
#include "store/databaseclock.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <chrono>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
std::atomic<int> s_connections{0};

constexpr int kMaxBackoffMs = 10000;
constexpr int kFollowOverlapMs = 3000; // rows written late with an older last_checked are still caught
constexpr int kFullKeyListEveryTicks = 10;
constexpr int kDowntimeEveryTicks = 3;
constexpr qint64 kPurgeHealthAfterMs = 24LL * 3600 * 1000;
// After the active node's session ended, it is taken over once it missed a renewal by this much.
constexpr qint64 kTakeOverMarginMs = 300;
constexpr int kTakeOverRetryMs = 50;

qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString newToken()
{
    QString token;
    for (int i = 0; i < 4; ++i)
        token += u"%1"_s.arg(QRandomGenerator::system()->generate(), 8, 16, QLatin1Char('0'));
    return token;
}

QDateTime fromMs(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
}

QString sqlError(const QSqlQuery &q)
{
    const QString db = q.lastError().databaseText().trimmed();
    return db.isEmpty() ? q.lastError().text().trimmed() : db;
}
} // namespace

LeaderElection::LeaderElection(Options options, QueryMetrics *metrics)
    : m_options(std::move(options)), m_metrics(metrics), m_token(newToken())
{
    qRegisterMetaType<ElectionState>();
    qRegisterMetaType<Instance>();
    qRegisterMetaType<QList<Instance>>();
    qRegisterMetaType<QList<InstanceKey>>();
    qRegisterMetaType<QHash<InstanceKey, QString>>();
    qRegisterMetaType<QHash<QString, QString>>();
}

LeaderElection::~LeaderElection()
{
    stop(false);
}

void LeaderElection::start()
{
    if (m_thread)
        return;
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_thread = new QThread;
    m_thread->setObjectName(u"arbor-election"_s);
    moveToThread(m_thread);
    connect(m_thread, &QThread::started, this, [this] {
        m_timer = new QTimer(this);
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, &LeaderElection::tick);
        m_timer->start(m_options.renewMs);
        tick();
    });
    m_thread->start();
}

void LeaderElection::stop(bool resign)
{
    if (!m_thread)
        return;
    QThread *thread = m_thread;
    QThread *caller = QThread::currentThread();
    QMetaObject::invokeMethod(
        this,
        [this, resign, caller] {
            if (m_timer)
                m_timer->stop();
            if (resign)
                this->resign();
            if (m_connected || !m_connectionName.isEmpty()) {
                {
                    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
                    db.close();
                }
                QSqlDatabase::removeDatabase(m_connectionName);
                m_connectionName.clear();
                m_connected = false;
            }
            delete m_timer;
            m_timer = nullptr;
            moveToThread(caller); // back home, so the destructor runs where the owner is
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    thread->wait();
    delete thread;
    m_thread = nullptr;
}

bool LeaderElection::holdsLease() const
{
    return steadyMs() < m_leaseDeadline.load();
}

qint64 LeaderElection::leaseRemainingMs() const
{
    return std::max<qint64>(0, m_leaseDeadline.load() - steadyMs());
}

void LeaderElection::setStatus(const QString &status)
{
    QMutexLocker lock(&m_statusMutex);
    m_status = status;
}

QString LeaderElection::clock() const
{
    return DatabaseClock::nowMsExpression(m_options.store.kind);
}

bool LeaderElection::exec(QSqlQuery &query, const QString &what)
{
    QElapsedTimer timer;
    timer.start();
    const bool ok = query.exec();
    if (m_metrics) {
        if (ok)
            m_metrics->record(double(timer.nsecsElapsed()) / 1e9);
        else
            m_metrics->recordFailure();
    }
    if (!ok)
        dropConnection(u"could not %1 in the %2: %3"_s.arg(what, m_options.store.describe(), sqlError(query)));
    return ok;
}

void LeaderElection::dropConnection(const QString &error)
{
    m_lastError = error;
    if (!m_connectionName.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
        m_connectionName.clear();
    }
    m_connected = false;
    m_nextConnectAt = steadyMs() + (m_eager.load() ? m_options.renewMs : m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
    if (!m_lostReported) {
        m_lostReported = true;
        Q_EMIT backendLost(error);
    }
}

bool LeaderElection::ensureConnected(qint64 nowSteady)
{
    if (m_connected)
        return true;
    if (nowSteady < m_nextConnectAt)
        return false;
    m_connectionName = u"arbor-election-%1"_s.arg(++s_connections);
    const bool mysql = m_options.store.kind == StoreOptions::Kind::MySql;
    QSqlDatabase db = QSqlDatabase::addDatabase(mysql ? u"QMYSQL"_s : u"QSQLITE"_s, m_connectionName);
    if (mysql) {
        db.setHostName(m_options.store.host);
        db.setPort(m_options.store.port);
        db.setDatabaseName(m_options.store.database);
        db.setUserName(m_options.store.user);
        db.setPassword(m_options.store.password);
        // Short timeouts: a renewal that cannot finish well within the lease is worth nothing.
        const int seconds = std::max(1, m_options.leaseSeconds / 3);
        db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT=%1;MYSQL_OPT_READ_TIMEOUT=%1;MYSQL_OPT_WRITE_TIMEOUT=%1"_s.arg(seconds));
    } else {
        db.setDatabaseName(m_options.store.path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=2000"_s);
    }
    QElapsedTimer timer;
    timer.start();
    if (!db.open()) {
        const QString db_error = db.lastError().databaseText().trimmed().isEmpty() ? db.lastError().text()
                                                                                     : db.lastError().databaseText();
        db = QSqlDatabase();
        if (m_metrics)
            m_metrics->recordFailure();
        dropConnection(u"cannot reach the %1: %2; retrying in %3 s"_s.arg(m_options.store.describe(), db_error.trimmed())
                           .arg((m_eager.load() ? m_options.renewMs : m_backoffMs) / 1000.0));
        return false;
    }
    if (m_metrics)
        m_metrics->record(double(timer.nsecsElapsed()) / 1e9, double(timer.nsecsElapsed()) / 1e9);
    m_connected = true;
    m_backoffMs = 1000;
    if (m_lostReported) {
        m_lostReported = false;
        Q_EMIT backendRestored();
    }
    m_everConnected = true;
    return true;
}

bool LeaderElection::elect(ElectionState *state)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const QString now = clock();
    const qint64 sentAt = steadyMs();
    const bool mysql = m_options.store.kind == StoreOptions::Kind::MySql;
    {
        QSqlQuery q(db);
        q.prepare(u"INSERT %1 INTO active_node (anchor, node_name, hostname, token, api_url, first_seen_active, "
                  "last_seen_active) VALUES (1, ?, ?, ?, ?, %2, %2)"_s.arg(mysql ? u"IGNORE"_s : u"OR IGNORE"_s, now));
        q.addBindValue(m_options.nodeName);
        q.addBindValue(m_options.hostname);
        q.addBindValue(m_token);
        q.addBindValue(m_options.apiUrl);
        if (!exec(q, u"claim the active-node lease"_s))
            return false;
    }
    {
        // first_seen_active is assigned first: MySQL evaluates SET left to right with new values.
        QSqlQuery q(db);
        q.prepare(u"UPDATE active_node SET first_seen_active = CASE WHEN token = ? THEN first_seen_active ELSE %1 END, "
                  "node_name = ?, hostname = ?, token = ?, api_url = ?, last_seen_active = %1 "
                  "WHERE anchor = 1 AND (token = ? OR last_seen_active < %1 - ? "
                  "OR (token = ? AND last_seen_active <= ? AND last_seen_active < %1 - ?))"_s.arg(now));
        q.addBindValue(m_token);
        q.addBindValue(m_options.nodeName);
        q.addBindValue(m_options.hostname);
        q.addBindValue(m_token);
        q.addBindValue(m_options.apiUrl);
        q.addBindValue(m_token);
        q.addBindValue(qint64(m_options.leaseSeconds) * 1000);
        // A holder whose backend session ended (LeaderLock) and that has not renewed since, for one
        // renewal and a margin: it is gone, the lease need not run out.
        QString deadToken;
        {
            QMutexLocker lock(&m_takeOverMutex);
            deadToken = m_takeOverToken;
        }
        q.addBindValue(deadToken.isEmpty() || m_sessionEndedAt == 0 ? u"-"_s : deadToken);
        q.addBindValue(m_sessionEndedAt);
        q.addBindValue(qint64(m_options.renewMs) + kTakeOverMarginMs);
        if (!exec(q, u"renew the active-node lease"_s))
            return false;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT node_name, hostname, token, api_url, first_seen_active, last_seen_active, %1 FROM active_node "
              "WHERE anchor = 1"_s.arg(now));
    if (!exec(q, u"read the active-node lease"_s))
        return false;
    if (q.next()) {
        const qint64 lastSeen = q.value(5).toLongLong();
        const qint64 dbNow = q.value(6).toLongLong();
        state->databaseNow = fromMs(dbNow);
        const bool fresh = dbNow - lastSeen <= qint64(m_options.leaseSeconds) * 1000;
        if (fresh) {
            state->activeNodeName = q.value(0).toString();
            state->activeHostname = q.value(1).toString();
            state->activeToken = q.value(2).toString();
            state->activeApiUrl = q.value(3).toString();
            state->firstSeenActive = fromMs(q.value(4).toLongLong());
            state->lastSeenActive = fromMs(lastSeen);
        }
        resolveTakeOver(*state, lastSeen);
        if (state->activeToken == m_token) {
            // Valid until one second before anyone could take over, counted from when we asked.
            m_leaseDeadline.store(sentAt + qint64(m_options.leaseSeconds) * 1000 - 1000);
        } else {
            m_leaseDeadline.store(0);
        }
    } else {
        m_leaseDeadline.store(0);
    }
    state->leader = holdsLease();
    return true;
}

bool LeaderElection::writeHealth(ElectionState *state)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const QString now = clock();
    QString status;
    {
        QMutexLocker lock(&m_statusMutex);
        status = m_status;
    }
    {
        QSqlQuery q(db);
        q.prepare(u"REPLACE INTO node_health (node_name, hostname, token, app_version, api_url, role, status, started_at, "
                  "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, %1)"_s.arg(now));
        q.addBindValue(m_options.nodeName);
        q.addBindValue(m_options.hostname);
        q.addBindValue(m_token);
        q.addBindValue(m_options.appVersion);
        q.addBindValue(m_options.apiUrl);
        q.addBindValue(state->leader ? u"active"_s : u"standby"_s);
        q.addBindValue(status.isNull() ? u""_s : status);
        q.addBindValue(m_startedAtMs);
        if (!exec(q, u"write this node's health row"_s))
            return false;
    }
    if (m_tickCount % 60 == 0) {
        QSqlQuery q(db);
        q.prepare(u"DELETE FROM node_health WHERE last_seen < %1 - ?"_s.arg(now));
        q.addBindValue(kPurgeHealthAfterMs);
        if (!exec(q, u"purge old node health rows"_s))
            return false;
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT node_name, hostname, token, app_version, api_url, role, status, started_at, last_seen, %1 "
              "FROM node_health ORDER BY node_name"_s.arg(now));
    if (!exec(q, u"read node health"_s))
        return false;
    while (q.next()) {
        NodeHealth n;
        n.nodeName = q.value(0).toString();
        n.hostname = q.value(1).toString();
        n.token = q.value(2).toString();
        n.appVersion = q.value(3).toString();
        n.apiUrl = q.value(4).toString();
        n.role = q.value(5).toString();
        n.status = q.value(6).toString();
        n.startedAt = fromMs(q.value(7).toLongLong());
        const qint64 lastSeen = q.value(8).toLongLong();
        n.lastSeen = fromMs(lastSeen);
        n.available = q.value(9).toLongLong() - lastSeen <= 2LL * m_options.leaseSeconds * 1000;
        // A node that stopped renewing is not active, whatever its row last said.
        if (n.token != state->activeToken && n.role == u"active"_s)
            n.role = u"standby"_s;
        state->nodes.append(n);
    }
    return true;
}

bool LeaderElection::follow()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (m_resetFollow.exchange(false)) {
        m_seenChecked.clear();
        m_watermark = 0;
    }
    QList<Instance> changed;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT hostname, port, last_checked, data FROM instances WHERE last_checked > ?"_s);
    q.addBindValue(m_watermark > 0 ? m_watermark - kFollowOverlapMs : qint64(-1));
    if (!exec(q, u"read instance snapshots"_s))
        return false;
    qint64 newest = m_watermark;
    while (q.next()) {
        const InstanceKey key(q.value(0).toString(), q.value(1).toInt());
        const qint64 checked = q.value(2).toLongLong();
        newest = std::max(newest, checked);
        auto seen = m_seenChecked.constFind(key);
        if (seen != m_seenChecked.cend() && *seen == checked)
            continue;
        Result<Instance> parsed = InstanceJson::fromText(q.value(3).toString());
        if (!parsed)
            continue; // a row this version cannot read is reported by the active node's store, not here
        m_seenChecked.insert(key, checked);
        changed.append(std::move(parsed).value());
    }
    m_watermark = newest;
    QList<InstanceKey> all;
    const bool full = m_tickCount % kFullKeyListEveryTicks == 0;
    if (full) {
        QSqlQuery k(db);
        k.setForwardOnly(true);
        k.prepare(u"SELECT hostname, port FROM instances"_s);
        if (!exec(k, u"read the instance list"_s))
            return false;
        QHash<InstanceKey, qint64> keep;
        while (k.next()) {
            const InstanceKey key(k.value(0).toString(), k.value(1).toInt());
            all.append(key);
            keep.insert(key, m_seenChecked.value(key));
        }
        m_seenChecked = keep;
    }
    if (!changed.isEmpty() || full)
        Q_EMIT instancesRead(changed, all, full);
    return true;
}

bool LeaderElection::readDowntimesAndAliases()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(u"SELECT hostname, port, reason FROM downtimes WHERE begin_at <= %1 AND end_at > %1"_s.arg(clock()));
    if (!exec(q, u"read downtimes"_s))
        return false;
    QHash<InstanceKey, QString> downtimes;
    while (q.next())
        downtimes.insert(InstanceKey(q.value(0).toString(), q.value(1).toInt()), q.value(2).toString());
    QSqlQuery a(db);
    a.setForwardOnly(true);
    a.prepare(u"SELECT cluster_name, alias FROM cluster_aliases"_s);
    if (!exec(a, u"read cluster aliases"_s))
        return false;
    QHash<QString, QString> aliases;
    while (a.next())
        aliases.insert(a.value(0).toString(), a.value(1).toString());
    Q_EMIT downtimesRead(downtimes);
    Q_EMIT aliasesRead(aliases);
    return true;
}

void LeaderElection::takeOverFrom(const QString &token)
{
    {
        QMutexLocker lock(&m_takeOverMutex);
        m_takeOverToken = token;
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
            // The moment we learned it, by the clock the lease rows are written with.
            m_sessionEndedAt = 0;
            if (m_connected) {
                QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
                if (q.exec(u"SELECT "_s + clock()) && q.next())
                    m_sessionEndedAt = q.value(0).toLongLong();
            }
            m_takeOverPending = m_sessionEndedAt > 0;
            if (!m_takeOverPending) {
                QMutexLocker lock(&m_takeOverMutex);
                m_takeOverToken.clear();
                return;
            }
            scheduleTakeOverRetry();
        },
        Qt::QueuedConnection);
}

void LeaderElection::resolveTakeOver(const ElectionState &state, qint64 lastSeen)
{
    QString dead;
    {
        QMutexLocker lock(&m_takeOverMutex);
        dead = m_takeOverToken;
    }
    if (dead.isEmpty() || !m_takeOverPending)
        return;
    bool done = true;
    if (state.activeToken == m_token)
        qInfo().noquote() << u"took the lease at once: the active node's backend session had ended and it missed "
                             "its renewal"_s;
    else if (state.activeToken == dead && lastSeen > m_sessionEndedAt)
        qInfo().noquote() << u"the active node renewed its lease after its lock session ended: it lives, no takeover"_s;
    else if (state.activeToken == dead)
        done = false; // not yet one renewal late
    if (done) {
        m_takeOverPending = false;
        m_sessionEndedAt = 0;
        QMutexLocker lock(&m_takeOverMutex);
        m_takeOverToken.clear();
    }
}

void LeaderElection::tick()
{
    ElectionState state;
    const qint64 now = steadyMs();
    bool ok = ensureConnected(now) && elect(&state) && writeHealth(&state);
    if (ok && m_follow.load())
        ok = follow();
    if (ok && m_tickCount % kDowntimeEveryTicks == 0)
        ok = readDowntimesAndAliases();
    ++m_tickCount;
    state.backendOk = ok;
    if (!ok) {
        state.backendError = m_lastError;
        // A lease held before the outage stays valid until its deadline: fencing counts it down.
        state.leader = holdsLease();
    }
    Q_EMIT stateChanged(state);
    scheduleTakeOverRetry();
}

void LeaderElection::scheduleTakeOverRetry()
{
    if (!m_takeOverPending || m_takeOverRetryScheduled)
        return;
    m_takeOverRetryScheduled = true;
    // Only the lease statements until the old holder is one renewal late; a whole tick once it is ours.
    QTimer::singleShot(kTakeOverRetryMs, this, [this] {
        m_takeOverRetryScheduled = false;
        if (!m_takeOverPending || !m_connected)
            return;
        ElectionState probe;
        if (elect(&probe) && probe.leader)
            tick();
        else
            scheduleTakeOverRetry();
    });
}

void LeaderElection::resign()
{
    m_leaseDeadline.store(0);
    if (!m_connected)
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(u"DELETE FROM active_node WHERE anchor = 1 AND token = ?"_s);
    q.addBindValue(m_token);
    exec(q, u"give up the active-node lease"_s);
    QSqlQuery h(db);
    h.prepare(u"UPDATE node_health SET role = 'stopped', status = 'shut down' WHERE node_name = ? AND token = ?"_s);
    h.addBindValue(m_options.nodeName);
    h.addBindValue(m_token);
    exec(h, u"mark this node stopped"_s);
}

} // namespace arbor::core
