#pragma once

#include <QStringList>

namespace arbor::app {

// `arbor --service --config FILE`: the headless node. Returns the process exit code.
int runService(const QStringList &arguments);

} // namespace arbor::app
