#include "core/parallel.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace reprint {
namespace {

// Threads kept for the whole process, so that a ParallelFor neither starts
// threads nor waits for a sleeping one to wake: both cost 15-50 us on a
// virtual machine, and a scan makes about fifty calls, most of them in
// quick succession (verification's blocks). A worker that finishes a call
// spins for a while before it sleeps, to be there for the next one.
//
// One call runs on the pool at a time. A call that finds it busy (a
// ParallelFor inside a ParallelFor's body, or two callers at once), or
// made in a child process after fork(), starts threads of its own instead.
class WorkerPool {
 public:
  static WorkerPool& Get() {
    static WorkerPool* pool = new WorkerPool;  // never destroyed: its workers outlive main()
    return *pool;
  }

  // Runs `work` on the calling thread and on up to `helpers` pool threads at
  // once, and returns true when every one of them has returned; false,
  // having run nothing, if the pool cannot take the call.
  bool TryRun(size_t helpers, const std::function<void()>& work) {
    if (in_call_ || getpid() != owner_) return false;
    std::unique_lock<std::mutex> busy(busy_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    InCall in_call;
    while (num_workers_ < helpers) {
      std::thread(&WorkerPool::Serve, this, generation_.load()).detach();
      ++num_workers_;
    }
    work_.store(&work);
    finished_.store(0);
    unclaimed_.store(helpers);
    generation_.fetch_add(1);
    if (sleepers_.load() > 0) {
      std::lock_guard<std::mutex> lock(sleep_mutex_);
      wake_.notify_all();
    }
    // The helpers run `work` on this frame: it must not unwind before they
    // are done. (A body that throws ended the process with plain threads
    // too.)
    try {
      work();
    } catch (...) {
      std::terminate();
    }
    // Helpers that have not taken the call yet would find nothing left:
    // they are not waited for.
    const size_t claimed = helpers - unclaimed_.exchange(0);
    while (finished_.load() != claimed) std::this_thread::yield();
    return true;
  }

 private:
  WorkerPool() : owner_(getpid()) {}

  // Marks the thread as running a call of the pool's, so that a call made
  // from inside it starts threads of its own.
  struct InCall {
    InCall() { in_call_ = true; }
    ~InCall() { in_call_ = false; }
  };
  static thread_local bool in_call_;

  void Serve(uint64_t seen) {
    using Clock = std::chrono::steady_clock;
    while (true) {
      // Wait for a new call: spinning a while, then asleep.
      const auto spin_until = Clock::now() + std::chrono::milliseconds(2);
      while (generation_.load() == seen && Clock::now() < spin_until) std::this_thread::yield();
      if (generation_.load() == seen) {
        std::unique_lock<std::mutex> lock(sleep_mutex_);
        sleepers_.fetch_add(1);
        wake_.wait(lock, [&] { return generation_.load() != seen; });
        sleepers_.fetch_sub(1);
      }
      seen = generation_.load();
      size_t unclaimed = unclaimed_.load();
      while (unclaimed > 0 && !unclaimed_.compare_exchange_weak(unclaimed, unclaimed - 1)) {
      }
      if (unclaimed == 0) continue;  // the call is taken, or over
      {
        InCall in_call;
        (*work_.load())();
      }
      finished_.fetch_add(1);
    }
  }

  const pid_t owner_;
  std::mutex busy_;  // held by the call running on the pool
  size_t num_workers_ = 0;
  std::atomic<uint64_t> generation_{0};  // calls started so far
  std::atomic<const std::function<void()>*> work_{nullptr};
  std::atomic<size_t> unclaimed_{0};  // helpers the current call may still take
  std::atomic<size_t> finished_{0};   // helpers of the current call that returned
  std::mutex sleep_mutex_;
  std::condition_variable wake_;  // generation_ changed
  std::atomic<int> sleepers_{0};
};

thread_local bool WorkerPool::in_call_ = false;

}  // namespace

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
  const std::function<void()> work = [&] {
    for (size_t chunk = next_chunk.fetch_add(1); chunk < num_chunks;
         chunk = next_chunk.fetch_add(1)) {
      const size_t begin = chunk * grain;
      body(begin, std::min(n, begin + grain));
    }
  };
  if (workers == 1) return work();
  if (WorkerPool::Get().TryRun(workers - 1, work)) return;
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t i = 1; i < workers; ++i) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace reprint
