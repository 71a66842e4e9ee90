#include "benchutil.h"

#include <QDir>
#include <QFile>
#include <QList>

#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::bench {

namespace {
QString procPath(qint64 pid, const QString &entry)
{
    return pid == 0 ? u"/proc/self/"_s + entry : u"/proc/%1/%2"_s.arg(pid).arg(entry);
}
} // namespace

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5))];
}

QString loadAverage()
{
    QFile f(u"/proc/loadavg"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().split(' ').mid(0, 3).join(' ')) : QString();
}

QString cpuModel()
{
    QFile f(u"/proc/cpuinfo"_s);
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed();
        }
    }
    return u"unknown CPU"_s;
}

double selfCpuSeconds()
{
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return double(r.ru_utime.tv_sec + r.ru_stime.tv_sec) + double(r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1e6;
}

double processCpuSeconds(qint64 pid)
{
    QFile f(procPath(pid, u"stat"_s));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of /proc/PID/stat; here 0-based after the name: 11, 12.
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

qint64 processStatus(qint64 pid, const QByteArray &key)
{
    QFile f(procPath(pid, u"status"_s));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

int openDescriptors(qint64 pid)
{
    return int(QDir(procPath(pid, u"fd"_s)).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System).size());
}

double slope(const std::vector<double> &values)
{
    const double n = double(values.size());
    if (values.size() < 2)
        return 0;
    double sx = 0, sy = 0, sxy = 0, sxx = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const double x = double(i);
        sx += x;
        sy += values[i];
        sxy += x * values[i];
        sxx += x * x;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

} // namespace arbor::bench
