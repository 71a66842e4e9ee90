#include "core/recovery/candidatechoice.h"

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString CandidateChoice::explanation() const
{
    QStringList lines;
    if (chosen.isValid())
        lines << u"promote %1"_s.arg(chosen.toString());
    else
        lines << u"no replica can be promoted: %1"_s.arg(error);
    for (const Entry &e : ranking) {
        const QString place = e.rank > 0 ? u"%1."_s.arg(e.rank) : u"-"_s;
        lines << u"  %1 %2 [%3%4] %5"_s.arg(place, e.key.toString(), promotionRuleName(e.rule),
                                             e.position.isEmpty() ? QString() : u", "_s + e.position, e.reason);
    }
    if (!lost.isEmpty()) {
        QStringList keys;
        for (const InstanceKey &k : lost)
            keys << k.toString();
        lines << u"  lost (cannot follow the new master): %1"_s.arg(keys.join(u", "_s));
    }
    return lines.join(u'\n');
}

} // namespace arbor::core
