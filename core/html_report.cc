#include "reprint/html_report.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/json.h"
#include "core/report_assets.h"
#include "core/sha256.h"
#include "fmt/format.h"
#include "reprint/cluster.h"

namespace reprint {
namespace {

// JSON inside <script type="application/json">: '<', '>' and '&' only ever
// occur inside strings, where \u escapes mean the same, and without them no
// "</script>" or "<!--" in an article can end the block.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (const char c : json) {
    if (c == '<') {
      out.append("\\u003c");
    } else if (c == '>') {
      out.append("\\u003e");
    } else if (c == '&') {
      out.append("\\u0026");
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void WritePage(const std::string& json, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"
      << Sha256Base64(kReportJs) << "'; style-src 'sha256-" << Sha256Base64(kReportCss)
      << "'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>reprint report</title>\n<style>" << kReportCss << "</style>\n</head>\n<body>\n"
      << "<header><h1 id=\"title\">reprint</h1><p id=\"summary\"></p></header>\n"
      << "<nav><button data-view=\"clusters\">Clusters</button><button data-view=\"pairs\">Pairs</button>"
         "<button data-view=\"audit\">Outlets</button></nav>\n<main>\n"
      << "<section id=\"clusters\"><div class=\"controls\">"
         "<input id=\"cluster-filter\" type=\"search\" placeholder=\"outlet, id or title\" aria-label=\"filter\">"
         "<label>min size <input id=\"cluster-min-size\" type=\"number\" min=\"0\" value=\"0\"></label>"
         "<label>from <input id=\"cluster-from\" type=\"date\"></label>"
         "<label>to <input id=\"cluster-to\" type=\"date\"></label>"
         "<label>min containment % <input id=\"cluster-min-containment\" type=\"number\" min=\"0\" max=\"100\" value=\"0\"></label>"
         "<span id=\"cluster-count\" class=\"muted\"></span></div><div id=\"cluster-table\"></div></section>\n"
      << "<section id=\"pairs\" hidden><div class=\"controls\">"
         "<input id=\"pair-filter\" type=\"search\" placeholder=\"outlet or id\" aria-label=\"filter\">"
         "<label>min containment % <input id=\"pair-min-containment\" type=\"number\" min=\"0\" max=\"100\" value=\"0\"></label>"
         "<span id=\"pair-count\" class=\"muted\"></span></div><div id=\"pair-table\"></div></section>\n"
      << "<section id=\"audit\" hidden><div id=\"audit-table\"></div><div id=\"audit-lists\"></div></section>\n"
      << "<section id=\"pair\" hidden></section>\n</main>\n"
      << "<script type=\"application/json\" id=\"reprint-data\">" << ScriptSafe(json) << "</script>\n"
      << "<script>" << kReportJs << "</script>\n</body>\n</html>\n";
}

// Character (code point) offset of byte offset `byte` of `text`, a byte
// inside `span` (an edit inside its passage): counted from the span's start.
uint32_t CharOffset(std::string_view text, const TextSpan& span, uint32_t byte) {
  return span.char_begin +
         static_cast<uint32_t>(CountCodePoints(text.substr(span.byte_begin, byte - span.byte_begin)));
}

void AppendSpan(uint32_t begin, uint32_t end, std::string* out) { out->append(fmt::format("[{},{}]", begin, end)); }

void AppendDocument(const Document& doc, std::string* out) {
  out->append("{\"id\":");
  AppendJsonString(doc.id.value, out);
  out->append(",\"source\":");
  AppendJsonString(doc.source, out);
  out->append(",\"published\":");
  AppendJsonString(doc.published ? FormatTimestamp(*doc.published) : "", out);
  out->append(doc.published ? fmt::format(",\"t\":{}", *doc.published) : ",\"t\":null");
  out->append(",\"title\":");
  AppendJsonString(doc.title, out);
  out->append(",\"url\":");
  AppendJsonString(doc.url, out);
  out->append(",\"text\":");
  AppendJsonString(doc.text, out);
  out->push_back('}');
}

// Appends ,"documents":[...],"pairs":[...],"clusters":[...] for `docs` and
// `result`: only the articles some pair or cluster names travel in the page.
void AppendReportData(absl::Span<const Document> docs, const ScanResult& result, std::string* out) {
  std::string& json = *out;
  // Only the articles something points at travel in the page.
  std::vector<int64_t> shown(docs.size(), -1);
  std::vector<uint32_t> order;
  auto show = [&](uint32_t d) {
    if (shown[d] < 0) {
      shown[d] = static_cast<int64_t>(order.size());
      order.push_back(d);
    }
    return shown[d];
  };
  for (const Cluster& cluster : result.clusters) {
    for (const uint32_t m : cluster.members) show(m);
  }
  for (const DocumentPair& pair : result.pairs) {
    show(pair.a);
    show(pair.b);
  }

  json.append(",\"documents\":[");
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0) json.push_back(',');
    AppendDocument(docs[order[i]], &json);
  }
  json.append("],\"pairs\":[");
  for (size_t i = 0; i < result.pairs.size(); ++i) {
    const DocumentPair& pair = result.pairs[i];
    if (i > 0) json.push_back(',');
    json.append(fmt::format("{{\"a\":{},\"b\":{},\"jaccard\":{:.4f},\"ca\":{:.4f},\"cb\":{:.4f},\"near\":{},\"passages\":[",
                            shown[pair.a], shown[pair.b], pair.jaccard, pair.containment_a_in_b,
                            pair.containment_b_in_a, pair.near_duplicate));
    const std::string_view a_text = docs[pair.a].text, b_text = docs[pair.b].text;
    for (size_t k = 0; k < pair.passages.size(); ++k) {
      const Passage& p = pair.passages[k];
      if (k > 0) json.push_back(',');
      json.append("{\"a\":");
      AppendSpan(p.a.char_begin, p.a.char_end, &json);
      json.append(",\"b\":");
      AppendSpan(p.b.char_begin, p.b.char_end, &json);
      json.append(fmt::format(",\"kind\":\"{}\",\"quoted\":{},\"sim\":{:.4f},\"edits\":[", PassageKindName(p.kind),
                              p.quoted, p.similarity));
      for (size_t e = 0; e < p.edits.size(); ++e) {
        const Edit& edit = p.edits[e];
        if (e > 0) json.push_back(',');
        json.append(fmt::format("{{\"op\":\"{}\",\"a\":", EditOpName(edit.op)));
        AppendSpan(CharOffset(a_text, p.a, edit.a_byte_begin), CharOffset(a_text, p.a, edit.a_byte_end), &json);
        json.append(",\"b\":");
        AppendSpan(CharOffset(b_text, p.b, edit.b_byte_begin), CharOffset(b_text, p.b, edit.b_byte_end), &json);
        json.push_back('}');
      }
      json.append("]}");
    }
    json.append("]}");
  }
  json.append("],\"clusters\":[");
  const auto similarity = NearDuplicateGraph(result);
  for (size_t c = 0; c < result.clusters.size(); ++c) {
    const Cluster& cluster = result.clusters[c];
    if (c > 0) json.push_back(',');
    json.append(fmt::format("{{\"id\":{},\"origin\":{},{}\"members\":[", cluster.id, shown[cluster.origin],
                            cluster.origin_known ? "" : "\"origin_known\":false,"));
    for (size_t i = 0; i < cluster.members.size(); ++i) {
      json.append(fmt::format("{}{}", i > 0 ? "," : "", shown[cluster.members[i]]));
    }
    json.append("],\"tree\":[");
    bool first = true;
    for (const PropagationLink& link : PropagationTree(cluster, docs, similarity)) {
      if (!link.parent) continue;
      json.append(fmt::format("{}{{\"m\":{},\"from\":{},\"sim\":{:.4f},\"lag\":{}{}}}", first ? "" : ",",
                              shown[link.member], shown[*link.parent], link.similarity,
                              link.lag_seconds ? std::to_string(*link.lag_seconds) : "null",
                              link.direction_known ? "" : ",\"known\":false"));
      first = false;
    }
    json.append("]}");
  }
  json.push_back(']');
}

}  // namespace

void WriteHtmlReport(const ScanReport& report, std::ostream& out) {
  std::string json = "{\"command\":";
  AppendJsonString(report.command, &json);
  json.append(",\"archive\":");
  AppendJsonString(report.archive, &json);
  const ScanOptions& options = *report.options;
  json.append(",\"options\":");
  AppendJsonString(fmt::format("threshold {:.2f}, {}-word shingles, {} permutations, passages {}",
                               options.threshold, options.shingle.size, options.minhash.num_perm,
                               options.passages.enabled ? "on" : "off"),
                   &json);
  AppendReportData(report.documents, *report.result, &json);
  json.append(",\"audit\":null}");
  WritePage(json, out);
}

void WriteAuditHtml(const AuditReport& report, absl::Span<const AuditArticle> articles,
                    const std::string& archive, absl::Span<const Document> documents,
                    const ScanResult& detail, std::ostream& out) {
  std::string json = "{\"command\":\"audit\",\"archive\":";
  AppendJsonString(archive, &json);
  json.append(fmt::format(",\"options\":\"{} articles, {} pairs\"", report.articles, report.pairs));
  AppendReportData(documents, detail, &json);
  json.append(",\"audit\":{\"outlets\":[");
  auto partners = [&](const std::vector<std::pair<std::string, int64_t>>& list) {
    json.push_back('[');
    for (size_t i = 0; i < list.size() && i < 3; ++i) {
      if (i > 0) json.push_back(',');
      AppendJsonString(fmt::format("{} ({})", list[i].first, list[i].second), &json);
    }
    json.push_back(']');
  };
  for (size_t i = 0; i < report.outlets.size(); ++i) {
    const OutletAudit& o = report.outlets[i];
    if (i > 0) json.push_back(',');
    json.append("{\"outlet\":");
    AppendJsonString(o.outlet, &json);
    json.append(fmt::format(",\"is_wire\":{},\"articles\":{},\"reusing\":{:.4f},\"text\":{:.4f},\"wire\":{:.4f},\"takes_from\":",
                            o.is_wire, o.articles, o.reusing_share(), o.reused_text_share(), o.wire_share()));
    partners(o.takes_from);
    json.append(",\"taken_by\":");
    partners(o.taken_by);
    json.push_back('}');
  }
  auto outlet_of = [&](uint32_t i) { return articles[i].outlet.empty() ? std::string("-") : articles[i].outlet; };
  json.append("],\"clusters\":[");
  for (size_t i = 0; i < report.largest_clusters.size(); ++i) {
    const ClusterAudit& c = report.largest_clusters[i];
    if (i > 0) json.push_back(',');
    json.append(fmt::format("{{\"id\":{},\"size\":{},\"outlets\":{},\"origin_known\":{},\"origin\":", c.id, c.size,
                            c.outlets, c.origin_known));
    AppendJsonString(articles[c.origin].id.value, &json);
    json.append(",\"origin_outlet\":");
    AppendJsonString(outlet_of(c.origin), &json);
    json.append(",\"first\":");
    AppendJsonString(c.first_seen ? FormatDate(*c.first_seen) : "", &json);
    json.append(",\"last\":");
    AppendJsonString(c.last_seen ? FormatDate(*c.last_seen) : "", &json);
    json.push_back('}');
  }
  json.append("],\"borrowers\":[");
  for (size_t i = 0; i < report.most_borrowed.size(); ++i) {
    const ArticleAudit& a = report.most_borrowed[i];
    if (i > 0) json.push_back(',');
    json.append("{\"article\":");
    AppendJsonString(articles[a.article].id.value, &json);
    json.append(",\"outlet\":");
    AppendJsonString(outlet_of(a.article), &json);
    json.append(",\"source\":");
    AppendJsonString(articles[a.source].id.value, &json);
    json.append(",\"source_outlet\":");
    AppendJsonString(outlet_of(a.source), &json);
    // The pair of `detail` that joins the two, for a link.
    int64_t pair_index = -1;
    for (size_t k = 0; k < detail.pairs.size() && pair_index < 0; ++k) {
      const DocId& x = documents[detail.pairs[k].a].id;
      const DocId& y = documents[detail.pairs[k].b].id;
      if ((x == articles[a.article].id && y == articles[a.source].id) ||
          (y == articles[a.article].id && x == articles[a.source].id)) {
        pair_index = static_cast<int64_t>(k);
      }
    }
    json.append(fmt::format(",\"share\":{:.4f},\"chars\":{:.0f},\"pair\":{}}}", a.borrowed_share,
                            a.borrowed_chars, pair_index));
  }
  json.append("]}}");
  WritePage(json, out);
}

}  // namespace reprint
