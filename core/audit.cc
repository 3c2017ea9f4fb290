#include "reprint/audit.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "core/json.h"
#include "fmt/format.h"

namespace reprint {
namespace {

constexpr const char* kUnknownOutlet = "(unknown)";

// An article's source is the earliest of its earlier partners that holds at
// least this share of what the best of them holds: copies of a copy hold
// nearly all of one another, and the text is still the first one's. A copy
// that took the copy's own edits holds less of the first (below 90% of it
// when a tenth of the text changed) and keeps the copy as its source.
constexpr double kSameSourceShare = 0.9;

bool Before(const AuditArticle& x, const AuditArticle& y) {
  return TimeAndIdBefore(x.published, x.id, y.published, y.id);
}

std::string OutletOf(const AuditArticle& article) {
  return article.outlet.empty() ? kUnknownOutlet : article.outlet;
}

// The `top` largest counts, ties by name.
std::vector<std::pair<std::string, int64_t>> Top(const std::map<std::string, int64_t>& counts, size_t top) {
  std::vector<std::pair<std::string, int64_t>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  if (out.size() > top) out.resize(top);
  return out;
}

std::string Percent(double share) { return fmt::format("{:.1f}%", 100 * share); }

}  // namespace

std::vector<std::string> DefaultWireOutlets() {
  return {// News agencies, as outlets name them.
          "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "dpa", "Deutsche Presse-Agentur",
          "PTI", "Press Trust of India", "ANI", "Xinhua", "Bloomberg", "UPI", "EFE", "ANSA", "Kyodo", "Yonhap",
          "APP", "Associated Press of Pakistan", "IANS", "Anadolu Agency", "TASS",
          // The wire services of `reprint gen synthetic --news`.
          "Global Wire", "United Press Service", "Continental News Agency", "Pacific Press Agency",
          "Metro Wire Service"};
}

absl::StatusOr<std::vector<std::string>> ReadWireOutlets(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the list of wire services"));
  std::vector<std::string> outlets;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const absl::string_view name = absl::StripAsciiWhitespace(line);
    if (name.empty() || name.front() == '#') continue;
    outlets.emplace_back(name.data(), name.size());
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read failed"));
  return outlets;
}

AuditReport BuildAudit(absl::Span<const AuditArticle> articles, absl::Span<const AuditPair> pairs,
                       const AuditOptions& options) {
  AuditReport report;
  report.articles = static_cast<int64_t>(articles.size());
  report.pairs = static_cast<int64_t>(pairs.size());
  const std::set<std::string> wires(options.wire_outlets.begin(), options.wire_outlets.end());

  // Each article's largest borrowed share, from which article, and whether
  // it borrowed from a wire.
  struct Borrowing {
    double share = -1;  // < 0: borrowed nothing
    uint32_t source = 0;
    bool from_wire = false;
  };
  std::vector<Borrowing> borrowed(articles.size());
  // Per borrower, its earlier partners and the share of it each holds.
  std::vector<std::vector<std::pair<uint32_t, double>>> earlier(articles.size());
  for (const AuditPair& pair : pairs) {
    const AuditArticle& a = articles[pair.a];
    const AuditArticle& b = articles[pair.b];
    if (!a.published || !b.published || *a.published == *b.published) {
      ++report.pairs_without_direction;
      continue;
    }
    const bool a_first = *a.published < *b.published;
    const uint32_t source = a_first ? pair.a : pair.b;
    const uint32_t borrower = a_first ? pair.b : pair.a;
    earlier[borrower].emplace_back(source, a_first ? pair.containment_b_in_a : pair.containment_a_in_b);
    borrowed[borrower].from_wire = borrowed[borrower].from_wire || wires.contains(articles[source].outlet);
  }
  std::map<std::string, std::map<std::string, int64_t>> takes_from, taken_by;
  for (uint32_t i = 0; i < articles.size(); ++i) {
    if (earlier[i].empty()) continue;
    double best = 0;
    for (const auto& [source, share] : earlier[i]) best = std::max(best, share);
    // The text's first publisher: siblings copying one wire story hold
    // each other's text as much as the wire's, and it is the wire's.
    Borrowing& b = borrowed[i];
    for (const auto& [source, share] : earlier[i]) {
      if (share < kSameSourceShare * best) continue;
      if (b.share < 0 || Before(articles[source], articles[b.source])) {
        b.share = share;
        b.source = source;
      }
    }
    const std::string source_outlet = OutletOf(articles[b.source]);
    const std::string borrower_outlet = OutletOf(articles[i]);
    ++takes_from[borrower_outlet][source_outlet];
    ++taken_by[source_outlet][borrower_outlet];
  }

  std::map<std::string, OutletAudit> outlets;
  for (size_t i = 0; i < articles.size(); ++i) {
    const std::string name = OutletOf(articles[i]);
    OutletAudit& outlet = outlets[name];
    outlet.outlet = name;
    outlet.is_wire = wires.contains(articles[i].outlet);
    ++outlet.articles;
    outlet.chars += articles[i].chars;
    if (borrowed[i].share >= 0) {
      ++outlet.articles_reusing;
      outlet.borrowed_chars += borrowed[i].share * static_cast<double>(articles[i].chars);
      outlet.articles_reusing_wire += borrowed[i].from_wire;
    }
  }
  for (auto& [name, outlet] : outlets) {
    outlet.takes_from = Top(takes_from[name], options.top);
    outlet.taken_by = Top(taken_by[name], options.top);
    report.outlets.push_back(std::move(outlet));
  }
  std::stable_sort(report.outlets.begin(), report.outlets.end(),
                   [](const OutletAudit& x, const OutletAudit& y) { return x.articles > y.articles; });

  // Clusters, largest first (ties: older id first).
  std::map<int64_t, ClusterAudit> clusters;
  std::map<int64_t, std::set<std::string>> cluster_outlets;
  for (uint32_t i = 0; i < articles.size(); ++i) {
    const AuditArticle& article = articles[i];
    if (article.cluster == 0) continue;
    ClusterAudit& c = clusters[article.cluster];
    if (c.size == 0 || Before(article, articles[c.origin])) c.origin = i;
    c.id = article.cluster;
    ++c.size;
    cluster_outlets[article.cluster].insert(OutletOf(article));
    if (article.published) {
      c.first_seen = c.first_seen ? std::min(*c.first_seen, *article.published) : *article.published;
      c.last_seen = c.last_seen ? std::max(*c.last_seen, *article.published) : *article.published;
    }
  }
  for (uint32_t i = 0; i < articles.size(); ++i) {
    const AuditArticle& article = articles[i];
    if (article.cluster == 0) continue;
    ClusterAudit& c = clusters[article.cluster];
    if (i != c.origin && (!article.published || article.published == articles[c.origin].published)) {
      c.origin_known = false;
    }
  }
  for (auto& [id, cluster] : clusters) {
    cluster.outlets = static_cast<int64_t>(cluster_outlets[id].size());
    report.largest_clusters.push_back(cluster);
  }
  std::stable_sort(report.largest_clusters.begin(), report.largest_clusters.end(),
                   [](const ClusterAudit& x, const ClusterAudit& y) { return x.size > y.size; });
  if (report.largest_clusters.size() > options.top) report.largest_clusters.resize(options.top);

  for (uint32_t i = 0; i < articles.size(); ++i) {
    if (borrowed[i].share < 0) continue;
    report.most_borrowed.push_back(
        {i, borrowed[i].source, borrowed[i].share, borrowed[i].share * static_cast<double>(articles[i].chars)});
  }
  std::stable_sort(report.most_borrowed.begin(), report.most_borrowed.end(),
                   [](const ArticleAudit& x, const ArticleAudit& y) { return x.borrowed_chars > y.borrowed_chars; });
  if (report.most_borrowed.size() > options.top) report.most_borrowed.resize(options.top);
  return report;
}

void WriteAuditText(const AuditReport& report, absl::Span<const AuditArticle> articles, std::ostream& out) {
  out << fmt::format("Audit of {} articles and {} pairs (a pair's later article borrowed from the earlier)\n",
                     report.articles, report.pairs);
  if (report.pairs_without_direction > 0) {
    out << fmt::format("{} pairs left out: an article undated, or both published the same second, so "
                       "neither is known to have come first\n",
                       report.pairs_without_direction);
  }
  out << "\n";
  out << fmt::format("{:<28} {:>8} {:>9} {:>9} {:>6}  {}\n", "outlet", "articles", "reusing", "text", "wire",
                     "takes most from | taken most by");
  auto partners = [](const std::vector<std::pair<std::string, int64_t>>& list) {
    std::string text;
    for (size_t i = 0; i < list.size() && i < 3; ++i) {
      text += fmt::format("{}{} ({})", i > 0 ? ", " : "", list[i].first, list[i].second);
    }
    return text.empty() ? std::string("-") : text;
  };
  for (const OutletAudit& o : report.outlets) {
    out << fmt::format("{:<28} {:>8} {:>9} {:>9} {:>6}  {} | {}\n",
                       o.outlet.substr(0, 28) + (o.is_wire ? "*" : ""), o.articles,
                       Percent(o.reusing_share()), Percent(o.reused_text_share()), Percent(o.wire_share()),
                       partners(o.takes_from), partners(o.taken_by));
  }
  out << "(reusing: share of its articles that borrowed text; text: share of its text borrowed; "
         "wire: share of its articles that borrowed from a wire service, marked *)\n";
  out << "\nLargest clusters\n";
  for (const ClusterAudit& c : report.largest_clusters) {
    out << fmt::format("  cluster {:<8} {:>5} articles from {:>3} outlets, origin {}{} ({}), {} to {}\n", c.id,
                       c.size, c.outlets, c.origin_known ? "" : "unknown, earliest dated ",
                       articles[c.origin].id.value, OutletOf(articles[c.origin]),
                       c.first_seen ? FormatDate(*c.first_seen) : "undated",
                       c.last_seen ? FormatDate(*c.last_seen) : "undated");
  }
  out << "\nMost borrowed text\n";
  for (const ArticleAudit& a : report.most_borrowed) {
    out << fmt::format("  {} ({}): {} of it ({:.0f} characters) from {} ({})\n", articles[a.article].id.value,
                       OutletOf(articles[a.article]), Percent(a.borrowed_share), a.borrowed_chars,
                       articles[a.source].id.value, OutletOf(articles[a.source]));
  }
}

void WriteAuditJsonl(const AuditReport& report, absl::Span<const AuditArticle> articles, std::ostream& out) {
  out << fmt::format("{{\"type\":\"audit\",\"articles\":{},\"pairs\":{},\"pairs_without_direction\":{},"
                     "\"outlets\":{}}}\n",
                     report.articles, report.pairs, report.pairs_without_direction, report.outlets.size());
  auto partners = [](const std::vector<std::pair<std::string, int64_t>>& list, std::string* line) {
    line->push_back('[');
    for (size_t i = 0; i < list.size(); ++i) {
      if (i > 0) line->push_back(',');
      line->append("{\"outlet\":");
      AppendJsonString(list[i].first, line);
      line->append(fmt::format(",\"articles\":{}}}", list[i].second));
    }
    line->push_back(']');
  };
  for (const OutletAudit& o : report.outlets) {
    std::string line = "{\"type\":\"outlet\",\"outlet\":";
    AppendJsonString(o.outlet, &line);
    line.append(fmt::format(",\"wire\":{},\"articles\":{},\"articles_reusing\":{},\"reusing_share\":{:.4f},"
                            "\"reused_text_share\":{:.4f},\"wire_share\":{:.4f},\"takes_from\":",
                            o.is_wire, o.articles, o.articles_reusing, o.reusing_share(), o.reused_text_share(),
                            o.wire_share()));
    partners(o.takes_from, &line);
    line.append(",\"taken_by\":");
    partners(o.taken_by, &line);
    line.append("}\n");
    out << line;
  }
  for (const ClusterAudit& c : report.largest_clusters) {
    std::string line = fmt::format("{{\"type\":\"audit_cluster\",\"id\":{},\"size\":{},\"outlets\":{},\"origin\":",
                                   c.id, c.size, c.outlets);
    AppendJsonId(articles[c.origin].id, &line);
    if (!c.origin_known) line.append(",\"origin_known\":false");
    if (c.first_seen) {
      line.append(fmt::format(",\"first_seen\":\"{}\",\"last_seen\":\"{}\"", FormatTimestamp(*c.first_seen),
                              FormatTimestamp(*c.last_seen)));
    }
    line.append("}\n");
    out << line;
  }
  for (const ArticleAudit& a : report.most_borrowed) {
    std::string line = "{\"type\":\"borrower\",\"article\":";
    AppendJsonId(articles[a.article].id, &line);
    line.append(",\"source\":");
    AppendJsonId(articles[a.source].id, &line);
    line.append(fmt::format(",\"borrowed_share\":{:.4f},\"borrowed_chars\":{:.0f}}}\n", a.borrowed_share,
                            a.borrowed_chars));
    out << line;
  }
}

}  // namespace reprint
