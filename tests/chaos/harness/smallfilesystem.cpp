#include "smallfilesystem.h"

#include "networklab.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace arbor::chaos {

namespace {
const QString kFiller = u"filler"_s;
}

SmallFilesystem::SmallFilesystem(const QString &parent, int megabytes) : m_path(parent + u"/small-disk"_s)
{
    if (const QString missing = NetworkLab::missingMounts(); !missing.isEmpty()) {
        m_error = missing;
        return;
    }
    if (!QDir().mkpath(m_path)) {
        m_error = u"cannot create %1"_s.arg(m_path);
        return;
    }
    const QByteArray options = "size=" + QByteArray::number(megabytes) + "m,mode=0755";
    if (::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs", MS_NOSUID | MS_NODEV, options.constData()) != 0) {
        m_error = u"mount -t tmpfs -o %1 at %2 failed (%3): no tmpfs here?"_s.arg(QString::fromLatin1(options), m_path,
                                                                                QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_mounted = true;
}

SmallFilesystem::~SmallFilesystem()
{
    // Lazy: a server that still holds a file open there does not keep the mount alive for long.
    if (m_mounted)
        ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
}

qint64 SmallFilesystem::fill()
{
    const QByteArray file = QFile::encodeName(m_path + u'/' + kFiller);
    const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        m_error = u"cannot create the filler: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
        return -1;
    }
    // Big blocks first, then single bytes: not one byte left for anybody.
    static const QByteArray block(64 * 1024, 'f');
    qint64 written = 0;
    for (qsizetype chunk = block.size(); chunk >= 1; chunk /= 16) {
        while (true) {
            const ssize_t n = ::write(fd, block.constData(), size_t(chunk));
            if (n <= 0)
                break;
            written += n;
        }
        if (errno != ENOSPC) {
            m_error = u"writing the filler failed: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
            ::close(fd);
            return -1;
        }
    }
    ::close(fd);
    return written;
}

void SmallFilesystem::free()
{
    QFile::remove(m_path + u'/' + kFiller);
}

qint64 SmallFilesystem::available() const
{
    struct statvfs s{};
    if (::statvfs(QFile::encodeName(m_path).constData(), &s) != 0)
        return -1;
    return qint64(s.f_bavail) * qint64(s.f_frsize);
}

} // namespace arbor::chaos
