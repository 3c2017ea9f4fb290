// A progress line on stderr for long runs: shown only when stderr is a
// terminal and the work has already taken a second, so scripts, pipes and
// quick runs never see it.
#ifndef REPRINT_CLI_PROGRESS_H_
#define REPRINT_CLI_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace reprint::cli {

// Thread-safe: Update() may be called from any worker thread.
class ProgressBar {
 public:
  ProgressBar();   // enabled iff stderr is a terminal
  ~ProgressBar();  // clears the line

  void Update(std::string_view stage, size_t done, size_t total);

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
  std::mutex mutex_;
};

}  // namespace reprint::cli

#endif  // REPRINT_CLI_PROGRESS_H_
