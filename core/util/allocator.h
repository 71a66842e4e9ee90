#pragma once

namespace arbor::core {

// glibc gives each thread that allocates its own malloc arena, up to 8 per core. The poller adds
// hundreds of threads while servers hang, and each arena keeps what it once held: with 500 servers
// hung at once, 10,000 polled servers cost ~640 MB instead of ~450 MB. Caps the arenas at 4 unless
// MALLOC_ARENA_MAX is set. Call once, first thing in main(). A no-op on other C libraries.
void limitMallocArenas();

} // namespace arbor::core
