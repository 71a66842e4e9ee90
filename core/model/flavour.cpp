#include "model/flavour.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace arbor::core {

QString flavourName(Flavour flavour)
{
    switch (flavour) {
    case Flavour::MariaDB: return u"MariaDB"_s;
    case Flavour::MySQL: return u"MySQL"_s;
    case Flavour::Percona: return u"Percona"_s;
    case Flavour::Unknown: break;
    }
    return u"unknown"_s;
}

Flavour detectFlavour(const QString &version, const QString &versionComment)
{
    if (version.contains(u"MariaDB"_s, Qt::CaseInsensitive) || versionComment.contains(u"MariaDB"_s, Qt::CaseInsensitive))
        return Flavour::MariaDB;
    if (version.contains(u"Percona"_s, Qt::CaseInsensitive) || versionComment.contains(u"Percona"_s, Qt::CaseInsensitive))
        return Flavour::Percona;
    if (ServerVersion::parse(version).isValid())
        return Flavour::MySQL;
    return Flavour::Unknown;
}

ServerVersion ServerVersion::parse(const QString &version)
{
    // MariaDB 10.x once prefixed "5.5.5-" for old clients; skip it.
    static const QRegularExpression re(u"^(?:5\\.5\\.5-)?(\\d+)\\.(\\d+)(?:\\.(\\d+))?"_s);
    const auto m = re.match(version);
    if (!m.hasMatch())
        return {};
    return {m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
}

} // namespace arbor::core
