#include "sandboxservice.h"

#include "sandbox.h"
#include "serviceconfig.h"
#include "waitfor.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport {

SandboxService::SandboxService(QString program, Sandbox &sandbox, QString nodeName, QString user, QString role)
    : m_program(std::move(program)), m_sandbox(sandbox), m_nodeName(std::move(nodeName)), m_user(std::move(user)), m_role(std::move(role))
{
}

SandboxService::~SandboxService()
{
    if (m_service)
        m_service->stop();
}

QJsonObject SandboxService::baseConfig() const
{
    return QJsonObject{
        {u"backend"_s, QJsonObject{{u"kind"_s, u"sqlite"_s}, {u"sqliteFile"_s, backendFile()}}},
        {u"topology"_s, serviceTopologySection(m_sandbox)},
        {u"node"_s, QJsonObject{{u"name"_s, m_nodeName}}},
        {u"api"_s, QJsonObject{{u"listen"_s, m_service ? m_service->listenAddress() : QString()},
                               {u"users"_s, QJsonArray{serviceUser(m_user, m_role)}}}},
    };
}

core::Result<void> SandboxService::start(const QJsonObject &extra, int servers)
{
    using R = core::Result<void>;
    if (!m_dir.isValid())
        return R::failure(u"no temporary directory: %1"_s.arg(m_dir.errorString()));
    if (!m_sandbox.isRunning(0)) {
        if (auto started = m_sandbox.start(); !started.ok())
            return R::failure(started.error());
    }
    m_service = std::make_unique<ServiceProcess>(m_program, m_dir.path(), u"service"_s,
                                                 ServiceProcess::Output::ForwardErrors);
    QJsonObject config = baseConfig();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        config.insert(it.key(), it.value());
    if (auto written = m_service->writeConfig(config); !written.ok())
        return written;
    m_service->start();
    if (!m_service->waitForStarted())
        return R::failure(u"arbor --service did not start"_s);
    // With orchestrator's URLPrefix the API answers only under it.
    const QString prefix = config.value(u"URLPrefix"_s).toString();
    if (!waitFor([&] { return m_service->get(prefix + u"/api/leader-check"_s, {}, 2000).status == 200; }, 20000))
        return R::failure(u"the service never led (no 200 from /api/leader-check)"_s);
    const int expected = servers < 0 ? m_sandbox.size() : servers;
    const QString cluster = prefix + u"/api/cluster/"_s + m_sandbox.key(0).toString();
    if (expected > 0 && !waitFor([&] { return m_service->get(cluster, m_user, 5000).array().size() == expected; }, 20000))
        return R::failure(u"the service did not find %1 servers of the sandbox"_s.arg(expected));
    return R::success();
}

} // namespace arbor::testsupport
