#include "probe/directquery.h"

#include "probe/mysqlsocket.h"

#include <QByteArray>
#include <QHash>
#include <QVariant>

#include <mysql.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

namespace arbor::core {

namespace {

// Column names repeat on every poll: one QString per name per worker thread, shared by every map (a
// copy is a reference count, not an allocation).
QString columnName(const char *name, unsigned long length)
{
    thread_local QHash<QByteArray, QString> names;
    const QByteArray raw = QByteArray::fromRawData(name, qsizetype(length));
    const auto it = names.constFind(raw);
    if (it != names.cend())
        return *it;
    QString decoded = QString::fromUtf8(name, qsizetype(length));
    if (names.size() < 4096) // bounded, whatever a server sends
        names.insert(QByteArray(name, qsizetype(length)), decoded);
    return decoded;
}

QVariant valueOf(const MYSQL_FIELD &field, const char *data, unsigned long length)
{
    if (!data)
        return QVariant();
    switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR: {
        bool ok = false;
        const QByteArrayView text(data, qsizetype(length));
        if (field.flags & UNSIGNED_FLAG) {
            const qulonglong u = text.toULongLong(&ok);
            if (ok && u <= qulonglong(std::numeric_limits<qlonglong>::max()))
                return QVariant(qlonglong(u));
        } else {
            const qlonglong n = text.toLongLong(&ok);
            if (ok)
                return QVariant(n);
        }
        break;
    }
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE: {
        bool ok = false;
        const double d = QByteArrayView(data, qsizetype(length)).toDouble(&ok);
        if (ok)
            return QVariant(d);
        break;
    }
    default:
        break;
    }
    return QVariant(QString::fromUtf8(data, qsizetype(length)));
}

QList<QVariantMap> rowsOf(MYSQL_RES *result)
{
    QList<QVariantMap> rows;
    const unsigned int count = mysql_num_fields(result);
    const MYSQL_FIELD *fields = mysql_fetch_fields(result);
    std::vector<QString> names(count);
    for (unsigned int i = 0; i < count; ++i)
        names[i] = columnName(fields[i].name, fields[i].name_length);
    // Insert in key order: each insert lands at the end of the map, no comparisons down the tree.
    std::vector<unsigned int> order(count);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](unsigned int a, unsigned int b) { return names[a] < names[b]; });
    rows.reserve(qsizetype(mysql_num_rows(result)));
    while (MYSQL_ROW row = mysql_fetch_row(result)) {
        const unsigned long *lengths = mysql_fetch_lengths(result);
        QVariantMap map;
        for (const unsigned int i : order)
            map.insert(map.cend(), names[i], valueOf(fields[i], row[i], lengths[i]));
        rows.append(std::move(map));
    }
    return rows;
}

DirectStatement failure(MYSQL *mysql)
{
    DirectStatement s;
    s.ok = false;
    s.errorCode = int(mysql_errno(mysql));
    s.errorText = QString::fromUtf8(mysql_error(mysql));
    return s;
}

} // namespace

std::optional<QList<DirectStatement>> runDirect(const QSqlDatabase &db, const QString &sql)
{
    MYSQL *mysql = static_cast<MYSQL *>(mysqlHandleOf(db));
    if (!mysql)
        return std::nullopt;
    QList<DirectStatement> out;
    const QByteArray text = sql.toUtf8();
    if (mysql_real_query(mysql, text.constData(), text.size()) != 0) {
        out.append(failure(mysql));
        return out;
    }
    for (;;) {
        MYSQL_RES *result = mysql_store_result(mysql);
        if (result) {
            DirectStatement s;
            s.rows = rowsOf(result);
            mysql_free_result(result);
            out.append(std::move(s));
        } else if (mysql_field_count(mysql) != 0) {
            out.append(failure(mysql)); // rows were due but could not be read: the connection broke
            return out;
        } else {
            out.append(DirectStatement{}); // a statement without rows (SET, ...)
        }
        const int next = mysql_next_result(mysql);
        if (next < 0)
            return out;
        if (next > 0) {
            out.append(failure(mysql)); // the next statement failed; the server ran nothing after it
            return out;
        }
    }
}

} // namespace arbor::core
