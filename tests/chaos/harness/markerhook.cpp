#include "markerhook.h"

#include "chaoscluster.h"

#include <QFile>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace arbor::chaos {

MarkerHook::MarkerHook(const QByteArray &then, bool onlyFirst)
{
    if (!m_dir.isValid()) {
        m_error = u"cannot create a temporary directory for the hook"_s;
        return;
    }
    m_marker = m_dir.filePath(u"in-recovery"_s);
    m_script = m_dir.filePath(u"pre-failover.sh"_s);
    QFile h(m_script);
    if (!h.open(QIODevice::WriteOnly)) {
        m_error = u"cannot write %1: %2"_s.arg(m_script, h.errorString());
        return;
    }
    h.write("#!/bin/sh\n");
    if (onlyFirst)
        h.write("[ -e \"$1\" ] && exit 0\n");
    h.write("touch \"$1\"\n" + then + "\n");
    h.close();
    h.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void MarkerHook::install(ChaosOptions &options) const
{
    options.extraConfig.insert(u"PreFailoverProcesses"_s, QJsonArray{m_script + u" "_s + m_marker});
}

bool MarkerHook::reached() const
{
    return QFile::exists(m_marker);
}

} // namespace arbor::chaos
