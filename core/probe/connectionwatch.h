#pragma once

#include "model/instancekey.h"

#include <QHash>
#include <QMutex>

#include <atomic>
#include <functional>
#include <thread>

namespace arbor::core {

// Learns within a millisecond that a server ended a connection Arbor holds idle between polls. When
// mariadbd dies (kill -9, OOM, crash) the kernel closes its sockets at once and every client sees EOF;
// when it hangs or the network drops, nothing arrives (the poll's read timeout finds those). A MySQL
// server never sends on an idle connection, so any readability there is the server ending it (EOF,
// reset, or an error packet such as the wait_timeout one just before the close).
//
// One thread waits in epoll on every registered socket; it costs no query and no extra connection.
// The socket belongs to its InstanceProbe: unwatch() it before the probe uses or closes the connection
// (unwatch() returns only when the watch thread no longer looks at it).
class ConnectionWatch
{
public:
    // Called on the watch thread, once per registration, with the key whose connection ended.
    using Handler = std::function<void(const InstanceKey &)>;

    explicit ConnectionWatch(Handler onClosed);
    ~ConnectionWatch();
    ConnectionWatch(const ConnectionWatch &) = delete;
    ConnectionWatch &operator=(const ConnectionWatch &) = delete;

    bool isAvailable() const { return m_epoll >= 0; }
    // Replaces an earlier registration of @p key. Returns false when the socket cannot be watched.
    bool watch(const InstanceKey &key, int fd);
    void unwatch(const InstanceKey &key);
    bool isWatched(const InstanceKey &key) const;
    int watchedCount() const;

private:
    void run();
    void removeLocked(const InstanceKey &key);

    struct Registration
    {
        int fd = -1;
        quint64 id = 0;
    };

    Handler m_onClosed;
    mutable QMutex m_mutex; // held while the watch thread inspects a socket
    QHash<InstanceKey, Registration> m_byKey;
    QHash<quint64, InstanceKey> m_byId;
    quint64 m_nextId = 1; // 0 is the wake-up eventfd
    int m_epoll = -1;
    int m_wake = -1;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace arbor::core
