#pragma once

#include <vector>

namespace arbor::core {

// count, mean, median, p95 and max of one window of samples (orchestrator's aggregate fields).
struct WindowStats
{
    int count = 0;
    double mean = 0;
    double median = 0;
    double p95 = 0;
    double max = 0;

    static WindowStats of(std::vector<double> samples);
};

} // namespace arbor::core
