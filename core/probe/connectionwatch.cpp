#include "probe/connectionwatch.h"

#include <QMutexLocker>

#include <cerrno>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace arbor::core {

namespace {
constexpr quint64 kWakeId = 0;
constexpr uint32_t kEvents = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT; // EPOLLHUP and EPOLLERR always come
} // namespace

ConnectionWatch::ConnectionWatch(Handler onClosed) : m_onClosed(std::move(onClosed))
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll < 0 || m_wake < 0) {
        if (m_epoll >= 0)
            ::close(m_epoll);
        if (m_wake >= 0)
            ::close(m_wake);
        m_epoll = m_wake = -1;
        return;
    }
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kWakeId;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev);
    m_thread = std::thread([this] { run(); });
}

ConnectionWatch::~ConnectionWatch()
{
    if (m_epoll < 0)
        return;
    m_stop.store(true);
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_wake, &one, sizeof one);
    m_thread.join();
    ::close(m_wake);
    ::close(m_epoll);
}

bool ConnectionWatch::watch(const InstanceKey &key, int fd)
{
    if (m_epoll < 0 || fd < 0)
        return false;
    QMutexLocker lock(&m_mutex);
    removeLocked(key);
    const quint64 id = m_nextId++;
    epoll_event ev{};
    ev.events = kEvents;
    ev.data.u64 = id;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0)
        return false;
    m_byKey.insert(key, {fd, id});
    m_byId.insert(id, key);
    return true;
}

void ConnectionWatch::unwatch(const InstanceKey &key)
{
    QMutexLocker lock(&m_mutex);
    removeLocked(key);
}

void ConnectionWatch::removeLocked(const InstanceKey &key)
{
    const auto it = m_byKey.find(key);
    if (it == m_byKey.end())
        return;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, it->fd, nullptr);
    m_byId.remove(it->id);
    m_byKey.erase(it);
}

bool ConnectionWatch::isWatched(const InstanceKey &key) const
{
    QMutexLocker lock(&m_mutex);
    return m_byKey.contains(key);
}

int ConnectionWatch::watchedCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_byKey.size());
}

void ConnectionWatch::run()
{
    epoll_event events[64];
    while (!m_stop.load()) {
        const int n = ::epoll_wait(m_epoll, events, 64, -1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        QList<InstanceKey> closed;
        {
            QMutexLocker lock(&m_mutex);
            for (int i = 0; i < n; ++i) {
                const quint64 id = events[i].data.u64;
                if (id == kWakeId)
                    continue;
                const auto found = m_byId.constFind(id);
                if (found == m_byId.cend())
                    continue; // unwatched meanwhile: its socket is the probe's again
                const InstanceKey key = *found;
                const Registration r = m_byKey.value(key);
                char byte = 0;
                const ssize_t got = ::recv(r.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
                if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                    epoll_event ev{};
                    ev.events = kEvents;
                    ev.data.u64 = id;
                    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, r.fd, &ev); // nothing there after all: re-arm
                    continue;
                }
                // EOF (0), a reset (< 0), or bytes the server sent unasked (> 0): the session is over.
                closed.append(key);
                removeLocked(key);
            }
        }
        for (const InstanceKey &key : std::as_const(closed))
            m_onClosed(key);
    }
}

} // namespace arbor::core
