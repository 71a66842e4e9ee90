#pragma once

#include "util/result.h"

#include <QHash>
#include <QStringList>

namespace arbor::core {

// One hook as configured ("/usr/local/bin/notify --host {failedHost} &"), split into argv by Arbor's
// own parser, never by a shell. Placeholders are substituted inside each argument AFTER splitting, so
// a value (a host name full of `;$()|`, a failure description) always stays one argument and can
// never run anything. Quoting: '...' is literal, "..." allows \" and \\, a backslash escapes the next
// character. Shell syntax (| ; < > ` $ && ||) outside single quotes is refused, with advice, rather
// than silently passed on as arguments. A trailing & runs the hook detached (orchestrator's rule).
class HookCommand
{
public:
    static Result<HookCommand> parse(const QString &line);

    const QString &line() const { return m_line; }
    const QStringList &argv() const { return m_argv; }
    bool detached() const { return m_detached; }

    // argv with every {placeholder} replaced by its value; unknown {words} are left as they are.
    QStringList expand(const QHash<QString, QString> &values) const;

    // orchestrator's placeholder names (without braces).
    static const QStringList &placeholderNames();

private:
    QString m_line;
    QStringList m_argv;
    bool m_detached = false;
};

} // namespace arbor::core
