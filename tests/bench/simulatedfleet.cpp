#include "simulatedfleet.h"

#include "benchutil.h"
#include "waitfor.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

namespace arbor::bench {

core::Result<void> SimulatedFleet::start(int servers)
{
    m_servers = servers;
    const int shards = (servers + 3999) / 4000;
    for (const int base : {10000, 1100, 40000}) {
        if (base + servers > 65000)
            continue;
        if (launch(servers, shards, base))
            return core::Result<void>::success();
        stop();
    }
    return core::Result<void>::failure(u"could not start %1 simulated servers: no free port block (see messages above)"_s.arg(servers));
}

void SimulatedFleet::stop()
{
    for (auto &p : m_processes) {
        p->terminate();
        if (!p->waitForFinished(5000))
            p->kill();
        p->waitForFinished(2000);
    }
    m_processes.clear();
    m_controls.clear();
}

core::InstanceKey SimulatedFleet::key(int i) const
{
    return core::InstanceKey(u"127.0.0.1"_s, m_base + i);
}

bool SimulatedFleet::control(const QByteArray &line)
{
    for (quint16 port : m_controls) {
        QTcpSocket s;
        s.connectToHost(u"127.0.0.1"_s, port);
        if (!s.waitForConnected(5000))
            return false;
        s.write(line + '\n');
        s.flush();
        while (!s.canReadLine()) {
            if (!s.waitForReadyRead(30000))
                return false;
        }
        const QByteArray reply = s.readLine();
        if (!reply.startsWith("ok")) {
            QTextStream(stderr) << "simulator: " << reply;
            return false;
        }
    }
    return true;
}

double SimulatedFleet::cpuSeconds() const
{
    double sum = 0;
    for (const auto &p : m_processes)
        sum += processCpuSeconds(p->processId());
    return sum;
}

QList<qint64> SimulatedFleet::processIds() const
{
    QList<qint64> ids;
    for (const auto &p : m_processes)
        ids << p->processId();
    return ids;
}

bool SimulatedFleet::launch(int servers, int shards, int base)
{
    m_base = quint16(base);
    QDir(m_dir.path()).removeRecursively();
    QDir().mkpath(m_dir.path());
    for (int s = 0; s < shards; ++s) {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->setStandardOutputFile(QProcess::nullDevice());
        p->start(m_binary, {u"--servers"_s, QString::number(servers), u"--base-port"_s, QString::number(base), u"--shard"_s,
                            u"%1/%2"_s.arg(s).arg(shards), u"--threads"_s, u"1"_s, u"--ready-file"_s,
                            m_dir.filePath(u"ready-%1"_s.arg(s))});
        m_processes.push_back(std::move(p));
    }
    for (int s = 0; s < shards; ++s) {
        const QString ready = m_dir.filePath(u"ready-%1"_s.arg(s));
        QProcess *p = m_processes[size_t(s)].get();
        if (!testsupport::waitFor([&] { return QFile::exists(ready) || p->state() == QProcess::NotRunning; }, 60000)
            || !QFile::exists(ready))
            return false;
        QFile f(ready);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = f.readAll();
        const int at = text.indexOf("control=");
        m_controls << quint16(text.mid(at + 8, text.indexOf(' ', at) - at - 8).toInt());
    }
    return true;
}

} // namespace arbor::bench
