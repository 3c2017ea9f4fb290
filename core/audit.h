// The audit: who takes text from whom across a whole archive.
//
// Every stored pair is read as a borrowing: the article published later
// took from the earlier one (PublishedBefore's order: undated articles come
// after dated ones, equal times go by id). An article's borrowed share is
// the largest share of it contained in any earlier article (containment
// from its pairs; with passages, the characters inside shared passages).
#ifndef REPRINT_CORE_AUDIT_H_
#define REPRINT_CORE_AUDIT_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "core/document.h"

namespace reprint {

// What the audit needs of an article.
struct AuditArticle {
  DocId id;
  std::string outlet;                // "" if unknown
  std::optional<int64_t> published;  // seconds since the epoch
  int64_t chars = 0;                 // length of the text in code points
  int64_t cluster = 0;               // 0: in no cluster
};

// What the audit needs of a pair; a and b index the articles.
struct AuditPair {
  uint32_t a = 0;
  uint32_t b = 0;
  double containment_a_in_b = 0;
  double containment_b_in_a = 0;
};

struct AuditOptions {
  size_t top = 10;                        // clusters, articles and partner outlets listed
  std::vector<std::string> wire_outlets;  // outlets that are wire services (exact names)
};

struct OutletAudit {
  std::string outlet;                     // "(unknown)" for articles without one
  int64_t articles = 0;
  int64_t articles_reusing = 0;           // that borrowed from an earlier article
  int64_t chars = 0;
  double borrowed_chars = 0;              // sum of each article's borrowed share x its length
  int64_t articles_reusing_wire = 0;      // that borrowed from a wire outlet
  std::vector<std::pair<std::string, int64_t>> takes_from;  // outlets it borrowed from, by pairs
  std::vector<std::pair<std::string, int64_t>> taken_by;    // outlets that borrowed from it
  bool is_wire = false;

  double reusing_share() const { return articles == 0 ? 0 : static_cast<double>(articles_reusing) / articles; }
  double reused_text_share() const { return chars == 0 ? 0 : borrowed_chars / static_cast<double>(chars); }
  double wire_share() const { return articles == 0 ? 0 : static_cast<double>(articles_reusing_wire) / articles; }
};

struct ClusterAudit {
  int64_t id = 0;
  int64_t size = 0;
  uint32_t origin = 0;  // index into the articles
  int64_t outlets = 0;
  std::optional<int64_t> first_seen, last_seen;
};

struct ArticleAudit {
  uint32_t article = 0;  // index into the articles
  uint32_t source = 0;   // the earlier article containing most of it
  double borrowed_share = 0;
  double borrowed_chars = 0;
};

struct AuditReport {
  int64_t articles = 0;
  int64_t pairs = 0;
  std::vector<OutletAudit> outlets;          // by articles, descending; ties by name
  std::vector<ClusterAudit> largest_clusters;
  std::vector<ArticleAudit> most_borrowed;   // by borrowed characters, descending
};

// Deterministic. O(articles + pairs log pairs).
AuditReport BuildAudit(absl::Span<const AuditArticle> articles, absl::Span<const AuditPair> pairs,
                       const AuditOptions& options);

// A report for people and one for programs: one {"type":"outlet"}, then
// {"type":"audit_cluster"} and {"type":"borrower"} record per line, after a
// {"type":"audit"} record with the totals.
void WriteAuditText(const AuditReport& report, absl::Span<const AuditArticle> articles, std::ostream& out);
void WriteAuditJsonl(const AuditReport& report, absl::Span<const AuditArticle> articles, std::ostream& out);

}  // namespace reprint

#endif  // REPRINT_CORE_AUDIT_H_
