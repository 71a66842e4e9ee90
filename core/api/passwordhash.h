#pragma once

#include <QByteArray>
#include <QString>

namespace arbor::core {

// API passwords are kept in the config as PBKDF2-SHA256 hashes, never in plaintext:
//   pbkdf2-sha256$<iterations>$<salt, base64>$<key, base64>
// `arbor config hash-password` prints one.
class PasswordHash
{
public:
    static constexpr int kDefaultIterations = 120000;

    static QString make(const QString &password, int iterations = kDefaultIterations);
    static bool verify(const QString &password, const QString &hash);
    // Empty when well formed, else why not (for config validation).
    static QString problem(const QString &hash);
};

} // namespace arbor::core
