#include "history/lagpointjson.h"

#include <QJsonValue>

#include <cmath>

namespace arbor::core {

namespace {
QJsonValue number(double v)
{
    return std::isnan(v) ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
}
double numberOrNaN(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}
} // namespace

QJsonArray LagPointJson::toJson(const QList<LagPoint> &points)
{
    QJsonArray out;
    for (const LagPoint &p : points)
        out.append(QJsonArray{QJsonValue(p.atMs), number(p.lagSeconds), number(p.pollMs)});
    return out;
}

QList<LagPoint> LagPointJson::fromJson(const QJsonArray &array)
{
    QList<LagPoint> out;
    out.reserve(array.size());
    for (const QJsonValue &v : array) {
        const QJsonArray triple = v.toArray();
        if (triple.size() < 3 || !triple.at(0).isDouble())
            continue;
        out.append(LagPoint{qint64(triple.at(0).toDouble()), numberOrNaN(triple.at(1)), numberOrNaN(triple.at(2))});
    }
    return out;
}

} // namespace arbor::core
