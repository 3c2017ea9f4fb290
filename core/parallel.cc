#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <thread>
#include <vector>

namespace reprint {

int ResolveThreadCount(int requested) {
  if (requested > 0) return requested;
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : static_cast<int>(hardware);
}

void ParallelFor(size_t n, int threads, size_t grain,
                 const std::function<void(size_t begin, size_t end)>& body) {
  assert(threads >= 1 && grain >= 1);
  if (n == 0) return;
  const size_t num_chunks = (n + grain - 1) / grain;
  const size_t workers = std::min<size_t>(static_cast<size_t>(threads), num_chunks);
  std::atomic<size_t> next_chunk{0};
  auto work = [&] {
    for (size_t chunk = next_chunk.fetch_add(1); chunk < num_chunks;
         chunk = next_chunk.fetch_add(1)) {
      const size_t begin = chunk * grain;
      body(begin, std::min(n, begin + grain));
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t i = 1; i < workers; ++i) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace reprint
