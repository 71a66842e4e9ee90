#pragma once

#include <QtGlobal>

#include <functional>

namespace arbor::core {

// A source of milliseconds. Classes that judge time (LagHistory, AnalysisMonitor, ...) take one, so
// tests drive time with testsupport's FakeClock instead of waiting for it.
using Clock = std::function<qint64()>;

} // namespace arbor::core
