#pragma once

#include "util/result.h"

#include <QSqlDatabase>
#include <QString>

namespace arbor::core {

// Store migration 9 (issue 12): rows written before statements carried their secrets apart
// (SqlStatement) may hold MASTER_PASSWORD='…', IDENTIFIED BY '…' or PASSWORD('…') in clear — recovery
// steps, recoveries, audit rows, history events, analysis changes. Rewrites each such text column
// with SqlStatement::redactLiterals; every other column and row stays as it was. Runs inside the
// migration (SQLite: its transaction; MySQL: under the schema lock).
class StoreSecretScrub
{
public:
    static constexpr int kVersion = 9; // the store migration that runs it
    // Returns how many rows changed.
    static Result<int> run(QSqlDatabase db);
    // @p text with every quoted literal after MASTER_PASSWORD=, SOURCE_PASSWORD=, IDENTIFIED BY/AS,
    // PASSWORD( and SET PASSWORD ... = replaced by <redacted>, as SqlStatement::toString() renders a
    // secret. A literal cut short (a message truncated mid-password) is redacted to the end.
    static QString redactLiterals(const QString &text);
};

} // namespace arbor::core
