#pragma once

#include "serviceprocess.h"

#include "util/result.h"

#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace arbor::testsupport {

class Sandbox;

// A real `arbor --service` watching a sandbox, as the HTTP-level tests of the service use it: a SQLite
// backend and the config in a directory of its own, one API user (servicePassword()), the node name
// given. start() starts the sandbox (unless it runs), writes the config (with @p extra's keys added at
// the top level, replacing a section of the same name: orchestrator's flat keys, other sections),
// starts the service and waits until it leads and its /api/cluster/ lists @p servers servers (-1:
// every server of the sandbox; 0: no wait).
class SandboxService
{
public:
    // @p program is the arbor binary (the tests get it as ARBOR_BINARY).
    SandboxService(QString program, Sandbox &sandbox, QString nodeName, QString user, QString role);
    ~SandboxService();

    core::Result<void> start(const QJsonObject &extra = {}, int servers = -1);
    ServiceProcess &service() { return *m_service; }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    QString backendFile() const { return m_dir.filePath(QStringLiteral("arbor.sqlite3")); }
    // The config start() writes, before @p extra is added.
    QJsonObject baseConfig() const;
    const QString &user() const { return m_user; }

private:
    QString m_program;
    Sandbox &m_sandbox;
    QString m_nodeName;
    QString m_user;
    QString m_role;
    QTemporaryDir m_dir;
    std::unique_ptr<ServiceProcess> m_service;
};

} // namespace arbor::testsupport
