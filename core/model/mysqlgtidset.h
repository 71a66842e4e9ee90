#pragma once

#include "util/result.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <limits>

namespace arbor::core {

// A MySQL/Percona GTID set as @@gtid_executed prints it: "uuid:1-5:7-9,uuid2:1-3".
// Also takes MySQL 8.4 tagged GTIDs ("uuid:1-5:tag:1-3"). UUIDs and tags are kept in lower case,
// intervals sorted and merged, so two sets holding the same transactions compare equal.
class MysqlGtidSet
{
public:
    // Inclusive [start, end], 1 <= start <= end <= maxTransactionNumber().
    struct Interval
    {
        qint64 start = 0;
        qint64 end = 0;

        qint64 count() const { return end - start + 1; }
        friend bool operator==(const Interval &, const Interval &) = default;
    };

    // The largest GNO a server accepts (GNO_END - 1 in MySQL: 2^63 - 2).
    static constexpr qint64 maxTransactionNumber() { return std::numeric_limits<qint64>::max() - 1; }

    MysqlGtidSet() = default;

    // Empty or blank text is the empty set. Whitespace and newlines around separators are allowed,
    // as servers print them. Garbage fails with a sentence that names the offending part.
    static Result<MysqlGtidSet> parse(const QString &text);

    // Canonical text: UUIDs sorted, untagged intervals first then tags sorted, joined with ",".
    QString toString() const;

    bool isEmpty() const { return m_intervals.isEmpty(); }
    // True when every transaction of @p other is also in this set.
    bool contains(const MysqlGtidSet &other) const;
    // Transactions in this set that are not in @p other.
    MysqlGtidSet subtract(const MysqlGtidSet &other) const;
    MysqlGtidSet unite(const MysqlGtidSet &other) const;
    // Number of transactions; saturates at the qint64 maximum rather than overflowing.
    qint64 count() const;
    // Distinct server UUIDs (lower case, sorted) that have at least one transaction.
    QStringList uuids() const;
    // The merged intervals of one UUID (and tag, empty for untagged transactions).
    QList<Interval> intervals(const QString &uuid, const QString &tag = QString()) const;
    // Tags used with @p uuid (sorted; the empty tag is not listed).
    QStringList tags(const QString &uuid) const;

    // Adds transactions [start, end] of uuid(:tag); both must be already valid (see parse()).
    void addInterval(const QString &uuid, const QString &tag, qint64 start, qint64 end);

    friend bool operator==(const MysqlGtidSet &a, const MysqlGtidSet &b) { return a.m_intervals == b.m_intervals; }
    friend bool operator!=(const MysqlGtidSet &a, const MysqlGtidSet &b) { return !(a == b); }

private:
    // Tagged GTIDs are distinct transactions from untagged ones of the same UUID, so the pair is the key.
    struct Key
    {
        QString uuid;
        QString tag;

        friend bool operator==(const Key &, const Key &) = default;
        friend bool operator<(const Key &a, const Key &b)
        {
            return a.uuid == b.uuid ? a.tag < b.tag : a.uuid < b.uuid;
        }
    };

    // Invariant: every list is non-empty, sorted, merged (no overlap, no adjacency).
    QMap<Key, QList<Interval>> m_intervals;
};

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::MysqlGtidSet)
