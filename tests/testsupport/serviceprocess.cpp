#include "serviceprocess.h"

#include "servicebackend.h"
#include "sandboxutil.h"
#include "serviceconfig.h"
#include "waitfor.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSslError>
#include <QUrl>

#include <csignal>

using namespace Qt::Literals::StringLiterals;

namespace arbor::testsupport {

ServiceProcess::ServiceProcess(const QString &program, const QString &directory, const QString &name, Output output)
    : m_program(program),
      m_configPath(QDir(directory).filePath(name + u".json"_s)),
      m_logPath(QDir(directory).filePath(name + u".log"_s)),
      m_output(output),
      m_port(freeLocalPort())
{
}

ServiceProcess::~ServiceProcess()
{
    stop();
}

QString ServiceProcess::listenAddress() const
{
    return u"127.0.0.1:%1"_s.arg(m_port);
}

core::Result<void> ServiceProcess::writeConfig(const QJsonObject &config) const
{
    QFile f(m_configPath);
    if (!f.open(QIODevice::WriteOnly))
        return core::Result<void>::failure(u"cannot write %1: %2"_s.arg(m_configPath, f.errorString()));
    f.write(QJsonDocument(config).toJson());
    return core::Result<void>::success();
}

void ServiceProcess::start()
{
    m_process = std::make_unique<QProcess>();
    if (m_output == Output::LogFile) {
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(m_logPath, QIODevice::Append);
    } else {
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    }
    if (m_groupId != 0)
        detail::prepareChild(*m_process, m_groupId);
    m_process->start(m_program, {u"--service"_s, u"--config"_s, m_configPath});
}

bool ServiceProcess::waitForStarted()
{
    return m_process->waitForStarted();
}

bool ServiceProcess::waitForPing(int timeoutMs)
{
    return waitFor([&] { return get(u"/api/_ping"_s, {}, 500).status == 200; }, timeoutMs);
}

bool ServiceProcess::waitForFinished(int timeoutMs)
{
    return m_process->state() == QProcess::NotRunning || m_process->waitForFinished(timeoutMs);
}

bool ServiceProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

void ServiceProcess::sendSignal(int sig)
{
    ::kill(pid_t(m_process->processId()), sig);
}

void ServiceProcess::stop()
{
    if (!isRunning())
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(10000))
        m_process->kill();
}

QString ServiceProcess::log(qsizetype tailBytes) const
{
    QFile f(m_logPath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    return QString::fromUtf8(tailBytes < 0 ? all : all.right(tailBytes));
}

ServiceReply ServiceProcess::get(const QString &path, const QString &user, int timeoutMs)
{
    return waitForReply(m_http.get(apiRequest(path, user, timeoutMs)));
}

ServiceReply ServiceProcess::request(const QByteArray &method, const QString &path, const QString &user,
                                     const QByteArray &body, int timeoutMs)
{
    QNetworkRequest r = apiRequest(path, user, timeoutMs);
    if (!body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    return waitForReply(m_http.sendCustomRequest(r, method, body));
}

QNetworkRequest ServiceProcess::apiRequest(const QString &path, const QString &user, int timeoutMs) const
{
    QNetworkRequest r(QUrl(u"%1://%2%3"_s.arg(m_tls ? u"https"_s : u"http"_s, listenAddress(), path)));
    r.setTransferTimeout(timeoutMs);
    if (!user.isEmpty())
        r.setRawHeader("Authorization", "Basic " + (user + u':' + servicePassword(user)).toUtf8().toBase64());
    return r;
}

ServiceReply ServiceProcess::waitForReply(QNetworkReply *reply)
{
    // Test certificates are self-signed; plain HTTP never gets here.
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &) { reply->ignoreSslErrors(); });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    ServiceReply out;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    out.status = status.isValid() ? status.toInt() : -1;
    out.body = reply->readAll();
    out.contentType = reply->rawHeader("Content-Type");
    reply->deleteLater();
    return out;
}

} // namespace arbor::testsupport
