#include "mysqlprotocol.h"

#include <QCryptographicHash>

namespace arbor::simulator::protocol {

Column Column::text(const QByteArray &name, quint32 length, bool notNull)
{
    Column c;
    c.name = name;
    c.type = TypeVarString;
    c.flags = notNull ? FlagNotNull : 0;
    c.length = length;
    c.charset = 33;
    c.decimals = 39;
    return c;
}

Column Column::number(const QByteArray &name, quint8 type, quint32 length, bool isUnsigned, bool notNull)
{
    Column c;
    c.name = name;
    c.type = type;
    c.flags = quint16((notNull ? FlagNotNull : 0) | (isUnsigned ? FlagUnsigned : 0) | FlagBinary | FlagNum);
    c.length = length;
    c.charset = 63;
    c.decimals = 0;
    return c;
}

void putInt(QByteArray &out, quint64 value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(char((value >> (8 * i)) & 0xff));
}

void putLenenc(QByteArray &out, quint64 value)
{
    if (value < 251) {
        out.append(char(value));
    } else if (value < (1u << 16)) {
        out.append(char(0xfc));
        putInt(out, value, 2);
    } else if (value < (1u << 24)) {
        out.append(char(0xfd));
        putInt(out, value, 3);
    } else {
        out.append(char(0xfe));
        putInt(out, value, 8);
    }
}

void putLenencString(QByteArray &out, const QByteArray &value)
{
    putLenenc(out, quint64(value.size()));
    out.append(value);
}

std::optional<quint64> readLenenc(const QByteArray &in, int &pos)
{
    if (pos >= in.size())
        return std::nullopt;
    const quint8 first = quint8(in.at(pos));
    int bytes = 0;
    if (first < 251) {
        ++pos;
        return first;
    }
    if (first == 0xfc)
        bytes = 2;
    else if (first == 0xfd)
        bytes = 3;
    else if (first == 0xfe)
        bytes = 8;
    else
        return std::nullopt;
    if (pos + 1 + bytes > in.size())
        return std::nullopt;
    quint64 v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= quint64(quint8(in.at(pos + 1 + i))) << (8 * i);
    pos += 1 + bytes;
    return v;
}

void appendPacket(QByteArray &out, quint8 &seq, const QByteArray &payload)
{
    putInt(out, quint64(payload.size()), 3);
    out.append(char(seq++));
    out.append(payload);
}

QByteArray okPayload(quint64 affectedRows, quint16 status)
{
    QByteArray p;
    p.append('\0');
    putLenenc(p, affectedRows);
    putLenenc(p, 0); // last insert id
    putInt(p, status, 2);
    putInt(p, 0, 2); // warnings
    return p;
}

QByteArray errPayload(int code, const QByteArray &sqlState, const QByteArray &message)
{
    QByteArray p;
    p.append(char(0xff));
    putInt(p, quint64(code), 2);
    p.append('#');
    p.append(sqlState.left(5).leftJustified(5, '0'));
    p.append(message);
    return p;
}

QByteArray eofPayload(quint16 status)
{
    QByteArray p;
    p.append(char(0xfe));
    putInt(p, 0, 2);
    putInt(p, status, 2);
    return p;
}

void appendResultSet(QByteArray &out, quint8 &seq, const std::vector<Column> &columns, const std::vector<Row> &rows,
                     quint16 status)
{
    QByteArray p;
    putLenenc(p, columns.size());
    appendPacket(out, seq, p);
    for (const Column &c : columns) {
        p.clear();
        putLenencString(p, QByteArrayLiteral("def"));
        putLenencString(p, {}); // schema
        putLenencString(p, {}); // table
        putLenencString(p, {}); // org_table
        putLenencString(p, c.name);
        putLenencString(p, {}); // org_name
        putLenenc(p, 0x0c);
        putInt(p, c.charset, 2);
        putInt(p, c.length, 4);
        p.append(char(c.type));
        putInt(p, c.flags, 2);
        p.append(char(c.decimals));
        putInt(p, 0, 2);
        appendPacket(out, seq, p);
    }
    appendPacket(out, seq, eofPayload());
    for (const Row &row : rows) {
        p.clear();
        for (const auto &value : row) {
            if (value)
                putLenencString(p, *value);
            else
                p.append(char(0xfb)); // NULL
        }
        appendPacket(out, seq, p);
    }
    appendPacket(out, seq, eofPayload(status));
}

namespace {
QByteArray sha1(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha1);
}
} // namespace

QByteArray stage2Hash(const QByteArray &password)
{
    return sha1(sha1(password));
}

QByteArray nativePasswordToken(const QByteArray &password, const QByteArray &scramble)
{
    if (password.isEmpty())
        return {};
    const QByteArray stage1 = sha1(password);
    const QByteArray mix = sha1(scramble + sha1(stage1));
    QByteArray token(20, '\0');
    for (int i = 0; i < 20; ++i)
        token[i] = char(stage1.at(i) ^ mix.at(i));
    return token;
}

bool verifyNativePassword(const QByteArray &token, const QByteArray &scramble, const QByteArray &storedStage2,
                          bool passwordEmpty)
{
    if (passwordEmpty)
        return token.isEmpty();
    if (token.size() != 20)
        return false;
    const QByteArray mix = sha1(scramble + storedStage2);
    QByteArray stage1(20, '\0');
    for (int i = 0; i < 20; ++i)
        stage1[i] = char(token.at(i) ^ mix.at(i));
    return sha1(stage1) == storedStage2;
}

} // namespace arbor::simulator::protocol
