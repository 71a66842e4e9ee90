#include "util/allocator.h"

#include <QtGlobal>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace arbor::core {

void limitMallocArenas()
{
#if defined(M_ARENA_MAX)
    if (qEnvironmentVariableIsEmpty("MALLOC_ARENA_MAX"))
        mallopt(M_ARENA_MAX, 4);
#endif
}

} // namespace arbor::core
