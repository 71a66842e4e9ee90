#include "ha/leaderlock.h"

#include "probe/mysqlsocket.h"

#include <QDebug>
#include <QDeadlineTimer>
#include <QMutexLocker>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <poll.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
std::atomic<int> s_lockConnections{0};
constexpr int kGetLockWaitSeconds = 1; // a standby's wait per round: also how long stop() may take
constexpr int kIdleCheckMs = 500;
} // namespace

LeaderLock::LeaderLock(Options options, SessionEnded onSessionEnded)
    : m_options(std::move(options)), m_onSessionEnded(std::move(onSessionEnded))
{
}

LeaderLock::~LeaderLock()
{
    stop();
}

QString LeaderLock::unsupportedReason(const StoreOptions &store)
{
    if (store.kind != StoreOptions::Kind::MySql)
        return u"the SQLite backend has no locks that other nodes see"_s;
    return {};
}

QString LeaderLock::lockName(const QString &token)
{
    return u"arbor-active-"_s + token; // 45 characters: GET_LOCK takes up to 64
}

void LeaderLock::start()
{
    if (m_thread)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stop = false;
    }
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(u"arbor-leader-lock"_s);
    m_thread->start();
}

void LeaderLock::stop()
{
    if (!m_thread)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    m_thread.reset();
}

void LeaderLock::setRole(bool leader, const QString &activeToken)
{
    QMutexLocker lock(&m_mutex);
    m_leader = leader;
    m_activeToken = activeToken;
}

void LeaderLock::pause(int ms)
{
    QMutexLocker lock(&m_mutex);
    if (!m_stop)
        m_wake.wait(&m_mutex, QDeadlineTimer(ms));
}

void LeaderLock::run()
{
    for (;;) {
        bool leader = false;
        QString active;
        {
            QMutexLocker lock(&m_mutex);
            if (m_stop)
                break;
            leader = m_leader;
            active = m_activeToken;
        }
        if (!m_connected && !connect()) {
            if (m_unsupported)
                break;
            pause(std::min(1000 * ++m_failures, 5000));
            continue;
        }
        m_failures = 0;
        if (!(leader ? lead() : standBy()))
            disconnect();
    }
    disconnect();
}

bool LeaderLock::connect()
{
    m_connectionName = u"arbor-leader-lock-%1"_s.arg(++s_lockConnections);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, m_connectionName);
    db.setHostName(m_options.store.host);
    db.setPort(m_options.store.port);
    db.setDatabaseName(m_options.store.database);
    db.setUserName(m_options.store.user);
    db.setPassword(m_options.store.password);
    // The read timeout must outlast a standby's GET_LOCK wait.
    db.setConnectOptions(u"MYSQL_OPT_CONNECT_TIMEOUT=2;MYSQL_OPT_READ_TIMEOUT=%1;MYSQL_OPT_WRITE_TIMEOUT=5"_s.arg(
        kGetLockWaitSeconds + 5));
    if (!db.open()) {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
        return false;
    }
    m_connected = true;
    QSqlQuery q(db);
    // Galera certifies rows, not locks: a GET_LOCK on one node is invisible on the others.
    if (q.exec(u"SHOW VARIABLES LIKE 'wsrep_on'"_s) && q.next()
        && q.value(1).toString().compare(u"ON"_s, Qt::CaseInsensitive) == 0) {
        qWarning().noquote() << u"the backend is a Galera node (wsrep_on): GET_LOCK is not replicated between its "
                                "nodes, so a standby takes over after a crash of the active node when the lease "
                                "expires (%1 s), not at once"_s.arg(m_options.leaseSeconds);
        m_unsupported = true;
        q = QSqlQuery();
        db = QSqlDatabase();
        disconnect();
        return false;
    }
    // The active node's session stays idle for as long as it leads: not to be dropped as idle.
    q.exec(u"SET SESSION wait_timeout = 31536000"_s);
    return true;
}

void LeaderLock::disconnect()
{
    m_holdsOwn.store(false); // the server frees every lock of a session that ends
    m_watching.store(false);
    m_seenHeld.clear();
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_connected = false;
}

bool LeaderLock::lead()
{
    m_watching.store(false);
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!m_holdsOwn.load()) {
        QSqlQuery q(db);
        q.prepare(u"SELECT GET_LOCK(?, 0)"_s);
        q.addBindValue(lockName(m_options.token));
        if (!q.exec() || !q.next() || q.isNull(0))
            return false;
        if (q.value(0).toInt() != 1) {
            // A standby holds it: it saw a session of ours end and checks whether we still renew.
            pause(200);
            return true;
        }
        m_holdsOwn.store(true);
    }
    // Held: nothing to send. Wait for the session to end under us (EOF), a little at a time.
    const int fd = mysqlSocketOf(db);
    if (fd < 0)
        return false;
    pollfd p{fd, short(POLLIN | POLLRDHUP), 0};
    const int ready = ::poll(&p, 1, kIdleCheckMs);
    if (ready > 0) {
        qWarning().noquote() << u"the backend ended the session that holds this node's leader lock; taking it "
                                "again (the lease still decides who is active)"_s;
        return false;
    }
    return true;
}

bool LeaderLock::standBy()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (m_holdsOwn.load()) {
        QSqlQuery q(db);
        q.prepare(u"SELECT RELEASE_LOCK(?)"_s);
        q.addBindValue(lockName(m_options.token));
        if (!q.exec())
            return false;
        m_holdsOwn.store(false);
    }
    QString active;
    {
        QMutexLocker lock(&m_mutex);
        active = m_activeToken;
    }
    if (active.isEmpty() || active == m_options.token) {
        m_watching.store(false);
        pause(kIdleCheckMs);
        return true;
    }
    const QString name = lockName(active);
    if (m_seenHeld != active) {
        // Only a lock seen held can be seen released: an active node of an older version takes none.
        QSqlQuery q(db);
        q.prepare(u"SELECT IS_USED_LOCK(?)"_s);
        q.addBindValue(name);
        if (!q.exec() || !q.next())
            return false;
        if (q.isNull(0)) {
            m_watching.store(false);
            pause(kIdleCheckMs);
            return true;
        }
        m_seenHeld = active;
        m_watching.store(true);
    }
    QSqlQuery q(db);
    q.prepare(u"SELECT GET_LOCK(?, %1)"_s.arg(kGetLockWaitSeconds));
    q.addBindValue(name);
    if (!q.exec() || !q.next() || q.isNull(0))
        return false;
    if (q.value(0).toInt() != 1)
        return true; // still held: the active node's session lives
    qInfo().noquote() << u"the active node's backend session ended (its leader lock is free): taking the lease "
                         "as soon as it misses a renewal"_s;
    m_watching.store(false);
    m_onSessionEnded(active);
    QSqlQuery release(db);
    release.prepare(u"SELECT RELEASE_LOCK(?)"_s);
    release.addBindValue(name);
    release.exec();
    m_seenHeld.clear();
    return true;
}

} // namespace arbor::core
