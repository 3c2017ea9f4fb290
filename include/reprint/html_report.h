// The HTML report: one self-contained file a person can open, share and
// trust. No network requests, fonts or scripts from elsewhere; works from
// file://. The data travels as a JSON block the page's own script renders
// with text nodes only; a Content-Security-Policy allows no script or style
// but the page's own (named by SHA-256), so article text can run nothing.
//
// Views: the clusters (sortable, filterable by outlet/id/title, size, date
// and containment, each with a drawn timeline of who took from whom), the
// pairs, one pair side by side with its passages highlighted by kind and
// the rewrite's edits marked (clicking a passage scrolls its partner into
// view), and for the audit the per-outlet table with bars. Long lists render
// 200 rows at a time as they scroll, so the file grows linearly with what it
// shows and thousands of pairs stay smooth.
#ifndef REPRINT_HTML_REPORT_H_
#define REPRINT_HTML_REPORT_H_

#include <ostream>
#include <string>

#include "absl/types/span.h"
#include "reprint/audit.h"
#include "reprint/report.h"

namespace reprint {

// The articles in some pair or cluster of the report, with those pairs and
// clusters. Deterministic like the other reports.
void WriteHtmlReport(const ScanReport& report, std::ostream& out);

// The audit's per-outlet table, largest clusters and most borrowed articles.
// `documents` and `detail` hold what its lists link to: the pairs of the
// most borrowed articles with their sources and the largest clusters
// (cluster ids as the audit's); a borrower or cluster they lack is listed
// without a link.
void WriteAuditHtml(const AuditReport& report, absl::Span<const AuditArticle> articles,
                    const std::string& archive, absl::Span<const Document> documents,
                    const ScanResult& detail, std::ostream& out);

}  // namespace reprint

#endif  // REPRINT_HTML_REPORT_H_
