#include "api/passwordhash.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
constexpr int kKeyBytes = 32;
constexpr int kSaltBytes = 16;
// A hash from the config that asks for more would stall a worker for minutes per check.
constexpr int kMaxIterations = 10000000;

struct Parts
{
    int iterations = 0;
    QByteArray salt;
    QByteArray key;
};

bool split(const QString &hash, Parts *parts)
{
    const QStringList fields = hash.split(u'$');
    if (fields.size() != 4 || fields.at(0) != u"pbkdf2-sha256"_s)
        return false;
    bool ok = false;
    parts->iterations = fields.at(1).toInt(&ok);
    if (!ok || parts->iterations < 1000 || parts->iterations > kMaxIterations)
        return false;
    const auto salt = QByteArray::fromBase64Encoding(fields.at(2).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto key = QByteArray::fromBase64Encoding(fields.at(3).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || !key || salt.decoded.size() < 8 || key.decoded.size() != kKeyBytes)
        return false;
    parts->salt = salt.decoded;
    parts->key = key.decoded;
    return true;
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}
} // namespace

QString PasswordHash::make(const QString &password, int iterations)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    for (char &c : salt)
        c = char(QRandomGenerator::system()->bounded(256));
    const QByteArray key = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt,
                                                              iterations, kKeyBytes);
    return u"pbkdf2-sha256$%1$%2$%3"_s.arg(iterations).arg(QString::fromLatin1(salt.toBase64()),
                                                          QString::fromLatin1(key.toBase64()));
}

bool PasswordHash::verify(const QString &password, const QString &hash)
{
    Parts parts;
    if (!split(hash, &parts))
        return false;
    const QByteArray key = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(),
                                                              parts.salt, parts.iterations, kKeyBytes);
    return constantTimeEqual(key, parts.key);
}

QString PasswordHash::problem(const QString &hash)
{
    Parts parts;
    if (split(hash, &parts))
        return {};
    return u"is not a password hash of the form pbkdf2-sha256$ITERATIONS$SALT$KEY (1000 to 10000000 iterations); "
           "make one with: arbor config hash-password"_s;
}

} // namespace arbor::core
