#include "simulator.h"

#include <QList>
#include <QRandomGenerator>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <future>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <queue>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

using namespace Qt::Literals::StringLiterals;

namespace arbor::simulator {

namespace {

constexpr quint64 kWakeTag = 1ULL << 63;
constexpr quint64 kListenerTag = 1ULL << 62;
constexpr quint32 kServerCapabilities =
    protocol::ClientLongPassword | protocol::ClientFoundRows | protocol::ClientLongFlag | protocol::ClientConnectWithDb
    | protocol::ClientNoSchema | protocol::ClientOdbc | protocol::ClientIgnoreSpace | protocol::ClientProtocol41
    | protocol::ClientInteractive | protocol::ClientTransactions | protocol::ClientSecureConnection
    | protocol::ClientMultiStatements | protocol::ClientMultiResults | protocol::ClientPsMultiResults
    | protocol::ClientPluginAuth | protocol::ClientConnectAttrs | protocol::ClientPluginAuthLenencData;
const QByteArray kNativePlugin = QByteArrayLiteral("mysql_native_password");

// The statements of a COM_QUERY: split at semicolons outside quotes; empty pieces dropped.
QList<QByteArray> splitStatements(const QByteArray &query)
{
    QList<QByteArray> out;
    QByteArray current;
    char quote = 0;
    for (const char ch : query) {
        if (quote) {
            quote = ch == quote ? 0 : quote;
        } else if (ch == '\'' || ch == '"' || ch == '`') {
            quote = ch;
        } else if (ch == ';') {
            if (!current.trimmed().isEmpty())
                out.append(current.trimmed());
            current.clear();
            continue;
        }
        current.append(ch);
    }
    if (!current.trimmed().isEmpty() || out.isEmpty())
        out.append(current.trimmed());
    return out;
}

qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

int listenOn(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); // never anything but loopback
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(fd, 128) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

QByteArray randomScramble()
{
    QByteArray s(20, '\0');
    for (char &c : s)
        c = char(33 + QRandomGenerator::global()->bounded(94)); // printable, never NUL
    return s;
}

QByteArray nulTerminated(const QByteArray &in, int &pos)
{
    const int end = in.indexOf('\0', pos);
    const QByteArray out = in.mid(pos, (end < 0 ? int(in.size()) : end) - pos);
    pos = end < 0 ? int(in.size()) : end + 1;
    return out;
}

} // namespace

struct Simulator::Loop
{
    struct Conn
    {
        int fd = -1;
        int server = -1;
        quint64 generation = 0;
        bool authenticated = false;
        bool awaitingSwitch = false;
        bool wantWrite = false;
        bool closeWhenFlushed = false;
        QByteArray user;
        QByteArray scramble;
        SessionState session; // GTID_NEXT and an open transaction live as long as the connection
        QByteArray in;
        QByteArray out;
    };
    struct Delayed
    {
        qint64 dueNs;
        int fd;
        quint64 generation;
        QByteArray bytes;
        bool closeAfter;
        bool operator>(const Delayed &o) const { return dueNs > o.dueNs; }
    };

    Simulator *sim = nullptr;
    int epfd = -1;
    int wakeFd = -1;
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::unordered_map<int, std::unique_ptr<Conn>> conns;
    std::priority_queue<Delayed, std::vector<Delayed>, std::greater<>> delayed;
    std::mutex commandMutex;
    std::vector<std::function<void()>> commands;
    quint64 nextGeneration = 1;

    // Per server of this loop: the fault as the sockets see it (only this thread touches these).
    std::unordered_map<int, NetworkFault> net;
    std::unordered_map<int, int> slow;

    void post(std::function<void()> command)
    {
        if (!thread.joinable()) {
            command();
            return;
        }
        if (std::this_thread::get_id() == thread.get_id()) {
            command();
            return;
        }
        std::promise<void> done;
        auto finished = done.get_future();
        {
            std::lock_guard lock(commandMutex);
            commands.push_back([&] {
                command();
                done.set_value();
            });
        }
        const quint64 one = 1;
        (void)!::write(wakeFd, &one, sizeof one);
        finished.wait();
    }

    void watchListener(int server, bool on)
    {
        const int fd = sim->m_listenFds[size_t(server)];
        if (fd < 0)
            return;
        if (on) {
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = kListenerTag | quint64(server);
            ::epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
        } else {
            ::epoll_ctl(epfd, EPOLL_CTL_DEL, fd, nullptr);
        }
    }

    void applyFault(int server, NetworkFault fault, int slowMs)
    {
        const NetworkFault old = net[server];
        net[server] = fault;
        slow[server] = slowMs;
        int &listenFd = sim->m_listenFds[size_t(server)];
        if (fault == NetworkFault::Dead) {
            if (listenFd >= 0) {
                ::epoll_ctl(epfd, EPOLL_CTL_DEL, listenFd, nullptr);
                ::close(listenFd);
                listenFd = -1;
            }
            std::vector<int> doomed;
            for (const auto &[fd, conn] : conns) {
                if (conn->server == server)
                    doomed.push_back(fd);
            }
            for (int fd : doomed)
                closeConn(fd);
            return;
        }
        if (old == NetworkFault::Dead || listenFd < 0) {
            listenFd = listenOn(sim->port(server));
            if (listenFd < 0)
                qWarning("arbor-simulator: cannot listen on 127.0.0.1:%d again", int(sim->port(server)));
            else if (fault != NetworkFault::Hung)
                watchListener(server, true);
            return;
        }
        if (fault == NetworkFault::Hung && old != NetworkFault::Hung)
            watchListener(server, false);
        else if (fault != NetworkFault::Hung && old == NetworkFault::Hung)
            watchListener(server, true);
    }

    void closeConn(int fd)
    {
        auto it = conns.find(fd);
        if (it == conns.end())
            return;
        ::epoll_ctl(epfd, EPOLL_CTL_DEL, fd, nullptr);
        ::close(fd);
        conns.erase(it);
        sim->m_counters.open.fetch_sub(1, std::memory_order_relaxed);
    }

    void acceptOn(int server)
    {
        const int listenFd = sim->m_listenFds[size_t(server)];
        for (int k = 0; k < 64 && listenFd >= 0; ++k) {
            const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EMFILE || errno == ENFILE) {
                    // Out of descriptors: stop watching this port for a moment instead of spinning.
                    qWarning("arbor-simulator: out of file descriptors accepting on port %d (raise ulimit -n or "
                             "use more shards)", int(sim->port(server)));
                    watchListener(server, false);
                    delayed.push({monotonicNs() + 200'000'000, -1 - server, 0, {}, false});
                }
                return;
            }
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto conn = std::make_unique<Conn>();
            conn->fd = fd;
            conn->server = server;
            conn->generation = nextGeneration++;
            conn->scramble = randomScramble();
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLRDHUP;
            ev.data.u64 = quint64(fd);
            ::epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
            Conn &c = *conn;
            conns.emplace(fd, std::move(conn));
            sim->m_counters.accepted.fetch_add(1, std::memory_order_relaxed);
            sim->m_counters.open.fetch_add(1, std::memory_order_relaxed);
            sendHandshake(c);
        }
    }

    void sendHandshake(Conn &c)
    {
        QByteArray p;
        p.append(char(10));
        p.append(sim->m_fleet->handshakeVersion());
        p.append('\0');
        protocol::putInt(p, c.generation & 0xffffffff, 4); // connection id
        p.append(c.scramble.left(8));
        p.append('\0');
        protocol::putInt(p, kServerCapabilities & 0xffff, 2);
        p.append(char(45)); // utf8mb4_general_ci
        protocol::putInt(p, protocol::StatusAutocommit, 2);
        protocol::putInt(p, kServerCapabilities >> 16, 2);
        p.append(char(21)); // auth plugin data length
        p.append(QByteArray(10, '\0'));
        p.append(c.scramble.mid(8));
        p.append('\0');
        p.append(kNativePlugin);
        p.append('\0');
        QByteArray out;
        quint8 seq = 0;
        protocol::appendPacket(out, seq, p);
        send(c, std::move(out), false);
    }

    // Answers leave now, or after the server's slow delay.
    void send(Conn &c, QByteArray bytes, bool closeAfter)
    {
        const int delay = slow[c.server];
        if (delay > 0) {
            delayed.push({monotonicNs() + qint64(delay) * 1'000'000, c.fd, c.generation, std::move(bytes), closeAfter});
            return;
        }
        c.out.append(bytes);
        c.closeWhenFlushed = c.closeWhenFlushed || closeAfter;
        flush(c);
    }

    // Returns false when the connection was closed.
    bool flush(Conn &c)
    {
        while (!c.out.isEmpty()) {
            const ssize_t n = ::send(c.fd, c.out.constData(), size_t(c.out.size()), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    break;
                closeConn(c.fd);
                return false;
            }
            c.out.remove(0, n);
        }
        if (c.out.isEmpty() && c.closeWhenFlushed) {
            closeConn(c.fd);
            return false;
        }
        const bool want = !c.out.isEmpty();
        if (want != c.wantWrite) {
            c.wantWrite = want;
            epoll_event ev{};
            ev.events = quint32(EPOLLIN | EPOLLRDHUP) | (want ? quint32(EPOLLOUT) : 0u);
            ev.data.u64 = quint64(c.fd);
            ::epoll_ctl(epfd, EPOLL_CTL_MOD, c.fd, &ev);
        }
        return true;
    }

    void readFrom(Conn &c)
    {
        char buffer[16384];
        for (;;) {
            const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
            if (n == 0) {
                closeConn(c.fd);
                return;
            }
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    break;
                closeConn(c.fd);
                return;
            }
            // A hung server reads nothing it will answer; dropping the bytes keeps memory bounded.
            if (net[c.server] != NetworkFault::Hung)
                c.in.append(buffer, n);
            if (n < qsizetype(sizeof buffer))
                break;
        }
        const int fd = c.fd;
        int pos = 0;
        while (c.in.size() - pos >= 4) {
            const int length = quint8(c.in.at(pos)) | (quint8(c.in.at(pos + 1)) << 8) | (quint8(c.in.at(pos + 2)) << 16);
            if (c.in.size() - pos - 4 < length)
                break;
            const quint8 seq = quint8(c.in.at(pos + 3));
            const QByteArray payload = c.in.mid(pos + 4, length);
            pos += 4 + length;
            if (!handlePacket(c, payload, seq) || !conns.count(fd))
                return;
        }
        c.in.remove(0, pos);
    }

    // Returns false when the connection was closed.
    bool handlePacket(Conn &c, const QByteArray &payload, quint8 seq)
    {
        QByteArray out;
        quint8 next = quint8(seq + 1);
        if (!c.authenticated)
            return handleAuth(c, payload, next);
        if (payload.isEmpty())
            return true;
        const quint8 command = quint8(payload.at(0));
        next = 1;
        switch (command) {
        case 0x01: // COM_QUIT
            closeConn(c.fd);
            return false;
        case 0x02: // COM_INIT_DB
        case 0x0e: // COM_PING
        case 0x1f: // COM_RESET_CONNECTION
            protocol::appendPacket(out, next, protocol::okPayload());
            break;
        case 0x1b: // COM_SET_OPTION
            protocol::appendPacket(out, next, protocol::eofPayload());
            break;
        case 0x03: { // COM_QUERY
            // A batch ("A; B; C", CLIENT_MULTI_STATEMENTS) answers each statement in turn; every result
            // but the last says more follow; an error ends the batch, as on a real server.
            const QList<QByteArray> statements = splitStatements(payload.mid(1));
            for (qsizetype i = 0; i < statements.size(); ++i) {
                sim->m_counters.queries.fetch_add(1, std::memory_order_relaxed);
                const Reply reply = sim->m_fleet->answer(c.server, statements.at(i), &c.session);
                const quint16 status = protocol::StatusAutocommit
                                       | (i + 1 < statements.size() ? protocol::StatusMoreResultsExist : 0);
                if (reply.kind == Reply::Kind::Error) {
                    protocol::appendPacket(out, next, protocol::errPayload(reply.errorCode, reply.sqlState, reply.message));
                    break;
                }
                if (reply.kind == Reply::Kind::Ok)
                    protocol::appendPacket(out, next, protocol::okPayload(reply.affectedRows, status));
                else
                    protocol::appendResultSet(out, next, reply.columns, reply.rows, status);
            }
            break;
        }
        default:
            protocol::appendPacket(out, next, protocol::errPayload(1047, "08S01", "Unknown command"));
            break;
        }
        send(c, std::move(out), false);
        return conns.count(c.fd) > 0;
    }

    bool handleAuth(Conn &c, const QByteArray &payload, quint8 next)
    {
        QByteArray out;
        QByteArray token;
        if (c.awaitingSwitch) {
            token = payload;
        } else {
            if (payload.size() < 32) {
                protocol::appendPacket(out, next, protocol::errPayload(1043, "08S01", "Bad handshake"));
                send(c, std::move(out), true);
                return false;
            }
            const quint32 caps = quint8(payload.at(0)) | (quint8(payload.at(1)) << 8) | (quint8(payload.at(2)) << 16)
                                 | (quint32(quint8(payload.at(3))) << 24);
            int pos = 32;
            c.user = nulTerminated(payload, pos);
            if (caps & protocol::ClientPluginAuthLenencData) {
                const auto length = protocol::readLenenc(payload, pos);
                token = payload.mid(pos, int(length.value_or(0)));
                pos += int(length.value_or(0));
            } else if (caps & protocol::ClientSecureConnection) {
                const int length = pos < payload.size() ? quint8(payload.at(pos)) : 0;
                token = payload.mid(pos + 1, length);
                pos += 1 + length;
            } else {
                token = nulTerminated(payload, pos);
            }
            if (caps & protocol::ClientConnectWithDb)
                (void)nulTerminated(payload, pos);
            const QByteArray plugin = (caps & protocol::ClientPluginAuth) ? nulTerminated(payload, pos) : kNativePlugin;
            if (!plugin.isEmpty() && plugin != kNativePlugin) {
                // Ask the client to switch to mysql_native_password, the only method simulated.
                QByteArray p;
                p.append(char(0xfe));
                p.append(kNativePlugin);
                p.append('\0');
                p.append(c.scramble);
                p.append('\0');
                protocol::appendPacket(out, next, p);
                c.awaitingSwitch = true;
                send(c, std::move(out), false);
                return conns.count(c.fd) > 0;
            }
        }
        if (sim->m_fleet->authenticate(c.user, token, c.scramble)) {
            c.authenticated = true;
            protocol::appendPacket(out, next, protocol::okPayload());
            send(c, std::move(out), false);
            return conns.count(c.fd) > 0;
        }
        sim->m_counters.authFailures.fetch_add(1, std::memory_order_relaxed);
        protocol::appendPacket(out, next,
                               protocol::errPayload(1045, "28000",
                                                    "Access denied for user '" + c.user + "'@'127.0.0.1' (using password: "
                                                        + (token.isEmpty() ? "NO" : "YES") + ")"));
        send(c, std::move(out), true);
        return false;
    }

    void runDelayed()
    {
        const qint64 now = monotonicNs();
        while (!delayed.empty() && delayed.top().dueNs <= now) {
            Delayed d = delayed.top();
            delayed.pop();
            if (d.fd < 0) { // a listener paused after EMFILE
                const int server = -1 - d.fd;
                if (net[server] == NetworkFault::None || net[server] == NetworkFault::Slow)
                    watchListener(server, true);
                continue;
            }
            auto it = conns.find(d.fd);
            if (it == conns.end() || it->second->generation != d.generation)
                continue;
            Conn &c = *it->second;
            if (net[c.server] == NetworkFault::Hung)
                continue;
            c.out.append(d.bytes);
            c.closeWhenFlushed = c.closeWhenFlushed || d.closeAfter;
            flush(c);
        }
    }

    void run()
    {
        epoll_event events[256];
        while (!stopping.load()) {
            int timeout = 500;
            if (!delayed.empty())
                timeout = int(std::clamp<qint64>((delayed.top().dueNs - monotonicNs()) / 1'000'000 + 1, 0, 500));
            const int n = ::epoll_wait(epfd, events, 256, timeout);
            for (int k = 0; k < n; ++k) {
                const quint64 tag = events[k].data.u64;
                if (tag == kWakeTag) {
                    quint64 count = 0;
                    (void)!::read(wakeFd, &count, sizeof count);
                    std::vector<std::function<void()>> todo;
                    {
                        std::lock_guard lock(commandMutex);
                        todo.swap(commands);
                    }
                    for (auto &command : todo)
                        command();
                } else if (tag & kListenerTag) {
                    acceptOn(int(tag & ~kListenerTag));
                } else {
                    const int fd = int(tag);
                    auto it = conns.find(fd);
                    if (it == conns.end())
                        continue;
                    Conn &c = *it->second;
                    if (events[k].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
                        readFrom(c);
                    it = conns.find(fd);
                    if (it != conns.end() && (events[k].events & EPOLLOUT))
                        flush(*it->second);
                }
            }
            runDelayed();
        }
    }
};

Simulator::Simulator(FleetOptions options) : m_fleet(std::make_unique<FleetModel>(std::move(options))) {}

Simulator::~Simulator()
{
    stop();
}

core::InstanceKey Simulator::key(int i) const
{
    return core::InstanceKey(u"127.0.0.1"_s, port(i));
}

Simulator::Loop &Simulator::loopOf(int i) const
{
    return *m_loops[size_t(i % int(m_loops.size()))];
}

core::Result<void> Simulator::bindAll()
{
    const int n = size();
    m_listenFds.assign(size_t(n), -1);
    auto bindFrom = [&](int base) {
        for (int i = 0; i < n; ++i) {
            if (!m_fleet->ownedByThisShard(i))
                continue;
            const int fd = listenOn(quint16(base + i));
            if (fd < 0) {
                for (int &open : m_listenFds) {
                    if (open >= 0)
                        ::close(open);
                    open = -1;
                }
                return false;
            }
            m_listenFds[size_t(i)] = fd;
        }
        return true;
    };
    const int requested = m_fleet->options().basePort;
    if (requested != 0) {
        if (requested + n > 65535)
            return core::Result<void>::failure(u"ports %1 to %2 do not fit below 65536: pick a lower base port"_s
                                                   .arg(requested).arg(requested + n - 1));
        if (!bindFrom(requested))
            return core::Result<void>::failure(
                u"cannot listen on every port from 127.0.0.1:%1 to %2 (one is taken, or ulimit -n is too low for %3 "
                "servers): pick another base port or more shards"_s.arg(requested).arg(requested + n - 1).arg(n));
        return core::Result<void>::success();
    }
    // Below the sandbox range (20000-32000) and the ephemeral range (32768+), so clients never collide.
    // A small fleet looks in 10000-20000 first, then in 1100-10000: a benchmark's 10,000-server fleet
    // may hold the whole upper block while a test runs beside it.
    const auto pick = [&](int low, int high) {
        return low + int(QRandomGenerator::global()->bounded(std::max(1, high - n - low)));
    };
    for (int attempt = 0; attempt < 80; ++attempt) {
        const int base = n >= 10000 ? pick(1100, 20000) : attempt < 40 ? pick(10000, 20000) : pick(1100, 10000);
        if (bindFrom(base)) {
            m_fleet->setBasePort(quint16(base));
            return core::Result<void>::success();
        }
    }
    return core::Result<void>::failure(
        u"found no free block of %1 ports on 127.0.0.1 below 20000 (or ulimit -n is too low): stop other simulators"_s.arg(n));
}

core::Result<void> Simulator::start()
{
    if (m_running)
        return core::Result<void>::success();
    if (auto bound = bindAll(); !bound.ok())
        return bound;
    const int threads = std::max(1, m_fleet->options().threads);
    for (int t = 0; t < threads; ++t) {
        auto loop = std::make_unique<Loop>();
        loop->sim = this;
        loop->epfd = ::epoll_create1(EPOLL_CLOEXEC);
        loop->wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = kWakeTag;
        ::epoll_ctl(loop->epfd, EPOLL_CTL_ADD, loop->wakeFd, &ev);
        m_loops.push_back(std::move(loop));
    }
    for (int i = 0; i < size(); ++i) {
        if (m_listenFds[size_t(i)] < 0)
            continue;
        Loop &loop = loopOf(i);
        loop.net[i] = NetworkFault::None;
        loop.slow[i] = 0;
        loop.watchListener(i, true);
    }
    for (auto &loop : m_loops) {
        Loop *l = loop.get();
        l->thread = std::thread([l] { l->run(); });
    }
    m_running = true;
    return core::Result<void>::success();
}

void Simulator::stop()
{
    if (!m_running)
        return;
    for (auto &loop : m_loops) {
        loop->stopping = true;
        const quint64 one = 1;
        (void)!::write(loop->wakeFd, &one, sizeof one);
    }
    for (auto &loop : m_loops) {
        loop->thread.join();
        for (auto &[fd, conn] : loop->conns)
            ::close(fd);
        loop->conns.clear();
        ::close(loop->wakeFd);
        ::close(loop->epfd);
    }
    m_loops.clear();
    for (int &fd : m_listenFds) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
    m_counters.open = 0;
    m_running = false;
}

void Simulator::setNetworkFault(int i, NetworkFault fault, int slowMs)
{
    if (i < 0 || i >= size())
        return;
    m_fleet->setNetworkFault(i, fault, slowMs);
    if (!m_running || !m_fleet->ownedByThisShard(i))
        return;
    Loop &loop = loopOf(i);
    loop.post([&loop, i, fault, slowMs] { loop.applyFault(i, fault, fault == NetworkFault::Slow ? slowMs : 0); });
}

Simulator::Stats Simulator::stats() const
{
    Stats s;
    s.connectionsAccepted = m_counters.accepted.load();
    s.connectionsOpen = m_counters.open.load();
    s.queries = m_counters.queries.load();
    s.authFailures = m_counters.authFailures.load();
    return s;
}

} // namespace arbor::simulator
