#include "core/parallel.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace {

struct Observed {
  std::vector<int> visits;                        // per index
  std::vector<std::pair<size_t, size_t>> chunks;  // as called
  std::set<std::thread::id> thread_ids;
};

Observed RunParallelFor(size_t n, int threads, size_t grain) {
  Observed run;
  std::vector<std::atomic<int>> visits(n);
  std::mutex mutex;
  ParallelFor(n, threads, grain, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end && i < n; ++i) visits[i].fetch_add(1);
    std::lock_guard<std::mutex> lock(mutex);
    run.chunks.emplace_back(begin, end);
    run.thread_ids.insert(std::this_thread::get_id());
  });
  for (const auto& v : visits) run.visits.push_back(v.load());
  return run;
}

struct Case {
  size_t n;
  int threads;
  size_t grain;
};

const Case kCases[] = {
    {0, 1, 1},    {0, 4, 16},    {1, 1, 1},    {1, 8, 1},      {5, 4, 16},  // n < grain
    {16, 4, 16},  {17, 4, 16},   {100, 1, 7},  {100, 2, 7},    {100, 3, 1},
    {100, 64, 10},  // threads > chunks
    {1000, 4, 1}, {1000, 2, 999}, {12345, 4, 64}, {3, 16, 1},   {64, 5, 64},
};

TEST(ParallelTest, EveryIndexIsVisitedExactlyOnce) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::Message() << "n=" << c.n << " threads=" << c.threads
                                      << " grain=" << c.grain);
    const Observed run = RunParallelFor(c.n, c.threads, c.grain);
    ASSERT_EQ(run.visits.size(), c.n);
    for (size_t i = 0; i < c.n; ++i) ASSERT_EQ(run.visits[i], 1) << "index " << i;
    // No chunk reaches outside [0, n) or is empty.
    for (const auto& [begin, end] : run.chunks) {
      EXPECT_LT(begin, end);
      EXPECT_LE(end, c.n);
    }
  }
}

TEST(ParallelTest, EmptyRangeNeverCallsBody) {
  for (const int threads : {1, 4}) {
    EXPECT_TRUE(RunParallelFor(0, threads, 8).chunks.empty());
  }
}

TEST(ParallelTest, ChunksAreDisjointAndCoverTheRange) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::Message() << "n=" << c.n << " threads=" << c.threads
                                      << " grain=" << c.grain);
    Observed run = RunParallelFor(c.n, c.threads, c.grain);
    std::sort(run.chunks.begin(), run.chunks.end());
    size_t next = 0;
    for (const auto& [begin, end] : run.chunks) {
      EXPECT_EQ(begin, next);
      next = end;
    }
    EXPECT_EQ(next, c.n);
  }
}

// The header promises chunks of at most `grain` items, whatever the thread
// count; callers may size per-chunk work or report progress per chunk.
TEST(ParallelTest, ChunksAreAtMostGrainLong) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::Message() << "n=" << c.n << " threads=" << c.threads
                                      << " grain=" << c.grain);
    const Observed run = RunParallelFor(c.n, c.threads, c.grain);
    for (const auto& [begin, end] : run.chunks) {
      EXPECT_LE(end - begin, c.grain) << "chunk [" << begin << ", " << end << ")";
    }
  }
}

TEST(ParallelTest, NeverUsesMoreThreadsThanAsked) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(::testing::Message() << "n=" << c.n << " threads=" << c.threads
                                      << " grain=" << c.grain);
    const Observed run = RunParallelFor(c.n, c.threads, c.grain);
    EXPECT_LE(run.thread_ids.size(), static_cast<size_t>(c.threads));
  }
}

TEST(ParallelTest, SingleThreadRunsOnTheCallersThread) {
  const std::thread::id caller = std::this_thread::get_id();
  const Observed run = RunParallelFor(100, 1, 10);
  ASSERT_EQ(run.thread_ids.size(), 1u);
  EXPECT_EQ(*run.thread_ids.begin(), caller);
}

TEST(ParallelTest, ReturnsOnlyAfterEveryChunkIsDone) {
  // Slow chunks on several threads: all work is visible once ParallelFor returns.
  std::atomic<size_t> done{0};
  ParallelFor(64, 4, 1, [&](size_t begin, size_t end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    done.fetch_add(end - begin);
  });
  EXPECT_EQ(done.load(), 64u);
}

// Worker threads are kept from call to call; calls that cannot have them
// (made inside a body, from two threads at once, or in a forked child) must
// still visit every index once.
TEST(ParallelTest, CallsInsideABodyVisitEveryIndexOnce) {
  std::vector<std::atomic<int>> visits(40 * 30);
  ParallelFor(40, 3, 1, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      ParallelFor(30, 3, 4, [&](size_t from, size_t to) {
        for (size_t j = from; j < to; ++j) visits[i * 30 + j].fetch_add(1);
      });
    }
  });
  for (size_t i = 0; i < visits.size(); ++i) ASSERT_EQ(visits[i].load(), 1) << i;
}

TEST(ParallelTest, CallsFromTwoThreadsAtOnceVisitEveryIndexOnce) {
  constexpr size_t kRounds = 300, kItems = 64;
  std::vector<std::atomic<int>> visits(2 * kRounds * kItems);
  auto caller = [&](size_t which) {
    for (size_t round = 0; round < kRounds; ++round) {
      ParallelFor(kItems, 2, 1, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
          visits[(which * kRounds + round) * kItems + i].fetch_add(1);
        }
      });
    }
  };
  std::thread first(caller, 0), second(caller, 1);
  first.join();
  second.join();
  for (size_t i = 0; i < visits.size(); ++i) ASSERT_EQ(visits[i].load(), 1) << i;
}

TEST(ParallelTest, ACallInAForkedChildVisitsEveryIndexOnce) {
  RunParallelFor(100, 2, 1);  // the parent's workers exist; the child has none
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const Observed run = RunParallelFor(1000, 4, 3);
    const bool once =
        std::all_of(run.visits.begin(), run.visits.end(), [](int v) { return v == 1; });
    _exit(run.visits.size() == 1000 && once ? 0 : 1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(ParallelTest, ResolveThreadCountZeroMeansHardwareAndIsAtLeastOne) {
  const int resolved = ResolveThreadCount(0);
  EXPECT_GE(resolved, 1);
  const unsigned hardware = std::thread::hardware_concurrency();
  if (hardware != 0) {
    EXPECT_EQ(resolved, static_cast<int>(hardware));
  }
}

TEST(ParallelTest, ResolveThreadCountKeepsAnExplicitCount) {
  EXPECT_EQ(ResolveThreadCount(3), 3);
  EXPECT_EQ(ResolveThreadCount(1), 1);
  EXPECT_EQ(ResolveThreadCount(17), 17);
}

}  // namespace
}  // namespace reprint
