// Compiled with arbor_core's include paths only; it must not build (see core/guiguard/).
#include <QtGui/QColor>
int probe() { return QColor(1, 2, 3).red(); }
