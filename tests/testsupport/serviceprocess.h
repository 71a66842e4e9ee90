#pragma once

#include "servicereply.h"

#include "util/result.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>

#include <memory>

class QNetworkReply;
class QNetworkRequest;
class QProcess;

namespace arbor::testsupport {

// One real `arbor --service` process for integration tests: its config file and log in a test
// directory, a free loopback port for its API picked at construction (for the config's api.listen),
// and blocking HTTP requests to that API that keep the event loop running while they wait.
class ServiceProcess
{
public:
    enum class Output {
        LogFile,      // stdout and stderr to log(), appended across restarts
        ForwardErrors // stderr into the test's own output, no log file
    };

    // @p program is the arbor binary (the tests get it as ARBOR_BINARY); the config and the log are
    // <directory>/<name>.json and <directory>/<name>.log.
    ServiceProcess(const QString &program, const QString &directory, const QString &name, Output output = Output::LogFile);
    ~ServiceProcess(); // stop()
    ServiceProcess(const ServiceProcess &) = delete;
    ServiceProcess &operator=(const ServiceProcess &) = delete;

    int port() const { return m_port; }
    QString listenAddress() const; // "127.0.0.1:<port>"
    // The API speaks HTTPS (with a self-signed certificate, which requests accept).
    void setTls(bool tls) { m_tls = tls; }
    // From the next start(): the process runs with this as its only group (iptables owner rules tell
    // its connections apart, tests/chaos; needs root) and dies with the test. 0: unchanged.
    void setGroupId(unsigned gid) { m_groupId = gid; }
    QString configPath() const { return m_configPath; }
    QString logPath() const { return m_logPath; }

    core::Result<void> writeConfig(const QJsonObject &config) const;

    // Runs `<program> --service --config <configPath>` in a fresh QProcess; call when it is not running.
    void start();
    bool waitForStarted();
    // Until /api/_ping answers 200 (each try waits up to 500 ms for its answer).
    bool waitForPing(int timeoutMs);
    // True once the process is not running, waiting up to @p timeoutMs for it to exit.
    bool waitForFinished(int timeoutMs);
    bool isRunning() const;
    // The process of the latest start(): its pid, exit code and status. Only after start().
    QProcess &process() { return *m_process; }
    void sendSignal(int sig);
    // When it runs: SIGTERM, up to 10 s for it to exit, then SIGKILL.
    void stop();
    // The log file, or its last @p tailBytes bytes.
    QString log(qsizetype tailBytes = -1) const;

    // Requests to the API at @p path ("/api/..."). A non-empty @p user authenticates with HTTP basic
    // auth and servicePassword(user). get() is QNetworkAccessManager::get; request() sends @p method
    // as a custom request, with @p body as JSON when there is one.
    ServiceReply get(const QString &path, const QString &user, int timeoutMs);
    ServiceReply request(const QByteArray &method, const QString &path, const QString &user, const QByteArray &body,
                         int timeoutMs);

private:
    QNetworkRequest apiRequest(const QString &path, const QString &user, int timeoutMs) const;
    static ServiceReply waitForReply(QNetworkReply *reply);

    QString m_program;
    QString m_configPath;
    QString m_logPath;
    Output m_output;
    int m_port = 0;
    bool m_tls = false;
    unsigned m_groupId = 0;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_http;
};

} // namespace arbor::testsupport
