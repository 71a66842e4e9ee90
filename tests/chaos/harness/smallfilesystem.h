#pragma once

#include <QString>

namespace arbor::chaos {

// A small tmpfs mounted by the test at a directory of its own (inside the test's private mount
// namespace, NetworkLab): a disk that the test fills up on purpose. The filler is one file the test
// writes until the kernel says ENOSPC; free() removes it. Unmounted in the destructor, and in any case
// gone with the namespace when the test process ends, also on a crash.
class SmallFilesystem
{
public:
    // Mounts @p megabytes of tmpfs at a fresh directory under @p parent.
    SmallFilesystem(const QString &parent, int megabytes);
    ~SmallFilesystem();
    SmallFilesystem(const SmallFilesystem &) = delete;
    SmallFilesystem &operator=(const SmallFilesystem &) = delete;

    // Empty when mounted; else why not (for QSKIP: the capability that is missing).
    QString error() const { return m_error; }
    QString path() const { return m_path; }
    // Writes the filler until no byte is left; the bytes it wrote, or -1 (error() says why).
    qint64 fill();
    void free();
    // Bytes still free for an unprivileged writer (statvfs).
    qint64 available() const;

private:
    QString m_path;
    QString m_error;
    bool m_mounted = false;
};

} // namespace arbor::chaos
