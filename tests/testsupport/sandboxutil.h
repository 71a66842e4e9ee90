#pragma once

#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

class QProcess;

// Small helpers shared by Sandbox and SandboxTemplate; not meant for tests to call directly.
namespace arbor::testsupport::detail {

// Paths of the MariaDB programs; empty when not installed.
QString mariadbdPath();
QString installDbPath();
// "10.11.19-MariaDB-0+deb12u1", reduced to characters safe in a directory name; empty when unknown.
QString mariadbdVersion();

// Server options every sandbox server (and the template bootstrap) shares: small memory, fast I/O.
QStringList smallServerOptions();

// Makes the child die with us (PR_SET_PDEATHSIG) and not inherit our descriptors. Call before start()
// from the thread that will own the process: the death signal follows the forking thread. A non-zero
// @p group becomes the child's only group (for iptables owner rules; needs root).
void prepareChild(QProcess &process, unsigned group = 0);

// Runs statements in order as root over the unix socket; returns the rows of the last one.
core::Result<QList<QVariantMap>> runRootSql(const QString &socketPath, const QStringList &statements,
                                            int connectTimeoutSeconds = 3, int readTimeoutSeconds = 30);

// Last lines of a text file (a server log), for error messages.
QString fileTail(const QString &path, int lines = 15, qint64 fromOffset = 0);

// Where fresh sandbox directories go: $ARBOR_SANDBOX_TMPDIR, else /dev/shm when writable, else the temp dir.
// tmpfs matters: on a disk mounted with "discard", deleting freshly written datadirs takes seconds.
QString scratchRoot();

// Unix socket paths are limited to 107 bytes.
bool socketPathFits(const QString &path);

} // namespace arbor::testsupport::detail
