#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace arbor::core {

// The error half of a Result: one human sentence (what failed, where, what to do).
struct Error
{
    QString message;
};

// Expected-or-error, in the spirit of Qt Creator's Utils::Result: no exceptions cross our APIs.
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_value(std::move(error)) {}

    static Result failure(QString message) { return Result(Error{std::move(message)}); }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_value); }
    T &value() & { return std::get<T>(m_value); }
    T &&value() && { return std::get<T>(std::move(m_value)); }
    const T *operator->() const { return &std::get<T>(m_value); }
    const T &operator*() const { return std::get<T>(m_value); }

    QString error() const { return ok() ? QString() : std::get<Error>(m_value).message; }

private:
    std::variant<T, Error> m_value;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error.message)) {}

    static Result success() { return Result(); }
    static Result failure(QString message) { return Result(Error{std::move(message)}); }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    QString error() const { return m_error.value_or(QString()); }

private:
    std::optional<QString> m_error;
};

} // namespace arbor::core
