#include "model/binlogcoordinates.h"

namespace arbor::core {

namespace {
bool splitLogName(const QString &file, QStringView *base, qint64 *number)
{
    const qsizetype dot = file.lastIndexOf(u'.');
    if (dot < 0)
        return false;
    bool ok = false;
    *number = QStringView(file).mid(dot + 1).toLongLong(&ok);
    *base = QStringView(file).left(dot);
    return ok;
}
} // namespace

bool BinlogCoordinates::operator<(const BinlogCoordinates &other) const
{
    if (file == other.file)
        return position < other.position;
    QStringView baseA, baseB;
    qint64 numA = 0, numB = 0;
    if (!splitLogName(file, &baseA, &numA) || !splitLogName(other.file, &baseB, &numB) || baseA != baseB)
        return false;
    return numA < numB;
}

} // namespace arbor::core
