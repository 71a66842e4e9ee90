#pragma once

#include <QList>
#include <QString>

namespace arbor::core {

// A statement on its way to a server, with its secrets (MASTER_PASSWORD, SOURCE_PASSWORD) held apart
// from the text. Everything that leaves the process other than the server — plans, previews,
// --dry-run, CLI progress, recovery steps, audit rows, error messages, logs — gets toString(), where
// each secret reads <redacted>; only the connection that sends it calls textForServer(). There is
// deliberately no conversion to QString, so the compiler finds every place that renders a statement.
class SqlStatement
{
public:
    static constexpr QStringView redactedMarker = u"<redacted>";

    SqlStatement() = default;
    // A statement without secrets (the common case; implicit so plain SQL reads naturally).
    SqlStatement(QString text); // NOLINT(google-explicit-constructor)

    SqlStatement &append(const QString &text);
    // @p literal is the value as it goes into the SQL (already quoted), @p value the plain secret:
    // both are scrubbed from server messages by redact().
    SqlStatement &appendSecret(const QString &literal, const QString &value);

    bool isEmpty() const;
    bool hasSecrets() const;
    // The statement as people and stores see it.
    QString toString() const;
    // The statement as the server must receive it. Call it only where the statement is sent.
    QString textForServer() const;
    // @p text (a server's error message, which may echo the statement) with every secret replaced.
    QString redact(const QString &text) const;

    bool operator==(const SqlStatement &other) const = default;

private:
    struct Part
    {
        QString text;  // the SQL text, or the quoted literal of a secret
        QString value; // the plain secret; empty for plain text
        bool secret = false;
        bool operator==(const Part &other) const = default;
    };
    QList<Part> m_parts;
};

} // namespace arbor::core
