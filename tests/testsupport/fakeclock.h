#pragma once

#include "util/clock.h"

namespace arbor::testsupport {

// The one test clock (KeePassXC's MockClock): time stands still until the test moves it.
class FakeClock
{
public:
    explicit FakeClock(qint64 startMs = 0) : m_now(startMs) {}

    qint64 now() const { return m_now; }
    void set(qint64 ms) { m_now = ms; }
    void advance(qint64 ms) { m_now += ms; }
    // For setClock(): reads this clock as long as it lives.
    core::Clock function() const
    {
        return [this] { return m_now; };
    }

private:
    qint64 m_now;
};

} // namespace arbor::testsupport
