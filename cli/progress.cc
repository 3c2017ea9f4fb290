#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace reprint::cli {

ProgressBar::ProgressBar()
    : enabled_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputs("\r\033[K", stderr);
}

void ProgressBar::Update(std::string_view stage, size_t done, size_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || (drawn_ && now - last_draw_ < std::chrono::milliseconds(100) && done < total)) {
    return;
  }
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  const double fraction = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\033[K%-10.*s [%s] %5.1f%%  %zu/%zu", static_cast<int>(stage.size()),
               stage.data(), bar.c_str(), fraction * 100, done, total);
  std::fflush(stderr);
}

}  // namespace reprint::cli
