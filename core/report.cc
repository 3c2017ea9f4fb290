#include "reprint/report.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

#include "core/line_sink.h"
#include "core/parallel.h"
#include "fmt/format.h"
#include "reprint/cluster.h"

namespace reprint {
namespace {

// Ids and metadata are untrusted: control characters would break the
// layout (or drive the terminal), so they print as spaces.
std::string Printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  return out;
}

std::string DisplayId(const DocId& id) { return Printable(id.value); }

std::string Shorten(std::string_view text, size_t max_chars) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80) {
      if (chars == max_chars) {
        out += "…";
        return out;
      }
      ++chars;
    }
    out.push_back(byte < 0x20 || byte == 0x7F ? ' ' : text[i]);
  }
  return out;
}

// One side of a passage on one line, whitespace folded, with the words the
// edits changed marked: [-deleted-] on a's side, {+inserted+} on b's, or
// red and green when `color` is set. Every mark is shown: what lies more
// than `context` bytes from the passage's ends and from every mark is
// elided as " … ", so a long passage stays short without hiding an edit.
std::string MarkedExcerpt(std::string_view text, const TextSpan& span,
                          std::vector<std::pair<uint32_t, uint32_t>> marks, bool a_side,
                          bool color, uint32_t context) {
  std::sort(marks.begin(), marks.end());
  // The stretches shown, merged where the gap between them is too short to
  // be worth an ellipsis.
  std::vector<std::pair<uint32_t, uint32_t>> shown;
  auto is_space = [&](uint32_t i) { return text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'; };
  auto show = [&](uint64_t from, uint64_t to) {
    auto begin = static_cast<uint32_t>(std::max<uint64_t>(from, span.byte_begin));
    auto end = static_cast<uint32_t>(std::min<uint64_t>(to, span.byte_end));
    // Whole words at the edges, looking a few bytes further for a space.
    for (int step = 0; step < 24 && begin > span.byte_begin && !is_space(begin - 1); ++step) --begin;
    for (int step = 0; step < 24 && end < span.byte_end && !is_space(end); ++step) ++end;
    shown.emplace_back(begin, end);
  };
  show(span.byte_begin, uint64_t{span.byte_begin} + context);
  for (const auto& [begin, end] : marks) show(begin > context ? begin - context : 0, uint64_t{end} + context);
  show(span.byte_end > context ? span.byte_end - context : 0, span.byte_end);
  std::sort(shown.begin(), shown.end());
  std::vector<std::pair<uint32_t, uint32_t>> merged;
  for (const auto& stretch : shown) {
    if (!merged.empty() && stretch.first <= merged.back().second + 16) {
      merged.back().second = std::max(merged.back().second, stretch.second);
    } else {
      merged.push_back(stretch);
    }
  }
  const std::string open = color ? (a_side ? "\033[31m" : "\033[32m") : (a_side ? "[-" : "{+");
  const std::string close = color ? "\033[0m" : (a_side ? "-]" : "+}");
  std::string out;
  size_t next_mark = 0, stretch = 0;
  bool in_mark = false, pending_space = false;
  bool previous_elided = false, ellipsis = false;  // the byte before; an ellipsis just written
  for (uint32_t i = span.byte_begin; i < span.byte_end; ++i) {
    if (in_mark && i == marks[next_mark].second) {
      out += close;
      in_mark = false;
      ++next_mark;
    }
    while (!in_mark && next_mark < marks.size() && marks[next_mark].second <= i) ++next_mark;
    while (stretch < merged.size() && merged[stretch].second <= i) ++stretch;
    const auto byte = static_cast<unsigned char>(text[i]);
    // A character is shown or elided whole: its continuation bytes follow its first.
    const bool elided = (byte & 0xC0) == 0x80 ? previous_elided
                                              : stretch == merged.size() || i < merged[stretch].first;
    previous_elided = elided;
    if (elided) {
      if (!ellipsis) out += " \xE2\x80\xA6";
      ellipsis = pending_space = true;
      continue;
    }
    ellipsis = false;
    const char c = text[i];
    if (is_space(i)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    if (!in_mark && next_mark < marks.size() && i == marks[next_mark].first) {
      out += open;
      in_mark = true;
    }
    out.push_back(byte < 0x20 || byte == 0x7F ? ' ' : c);
  }
  if (in_mark) out += close;
  return out;
}

// The passages of one pair, each as its two texts one above the other with
// the words that differ marked.
template <typename Emit>
void WritePairPassages(const Document& a, const Document& b, const DocumentPair& pair, bool color,
                       Emit emit) {
  emit("");
  emit(fmt::format("Passages {} <> {}: {} shared; {:.0f}% of {} is in {}, {:.0f}% of {} is in {}",
                   DisplayId(a.id), DisplayId(b.id), pair.passages.size(),
                   pair.containment_a_in_b * 100, DisplayId(a.id), DisplayId(b.id),
                   pair.containment_b_in_a * 100, DisplayId(b.id), DisplayId(a.id)));
  for (const Passage& passage : pair.passages) {
    emit(fmt::format("  {} {:.2f}{}, {} words at chars {}-{} <> {} words at chars {}-{}{}",
                     PassageKindName(passage.kind), passage.similarity,
                     passage.quoted ? ", quoted" : "", passage.words_a, passage.a.char_begin,
                     passage.a.char_end, passage.words_b, passage.b.char_begin, passage.b.char_end,
                     passage.edits.empty() ? "" : fmt::format(", {} edits", passage.edits.size())));
    std::vector<std::pair<uint32_t, uint32_t>> marks_a, marks_b;
    for (const Edit& edit : passage.edits) {
      if (edit.a_byte_end > edit.a_byte_begin) marks_a.emplace_back(edit.a_byte_begin, edit.a_byte_end);
      if (edit.b_byte_end > edit.b_byte_begin) marks_b.emplace_back(edit.b_byte_begin, edit.b_byte_end);
    }
    constexpr uint32_t kContextBytes = 80;
    emit("    a: " + MarkedExcerpt(a.text, passage.a, std::move(marks_a), true, color, kContextBytes));
    emit("    b: " + MarkedExcerpt(b.text, passage.b, std::move(marks_b), false, color, kContextBytes));
  }
}

}  // namespace

size_t CountUndated(absl::Span<const Document> docs) {
  return static_cast<size_t>(
      std::count_if(docs.begin(), docs.end(), [](const Document& doc) { return !doc.published; }));
}

SimilarityGraph NearDuplicateGraph(const ScanResult& result) {
  SimilarityGraph graph;
  for (const DocumentPair& pair : result.pairs) {
    if (!pair.near_duplicate) continue;
    graph[pair.a].emplace_back(pair.b, pair.jaccard);
    graph[pair.b].emplace_back(pair.a, pair.jaccard);
  }
  return graph;
}

void WriteTextReport(const ScanReport& report, std::ostream& out) {
  const ScanResult& result = *report.result;
  const ScanOptions& options = *report.options;
  const auto& docs = report.documents;
  LineSink sink(out);
  std::string& text = sink.buffer();
  auto emit = [&](const std::string& s) {
    text.append(s);
    sink.EndLine();
  };

  emit(fmt::format("reprint {}{}: {} articles, threshold {:.2f} ({}-word shingles, {} permutations, "
                   "seed {}, LSH {} bands x {} rows)",
                   report.command, report.archive.empty() ? "" : " " + Printable(report.archive),
                   docs.size(), options.threshold, options.shingle.size, options.minhash.num_perm,
                   options.minhash.seed, result.stats.lsh.num_bands,
                   result.stats.lsh.rows_per_band));

  const auto pair_similarity = NearDuplicateGraph(result);
  size_t clustered = 0;
  for (const Cluster& cluster : result.clusters) {
    clustered += cluster.members.size();
    const Document& origin = docs[cluster.origin];
    emit("");
    const std::string origin_name =
        DisplayId(origin.id) + (origin.source.empty() ? "" : fmt::format(" ({})", Printable(origin.source)));
    size_t undated = 0;
    for (const uint32_t member : cluster.members) undated += !docs[member].published;
    emit(cluster.origin_known
             ? fmt::format("Cluster {}: {} articles, origin {}", cluster.id, cluster.members.size(), origin_name)
             : fmt::format("Cluster {}: {} articles, origin unknown ({}); earliest dated {}", cluster.id,
                           cluster.members.size(),
                           undated > 0 ? fmt::format("{} undated", undated) : "first two published together",
                           origin_name));
    const std::vector<PropagationLink> tree = PropagationTree(cluster, docs, pair_similarity);
    for (size_t i = 0; i < cluster.members.size(); ++i) {
      const Document& doc = docs[cluster.members[i]];
      // The most similar member published before this one: its likely source.
      std::string similarity = cluster.origin_known ? "origin" : "earliest dated";
      if (tree[i].parent) {
        similarity = fmt::format("{:.2f} ~ {}{}", tree[i].similarity, DisplayId(docs[*tree[i].parent].id),
                                 tree[i].direction_known ? "" : " (which came first is unknown)");
      } else if (i > 0) {
        similarity = "(linked via later members)";
      }
      const std::string date = doc.published ? FormatDate(*doc.published) : "undated";
      emit(fmt::format("  {:<10}  {:<22}  {:<28}  {}", date,
                       Shorten(doc.source.empty() ? "-" : doc.source, 22),
                       Shorten(DisplayId(doc.id), 28), similarity));
      if (!doc.title.empty()) emit(fmt::format("  {:<10}  \"{}\"", "", Shorten(doc.title, 72)));
    }
  }
  size_t near_duplicates = 0, with_passages = 0;
  for (const DocumentPair& pair : result.pairs) {
    near_duplicates += pair.near_duplicate;
    with_passages += !pair.passages.empty();
  }
  WriteLinesInParallel(result.pairs.size(), ResolveThreadCount(options.threads), sink,
                  [&](size_t i, std::string* lines) {
                    const DocumentPair& pair = result.pairs[i];
                    auto append = [&](const std::string& s) {
                      lines->append(s);
                      lines->push_back('\n');
                    };
                    if (pair.passages.empty()) {
                      // Every pair is listed, not only the clusters' tree edges.
                      if (i == 0 || !result.pairs[i - 1].passages.empty()) append("");
                      append(fmt::format("Pair {} <> {}: Jaccard {:.2f}; {:.0f}% of {} is in {}, {:.0f}% of {} is in {}",
                                         DisplayId(docs[pair.a].id), DisplayId(docs[pair.b].id), pair.jaccard,
                                         pair.containment_a_in_b * 100, DisplayId(docs[pair.a].id),
                                         DisplayId(docs[pair.b].id), pair.containment_b_in_a * 100,
                                         DisplayId(docs[pair.b].id), DisplayId(docs[pair.a].id)));
                      return;
                    }
                    WritePairPassages(docs[pair.a], docs[pair.b], pair, report.color, append);
                  });
  emit("");
  // Candidate counts belong to a scan; archive views show stored pairs.
  const bool scanned = report.archive.empty();
  emit(fmt::format("{} articles {}, {} skipped, {} warnings; {} without words; {} undated", docs.size(),
                   scanned ? "read" : "shown", report.records_skipped, report.warnings,
                   result.stats.documents_without_words, CountUndated(docs)));
  if (!result.identical.empty()) {
    size_t copies = 0;
    for (const IdenticalGroup& group : result.identical) copies += group.copies.size();
    emit(fmt::format("{} articles are identical copies of {} others; each is paired with its first only",
                     copies, result.identical.size()));
  }
  emit(fmt::format("{} pairs at Jaccard >= {:.2f}{}; {} clusters holding {} articles", near_duplicates,
                   options.threshold,
                   scanned ? fmt::format(" (of {} LSH candidates)", result.stats.candidates) : "",
                   result.clusters.size(), clustered));
  if (options.passages.enabled) {
    emit(fmt::format("{} pairs share passages of {}+ words{}", with_passages, options.passages.align.min_words,
                     scanned ? fmt::format(" (of {} fingerprint candidates)", result.stats.passage_candidates)
                             : ""));
  }
}

}  // namespace reprint
