#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdlib>

// What every target does with libFuzzer's bytes, and how it reports a broken property: abort()
// (libFuzzer saves the input as a crash, which then becomes a unit test).
namespace arbor::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline void require(bool property)
{
    if (!property)
        std::abort();
}

} // namespace arbor::fuzz
