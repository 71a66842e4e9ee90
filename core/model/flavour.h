#pragma once

#include <QString>

namespace arbor::core {

enum class Flavour { Unknown, MariaDB, MySQL, Percona };

QString flavourName(Flavour flavour);
// Detects the flavour from @@version and @@version_comment, as servers report them.
Flavour detectFlavour(const QString &version, const QString &versionComment);

// Major.minor.patch from a version string such as "10.11.6-MariaDB-0+deb12u1-log" or "8.0.36".
struct ServerVersion
{
    int major = 0;
    int minor = 0;
    int patch = 0;

    static ServerVersion parse(const QString &version);
    bool atLeast(int ma, int mi = 0, int pa = 0) const
    {
        if (major != ma)
            return major > ma;
        if (minor != mi)
            return minor > mi;
        return patch >= pa;
    }
    bool isValid() const { return major > 0; }
    QString toString() const { return QString::number(major) + u'.' + QString::number(minor) + u'.' + QString::number(patch); }
};

} // namespace arbor::core
