#include "servicebackend.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport {

int freeLocalPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

core::Result<QString> prepareServiceBackend(Sandbox &backend, const QString &database, const QString &directory)
{
    const QStringList statements{u"CREATE DATABASE %1"_s.arg(database),
                                 u"CREATE USER 'svc'@'%' IDENTIFIED BY 'svc-secret'"_s,
                                 u"GRANT ALL ON %1.* TO 'svc'@'%'"_s.arg(database)};
    for (const QString &sql : statements) {
        if (auto r = backend.execute(0, sql); !r.ok())
            return core::Result<QString>::failure(r.error());
    }
    const QString path = QDir(directory).filePath(u"backend.cnf"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return core::Result<QString>::failure(u"cannot write %1: %2"_s.arg(path, f.errorString()));
    f.write("[client]\nuser=svc\npassword=svc-secret\n");
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

} // namespace arbor::testsupport
