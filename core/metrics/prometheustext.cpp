#include "metrics/prometheustext.h"

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QByteArray PrometheusText::render(const QList<MetricSample> &samples)
{
    QString text;
    for (const MetricSample &s : samples) {
        const QString name = u"arbor_"_s + s.name;
        QString help = s.help;
        help.replace(u'\\', u"\\\\"_s).replace(u'\n', u"\\n"_s);
        text += u"# HELP %1 %2\n# TYPE %1 %3\n"_s.arg(name, help, s.counter ? u"counter"_s : u"gauge"_s);
        const QString value = std::isfinite(s.value) ? QString::number(s.value, 'g', 12) : u"NaN"_s;
        text += name + u' ' + value + u'\n';
    }
    return text.toUtf8();
}

} // namespace arbor::core
