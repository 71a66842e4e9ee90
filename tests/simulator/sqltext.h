#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

// Small pieces of SQL text handling the simulated servers share.
namespace arbor::simulator::sqltext {

// 'text' or "text" -> text (doubled quotes and backslash escapes undone); nullopt when not a literal.
std::optional<QByteArray> unquote(QByteArray s);
// Splits at @p separator outside quotes and parentheses; pieces trimmed.
QList<QByteArray> splitTopLevel(const QByteArray &text, char separator);
// The argument list of the first call of @p function in @p sql (FUNC(a, b) -> "a", "b"), nullopt
// when the function is not called there.
std::optional<QList<QByteArray>> callArguments(const QByteArray &sql, const QByteArray &function);
// "... AS name" at the end of a select item: name, else @p fallback.
QByteArray aliasOf(const QByteArray &sql, const QByteArray &fallback);

} // namespace arbor::simulator::sqltext
