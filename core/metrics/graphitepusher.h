#pragma once

#include "metrics/prometheustext.h"

#include <QObject>
#include <QTcpSocket>

namespace arbor::core {

// Graphite plaintext protocol ("path value timestamp\n") over TCP, one short connection per push,
// so a Graphite restart costs one missed push and never blocks the node.
class GraphitePusher : public QObject
{
    Q_OBJECT
public:
    explicit GraphitePusher(QObject *parent = nullptr);

    // prefix may hold {hostname}; dots in the host name become underscores when convertDots.
    void configure(const QString &host, int port, const QString &prefix, const QString &hostname, bool convertDots);
    void push(const QList<MetricSample> &samples);
    QString lastError() const { return m_lastError; }
    qint64 pushes() const { return m_pushes; }

private:
    QString m_host;
    int m_port = 0;
    QString m_prefix;
    QString m_lastError;
    qint64 m_pushes = 0;
};

} // namespace arbor::core
