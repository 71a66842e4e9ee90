#pragma once

#include "util/result.h"

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace arbor::core {

// A MariaDB GTID position such as @@gtid_slave_pos or @@gtid_binlog_pos prints it: "0-1-100,1-2-50",
// i.e. domain-server_id-seq_no with at most one entry per replication domain.
class MariadbGtidList
{
public:
    struct Entry
    {
        quint32 domain = 0;
        quint32 serverId = 0;
        quint64 seqNo = 0;

        QString toString() const;
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // How this position stands against another, by sequence number per domain.
    enum class Order {
        Equal,   // same domains, same sequence numbers
        Behind,  // the other is at or past this in every domain, and ahead in one
        Ahead,   // this is at or past the other in every domain, and ahead in one
        Diverged // each is ahead in some domain
    };

    MariadbGtidList() = default;

    // Empty or blank text is the empty position. Whitespace and newlines around commas are allowed.
    // A duplicate domain or a malformed entry fails with a sentence that names it.
    static Result<MariadbGtidList> parse(const QString &text);

    // Canonical text, entries sorted by domain.
    QString toString() const;

    QList<Entry> entries() const { return m_entries.values(); }
    std::optional<Entry> entry(quint32 domain) const;
    bool isEmpty() const { return m_entries.isEmpty(); }

    // Sets (or replaces) the entry of @p entry's domain.
    void setEntry(const Entry &entry) { m_entries.insert(entry.domain, entry); }

    // True when, for every domain of @p other, this has that domain with a seq_no at or past other's.
    // Server ids are not compared: seq_no alone orders positions within a domain.
    bool contains(const MariadbGtidList &other) const;
    // Entries of this position that @p other does not contain (other lacks the domain or is behind in it).
    MariadbGtidList subtract(const MariadbGtidList &other) const;
    Order compare(const MariadbGtidList &other) const;

    // Exact equality, server ids included.
    friend bool operator==(const MariadbGtidList &a, const MariadbGtidList &b) { return a.m_entries == b.m_entries; }
    friend bool operator!=(const MariadbGtidList &a, const MariadbGtidList &b) { return !(a == b); }

private:
    QMap<quint32, Entry> m_entries; // keyed by domain, so sorted and unique
};

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::MariadbGtidList)
