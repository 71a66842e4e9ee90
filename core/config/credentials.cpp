#include "config/credentials.h"

#include "util/secretvalues.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

namespace {
QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') && value.back() == value.front())
        return value.mid(1, value.size() - 2);
    return value;
}

// As the mysql client reads option files: '#' outside quotes starts a comment, even mid-line, so
// "password=pw  # rotated" means "pw" there and must mean the same here.
QString withoutComment(const QString &line)
{
    QChar quote;
    bool escape = false;
    for (qsizetype n = 0; n < line.size(); ++n) {
        const QChar c = line.at(n);
        if ((c == u'"' || c == u'\'') && !escape) {
            if (quote.isNull())
                quote = c;
            else if (quote == c)
                quote = QChar();
        }
        if (quote.isNull() && c == u'#')
            return line.left(n);
        escape = !quote.isNull() && c == u'\\' && !escape;
    }
    return line;
}
} // namespace

Result<Credentials> Credentials::fromFile(const QString &path)
{
    QFileInfo info(path);
    if (!info.exists())
        return Result<Credentials>::failure(u"credentials file %1 does not exist"_s.arg(path));
    if (info.permissions() & (QFile::ReadGroup | QFile::ReadOther))
        return Result<Credentials>::failure(
            u"credentials file %1 is readable by other users; it holds a password: run chmod 600 %1"_s.arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return Result<Credentials>::failure(u"cannot read credentials file %1: %2"_s.arg(path, file.errorString()));

    Credentials result;
    QString section;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = withoutComment(QString::fromUtf8(file.readLine())).trimmed();
        if (line.isEmpty() || line.startsWith(u'#') || line.startsWith(u';'))
            continue;
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            section = line.mid(1, line.size() - 2).trimmed().toLower();
            continue;
        }
        if (section != u"client"_s && section != u"arbor"_s)
            continue;
        const qsizetype eq = line.indexOf(u'=');
        if (eq < 0)
            continue;
        const QString name = line.left(eq).trimmed().toLower();
        const QString value = unquote(line.mid(eq + 1));
        if (name == u"user"_s)
            result.m_user = value;
        else if (name == u"password"_s)
            result.m_password = value;
    }
    if (result.m_user.isEmpty())
        return Result<Credentials>::failure(
            u"credentials file %1 has no user= line in a [client] section"_s.arg(path));
    SecretValues::remember(result.m_password);
    return result;
}

Credentials Credentials::fromEnvironment()
{
    Credentials c(qEnvironmentVariable("ARBOR_TOPOLOGY_USER"), qEnvironmentVariable("ARBOR_TOPOLOGY_PASSWORD"));
    SecretValues::remember(c.m_password);
    return c;
}

} // namespace arbor::core
