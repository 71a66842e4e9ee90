#pragma once

#include <QByteArray>

#include <optional>
#include <vector>

// Wire encoding of the MySQL/MariaDB client/server protocol (protocol 41, text results), the part
// the simulator needs. Free functions over QByteArray: packets are small and built once per answer.
namespace arbor::simulator::protocol {

// Column types and flags as include/mysql_com.h numbers them.
enum : quint8 { TypeLong = 3, TypeLongLong = 8, TypeVarString = 253 };
enum : quint16 { FlagNotNull = 1, FlagUnsigned = 32, FlagBinary = 128, FlagNoDefault = 4096, FlagNum = 32768 };
enum : quint16 { StatusAutocommit = 0x0002, StatusMoreResultsExist = 0x0008 };

// Capabilities (client and server).
enum : quint32 {
    ClientLongPassword = 0x1,
    ClientFoundRows = 0x2,
    ClientLongFlag = 0x4,
    ClientConnectWithDb = 0x8,
    ClientNoSchema = 0x10,
    ClientOdbc = 0x40,
    ClientIgnoreSpace = 0x100,
    ClientProtocol41 = 0x200,
    ClientInteractive = 0x400,
    ClientSsl = 0x800,
    ClientTransactions = 0x2000,
    ClientSecureConnection = 0x8000,
    ClientMultiStatements = 0x10000,
    ClientMultiResults = 0x20000,
    ClientPsMultiResults = 0x40000,
    ClientPluginAuth = 0x80000,
    ClientConnectAttrs = 0x100000,
    ClientPluginAuthLenencData = 0x200000,
};

struct Column
{
    QByteArray name;
    quint8 type = TypeVarString;
    quint16 flags = 0;
    quint32 length = 0;
    quint16 charset = 33; // utf8mb3_general_ci for text, 63 (binary) for numbers
    quint8 decimals = 39;

    static Column text(const QByteArray &name, quint32 length, bool notNull = true);
    static Column number(const QByteArray &name, quint8 type, quint32 length, bool isUnsigned, bool notNull = true);
};

using Row = std::vector<std::optional<QByteArray>>;

void putInt(QByteArray &out, quint64 value, int bytes);
void putLenenc(QByteArray &out, quint64 value);
void putLenencString(QByteArray &out, const QByteArray &value);
// Reads a length-encoded integer at pos (advancing it); nullopt when truncated.
std::optional<quint64> readLenenc(const QByteArray &in, int &pos);

// Appends one packet (header + payload) and advances seq.
void appendPacket(QByteArray &out, quint8 &seq, const QByteArray &payload);

QByteArray okPayload(quint64 affectedRows = 0, quint16 status = StatusAutocommit);
QByteArray errPayload(int code, const QByteArray &sqlState, const QByteArray &message);
QByteArray eofPayload(quint16 status = StatusAutocommit);
// A whole text result set: column count, definitions, EOF, rows, EOF (no CLIENT_DEPRECATE_EOF). The
// last EOF carries `status` (StatusMoreResultsExist when another result of a batch follows).
void appendResultSet(QByteArray &out, quint8 &seq, const std::vector<Column> &columns, const std::vector<Row> &rows,
                     quint16 status = StatusAutocommit);

// mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))).
QByteArray nativePasswordToken(const QByteArray &password, const QByteArray &scramble);
// The server side check against the stored SHA1(SHA1(password)); an empty password takes an empty token.
bool verifyNativePassword(const QByteArray &token, const QByteArray &scramble, const QByteArray &storedStage2,
                          bool passwordEmpty);
QByteArray stage2Hash(const QByteArray &password);

} // namespace arbor::simulator::protocol
