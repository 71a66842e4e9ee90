#pragma once

#include "util/result.h"

#include <QHashFunctions>
#include <QMetaType>
#include <QString>

namespace arbor::core {

// Identity of a server: host:port as the servers report it (report_host/report_port when set).
class InstanceKey
{
public:
    InstanceKey() = default;
    InstanceKey(QString host, int port);

    // Accepts "host:port", "[v6addr]:port"; refuses anything a shell or SQL could misread.
    static Result<InstanceKey> parse(const QString &text);
    // Checks a host name as a server reported it (report_host, Master_Host).
    static bool isValidHost(const QString &host);

    const QString &host() const { return m_host; }
    int port() const { return m_port; }
    bool isValid() const { return !m_host.isEmpty() && m_port > 0; }
    QString toString() const;

    friend bool operator==(const InstanceKey &a, const InstanceKey &b)
    {
        return a.m_port == b.m_port && a.m_host == b.m_host;
    }
    friend bool operator!=(const InstanceKey &a, const InstanceKey &b) { return !(a == b); }
    friend bool operator<(const InstanceKey &a, const InstanceKey &b)
    {
        return a.m_host == b.m_host ? a.m_port < b.m_port : a.m_host < b.m_host;
    }

private:
    QString m_host;
    int m_port = 0;
};

inline size_t qHash(const InstanceKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.host(), key.port());
}

} // namespace arbor::core

Q_DECLARE_METATYPE(arbor::core::InstanceKey)
