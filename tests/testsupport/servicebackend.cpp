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

core::Result<QJsonObject> startServiceBackend(Sandbox &backend, const QString &database, const QString &directory)
{
    if (auto started = backend.start(); !started.ok())
        return core::Result<QJsonObject>::failure(started.error());
    const QStringList statements{u"CREATE DATABASE %1"_s.arg(database),
                                 u"CREATE USER 'svc'@'%' IDENTIFIED BY 'svc-secret'"_s,
                                 u"GRANT ALL ON %1.* TO 'svc'@'%'"_s.arg(database)};
    for (const QString &sql : statements) {
        if (auto r = backend.execute(0, sql); !r.ok())
            return core::Result<QJsonObject>::failure(r.error());
    }
    const QString path = QDir(directory).filePath(u"backend.cnf"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return core::Result<QJsonObject>::failure(u"cannot write %1: %2"_s.arg(path, f.errorString()));
    f.write("[client]\nuser=svc\npassword=svc-secret\n");
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return QJsonObject{{u"kind"_s, u"mysql"_s}, {u"host"_s, u"127.0.0.1"_s}, {u"port"_s, backend.port(0)},
                       {u"database"_s, database}, {u"credentialsFile"_s, path}};
}

} // namespace arbor::testsupport
