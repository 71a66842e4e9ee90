#include "store/storesecretscrub.h"

#include "dialect/sqlstatement.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
struct ScrubbedTable
{
    QString table;
    QString key; // one column that identifies a row
    QStringList columns;
};

// Every free-text column a statement, a server's message or hook output may have reached.
const QList<ScrubbedTable> &scrubbedTables()
{
    static const QList<ScrubbedTable> tables{
        {u"audit"_s, u"id"_s, {u"message"_s}},
        {u"recoveries"_s, u"uid"_s, {u"explanation"_s, u"message"_s}},
        {u"recovery_steps"_s, u"id"_s, {u"what"_s, u"detail"_s}},
        {u"history_events"_s, u"id"_s, {u"text"_s}},
        {u"analysis_changes"_s, u"id"_s, {u"description"_s}},
    };
    return tables;
}
} // namespace

QString StoreSecretScrub::redactLiterals(const QString &text)
{
    // A single- or double-quoted SQL literal with backslash and doubled-quote escapes, or one that
    // runs to the end of the text.
    static const QString literal = uR"(('(?:[^'\\]|\\.|'')*(?:'|$)|"(?:[^"\\]|\\.|"")*(?:"|$)))"_s;
    static const QRegularExpression pattern(
        uR"(((?:MASTER|SOURCE)_PASSWORD\s*=\s*|IDENTIFIED\s+(?:WITH\s+\S+\s+)?(?:BY|AS)\s+|\bPASSWORD\s*\(\s*|)"
        uR"(\bSET\s+PASSWORD\b[^=;]*=\s*(?:PASSWORD\s*\(\s*)?))"_s + literal,
        QRegularExpression::CaseInsensitiveOption);
    if (!pattern.match(text).hasMatch())
        return text;
    QString out;
    qsizetype from = 0;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(from, m.capturedStart(2) - from);
        out += SqlStatement::redactedMarker;
        from = m.capturedEnd(2);
    }
    out += QStringView(text).mid(from);
    return out;
}


Result<int> StoreSecretScrub::run(QSqlDatabase db)
{
    int changed = 0;
    for (const ScrubbedTable &t : scrubbedTables()) {
        // Only rows that can hold a secret are read; UPPER() because MySQL's utf8mb4_bin LIKE is
        // case-sensitive.
        QStringList where;
        for (const QString &c : t.columns)
            where << u"UPPER(%1) LIKE '%PASSWORD%' OR UPPER(%1) LIKE '%IDENTIFIED%'"_s.arg(c);
        QSqlQuery select(db);
        if (!select.exec(u"SELECT %1, %2 FROM %3 WHERE %4"_s.arg(t.key, t.columns.join(u", "_s), t.table, where.join(u" OR "_s))))
            return Result<int>::failure(u"read %1 to redact stored passwords: %2"_s.arg(t.table, select.lastError().text()));
        QList<QVariantList> updates;
        while (select.next()) {
            QVariantList row;
            bool differs = false;
            for (int i = 0; i < t.columns.size(); ++i) {
                const QVariant before = select.value(i + 1);
                const QString after = redactLiterals(before.toString());
                const bool rewritten = after != before.toString();
                differs = differs || rewritten;
                row << (rewritten ? QVariant(after) : before); // an unchanged '' stays '' (the columns are NOT NULL)
            }
            if (differs)
                updates << (row << select.value(0));
        }
        select.finish();
        QStringList sets;
        for (const QString &c : t.columns)
            sets << c + u" = ?"_s;
        for (const QVariantList &row : std::as_const(updates)) {
            QSqlQuery update(db);
            update.prepare(u"UPDATE %1 SET %2 WHERE %3 = ?"_s.arg(t.table, sets.join(u", "_s), t.key));
            for (const QVariant &v : row)
                update.addBindValue(v);
            if (!update.exec())
                return Result<int>::failure(u"redact stored passwords in %1: %2"_s.arg(t.table, update.lastError().text()));
            ++changed;
        }
    }
    return changed;
}

} // namespace arbor::core
