#include "dialect/sqlstatement.h"

#include <algorithm>

namespace arbor::core {

SqlStatement::SqlStatement(QString text)
{
    if (!text.isEmpty())
        m_parts.append({std::move(text), {}, false});
}

SqlStatement &SqlStatement::append(const QString &text)
{
    if (!text.isEmpty())
        m_parts.append({text, {}, false});
    return *this;
}

SqlStatement &SqlStatement::appendSecret(const QString &literal, const QString &value)
{
    m_parts.append({literal, value, true});
    return *this;
}

bool SqlStatement::isEmpty() const
{
    return m_parts.isEmpty();
}

bool SqlStatement::hasSecrets() const
{
    return std::any_of(m_parts.cbegin(), m_parts.cend(), [](const Part &p) { return p.secret; });
}

QString SqlStatement::toString() const
{
    QString out;
    for (const Part &p : m_parts)
        out += p.secret ? redactedMarker.toString() : p.text;
    return out;
}

QString SqlStatement::textForServer() const
{
    QString out;
    for (const Part &p : m_parts)
        out += p.text;
    return out;
}

QString SqlStatement::redact(const QString &text) const
{
    QString out = text;
    for (const Part &p : m_parts) {
        if (!p.secret)
            continue;
        // The quoted form first (a syntax error echoes the statement), then the bare value (a server
        // may quote it differently or cut it); longest first so no fragment of the literal survives.
        if (!p.text.isEmpty())
            out.replace(p.text, redactedMarker.toString());
        if (!p.value.isEmpty())
            out.replace(p.value, redactedMarker.toString());
    }
    return out;
}

} // namespace arbor::core
