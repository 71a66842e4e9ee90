#pragma once

#include <QObject>
#include <QTcpServer>

namespace arbor::simulator {

class Simulator;

// A line protocol on 127.0.0.1 so that a benchmark or a person can drive a simulator running in
// another process. One command per line, one answer line ("ok ..." or "error: ...") each:
//   net SERVERS ok|dead|hung|slow MS      repl SERVERS ok|stopped|broken-sql|broken-io
//   lag SERVERS SECONDS|moving            stats            quit
//   errant SERVERS COUNT   (MySQL: commit COUNT transactions under each server's own UUID)
//   purge SERVERS now      (MySQL: PURGE BINARY LOGS, so replicas missing them cannot auto-position)
// SERVERS is an index, or FIRST-LAST, or FIRST-LAST/STEP (every STEP-th server of the range).
class ControlServer : public QObject
{
    Q_OBJECT
public:
    explicit ControlServer(Simulator *simulator, QObject *parent = nullptr);
    bool listen(quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    // Runs one command line and returns its answer (also used by tests without a socket).
    QByteArray execute(const QByteArray &line);

Q_SIGNALS:
    void quitRequested();

private:
    void onNewConnection();

    Simulator *m_simulator;
    QTcpServer m_server;
};

} // namespace arbor::simulator
