#pragma once

#include <QElapsedTimer>

#include <optional>

namespace arbor::core {

// At most one log line per period for a message that repeats (a backend outage fails a write batch
// every few hundred milliseconds): the first goes out at once, the rest are counted and the next line
// says how many were left out. Not thread-safe; use from one thread.
class LogThrottle
{
public:
    explicit LogThrottle(int periodMs) : m_periodMs(periodMs) {}

    // Whether to log now; if so, how many occurrences were swallowed since the last line.
    std::optional<int> admit()
    {
        if (m_last.isValid() && m_last.elapsed() < m_periodMs) {
            ++m_suppressed;
            return std::nullopt;
        }
        m_last.start();
        const int suppressed = m_suppressed;
        m_suppressed = 0;
        return suppressed;
    }

private:
    int m_periodMs;
    QElapsedTimer m_last;
    int m_suppressed = 0;
};

} // namespace arbor::core
