#include "invariantmonitor.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpSocket>
#include <QThread>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace arbor::chaos {

namespace {

constexpr int kPeriodMs = 50;
constexpr qint64 kFreshMs = 1500; // a sample older than this says nothing about the server now

QString connectOptions(const QString &socket)
{
    return u"UNIX_SOCKET=%1;MYSQL_OPT_CONNECT_TIMEOUT=1;MYSQL_OPT_READ_TIMEOUT=1;MYSQL_OPT_WRITE_TIMEOUT=1"_s.arg(socket);
}

// One sampling connection per thread, reopened after a failure.
class Sampler
{
public:
    Sampler(const QString &name, const QString &socket) : m_name(name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, m_name);
        db.setHostName(u"localhost"_s);
        db.setUserName(u"root"_s);
        db.setConnectOptions(connectOptions(socket));
    }
    ~Sampler()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    // The rows of @p sql, or nullopt when the server did not answer.
    std::optional<QList<QVariantList>> query(const QString &sql)
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (!db.isOpen() && !db.open())
            return std::nullopt;
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            q.finish();
            db.close();
            return std::nullopt;
        }
        QList<QVariantList> rows;
        while (q.next()) {
            QVariantList row;
            for (int c = 0; c < q.record().count(); ++c)
                row.append(q.value(c));
            rows.append(row);
        }
        return rows;
    }

private:
    QString m_name;
};

// GET /api/leader-check on 127.0.0.1:port: true on 200 within the timeout.
bool leaderCheck(int port)
{
    QTcpSocket s;
    s.connectToHost(u"127.0.0.1"_s, quint16(port));
    if (!s.waitForConnected(300))
        return false;
    s.write("GET /api/leader-check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QByteArray answer;
    QElapsedTimer t;
    t.start();
    while (!answer.contains("\r\n") && t.elapsed() < 400) {
        if (!s.waitForReadyRead(int(400 - t.elapsed())))
            break;
        answer += s.readAll();
    }
    return answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.0 200");
}

} // namespace

InvariantMonitor::InvariantMonitor(QStringList sockets, QList<Node> nodes, QString backendSocket, QString backendDatabase)
    : m_sockets(std::move(sockets)),
      m_nodes(std::move(nodes)),
      m_backendSocket(std::move(backendSocket)),
      m_backendDatabase(std::move(backendDatabase)),
      m_servers(size_t(m_sockets.size()))
{
    m_clock.start();
}

InvariantMonitor::~InvariantMonitor()
{
    stop();
}

void InvariantMonitor::start()
{
    m_stop.store(false);
    for (int i = 0; i < m_sockets.size(); ++i)
        m_threads.emplace_back([this, i] { sampleServer(i); });
    if (!m_nodes.isEmpty() || !m_backendSocket.isEmpty())
        m_threads.emplace_back([this] { sampleNodes(); });
}

void InvariantMonitor::stop()
{
    m_stop.store(true);
    for (std::thread &t : m_threads)
        t.join();
    m_threads.clear();
}

void InvariantMonitor::sampleServer(int i)
{
    Sampler sampler(u"chaos-monitor-%1-%2"_s.arg(i).arg(quintptr(this)), m_sockets.at(i));
    while (!m_stop.load()) {
        const auto rows = sampler.query(u"SELECT @@GLOBAL.read_only"_s);
        const qint64 now = m_clock.elapsed();
        {
            QMutexLocker lock(&m_mutex);
            ServerState &s = m_servers[size_t(i)];
            s.readOnly = rows && !rows->isEmpty() ? rows->first().value(0).toInt() : -1;
            if (s.readOnly >= 0)
                s.sampledAt = now;
            evaluate(now);
        }
        m_samples.fetch_add(1);
        QThread::msleep(kPeriodMs); // ok: the sampling period
    }
}

void InvariantMonitor::sampleNodes()
{
    std::unique_ptr<Sampler> backend;
    if (!m_backendSocket.isEmpty())
        backend = std::make_unique<Sampler>(u"chaos-monitor-backend-%1"_s.arg(quintptr(this)), m_backendSocket);
    while (!m_stop.load()) {
        QStringList active;
        for (const Node &n : m_nodes) {
            if (leaderCheck(n.apiPort))
                active << n.name;
        }
        int seen = m_maxActive.load();
        while (active.size() > seen && !m_maxActive.compare_exchange_weak(seen, int(active.size()))) {
        }
        if (active.size() > 1)
            violation(u"%1 service nodes answered leader-check 200 in one round: %2"_s.arg(active.size()).arg(active.join(u", "_s)));
        if (backend) {
            const auto rows = backend->query(u"SELECT node_name, last_seen_active FROM %1.active_node"_s.arg(m_backendDatabase));
            if (rows && !rows->isEmpty()) {
                QMutexLocker lock(&m_mutex);
                m_lease.insert({rows->first().value(0).toString(), rows->first().value(1).toLongLong()});
            }
        }
        QThread::msleep(kPeriodMs); // ok: the sampling period
    }
}

void InvariantMonitor::evaluate(qint64 now)
{
    QList<int> writable;
    for (int i = 0; i < int(m_servers.size()); ++i) {
        ServerState &s = m_servers[size_t(i)];
        const bool fresh = s.readOnly >= 0 && now - s.sampledAt <= kFreshMs;
        if (s.restoredAt >= 0 && s.fencedAfter < 0 && (!fresh || s.readOnly == 1))
            s.fencedAfter = now - s.restoredAt;
        if (s.exempt || now < s.graceUntil || !fresh || s.readOnly != 0)
            continue;
        writable.append(i);
    }
    if (writable.size() > 1) {
        QStringList names;
        for (int i : writable)
            names << QString::number(i);
        const QString what = u"%1 writable masters (servers %2)"_s.arg(writable.size()).arg(names.join(u", "_s));
        // One line per distinct situation, not one per sample.
        if (m_violations.isEmpty() || !m_violations.last().endsWith(what))
            m_violations.append(u"at %1 ms: %2"_s.arg(now).arg(what));
    }
}

void InvariantMonitor::violation(const QString &what)
{
    QMutexLocker lock(&m_mutex);
    if (m_violations.isEmpty() || !m_violations.last().endsWith(what))
        m_violations.append(u"at %1 ms: %2"_s.arg(m_clock.elapsed()).arg(what));
}

void InvariantMonitor::exempt(int i)
{
    QMutexLocker lock(&m_mutex);
    m_servers[size_t(i)].exempt = true;
}

void InvariantMonitor::restore(int i, int graceMs)
{
    QMutexLocker lock(&m_mutex);
    ServerState &s = m_servers[size_t(i)];
    s.exempt = false;
    s.restoredAt = m_clock.elapsed();
    s.graceUntil = s.restoredAt + graceMs;
    s.fencedAfter = -1;
}

qint64 InvariantMonitor::fencedAfterMs(int i) const
{
    QMutexLocker lock(&m_mutex);
    return m_servers[size_t(i)].fencedAfter;
}

QStringList InvariantMonitor::violations() const
{
    QMutexLocker lock(&m_mutex);
    return m_violations;
}

QList<QPair<QString, qint64>> InvariantMonitor::leaseSightings() const
{
    QMutexLocker lock(&m_mutex);
    return m_lease.values();
}

int InvariantMonitor::readOnly(int i) const
{
    QMutexLocker lock(&m_mutex);
    return m_servers[size_t(i)].readOnly;
}

} // namespace arbor::chaos
