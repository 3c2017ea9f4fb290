#include "core/large_array.h"

#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>

// Under AddressSanitizer everything comes from operator new, so that reads
// past a block are caught as they are in the rest of the program.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)  // clang's spelling
#define REPRINT_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)  // GCC's
#define REPRINT_ADDRESS_SANITIZER 1
#endif
#if defined(__linux__) && !defined(REPRINT_ADDRESS_SANITIZER)
#define REPRINT_MAP_LARGE_ARRAYS 1
#include <sys/mman.h>
#endif

#if defined(REPRINT_ADDRESS_SANITIZER)
#include <sanitizer/asan_interface.h>
#endif

namespace reprint {
namespace {

constexpr size_t kPage = 4096;

size_t RoundUp(size_t value, size_t multiple) {
  return (value + multiple - 1) / multiple * multiple;
}

// The whole pages inside [begin, end), as [first, last); empty if none.
std::pair<uintptr_t, uintptr_t> WholePagesInside(const char* begin, const char* end) {
  const uintptr_t first = RoundUp(reinterpret_cast<uintptr_t>(begin), kPage);
  const uintptr_t last = reinterpret_cast<uintptr_t>(end) / kPage * kPage;
  return {first, last > first ? last : first};
}

#if defined(REPRINT_MAP_LARGE_ARRAYS)
constexpr size_t kHugePage = size_t{2} << 20;

// The mapping's length: whole pages, not whole huge pages, so that the
// resident size is what was asked for; the tail past the last 2 MiB
// boundary simply stays in small pages.
size_t MappedLength(size_t bytes) { return RoundUp(bytes, kPage); }
#endif

}  // namespace

void* AllocateLarge(size_t bytes) {
  // Beyond this, rounding up to pages and huge pages would wrap.
  if (bytes > static_cast<size_t>(PTRDIFF_MAX) / 2) throw std::bad_alloc();
#if defined(REPRINT_MAP_LARGE_ARRAYS)
  if (bytes >= kHugePage) {
    // Huge pages need 2 MiB-aligned addresses: map a huge page more than
    // needed and unmap the ends around the aligned part.
    const size_t length = MappedLength(bytes);
    const size_t reserved = length + kHugePage - kPage;
    void* raw = mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<uintptr_t>(raw);
    const uintptr_t aligned = RoundUp(start, kHugePage);
    if (aligned > start) munmap(raw, aligned - start);
    const uintptr_t end = aligned + length;
    if (start + reserved > end) munmap(reinterpret_cast<void*>(end), start + reserved - end);
    // Only advice: without huge pages (disabled, or none free) this is
    // ordinary memory.
    madvise(reinterpret_cast<void*>(aligned), length, MADV_HUGEPAGE);
    return reinterpret_cast<void*>(aligned);
  }
#endif
  return ::operator new(bytes);
}

void FreeLarge(void* memory, [[maybe_unused]] size_t bytes) noexcept {
  if (memory == nullptr) return;
#if defined(REPRINT_MAP_LARGE_ARRAYS)
  if (bytes >= kHugePage) {
    munmap(memory, MappedLength(bytes));
    return;
  }
#endif
#if defined(REPRINT_ADDRESS_SANITIZER)
  ASAN_UNPOISON_MEMORY_REGION(memory, bytes);  // what ReleasePages() poisoned
#endif
  ::operator delete(memory);
}

void ReleasePages(char* begin, char* end) noexcept {
  [[maybe_unused]] const auto [first, last] = WholePagesInside(begin, end);
  if (last == first) return;
#if defined(REPRINT_MAP_LARGE_ARRAYS)
  madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
#elif defined(REPRINT_ADDRESS_SANITIZER)
  // Nothing is given back here, but reading a released page is a bug that
  // would read zeros in a release build: AddressSanitizer reports it.
  ASAN_POISON_MEMORY_REGION(reinterpret_cast<void*>(first), last - first);
#endif
}

UniqueLargeBuffer MakeLargeBuffer(size_t bytes) {
  return UniqueLargeBuffer(static_cast<char*>(AllocateLarge(bytes)), LargeBufferDeleter{bytes});
}

std::shared_ptr<char> SharedLargeBuffer(size_t bytes) { return MakeLargeBuffer(bytes); }

}  // namespace reprint
