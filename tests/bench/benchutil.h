#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

// Measurements the benchmarks share: percentiles, the machine's load, and CPU, memory, threads and
// descriptors of this or another process (from getrusage and /proc).
namespace arbor::bench {

double percentile(std::vector<double> values, double p); // p in 0..1; 0 for no values
QString loadAverage();                                      // "1.23 0.98 0.70" (1, 5, 15 minutes)
QString cpuModel();
double selfCpuSeconds();               // user + system of this process (getrusage)
double processCpuSeconds(qint64 pid);  // user + system of another process (/proc/PID/stat)
// A "kB" line of /proc/PID/status (VmRSS, Threads, ...); pid 0 is this process. -1 when absent.
qint64 processStatus(qint64 pid, const QByteArray &key);
int openDescriptors(qint64 pid); // entries of /proc/PID/fd; pid 0 is this process

// Least-squares slope of @p values over their indexes (per step); 0 for fewer than two values.
double slope(const std::vector<double> &values);

} // namespace arbor::bench
