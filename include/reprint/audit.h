// The audit: who takes text from whom across a whole archive.
//
// Every stored pair whose two articles were published at different times is
// read as a borrowing: the later article took from the earlier one. A pair
// with an undated article, or two published the same second, gives no
// direction and is left out (counted in pairs_without_direction).
//
// Each borrowing article has one source: among the earlier articles it
// pairs with, the earliest that holds at least 90% of what the best of them
// holds. So copies of one wire story count as the wire's reuse, not as
// borrowing from each other, while a copy of an edited copy keeps the copy.
// Its borrowed share is the share of it that source holds (containment from
// the pair; with passages, the characters inside shared passages).
#ifndef REPRINT_AUDIT_H_
#define REPRINT_AUDIT_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reprint/document.h"

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

// The news agencies reprint knows by name, and the wire services that
// `reprint gen synthetic --news` makes up: the audit's default list.
std::vector<std::string> DefaultWireOutlets();

// Reads a list of wire services: one outlet name per line, exactly as the
// articles give it; blank lines and lines starting with '#' are skipped,
// and surrounding spaces trimmed. NotFound naming `path` if it cannot be read.
absl::StatusOr<std::vector<std::string>> ReadWireOutlets(const std::string& path);

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
  // Outlets its articles borrowed from, by the number of its articles whose
  // source is there; outlets whose articles borrowed from it, likewise.
  std::vector<std::pair<std::string, int64_t>> takes_from;
  std::vector<std::pair<std::string, int64_t>> taken_by;
  bool is_wire = false;

  double reusing_share() const { return articles == 0 ? 0 : static_cast<double>(articles_reusing) / articles; }
  double reused_text_share() const { return chars == 0 ? 0 : borrowed_chars / static_cast<double>(chars); }
  double wire_share() const { return articles == 0 ? 0 : static_cast<double>(articles_reusing_wire) / articles; }
};

struct ClusterAudit {
  int64_t id = 0;
  int64_t size = 0;
  uint32_t origin = 0;  // index into the articles: the earliest dated member
  bool origin_known = true;  // every member dated, and none published with the origin
  int64_t outlets = 0;
  std::optional<int64_t> first_seen, last_seen;
};

struct ArticleAudit {
  uint32_t article = 0;  // index into the articles
  uint32_t source = 0;   // the earlier article it borrowed from (see above)
  double borrowed_share = 0;
  double borrowed_chars = 0;
};

struct AuditReport {
  int64_t articles = 0;
  int64_t pairs = 0;
  int64_t pairs_without_direction = 0;  // an article undated, or both published the same second
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

#endif  // REPRINT_AUDIT_H_
