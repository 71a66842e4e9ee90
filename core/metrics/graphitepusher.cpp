#include "metrics/graphitepusher.h"

#include <QDateTime>
#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

GraphitePusher::GraphitePusher(QObject *parent) : QObject(parent)
{
}

void GraphitePusher::configure(const QString &host, int port, const QString &prefix, const QString &hostname,
                               bool convertDots)
{
    m_host = host;
    m_port = port;
    QString h = hostname;
    if (convertDots)
        h.replace(u'.', u'_');
    m_prefix = QString(prefix).replace(u"{hostname}"_s, h);
}

void GraphitePusher::push(const QList<MetricSample> &samples)
{
    if (m_host.isEmpty() || m_port <= 0)
        return;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QByteArray payload;
    for (const MetricSample &s : samples) {
        QString path = s.name;
        path.replace(u'_', u'.');
        payload += u"%1.%2 %3 %4\n"_s.arg(m_prefix, path, QString::number(s.value, 'g', 12)).arg(now).toUtf8();
    }
    auto *socket = new QTcpSocket(this);
    QPointer<GraphitePusher> self(this);
    connect(socket, &QTcpSocket::connected, socket, [socket, payload] {
        socket->write(payload);
        socket->disconnectFromHost();
    });
    connect(socket, &QTcpSocket::disconnected, socket, [self, socket] {
        if (self) {
            ++self->m_pushes;
            self->m_lastError.clear();
        }
        socket->deleteLater();
    });
    connect(socket, &QTcpSocket::errorOccurred, socket, [self, socket, this](QAbstractSocket::SocketError) {
        if (self && socket->state() != QAbstractSocket::ConnectedState)
            m_lastError = u"cannot push metrics to Graphite at %1:%2: %3"_s.arg(m_host).arg(m_port).arg(socket->errorString());
        socket->deleteLater();
    });
    socket->connectToHost(m_host, quint16(m_port));
}

} // namespace arbor::core
