#pragma once

#include "store/storeoptions.h"

#include <QList>
#include <QStringList>

namespace arbor::core {

// The one place where SQLite and MySQL/MariaDB differ for the store: the Qt driver, column types,
// table options, and the versioned migrations written with placeholders for those types.
class StoreSchema
{
public:
    struct Migration
    {
        int version = 0;
        QStringList statements;
    };

    explicit StoreSchema(StoreOptions::Kind kind);

    QString driverName() const;
    // Ordered by version; statements already carry this backend's types. Never edit a released
    // migration: append a new version.
    QList<Migration> migrations() const;
    int latestVersion() const;

    QString keyType() const;  // host names, aliases: VARCHAR(255) on MySQL, TEXT on SQLite
    QString textType() const; // free text: TEXT on both
    QString dataType() const; // instance JSON: MEDIUMTEXT on MySQL (TEXT stops at 64 KiB)
    QString tableOptions() const;

    // Upper bound on rows in one multi-row statement: SQLite allows 32766 bound values, MySQL
    // 65535 placeholders; 500 rows of 8 values keeps well below both and below max_allowed_packet.
    static constexpr int kRowsPerStatement = 500;

private:
    QString expand(QString statement) const;

    StoreOptions::Kind m_kind;
};

} // namespace arbor::core
