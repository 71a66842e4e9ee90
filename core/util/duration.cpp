#include "util/duration.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

Result<qint64> Duration::parseSeconds(const QString &text)
{
    // At most 9 digits before the unit: a year in seconds has 8, so no value can overflow.
    static const QRegularExpression re(u"^(\\d{1,9})([smhd]?)$"_s);
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return Result<qint64>::failure(u"'%1' is not a duration: use e.g. 90s, 30m, 2h or 1d"_s.arg(text));
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 factor = unit == u"m"_s ? 60 : unit == u"h"_s ? 3600 : unit == u"d"_s ? 86400 : 1;
    if (n <= 0 || n > kMaxSeconds / factor)
        return Result<qint64>::failure(u"the duration '%1' must be more than 0 and at most a year"_s.arg(text));
    return n * factor;
}

} // namespace arbor::core
