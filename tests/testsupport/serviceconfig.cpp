#include "serviceconfig.h"

#include "sandbox.h"

#include "api/passwordhash.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport {

QJsonObject serviceTopologySection(const Sandbox &topology)
{
    return QJsonObject{{u"credentialsFile"_s, topology.credentialsFile()}, {u"pollSeconds"_s, 1},
                       {u"connectTimeoutSeconds"_s, 1}, {u"readTimeoutSeconds"_s, 1},
                       {u"seeds"_s, QJsonArray{topology.key(0).toString()}}};
}

QJsonObject readOnlyServiceConfig(const QJsonObject &backend, const Sandbox &topology, const QString &listen)
{
    return QJsonObject{
        {u"backend"_s, backend},
        {u"topology"_s, serviceTopologySection(topology)},
        {u"election"_s, QJsonObject{{u"leaseSeconds"_s, 4}}},
        {u"api"_s, QJsonObject{{u"listen"_s, listen}, {u"users"_s, QJsonArray{serviceUser(u"ro"_s, u"read-only"_s)}}}},
    };
}

core::ServiceSource::Options connectedOptions(int port, const QString &user, const QString &password)
{
    core::ServiceSource::Options o;
    o.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    o.user = user;
    o.password = password;
    o.refreshMs = 1000;
    o.timeoutMs = 5000;
    return o;
}

QJsonObject serviceUser(const QString &name, const QString &role)
{
    // Few iterations: hashing is not what these tests measure.
    return QJsonObject{{u"name"_s, name}, {u"role"_s, role},
                       {u"passwordHash"_s, core::PasswordHash::make(servicePassword(name), 2000)}};
}

QString servicePassword(const QString &name)
{
    return name + u"-secret"_s;
}

} // namespace arbor::testsupport
