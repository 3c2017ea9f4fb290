#include "core/large_array.h"

#include <cstdint>
#include <cstring>
#include <numeric>
#include <vector>

#include "gtest/gtest.h"

namespace reprint {
namespace {

// Every byte of a block can be written and read back, small blocks and
// ones mapped on their own alike, and blocks do not overlap.
TEST(LargeArrayTest, BlocksOfAnySizeHoldWhatIsWrittenToThem) {
  const std::vector<size_t> sizes = {
      1, 100, 4096, (size_t{2} << 20) - 1, size_t{2} << 20, (size_t{5} << 20) + 123};
  std::vector<char*> blocks;
  for (size_t i = 0; i < sizes.size(); ++i) {
    blocks.push_back(static_cast<char*>(AllocateLarge(sizes[i])));
    ASSERT_NE(blocks.back(), nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(blocks.back()) % alignof(std::max_align_t), 0u);
    std::memset(blocks.back(), static_cast<int>('a' + i), sizes[i]);
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    const char expected = static_cast<char>('a' + i);
    EXPECT_EQ(blocks[i][0], expected) << sizes[i];
    EXPECT_EQ(blocks[i][sizes[i] / 2], expected) << sizes[i];
    EXPECT_EQ(blocks[i][sizes[i] - 1], expected) << sizes[i];
    FreeLarge(blocks[i], sizes[i]);
  }
  FreeLarge(nullptr, 1 << 20);  // nothing to do
}

// A vector that grows from small blocks into mapped ones keeps its
// elements in order, and elements given a value have it.
TEST(LargeArrayTest, VectorKeepsItsElementsAsItGrowsPastTheMappedSize) {
  LargeVector<uint32_t> values;
  for (uint32_t i = 0; i < (3u << 20) / sizeof(uint32_t) * 2; ++i) values.push_back(i * 7);
  for (uint32_t i = 0; i < values.size(); ++i) ASSERT_EQ(values[i], i * 7) << i;
  values.resize(values.size() + 1000, 5);
  EXPECT_EQ(values.back(), 5u);
  LargeVector<uint64_t> copy(values.begin(), values.end());
  EXPECT_EQ(std::accumulate(copy.begin(), copy.end(), uint64_t{0}),
            std::accumulate(values.begin(), values.end(), uint64_t{0}));
}

// Only whole pages inside the range are released: every byte before the
// first whole page and after the last one keeps its value, whether the
// block is page-aligned (mapped) or not (operator new, as under
// AddressSanitizer). Released pages are not to be touched again (such
// builds report it), so the test reads only around them.
TEST(LargeArrayTest, ReleasingKeepsEveryByteOutsideTheWholePagesOfTheRange) {
  constexpr size_t kSize = size_t{4} << 20;
  constexpr uintptr_t kPage = 4096;
  char* block = static_cast<char*>(AllocateLarge(kSize));
  std::memset(block, 'x', kSize);
  char* const begin = block + kPage + 100;
  char* const end = block + 5 * kPage + 50;
  ReleasePages(begin, end);
  const uintptr_t first_whole = (reinterpret_cast<uintptr_t>(begin) + kPage - 1) / kPage * kPage;
  const uintptr_t last_whole = reinterpret_cast<uintptr_t>(end) / kPage * kPage;
  ASSERT_LT(first_whole, last_whole);
  for (char* at = block; reinterpret_cast<uintptr_t>(at) < first_whole; ++at) {
    ASSERT_EQ(*at, 'x') << at - block;
  }
  for (char* at = reinterpret_cast<char*>(last_whole); at < block + kSize; ++at) {
    ASSERT_EQ(*at, 'x') << at - block;
  }
  ReleasePages(block + 10, block + 20);  // no whole page: nothing
  EXPECT_EQ(block[15], 'x');
  FreeLarge(block, kSize);
}

TEST(LargeArrayTest, SharedBufferLastsAsLongAsAnyCopy) {
  std::shared_ptr<char> copy;
  {
    const std::shared_ptr<char> buffer = SharedLargeBuffer(size_t{3} << 20);
    std::memset(buffer.get(), 'z', size_t{3} << 20);
    copy = buffer;
  }
  EXPECT_EQ(copy.get()[(size_t{3} << 20) - 1], 'z');
}

}  // namespace
}  // namespace reprint
