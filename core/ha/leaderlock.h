#pragma once

#include "store/storeoptions.h"

#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace arbor::core {

// Tells a standby at once that the active node's backend session ended, so that it need not wait for
// the lease to run out after a crash (issue 16). The active node holds the named lock
// "arbor-active-<its token>" (GET_LOCK) on a connection of its own, idle; the server releases it the
// moment that session ends, i.e. when the node's process dies. A standby blocks in GET_LOCK on the
// active node's lock, one second at a time, and when it gets it, reports the end with the database
// time; LeaderElection then takes the lease as soon as the old holder has also missed one renewal
// (so a live node whose lock connection alone was killed keeps its role). The lease stays the safety
// net: nothing here changes who may act (LeaderElection::holdsLease()).
//
// MySQL/MariaDB backends only. SQLite has no locks that other processes see, and Galera does not
// replicate GET_LOCK between its nodes (wsrep_on): there the lease alone decides, and the log says so.
class LeaderLock
{
public:
    struct Options
    {
        StoreOptions store;
        QString token;        // this node's election token
        int leaseSeconds = 5; // for the log lines
    };
    // Called on the lock's thread: the active node @p token lost its backend session just now.
    using SessionEnded = std::function<void(const QString &token)>;

    LeaderLock(Options options, SessionEnded onSessionEnded);
    ~LeaderLock(); // stop()

    // Why the backend cannot serve this (empty: it can, as far as is known before connecting).
    static QString unsupportedReason(const StoreOptions &store);
    void start();
    void stop(); // within about a second (a standby's GET_LOCK wait)
    // Thread-safe: the latest election outcome.
    void setRole(bool leader, const QString &activeToken);
    bool holdsOwnLock() const { return m_holdsOwn.load(); }
    // A standby waits on the active node's lock (its crash is seen at once).
    bool watchesActive() const { return m_watching.load(); }

private:
    void run();
    bool connect();
    void disconnect();
    bool lead();    // one step as the active node; false: the connection is gone
    bool standBy(); // one step as a standby
    void pause(int ms);
    static QString lockName(const QString &token);

    const Options m_options;
    const SessionEnded m_onSessionEnded;
    QString m_connectionName;
    std::unique_ptr<QThread> m_thread;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stop = false;       // guarded by m_mutex
    bool m_leader = false;     // guarded by m_mutex
    QString m_activeToken;     // guarded by m_mutex
    std::atomic<bool> m_holdsOwn{false};
    std::atomic<bool> m_watching{false};
    // Lock-thread state.
    bool m_connected = false;
    bool m_unsupported = false; // found out after connecting (Galera): the lease alone decides
    QString m_seenHeld; // the active token whose lock this standby has seen held
    int m_failures = 0;
};

} // namespace arbor::core
