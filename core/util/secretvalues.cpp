#include "util/secretvalues.h"

#include <QMutex>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QMutex s_mutex;
QSet<QString> &secrets()
{
    static QSet<QString> s;
    return s;
}
} // namespace

void SecretValues::remember(const QString &secret)
{
    if (secret.size() < kMinLength)
        return;
    QMutexLocker lock(&s_mutex);
    secrets().insert(secret);
}

QStringList SecretValues::all()
{
    QMutexLocker lock(&s_mutex);
    return secrets().values();
}

QString SecretValues::redact(QString text)
{
    QStringList values = all();
    // Longest first, so that a password containing a shorter one is replaced whole.
    std::sort(values.begin(), values.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &v : std::as_const(values))
        text.replace(v, u"<redacted>"_s);
    return text;
}

void SecretValues::forgetAllForTests()
{
    QMutexLocker lock(&s_mutex);
    secrets().clear();
}

} // namespace arbor::core
