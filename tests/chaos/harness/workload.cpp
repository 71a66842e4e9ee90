#include "workload.h"

#include "waitfor.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace arbor::chaos {

Workload::Workload(QStringList sockets, int writers, int intervalMs)
    : m_sockets(std::move(sockets)), m_writers(writers), m_intervalMs(intervalMs)
{
}

Workload::~Workload()
{
    stop();
}

QStringList Workload::schema()
{
    return {u"CREATE DATABASE IF NOT EXISTS chaos"_s,
            u"CREATE TABLE IF NOT EXISTS chaos.acks (id BIGINT PRIMARY KEY, writer INT NOT NULL)"_s};
}

void Workload::start(int target)
{
    m_target.store(target);
    m_stop.store(false);
    for (int w = 0; w < m_writers; ++w)
        m_threads.emplace_back([this, w] { run(w); });
}

void Workload::stop()
{
    m_stop.store(true);
    for (std::thread &t : m_threads)
        t.join();
    m_threads.clear();
}

void Workload::run(int writer)
{
    const QString name = u"chaos-writer-%1-%2"_s.arg(writer).arg(quintptr(this));
    int connectedTo = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QMYSQL"_s, name);
        db.setHostName(u"localhost"_s);
        db.setUserName(u"root"_s);
        while (!m_stop.load()) {
            const int target = m_target.load();
            if (target != connectedTo || !db.isOpen()) {
                db.close();
                connectedTo = -1;
                if (target < 0 || target >= m_sockets.size()) {
                    QThread::msleep(20); // ok: pacing of a client with nowhere to write
                    continue;
                }
                // A hung server must not hang the writer for long: an unknown outcome after 5 s.
                db.setConnectOptions(u"UNIX_SOCKET=%1;MYSQL_OPT_CONNECT_TIMEOUT=2;MYSQL_OPT_READ_TIMEOUT=5;"
                                     "MYSQL_OPT_WRITE_TIMEOUT=5"_s.arg(m_sockets.at(target)));
                if (!db.open()) {
                    m_failures.fetch_add(1);
                    QThread::msleep(20); // ok: a client's retry pacing
                    continue;
                }
                connectedTo = target;
            }
            const qint64 id = m_nextId.fetch_add(1);
            QSqlQuery q(db);
            if (q.exec(u"INSERT INTO chaos.acks (id, writer) VALUES (%1, %2)"_s.arg(id).arg(writer))) {
                QMutexLocker lock(&m_mutex);
                m_acks.append(Ack{id, connectedTo, QDateTime::currentMSecsSinceEpoch()});
            } else {
                m_failures.fetch_add(1);
                q.finish();
                db.close();
                QThread::msleep(20); // ok: a client's retry pacing
                continue;
            }
            QThread::msleep(ulong(m_intervalMs)); // ok: the workload's write rate
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

QList<Workload::Ack> Workload::acknowledged() const
{
    QMutexLocker lock(&m_mutex);
    return m_acks;
}

qint64 Workload::acknowledgedCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_acks.size();
}

bool Workload::waitForAcks(int more, int timeoutMs) const
{
    const qint64 start = acknowledgedCount();
    return testsupport::waitFor([&] { return acknowledgedCount() >= start + more; }, timeoutMs);
}

QList<Workload::Ack> Workload::missingFrom(const QSet<qint64> &present) const
{
    QList<Ack> out;
    for (const Ack &a : acknowledged()) {
        if (!present.contains(a.id))
            out.append(a);
    }
    return out;
}

} // namespace arbor::chaos
