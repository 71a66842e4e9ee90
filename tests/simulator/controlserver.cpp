#include "controlserver.h"

#include "simulator.h"

#include <QTcpSocket>

namespace arbor::simulator {

ControlServer::ControlServer(Simulator *simulator, QObject *parent) : QObject(parent), m_simulator(simulator)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ControlServer::onNewConnection);
}

bool ControlServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

void ControlServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            while (socket->canReadLine()) {
                const QByteArray line = socket->readLine().trimmed();
                if (line.isEmpty())
                    continue;
                socket->write(execute(line) + '\n');
                if (line == "quit") {
                    socket->flush();
                    Q_EMIT quitRequested();
                }
            }
        });
    }
}

QByteArray ControlServer::execute(const QByteArray &line)
{
    const QList<QByteArray> words = line.simplified().split(' ');
    const QByteArray verb = words.value(0);
    if (verb == "stats") {
        const Simulator::Stats s = m_simulator->stats();
        return "ok accepted " + QByteArray::number(s.connectionsAccepted) + " open "
               + QByteArray::number(s.connectionsOpen) + " queries " + QByteArray::number(s.queries) + " authfail "
               + QByteArray::number(s.authFailures);
    }
    if (verb == "quit")
        return "ok";
    if (words.size() < 3)
        return "error: expected VERB SERVERS VALUE, for example: net 12 dead";

    // SERVERS: N | A-B | A-B/STEP
    QByteArray range = words.at(1);
    int step = 1;
    if (const int slash = range.indexOf('/'); slash > 0) {
        step = std::max(1, range.mid(slash + 1).toInt());
        range = range.left(slash);
    }
    bool okFirst = false;
    bool okLast = true;
    const int dash = range.indexOf('-');
    const int first = (dash > 0 ? range.left(dash) : range).toInt(&okFirst);
    const int last = dash > 0 ? range.mid(dash + 1).toInt(&okLast) : first;
    if (!okFirst || !okLast || first < 0 || last >= m_simulator->size() || last < first)
        return "error: servers must be an index or range within 0-" + QByteArray::number(m_simulator->size() - 1);

    const QByteArray value = words.at(2);
    int changed = 0;
    for (int i = first; i <= last; i += step) {
        if (verb == "net") {
            if (value == "ok")
                m_simulator->setNetworkFault(i, NetworkFault::None);
            else if (value == "dead")
                m_simulator->setNetworkFault(i, NetworkFault::Dead);
            else if (value == "hung")
                m_simulator->setNetworkFault(i, NetworkFault::Hung);
            else if (value == "slow")
                m_simulator->setNetworkFault(i, NetworkFault::Slow, words.value(3).toInt());
            else
                return "error: net takes ok, dead, hung or slow MS";
        } else if (verb == "repl") {
            if (value == "ok")
                m_simulator->setReplicationFault(i, ReplicationFault::None);
            else if (value == "stopped")
                m_simulator->setReplicationFault(i, ReplicationFault::Stopped);
            else if (value == "broken-sql")
                m_simulator->setReplicationFault(i, ReplicationFault::BrokenSql);
            else if (value == "broken-io")
                m_simulator->setReplicationFault(i, ReplicationFault::BrokenIo);
            else
                return "error: repl takes ok, stopped, broken-sql or broken-io";
        } else if (verb == "errant") {
            if (!m_simulator->fleet().flavour().isMysql() || value.toLongLong() <= 0)
                return "error: errant takes a positive COUNT, on a MySQL flavour";
            m_simulator->fleet().injectTransactions(i, value.toLongLong());
        } else if (verb == "purge") {
            if (!m_simulator->fleet().flavour().isMysql() || value != "now")
                return "error: purge takes 'now', on a MySQL flavour";
            m_simulator->fleet().purgeBinaryLogs(i);
        } else if (verb == "lag") {
            if (value == "moving")
                m_simulator->setLag(i, std::nullopt);
            else
                m_simulator->setLag(i, value.toInt());
        } else {
            return "error: unknown command '" + verb + "' (net, repl, lag, errant, purge, stats, quit)";
        }
        ++changed;
    }
    return "ok " + QByteArray::number(changed);
}

} // namespace arbor::simulator
