#include "reprint/scan_records.h"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/json.h"
#include "core/json_lines.h"
#include "core/line_sink.h"
#include "core/parallel.h"
#include "core/status_macros.h"
#include "fmt/compile.h"
#include "fmt/format.h"
#include "reprint/cluster.h"
#include "reprint/option_registry.h"

namespace reprint {
namespace {

constexpr const char* kVersion = "0.1.0";

// What reading a file has gathered so far. Each record's reader below sits
// next to its writer.
struct Reading {
  ScanRecords records;
  absl::flat_hash_map<DocId, uint32_t> index_of;
  bool has_run = false;

  // The index of the article `value` names, adding it at its first mention.
  absl::StatusOr<uint32_t> IndexOf(simdjson::dom::element value, const std::string& where) {
    absl::StatusOr<DocId> id = IdOf(value, where);
    if (!id.ok()) return id.status();
    const auto [it, added] = index_of.try_emplace(*id, static_cast<uint32_t>(records.documents.size()));
    if (added) records.documents.emplace_back().id = *std::move(id);
    return it->second;
  }
  // The indices of the articles an array of ids names.
  absl::Status IndicesOf(simdjson::dom::array values, const std::string& where, std::vector<uint32_t>* out) {
    for (simdjson::dom::element value : values) {
      absl::StatusOr<uint32_t> index = IndexOf(value, where);
      if (!index.ok()) return index.status();
      out->push_back(*index);
    }
    return absl::OkStatus();
  }
};

absl::Status Malformed(const std::string& where, absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(where, ": ", problem));
}

// Optional fields: `*out` keeps its value when `object` lacks `key` or
// holds another type there.
void Optional(simdjson::dom::object object, const char* key, double* out) {
  double value;
  if (object[key].get_double().get(value) == simdjson::SUCCESS) *out = value;
}
void Optional(simdjson::dom::object object, const char* key, bool* out) {
  bool value;
  if (object[key].get_bool().get(value) == simdjson::SUCCESS) *out = value;
}
void Optional(simdjson::dom::object object, const char* key, std::string* out) {
  std::string_view value;
  if (object[key].get_string().get(value) == simdjson::SUCCESS) *out = std::string(value);
}
template <typename Int>
void Optional(simdjson::dom::object object, const char* key, Int* out) {
  int64_t value;
  if (object[key].get_int64().get(value) == simdjson::SUCCESS) *out = static_cast<Int>(value);
}

// Calls visit(member) for each member of the array at `key`, if `object`
// has one; each must be an object, else InvalidArgument `problem`.
template <typename Visit>
absl::Status ForEachObjectIn(simdjson::dom::object object, const char* key, const std::string& where,
                             absl::string_view problem, Visit visit) {
  simdjson::dom::array array;
  if (object[key].get_array().get(array) != simdjson::SUCCESS) return absl::OkStatus();
  for (simdjson::dom::element element : array) {
    simdjson::dom::object member;
    if (element.get_object().get(member) != simdjson::SUCCESS) return Malformed(where, problem);
    REPRINT_RETURN_IF_ERROR(visit(member));
  }
  return absl::OkStatus();
}

// ---- run ----

void AppendRunJson(const ScanReport& report, std::string* line) {
  const auto& docs = report.documents;
  ScanOptions recorded = *report.options;
  recorded.lsh = report.result->stats.lsh;
  fmt::format_to(std::back_inserter(*line),
                 "{{\"type\":\"run\",\"format_version\":{},\"reprint_version\":\"{}\",\"command\":",
                 kOutputFormatVersion, kVersion);
  AppendJsonString(report.command, line);
  line->append(",\"options\":");
  AppendRunRecordOptions(recorded, line);
  line->append(",\"inputs\":[");
  for (size_t i = 0; i < report.inputs.size(); ++i) {
    if (i > 0) line->push_back(',');
    AppendJsonString(report.inputs[i], line);
  }
  line->append("]");
  if (!report.archive.empty()) {
    line->append(",\"archive\":");
    AppendJsonString(report.archive, line);
  }
  if (!report.timezone.empty()) {
    line->append(",\"timezone\":");
    AppendJsonString(report.timezone, line);
  }
  // Undated articles give no direction: how many there are bounds what
  // origins and directions the output can say.
  fmt::format_to(std::back_inserter(*line), ",\"articles\":{},\"undated_articles\":{}}}", docs.size(),
                 CountUndated(docs));
}

absl::Status ReadRun(simdjson::dom::object object, const std::string& where, Reading* reading) {
  simdjson::dom::object options;
  if (object["options"].get_object().get(options) != simdjson::SUCCESS) {
    return Malformed(where, "run record lacks options.threshold or options.shingle");
  }
  ScanRecords& records = reading->records;
  if (absl::Status read = ReadRunRecordOptions(simdjson::minify(options), &records.options); !read.ok()) {
    return Malformed(where, read.message());
  }
  RunRecord& run = records.run;
  Optional(object, "format_version", &run.format_version);
  Optional(object, "reprint_version", &run.reprint_version);
  Optional(object, "command", &run.command);
  Optional(object, "archive", &run.archive);
  Optional(object, "timezone", &run.timezone);
  Optional(object, "articles", &run.articles);
  Optional(object, "undated_articles", &run.undated_articles);
  simdjson::dom::array inputs;
  if (object["inputs"].get_array().get(inputs) == simdjson::SUCCESS) {
    for (simdjson::dom::element input : inputs) {
      std::string_view text;
      if (input.get_string().get(text) != simdjson::SUCCESS) return Malformed(where, "inputs must be strings");
      run.inputs.emplace_back(text);
    }
  }
  reading->has_run = true;
  return absl::OkStatus();
}

// ---- pair, with its passages and their edits ----

void AppendSpanJson(const TextSpan& span, std::string* out) {
  fmt::format_to(
      std::back_inserter(*out),
      FMT_COMPILE("{{\"byte_begin\":{},\"byte_end\":{},\"char_begin\":{},\"char_end\":{}}}"),
      span.byte_begin, span.byte_end, span.char_begin, span.char_end);
}

void AppendPassageJson(const Passage& passage, std::string* out) {
  out->append("{\"a\":");
  AppendSpanJson(passage.a, out);
  out->append(",\"b\":");
  AppendSpanJson(passage.b, out);
  fmt::format_to(std::back_inserter(*out),
                 FMT_COMPILE(",\"kind\":\"{}\",\"similarity\":{:.4f},\"quoted\":{},\"words_a\":{},"
                             "\"words_b\":{},\"edits_complete\":{},\"edits\":["),
                 PassageKindName(passage.kind), passage.similarity, passage.quoted, passage.words_a,
                 passage.words_b, passage.edits_complete);
  for (size_t i = 0; i < passage.edits.size(); ++i) {
    const Edit& edit = passage.edits[i];
    if (i > 0) out->push_back(',');
    fmt::format_to(
        std::back_inserter(*out),
        FMT_COMPILE("{{\"op\":\"{}\",\"a_word\":{},\"a_count\":{},\"b_word\":{},\"b_count\":{},"
                    "\"from\":"),
        EditOpName(edit.op), edit.a_word, edit.a_count, edit.b_word, edit.b_count);
    AppendJsonString(edit.from, out);
    out->append(",\"to\":");
    AppendJsonString(edit.to, out);
    out->append(edit.moved ? ",\"moved\":true}" : "}");
  }
  out->append("]}");
}

// "a_to_b" when a was published first, "b_to_a" when b was, "unknown" when
// either is undated or both came out the same second.
const char* DirectionName(const Document& a, const Document& b) {
  if (!a.published || !b.published || *a.published == *b.published) return "unknown";
  return *a.published < *b.published ? "a_to_b" : "b_to_a";
}

void AppendPairJson(const DocumentPair& pair, absl::Span<const Document> docs, std::string* out) {
  out->append("{\"type\":\"pair\",\"a\":");
  AppendJsonId(docs[pair.a].id, out);
  out->append(",\"b\":");
  AppendJsonId(docs[pair.b].id, out);
  fmt::format_to(
      std::back_inserter(*out),
      FMT_COMPILE(",\"jaccard\":{:.4f},\"jaccard_estimate\":{:.4f},\"near_duplicate\":{},"
                  "\"containment_a_in_b\":{:.4f},\"containment_b_in_a\":{:.4f},"
                  "\"shingle_containment_a_in_b\":{:.4f},\"shingle_containment_b_in_a\":{:.4f},"
                  "\"direction\":\"{}\",\"passages\":["),
      pair.jaccard, pair.jaccard_estimate, pair.near_duplicate, pair.containment_a_in_b,
      pair.containment_b_in_a, pair.shingle_containment_a_in_b, pair.shingle_containment_b_in_a,
      DirectionName(docs[pair.a], docs[pair.b]));
  for (size_t i = 0; i < pair.passages.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendPassageJson(pair.passages[i], out);
  }
  out->append("]}");
}

template <typename Enum>
absl::Status ReadName(simdjson::dom::object object, const char* key, std::initializer_list<Enum> values,
                      const char* (*name_of)(Enum), const std::string& where, Enum* out) {
  std::string_view name;
  if (object[key].get_string().get(name) != simdjson::SUCCESS) return absl::OkStatus();
  for (const Enum value : values) {
    if (name == name_of(value)) {
      *out = value;
      return absl::OkStatus();
    }
  }
  return Malformed(where, absl::StrCat("unknown ", key, " \"", std::string(name), "\""));
}

absl::StatusOr<Edit> ReadEdit(simdjson::dom::object object, const std::string& where) {
  Edit edit;
  int64_t a_count = 0, b_count = 0;
  if (object["a_count"].get_int64().get(a_count) || object["b_count"].get_int64().get(b_count)) {
    return Malformed(where, "edit without a_count and b_count");
  }
  edit.a_count = static_cast<uint32_t>(a_count);
  edit.b_count = static_cast<uint32_t>(b_count);
  using Op = Edit::Op;
  REPRINT_RETURN_IF_ERROR(ReadName(object, "op", {Op::kSubstitute, Op::kInsert, Op::kDelete}, EditOpName, where,
                                   &edit.op));
  Optional(object, "a_word", &edit.a_word);
  Optional(object, "b_word", &edit.b_word);
  Optional(object, "from", &edit.from);
  Optional(object, "to", &edit.to);
  Optional(object, "moved", &edit.moved);
  return edit;
}

absl::Status ReadSpan(simdjson::dom::object object, const char* side, const std::string& where, TextSpan* span) {
  simdjson::dom::object json;
  int64_t begin = 0, end = 0;
  if (object[side].get_object().get(json) || json["char_begin"].get_int64().get(begin) ||
      json["char_end"].get_int64().get(end)) {
    return Malformed(where, "passage without char spans");
  }
  span->char_begin = static_cast<uint32_t>(begin);
  span->char_end = static_cast<uint32_t>(end);
  Optional(json, "byte_begin", &span->byte_begin);
  Optional(json, "byte_end", &span->byte_end);
  return absl::OkStatus();
}

absl::StatusOr<Passage> ReadPassage(simdjson::dom::object object, const std::string& where) {
  Passage passage;
  REPRINT_RETURN_IF_ERROR(ReadSpan(object, "a", where, &passage.a));
  REPRINT_RETURN_IF_ERROR(ReadSpan(object, "b", where, &passage.b));
  using Kind = Passage::Kind;
  REPRINT_RETURN_IF_ERROR(ReadName(object, "kind", {Kind::kVerbatim, Kind::kRewritten, Kind::kBoilerplate},
                                   PassageKindName, where, &passage.kind));
  Optional(object, "similarity", &passage.similarity);
  Optional(object, "quoted", &passage.quoted);
  Optional(object, "words_a", &passage.words_a);
  Optional(object, "words_b", &passage.words_b);
  Optional(object, "edits_complete", &passage.edits_complete);
  REPRINT_RETURN_IF_ERROR(
      ForEachObjectIn(object, "edits", where, "edit without a_count and b_count", [&](simdjson::dom::object json) {
        absl::StatusOr<Edit> read = ReadEdit(json, where);
        if (!read.ok()) return read.status();
        passage.edits.push_back(*std::move(read));
        return absl::OkStatus();
      }));
  return passage;
}

absl::Status ReadPair(simdjson::dom::object object, const std::string& where, Reading* reading) {
  if (object["a"].error() || object["b"].error()) return Malformed(where, "pair without \"a\" and \"b\"");
  DocumentPair pair;
  absl::StatusOr<uint32_t> a = reading->IndexOf(object["a"].value_unsafe(), where);
  if (!a.ok()) return a.status();
  absl::StatusOr<uint32_t> b = reading->IndexOf(object["b"].value_unsafe(), where);
  if (!b.ok()) return b.status();
  pair.a = *a;
  pair.b = *b;
  pair.near_duplicate = true;  // written before passages existed: every pair was one
  Optional(object, "near_duplicate", &pair.near_duplicate);
  Optional(object, "jaccard", &pair.jaccard);
  Optional(object, "jaccard_estimate", &pair.jaccard_estimate);
  Optional(object, "containment_a_in_b", &pair.containment_a_in_b);
  Optional(object, "containment_b_in_a", &pair.containment_b_in_a);
  // Format 1 had no shingle containment; its containment was of shingles.
  pair.shingle_containment_a_in_b = pair.containment_a_in_b;
  pair.shingle_containment_b_in_a = pair.containment_b_in_a;
  Optional(object, "shingle_containment_a_in_b", &pair.shingle_containment_a_in_b);
  Optional(object, "shingle_containment_b_in_a", &pair.shingle_containment_b_in_a);
  REPRINT_RETURN_IF_ERROR(
      ForEachObjectIn(object, "passages", where, "passage without char spans", [&](simdjson::dom::object json) {
        absl::StatusOr<Passage> read = ReadPassage(json, where);
        if (!read.ok()) return read.status();
        // The rule the scan applies: boilerplate and shared quotations are
        // no evidence of copying.
        if (read->kind != Passage::Kind::kBoilerplate && !read->quoted) pair.shares_reused_text = true;
        pair.passages.push_back(*std::move(read));
        return absl::OkStatus();
      }));
  reading->records.result.pairs.push_back(std::move(pair));
  return absl::OkStatus();
}

// ---- identical ----

void AppendIdenticalJson(const IdenticalGroup& group, absl::Span<const Document> docs, std::string* line) {
  line->append("{\"type\":\"identical\",\"first\":");
  AppendJsonId(docs[group.first].id, line);
  line->append(",\"copies\":[");
  for (size_t i = 0; i < group.copies.size(); ++i) {
    if (i > 0) line->push_back(',');
    AppendJsonId(docs[group.copies[i]].id, line);
  }
  line->append("]}");
}

// The article at `one` and the articles at `many` of a `record` that must
// name both, as identical and cluster records do.
absl::Status ReadOneAndMany(simdjson::dom::object object, const char* record, const char* one, const char* many,
                            const std::string& where, Reading* reading, uint32_t* one_index,
                            std::vector<uint32_t>* many_indices) {
  simdjson::dom::array array;
  if (object[one].error() || object[many].get_array().get(array) != simdjson::SUCCESS) {
    return Malformed(where, absl::StrCat(record, " without \"", one, "\" and \"", many, "\""));
  }
  absl::StatusOr<uint32_t> index = reading->IndexOf(object[one].value_unsafe(), where);
  if (!index.ok()) return index.status();
  *one_index = *index;
  return reading->IndicesOf(array, where, many_indices);
}

absl::Status ReadIdentical(simdjson::dom::object object, const std::string& where, Reading* reading) {
  IdenticalGroup group;
  REPRINT_RETURN_IF_ERROR(
      ReadOneAndMany(object, "identical record", "first", "copies", where, reading, &group.first, &group.copies));
  reading->records.result.identical.push_back(std::move(group));
  return absl::OkStatus();
}

// ---- cluster ----

// One cluster's JSONL record (without its newline): members, sources, the
// time span of their publication and the propagation tree over `similarity`.
void AppendClusterJson(const Cluster& cluster, absl::Span<const Document> docs,
                       const SimilarityGraph& similarity, std::string* out) {
  fmt::format_to(std::back_inserter(*out),
                 "{{\"type\":\"cluster\",\"id\":{},\"size\":{},\"origin\":", cluster.id,
                 cluster.members.size());
  AppendJsonId(docs[cluster.origin].id, out);
  if (!cluster.origin_known) out->append(",\"origin_known\":false");
  out->append(",\"members\":[");
  for (size_t i = 0; i < cluster.members.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonId(docs[cluster.members[i]].id, out);
  }
  out->append("],\"sources\":[");
  std::vector<std::string_view> sources;
  for (const uint32_t member : cluster.members) {
    if (!docs[member].source.empty()) sources.push_back(docs[member].source);
  }
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  for (size_t i = 0; i < sources.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(sources[i], out);
  }
  out->append("]");
  std::optional<int64_t> first_seen, last_seen;
  for (const uint32_t member : cluster.members) {
    if (const std::optional<int64_t>& t = docs[member].published) {
      first_seen = first_seen ? std::min(*first_seen, *t) : *t;
      last_seen = last_seen ? std::max(*last_seen, *t) : *t;
    }
  }
  if (first_seen) {
    fmt::format_to(std::back_inserter(*out), ",\"first_seen\":\"{}\",\"last_seen\":\"{}\"",
                   FormatTimestamp(*first_seen), FormatTimestamp(*last_seen));
  }
  // Who most likely took from whom: one link per member after the origin.
  out->append(",\"tree\":[");
  bool first_link = true;
  for (const PropagationLink& link : PropagationTree(cluster, docs, similarity)) {
    if (!link.parent) continue;
    if (!first_link) out->push_back(',');
    first_link = false;
    out->append("{\"member\":");
    AppendJsonId(docs[link.member].id, out);
    out->append(",\"from\":");
    AppendJsonId(docs[*link.parent].id, out);
    fmt::format_to(std::back_inserter(*out), ",\"similarity\":{:.4f}", link.similarity);
    if (link.lag_seconds) {
      fmt::format_to(std::back_inserter(*out), ",\"lag_seconds\":{}", *link.lag_seconds);
    }
    out->append(link.direction_known ? "}" : ",\"direction_known\":false}");
  }
  out->append("]}");
}


absl::Status ReadCluster(simdjson::dom::object object, const std::string& where, Reading* reading) {
  Cluster cluster;
  REPRINT_RETURN_IF_ERROR(
      ReadOneAndMany(object, "cluster", "origin", "members", where, reading, &cluster.origin, &cluster.members));
  Optional(object, "id", &cluster.id);
  Optional(object, "origin_known", &cluster.origin_known);
  reading->records.result.clusters.push_back(std::move(cluster));
  return absl::OkStatus();
}

// ---- summary ----

void AppendSummaryJson(const ScanReport& report, std::string* line) {
  const ScanResult& result = *report.result;
  const ScanStats& stats = result.stats;
  size_t near_duplicates = 0, passages = 0;
  for (const DocumentPair& pair : result.pairs) {
    near_duplicates += pair.near_duplicate;
    passages += pair.passages.size();
  }
  fmt::format_to(std::back_inserter(*line),
                 "{{\"type\":\"summary\",\"documents\":{},\"documents_without_words\":{},"
                 "\"identical_copies\":{},\"skipped\":{},\"warnings\":{},\"shingles\":{},"
                 "\"candidates\":{},\"passage_candidates\":{},\"pairs\":{},\"near_duplicate_pairs\":{},"
                 "\"passages\":{},\"clusters\":{}}}",
                 stats.documents, stats.documents_without_words, stats.identical_copies,
                 report.records_skipped, report.warnings, stats.shingles, stats.candidates,
                 stats.passage_candidates, result.pairs.size(), near_duplicates, passages,
                 result.clusters.size());
}

// The counts of pairs, passages and clusters are the records' own; only
// what the other records cannot tell is read.
void ReadSummary(simdjson::dom::object object, Reading* reading) {
  ScanStats& stats = reading->records.result.stats;
  Optional(object, "documents", &stats.documents);
  Optional(object, "documents_without_words", &stats.documents_without_words);
  Optional(object, "identical_copies", &stats.identical_copies);
  Optional(object, "shingles", &stats.shingles);
  Optional(object, "candidates", &stats.candidates);
  Optional(object, "passage_candidates", &stats.passage_candidates);
  Optional(object, "skipped", &reading->records.run.records_skipped);
  Optional(object, "warnings", &reading->records.run.warnings);
}

absl::Status ReadRecord(simdjson::dom::object object, const std::string& where, Reading* reading) {
  std::string_view type;
  if (object["type"].get_string().get(type) != simdjson::SUCCESS) {
    return Malformed(where, "record without a \"type\"");
  }
  if (type == "run") return ReadRun(object, where, reading);
  if (type == "pair") return ReadPair(object, where, reading);
  if (type == "identical") return ReadIdentical(object, where, reading);
  if (type == "cluster") return ReadCluster(object, where, reading);
  if (type == "summary") ReadSummary(object, reading);
  return absl::OkStatus();
}

}  // namespace

void WriteJsonlReport(const ScanReport& report, std::ostream& out) {
  const ScanResult& result = *report.result;
  const auto& docs = report.documents;
  const int threads = ResolveThreadCount(report.options->threads);
  LineSink sink(out);
  AppendRunJson(report, &sink.buffer());
  sink.EndLine();
  // Pair lines: most of the output, with passages.
  WriteLinesInParallel(result.pairs.size(), threads, sink, [&](size_t i, std::string* lines) {
    AppendPairJson(result.pairs[i], docs, lines);
    lines->push_back('\n');
  });
  // A pair with a group's first stands for the same pair with each copy.
  for (const IdenticalGroup& group : result.identical) {
    AppendIdenticalJson(group, docs, &sink.buffer());
    sink.EndLine();
  }
  const SimilarityGraph similarity = NearDuplicateGraph(result);
  WriteLinesInParallel(result.clusters.size(), threads, sink, [&](size_t i, std::string* lines) {
    AppendClusterJson(result.clusters[i], docs, similarity, lines);
    lines->push_back('\n');
  });
  AppendSummaryJson(report, &sink.buffer());
  sink.EndLine();
}

absl::StatusOr<ScanRecords> ReadScanRecords(const std::string& path) {
  Reading reading;
  absl::Status status = ForEachJsonLine(path, [&](const std::string& where, simdjson::dom::object object) {
    return ReadRecord(object, where, &reading);
  });
  if (!status.ok()) return status;
  if (!reading.has_run) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no \"run\" record; is this `reprint scan --format jsonl` output?"));
  }
  if (reading.records.options.lsh) reading.records.result.stats.lsh = *reading.records.options.lsh;
  return std::move(reading.records);
}

}  // namespace reprint
