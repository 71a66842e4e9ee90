#include "core/recovery/clusterfilter.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

bool ClusterFilter::matches(const QStringList &filters, const QString &clusterName, const QString &alias)
{
    for (const QString &raw : filters) {
        const QString f = raw.trimmed();
        if (f.isEmpty())
            continue;
        if (f == u"*"_s || f == clusterName || (!alias.isEmpty() && f == alias))
            return true;
        if (f.startsWith(u"alias~="_s)) {
            const QRegularExpression re(f.mid(7));
            if (re.isValid() && !alias.isEmpty() && re.match(alias).hasMatch())
                return true;
            continue;
        }
        if (f.startsWith(u"alias="_s)) {
            if (!alias.isEmpty() && f.mid(6) == alias)
                return true;
            continue;
        }
        const QRegularExpression re(f);
        if (re.isValid() && re.match(clusterName).hasMatch())
            return true;
    }
    return false;
}

} // namespace arbor::core
