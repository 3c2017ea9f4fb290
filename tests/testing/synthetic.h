// Synthetic articles for tests, from the seeded generator (core/generate.h).
#ifndef REPRINT_TESTS_TESTING_SYNTHETIC_H_
#define REPRINT_TESTS_TESTING_SYNTHETIC_H_

#include <vector>

#include "reprint/document.h"
#include "reprint/generate.h"

namespace reprint::test {

// The articles GenerateSynthetic() makes with `options`; fails the test if
// the options are rejected.
std::vector<Document> SyntheticArticles(const SyntheticOptions& options);

}  // namespace reprint::test

#endif  // REPRINT_TESTS_TESTING_SYNTHETIC_H_
