#pragma once

#include <QList>
#include <QString>

namespace arbor::core {

// One value of the node's metrics, for Prometheus and Graphite alike.
struct MetricSample
{
    QString name; // snake_case without the arbor_ prefix
    QString help;
    bool counter = false;
    double value = 0;
};

// Prometheus text exposition format 0.0.4.
class PrometheusText
{
public:
    static QByteArray render(const QList<MetricSample> &samples);
};

} // namespace arbor::core
