#include "metrics/windowstats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace arbor::core {

WindowStats WindowStats::of(std::vector<double> samples)
{
    WindowStats s;
    if (samples.empty())
        return s;
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    s.count = int(n);
    s.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / double(n);
    s.median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    // Nearest rank, as orchestrator's go-metrics percentile does for small windows.
    const size_t rank = size_t(std::ceil(0.95 * double(n)));
    s.p95 = samples[std::clamp<size_t>(rank, 1, n) - 1];
    s.max = samples.back();
    return s;
}

} // namespace arbor::core
