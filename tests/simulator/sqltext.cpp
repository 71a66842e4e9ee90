#include "sqltext.h"

namespace arbor::simulator::sqltext {

std::optional<QByteArray> unquote(QByteArray s)
{
    s = s.trimmed();
    if (s.size() < 2 || (s.front() != '\'' && s.front() != '"') || s.back() != s.front())
        return std::nullopt;
    const char q = s.front();
    QByteArray out;
    for (int i = 1; i < s.size() - 1; ++i) {
        if (s.at(i) == '\\' && i + 1 < s.size() - 1) {
            // MySQL's escapes (the ones Dialect::quoteString writes); any other character stands for itself.
            const char c = s.at(++i);
            out.append(c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == '0' ? '\0' : c == 'b' ? '\b' : c == 'Z' ? '\x1a' : c);
        } else if (s.at(i) == q && i + 1 < s.size() - 1 && s.at(i + 1) == q) {
            out.append(q);
            ++i;
        } else {
            out.append(s.at(i));
        }
    }
    return out;
}

QList<QByteArray> splitTopLevel(const QByteArray &text, char separator)
{
    QList<QByteArray> out;
    QByteArray current;
    char quote = 0;
    int depth = 0;
    for (int k = 0; k < text.size(); ++k) {
        const char c = text.at(k);
        if (quote) {
            if (c == '\\' && k + 1 < text.size()) {
                current.append(c);
                current.append(text.at(++k));
                continue;
            }
            if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"' || c == '`') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == separator && depth == 0) {
            out << current.trimmed();
            current.clear();
            continue;
        }
        current.append(c);
    }
    out << current.trimmed();
    return out;
}

std::optional<QList<QByteArray>> callArguments(const QByteArray &sql, const QByteArray &function)
{
    const int at = sql.toUpper().indexOf(function.toUpper() + '(');
    if (at < 0)
        return std::nullopt;
    const int open = at + int(function.size());
    int depth = 0;
    char quote = 0;
    for (int k = open; k < sql.size(); ++k) {
        const char c = sql.at(k);
        if (quote) {
            if (c == '\\')
                ++k;
            else if (c == quote)
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')' && --depth == 0) {
            return splitTopLevel(sql.mid(open + 1, k - open - 1), ',');
        }
    }
    return std::nullopt;
}

QByteArray aliasOf(const QByteArray &sql, const QByteArray &fallback)
{
    const int as = sql.toUpper().lastIndexOf(" AS ");
    if (as < 0 || sql.indexOf(')', as) >= 0)
        return fallback;
    QByteArray alias = sql.mid(as + 4).trimmed();
    if (alias.size() >= 2 && alias.startsWith('`') && alias.endsWith('`'))
        alias = alias.mid(1, alias.size() - 2);
    return alias;
}

} // namespace arbor::simulator::sqltext
