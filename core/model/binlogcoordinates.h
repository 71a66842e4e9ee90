#pragma once

#include <QString>

namespace arbor::core {

// A position in a binary or relay log: file name plus byte offset.
struct BinlogCoordinates
{
    QString file;
    qint64 position = 0;

    bool isValid() const { return !file.isEmpty(); }
    QString toString() const { return isValid() ? file + u':' + QString::number(position) : QString(); }

    // Orders by file sequence number (mysql-bin.000010 after mysql-bin.000009), then position.
    // Coordinates from different log bases do not compare; both are then "not less".
    bool operator<(const BinlogCoordinates &other) const;
    bool operator==(const BinlogCoordinates &other) const = default;
};

} // namespace arbor::core
