#pragma once

#include <QJsonObject>
#include <QString>

// Sections of an `arbor --service` JSON config that the service tests share.
namespace arbor::testsupport {

class Sandbox;

// "topology": watch @p topology from its server 0 as the sandbox's own user, polling every second
// with 1 s connect and read timeouts.
QJsonObject serviceTopologySection(const Sandbox &topology);

// A one-node config on @p backend watching @p topology (a 4 s lease), its API on @p listen with one
// read-only user "ro" (password servicePassword("ro")). Tests add their own keys to it.
QJsonObject readOnlyServiceConfig(const QJsonObject &backend, const Sandbox &topology, const QString &listen);

// One entry of "api.users", with the password servicePassword(@p name).
QJsonObject serviceUser(const QString &name, const QString &role);

// The password the tests give every API user: "<name>-secret" (ServiceProcess sends it).
QString servicePassword(const QString &name);

} // namespace arbor::testsupport
