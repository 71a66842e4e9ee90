#include "model/mariadbgtidlist.h"

#include <QStringList>

#include <algorithm>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Digits only: QString::toULongLong would also take signs and surrounding blanks.
bool parseNumber(QStringView text, quint64 max, quint64 *value)
{
    if (text.isEmpty() || !std::all_of(text.begin(), text.end(), isAsciiDigit))
        return false;
    bool ok = false;
    const quint64 number = text.toULongLong(&ok);
    if (!ok || number > max)
        return false;
    *value = number;
    return true;
}

Result<MariadbGtidList> parseFailure(const QString &detail)
{
    return Result<MariadbGtidList>::failure(
        u"Could not read the MariaDB GTID position: %1. Expected DOMAIN-SERVER_ID-SEQ_NO entries separated by commas, e.g. 0-1-100,1-2-50."_s
            .arg(detail));
}

} // namespace

QString MariadbGtidList::Entry::toString() const
{
    return QString::number(domain) + u'-' + QString::number(serverId) + u'-' + QString::number(seqNo);
}

Result<MariadbGtidList> MariadbGtidList::parse(const QString &text)
{
    MariadbGtidList list;
    if (text.trimmed().isEmpty())
        return list;
    const QStringList tokens = text.split(u',');
    for (const QString &rawToken : tokens) {
        const QString token = rawToken.trimmed();
        if (token.isEmpty())
            return parseFailure(u"an entry between commas is empty in \"%1\""_s.arg(text.trimmed()));
        const QStringList parts = token.split(u'-');
        if (parts.size() != 3)
            return parseFailure(u"\"%1\" is not of the form DOMAIN-SERVER_ID-SEQ_NO"_s.arg(token));
        quint64 domain = 0;
        quint64 serverId = 0;
        quint64 seqNo = 0;
        constexpr quint64 max32 = std::numeric_limits<quint32>::max();
        if (!parseNumber(parts[0], max32, &domain))
            return parseFailure(u"domain \"%1\" in \"%2\" is not a number from 0 to %3"_s.arg(parts[0], token).arg(max32));
        if (!parseNumber(parts[1], max32, &serverId))
            return parseFailure(
                u"server id \"%1\" in \"%2\" is not a number from 0 to %3"_s.arg(parts[1], token).arg(max32));
        if (!parseNumber(parts[2], std::numeric_limits<quint64>::max(), &seqNo))
            return parseFailure(u"sequence number \"%1\" in \"%2\" is not a number from 0 to %3"_s.arg(parts[2], token)
                                    .arg(std::numeric_limits<quint64>::max()));
        const auto domainId = static_cast<quint32>(domain);
        if (list.m_entries.contains(domainId))
            return parseFailure(u"domain %1 appears twice (\"%2\" and \"%3\")"_s.arg(
                QString::number(domainId), list.m_entries.value(domainId).toString(), token));
        list.m_entries.insert(domainId, Entry{domainId, static_cast<quint32>(serverId), seqNo});
    }
    return list;
}

QString MariadbGtidList::toString() const
{
    QStringList parts;
    parts.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        parts.append(e.toString());
    return parts.join(u',');
}

std::optional<MariadbGtidList::Entry> MariadbGtidList::entry(quint32 domain) const
{
    const auto it = m_entries.constFind(domain);
    if (it == m_entries.cend())
        return std::nullopt;
    return it.value();
}

bool MariadbGtidList::contains(const MariadbGtidList &other) const
{
    return std::all_of(other.m_entries.cbegin(), other.m_entries.cend(), [this](const Entry &theirs) {
        const auto mine = m_entries.constFind(theirs.domain);
        return mine != m_entries.cend() && mine->seqNo >= theirs.seqNo;
    });
}

MariadbGtidList MariadbGtidList::subtract(const MariadbGtidList &other) const
{
    MariadbGtidList result;
    for (const Entry &mine : m_entries) {
        const auto theirs = other.m_entries.constFind(mine.domain);
        if (theirs == other.m_entries.cend() || theirs->seqNo < mine.seqNo)
            result.m_entries.insert(mine.domain, mine);
    }
    return result;
}

MariadbGtidList::Order MariadbGtidList::compare(const MariadbGtidList &other) const
{
    const bool thisAhead = !subtract(other).isEmpty();
    const bool otherAhead = !other.subtract(*this).isEmpty();
    if (thisAhead && otherAhead)
        return Order::Diverged;
    if (thisAhead)
        return Order::Ahead;
    if (otherAhead)
        return Order::Behind;
    return Order::Equal;
}

} // namespace arbor::core
