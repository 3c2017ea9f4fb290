#include "core/shingle.h"

#include <algorithm>
#include <cassert>

#include "xxhash.h"

namespace reprint {

void HashShingles(const TokenizedText& text, const ShingleOptions& options,
                  std::vector<uint64_t>* out) {
  assert(options.size >= 1);
  out->clear();
  const size_t n = text.tokens.size();
  if (n == 0) return;
  const size_t k = std::min(static_cast<size_t>(options.size), n);
  out->reserve(n - k + 1);
  const char* base = text.normalized.data();
  for (size_t i = 0; i + k <= n; ++i) {
    const uint32_t begin = text.tokens[i].norm_begin;
    const uint32_t end = text.tokens[i + k - 1].norm_end;
    out->push_back(XXH3_64bits(base + begin, end - begin));
  }
}

void MakeShingleSet(std::vector<uint64_t>* hashes) {
  std::sort(hashes->begin(), hashes->end());
  hashes->erase(std::unique(hashes->begin(), hashes->end()), hashes->end());
}

size_t IntersectionSize(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common;
}

double Jaccard(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 0.0;
  const size_t common = IntersectionSize(a, b);
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace reprint
