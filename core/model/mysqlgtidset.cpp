#include "model/mysqlgtidset.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

const QString kExample = u"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7"_s;

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Servers print 8-4-4-4-12; the server also accepts 32 bare hex digits, so we do too.
QString normaliseUuid(QStringView text)
{
    if (text.size() == 36) {
        for (qsizetype i = 0; i < 36; ++i) {
            const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? text[i] != u'-' : !isHex(text[i]))
                return {};
        }
        return text.toString().toLower();
    }
    if (text.size() == 32) {
        if (!std::all_of(text.begin(), text.end(), isHex))
            return {};
        const QString lower = text.toString().toLower();
        return lower.left(8) + u'-' + lower.mid(8, 4) + u'-' + lower.mid(12, 4) + u'-' + lower.mid(16, 4) + u'-'
            + lower.mid(20);
    }
    return {};
}

// MySQL 8.4 tags: a letter or underscore, then letters, digits, underscores; at most 32 characters.
bool isValidTag(QStringView text)
{
    if (text.isEmpty() || text.size() > 32)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        if (!letter && (i == 0 || !isAsciiDigit(c)))
            return false;
    }
    return true;
}

// Digits only: QString::toLongLong would also take signs and surrounding blanks.
bool parseTransactionNumber(QStringView text, qint64 *value, QString *error)
{
    if (text.isEmpty() || !std::all_of(text.begin(), text.end(), isAsciiDigit)) {
        *error = u"\"%1\" is not a transaction number"_s.arg(text);
        return false;
    }
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    if (!ok || number < 1 || number > MysqlGtidSet::maxTransactionNumber()) {
        *error = u"transaction number %1 is out of range (1 to %2)"_s.arg(text).arg(MysqlGtidSet::maxTransactionNumber());
        return false;
    }
    *value = number;
    return true;
}

bool parseInterval(QStringView text, MysqlGtidSet::Interval *interval, QString *error)
{
    const qsizetype dash = text.indexOf(u'-');
    if (dash < 0) {
        if (!parseTransactionNumber(text, &interval->start, error))
            return false;
        interval->end = interval->start;
        return true;
    }
    if (!parseTransactionNumber(text.left(dash).trimmed(), &interval->start, error)
        || !parseTransactionNumber(text.mid(dash + 1).trimmed(), &interval->end, error))
        return false;
    if (interval->end < interval->start) {
        *error = u"interval \"%1\" ends before it starts"_s.arg(text);
        return false;
    }
    return true;
}

// Sorts and merges overlapping or adjacent intervals (1-3:4-5 becomes 1-5).
void normalise(QList<MysqlGtidSet::Interval> *list)
{
    std::sort(list->begin(), list->end(),
              [](const MysqlGtidSet::Interval &a, const MysqlGtidSet::Interval &b) { return a.start < b.start; });
    QList<MysqlGtidSet::Interval> merged;
    merged.reserve(list->size());
    for (const MysqlGtidSet::Interval &interval : std::as_const(*list)) {
        // end <= maxTransactionNumber(), so end + 1 cannot overflow.
        if (!merged.isEmpty() && interval.start <= merged.last().end + 1)
            merged.last().end = std::max(merged.last().end, interval.end);
        else
            merged.append(interval);
    }
    *list = std::move(merged);
}

// a minus b, both sorted and merged.
QList<MysqlGtidSet::Interval> subtractIntervals(const QList<MysqlGtidSet::Interval> &a,
                                                const QList<MysqlGtidSet::Interval> &b)
{
    QList<MysqlGtidSet::Interval> result;
    qsizetype j = 0;
    for (const MysqlGtidSet::Interval &interval : a) {
        qint64 start = interval.start;
        const qint64 end = interval.end;
        while (j < b.size() && b[j].end < start)
            ++j;
        // b[k] may reach into the next interval of a, so j is not moved past it here.
        for (qsizetype k = j; k < b.size() && b[k].start <= end && start <= end; ++k) {
            if (b[k].start > start)
                result.append({start, b[k].start - 1});
            start = std::max(start, b[k].end + 1);
        }
        if (start <= end)
            result.append({start, end});
    }
    return result;
}

Result<MysqlGtidSet> parseFailure(const QString &detail, QStringView entry)
{
    return Result<MysqlGtidSet>::failure(
        u"Could not read the GTID set: %1 in \"%2\". Expected UUID:INTERVALS entries separated by commas, e.g. %3."_s
            .arg(detail, entry.toString(), kExample));
}

} // namespace

Result<MysqlGtidSet> MysqlGtidSet::parse(const QString &text)
{
    MysqlGtidSet set;
    const QStringList entries = text.split(u',');
    for (const QString &rawEntry : entries) {
        const QString entry = rawEntry.trimmed();
        // The server skips empty entries (",,") too, which makes generated sets easier to accept.
        if (entry.isEmpty())
            continue;
        const QStringList parts = entry.split(u':');
        const QString uuid = normaliseUuid(QStringView(parts.first()).trimmed());
        if (uuid.isEmpty())
            return parseFailure(u"\"%1\" is not a server UUID"_s.arg(parts.first().trimmed()), entry);
        if (parts.size() < 2)
            return parseFailure(u"UUID %1 has no transaction numbers"_s.arg(parts.first().trimmed()), entry);

        QString tag;
        bool tagHasInterval = true;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QStringView part = QStringView(parts[i]).trimmed();
            if (part.isEmpty())
                return parseFailure(u"an interval is empty"_s, entry);
            if (isAsciiDigit(part.front())) {
                Interval interval;
                QString error;
                if (!parseInterval(part, &interval, &error))
                    return parseFailure(error, entry);
                set.m_intervals[Key{uuid, tag}].append(interval);
                tagHasInterval = true;
                continue;
            }
            if (!isValidTag(part))
                return parseFailure(u"\"%1\" is neither an interval nor a tag"_s.arg(part), entry);
            if (!tagHasInterval)
                return parseFailure(u"tag \"%1\" has no transaction numbers"_s.arg(tag), entry);
            tag = part.toString().toLower();
            tagHasInterval = false;
        }
        if (!tagHasInterval)
            return parseFailure(u"tag \"%1\" has no transaction numbers"_s.arg(tag), entry);
    }
    for (QList<Interval> &list : set.m_intervals)
        normalise(&list);
    return set;
}

QString MysqlGtidSet::toString() const
{
    QStringList entries;
    QString current;
    QString currentUuid;
    for (auto it = m_intervals.cbegin(); it != m_intervals.cend(); ++it) {
        if (it.key().uuid != currentUuid) {
            if (!current.isEmpty())
                entries.append(current);
            currentUuid = it.key().uuid;
            current = currentUuid;
        }
        if (!it.key().tag.isEmpty())
            current += u':' + it.key().tag;
        for (const Interval &interval : it.value()) {
            current += u':' + QString::number(interval.start);
            if (interval.end != interval.start)
                current += u'-' + QString::number(interval.end);
        }
    }
    if (!current.isEmpty())
        entries.append(current);
    return entries.join(u',');
}

bool MysqlGtidSet::contains(const MysqlGtidSet &other) const
{
    for (auto it = other.m_intervals.cbegin(); it != other.m_intervals.cend(); ++it) {
        const auto mine = m_intervals.constFind(it.key());
        if (mine == m_intervals.cend() || !subtractIntervals(it.value(), mine.value()).isEmpty())
            return false;
    }
    return true;
}

MysqlGtidSet MysqlGtidSet::subtract(const MysqlGtidSet &other) const
{
    MysqlGtidSet result;
    for (auto it = m_intervals.cbegin(); it != m_intervals.cend(); ++it) {
        const auto theirs = other.m_intervals.constFind(it.key());
        QList<Interval> rest = theirs == other.m_intervals.cend() ? it.value()
                                                                  : subtractIntervals(it.value(), theirs.value());
        if (!rest.isEmpty())
            result.m_intervals.insert(it.key(), std::move(rest));
    }
    return result;
}

MysqlGtidSet MysqlGtidSet::unite(const MysqlGtidSet &other) const
{
    MysqlGtidSet result = *this;
    for (auto it = other.m_intervals.cbegin(); it != other.m_intervals.cend(); ++it) {
        QList<Interval> &list = result.m_intervals[it.key()];
        list.append(it.value());
        normalise(&list);
    }
    return result;
}

qint64 MysqlGtidSet::count() const
{
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    qint64 total = 0;
    for (const QList<Interval> &list : m_intervals) {
        for (const Interval &interval : list) {
            if (total > max - interval.count())
                return max;
            total += interval.count();
        }
    }
    return total;
}

QStringList MysqlGtidSet::uuids() const
{
    QStringList result;
    for (auto it = m_intervals.cbegin(); it != m_intervals.cend(); ++it) {
        if (result.isEmpty() || result.last() != it.key().uuid)
            result.append(it.key().uuid);
    }
    return result;
}

QList<MysqlGtidSet::Interval> MysqlGtidSet::intervals(const QString &uuid, const QString &tag) const
{
    return m_intervals.value(Key{normaliseUuid(uuid), tag.toLower()});
}

QStringList MysqlGtidSet::tags(const QString &uuid) const
{
    const QString normalised = normaliseUuid(uuid);
    QStringList result;
    for (auto it = m_intervals.lowerBound(Key{normalised, QString()});
         it != m_intervals.cend() && it.key().uuid == normalised; ++it) {
        if (!it.key().tag.isEmpty())
            result.append(it.key().tag);
    }
    return result;
}

void MysqlGtidSet::addInterval(const QString &uuid, const QString &tag, qint64 start, qint64 end)
{
    const QString normalised = normaliseUuid(uuid);
    // Refused silently on purpose: callers build sets from values parse() already checked.
    Q_ASSERT(!normalised.isEmpty() && (tag.isEmpty() || isValidTag(tag)));
    Q_ASSERT(start >= 1 && start <= end && end <= maxTransactionNumber());
    if (normalised.isEmpty() || (!tag.isEmpty() && !isValidTag(tag)) || start < 1 || end < start
        || end > maxTransactionNumber())
        return;
    QList<Interval> &list = m_intervals[Key{normalised, tag.toLower()}];
    list.append({start, end});
    normalise(&list);
}

} // namespace arbor::core
