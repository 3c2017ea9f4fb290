// Memory for the pipeline's large arrays (signatures, read buffers), which
// workers fill in parallel.
//
//   LargeVector<uint32_t> signatures;
//   signatures.resize(n * num_perm);  // not zeroed: each worker writes its rows
//
// Two things make first touching such memory cheap, and both matter because
// a scan touches most of its memory once:
//  - LargeArrayAllocator default-initialises, so resize() leaves trivial
//    elements unwritten. Zeroing on the calling thread would fault in every
//    page serially (10 MB of signatures: about 6 ms before any work starts);
//    left to the workers, pages are first touched where they are filled.
//  - Blocks of 2 MiB or more are mapped on their own and marked for
//    transparent huge pages (madvise), where the kernel offers them: one
//    fault per 2 MiB instead of 512. Smaller blocks come from operator new.
// Either way the memory reads as whatever was last written (zeros after
// ReleasePages()): callers must write every element they read.
#ifndef REPRINT_CORE_LARGE_ARRAY_H_
#define REPRINT_CORE_LARGE_ARRAY_H_

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace reprint {

// `bytes` of uninitialised memory aligned to __STDCPP_DEFAULT_NEW_ALIGNMENT__
// (16 bytes; page-aligned from 2 MiB on, where a block is its own mapping,
// advised to use huge pages). Throws std::bad_alloc if none is left.
// Thread-safe.
void* AllocateLarge(size_t bytes);

// Frees what AllocateLarge(bytes) returned (nullptr: nothing).
void FreeLarge(void* memory, size_t bytes) noexcept;

// Gives the whole pages inside [begin, end), part of a block from
// AllocateLarge that will not be used, back to the system: they stop
// counting as resident. Touched again, they read as zeros (under
// AddressSanitizer, which keeps them, touching them is reported). Inside a
// huge page this splits it; the kernel's background collapsing may later
// fill it again. Thread-safe.
void ReleasePages(char* begin, char* end) noexcept;

// Frees a buffer from AllocateLarge(bytes).
struct LargeBufferDeleter {
  size_t bytes = 0;
  void operator()(char* buffer) const noexcept { FreeLarge(buffer, bytes); }
};
using UniqueLargeBuffer = std::unique_ptr<char, LargeBufferDeleter>;

// AllocateLarge(bytes), freed with the pointer, or with its last copy.
UniqueLargeBuffer MakeLargeBuffer(size_t bytes);
std::shared_ptr<char> SharedLargeBuffer(size_t bytes);

template <typename T>
class LargeArrayAllocator {
 public:
  using value_type = T;
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__,
                "AllocateLarge() aligns only as plain operator new does");

  LargeArrayAllocator() = default;
  // Implicit, as rebinding to another element type needs.
  template <typename U>
  LargeArrayAllocator(const LargeArrayAllocator<U>&) noexcept {}  // NOLINT

  T* allocate(size_t n) {
    if (n > static_cast<size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(AllocateLarge(n * sizeof(T)));
  }
  void deallocate(T* memory, size_t n) noexcept { FreeLarge(memory, n * sizeof(T)); }

  // Default-initialises: no zeroing of trivial types (see above).
  template <typename U>
  void construct(U* at) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(at)) U;
  }
  template <typename U, typename... Args>
  void construct(U* at, Args&&... args) {
    ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }

  template <typename U>
  bool operator==(const LargeArrayAllocator<U>&) const noexcept {
    return true;
  }
};

template <typename T>
using LargeVector = std::vector<T, LargeArrayAllocator<T>>;

}  // namespace reprint

#endif  // REPRINT_CORE_LARGE_ARRAY_H_
