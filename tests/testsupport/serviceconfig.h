#pragma once

#include "remote/servicesource.h"

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

// What a desktop in connected mode reads the service on 127.0.0.1:@p port with: @p user and
// @p password, a refresh every second, 5 s timeouts.
core::ServiceSource::Options connectedOptions(int port, const QString &user, const QString &password);

// One entry of "api.users", with the password servicePassword(@p name).
QJsonObject serviceUser(const QString &name, const QString &role);

// The password the tests give every API user: "<name>-secret" (ServiceProcess sends it).
QString servicePassword(const QString &name);

} // namespace arbor::testsupport
