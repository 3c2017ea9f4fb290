// Data-parallel loops over index ranges.
//
// The threads are kept for the whole process and shared by every call (one
// call at a time; a call made while another runs, as from inside a body,
// starts threads of its own). After a call, a worker spins, yielding, for
// up to 2 ms before it sleeps, ready for the next call: the pipeline makes
// its calls in quick succession.
//
// Every caller writes results into slots indexed by item, so the outcome never
// depends on which thread ran which item: output is identical for any thread
// count. That is the whole determinism story of reprint; nothing merges results
// in completion order.
#ifndef REPRINT_CORE_PARALLEL_H_
#define REPRINT_CORE_PARALLEL_H_

#include <cstddef>
#include <functional>

namespace reprint {

// The number of worker threads to use for `requested` (0 = one per hardware
// thread), at least 1.
int ResolveThreadCount(int requested);

// Calls body(begin, end) on disjoint chunks covering [0, n), each at most
// `grain` items long, from up to `threads` threads (the caller's included).
// Returns when every chunk is done. Chunks are handed out dynamically, so
// uneven items balance. `body` must be safe to call concurrently on
// disjoint ranges. REQUIRES: threads >= 1, grain >= 1.
void ParallelFor(size_t n, int threads, size_t grain,
                 const std::function<void(size_t begin, size_t end)>& body);

}  // namespace reprint

#endif  // REPRINT_CORE_PARALLEL_H_
