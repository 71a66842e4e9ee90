#pragma once

#include <QStringList>

namespace arbor::app {

// `arbor [--seed HOST:PORT]...`: the desktop window on a live poller.
int runGui(int &argc, char **argv);

} // namespace arbor::app
