#pragma once

#include "util/result.h"

#include <QHash>
#include <QStringList>

namespace arbor::core {

// One hook as configured, in one of two forms, both injection-proof by construction:
//
// - argv form ("/usr/local/bin/notify --host {failedHost} &"): no shell syntax, so Arbor splits the
//   line into argv itself and substitutes placeholders inside each argument AFTER splitting; a value
//   always stays one argument. Quoting: '...' is literal, "..." allows \" and \\, a backslash
//   escapes the next character.
// - shell form (any | ; < > ` $ & # outside single quotes, as in orchestrator's
//   "echo 'Detected {failureType}' >> /tmp/recovery.log"): the line runs through `/bin/sh -c`, with
//   every placeholder substituted as ONE single-quoted shell word (a ' inside the value written as
//   '\''), chosen for where it stands: bare {x} becomes 'v', inside '...' the quotes are closed and
//   reopened around it, inside "..." it becomes "'v'". A value full of ; $() ` quotes or newlines
//   is then data for the shell, never code. Where that quoting cannot be sure (a placeholder inside
//   backquotes, ${...}, $'...', a comment, a here-document or a case statement) the line is refused.
//
// Either form refuses a placeholder that would reach a second interpreter, which would parse the
// value again whatever the quoting: sh/bash -c, python -c, perl -e, awk programs, eval, ssh (the
// remote shell), su, xargs, watch, flock, or a shell reading a pipe ("... | sh"). Values reach such
// scripts through the ORC_* / ARBOR_* environment variables instead. A trailing & runs the hook
// detached (orchestrator's rule).
class HookCommand
{
public:
    static Result<HookCommand> parse(const QString &line);

    const QString &line() const { return m_line; }
    const QStringList &argv() const { return m_argv; } // argv form: the words; shell form: {script}
    bool detached() const { return m_detached; }
    bool usesShell() const { return m_shell; }

    // What to run, every {placeholder} replaced by its value; unknown {words} are left as they are.
    // Argv form: the argv. Shell form: {shell, "-c", script}.
    QStringList expand(const QHash<QString, QString> &values, const QString &shell = QStringLiteral("/bin/sh")) const;

    // orchestrator's placeholder names (without braces).
    static const QStringList &placeholderNames();
    // @p value as one single-quoted POSIX shell word.
    static QString shellQuote(const QString &value);

    enum class Context { Unquoted, SingleQuoted, DoubleQuoted };
    struct Piece
    {
        QString text;        // literal script text, or
        QString placeholder; // a placeholder's name
        Context context = Context::Unquoted;
    };

private:
    QString m_line;
    QStringList m_argv;
    QList<Piece> m_script;
    bool m_detached = false;
    bool m_shell = false;
};

} // namespace arbor::core
