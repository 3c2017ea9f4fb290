#include "core/eval.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/parallel.h"
#include "core/shingle.h"
#include "simdjson.h"

namespace reprint {
namespace {

absl::StatusOr<std::string> Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<DocId> IdOf(simdjson::dom::element value, const std::string& where) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      return DocId{std::string(value.get_string().value_unsafe()), false};
    case simdjson::dom::element_type::INT64:
      return DocId{std::to_string(value.get_int64().value_unsafe()), true};
    case simdjson::dom::element_type::UINT64:
      return DocId{std::to_string(value.get_uint64().value_unsafe()), true};
    default:
      return absl::InvalidArgumentError(absl::StrCat(where, ": id must be a string or an integer"));
  }
}

// Calls `record(line_number, object)` for every non-blank line of `path`.
template <typename F>
absl::Status ForEachJsonLine(const std::string& path, F record) {
  absl::StatusOr<std::string> content = Slurp(path);
  if (!content.ok()) return content.status();
  simdjson::dom::parser parser;
  std::istringstream lines(*content);
  std::string line;
  int64_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::object object;
    if (parser.parse(line).get(object) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", number, ": not a JSON object"));
    }
    absl::Status status = record(absl::StrCat(path, ":", number), object);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

struct PairKeyHash {
  size_t operator()(const std::pair<uint32_t, uint32_t>& p) const {
    return absl::HashOf(p.first, p.second);
  }
};

}  // namespace

double PairScore::precision() const {
  const int64_t reported = true_positives + false_positives;
  return reported == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(reported);
}

double PairScore::recall() const {
  const int64_t relevant = true_positives + false_negatives;
  return relevant == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(relevant);
}

double PairScore::f1() const {
  const double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

absl::StatusOr<ScanOutput> ReadScanOutput(const std::string& path) {
  ScanOutput output;
  bool has_run = false;
  absl::Status status = ForEachJsonLine(path, [&](const std::string& where,
                                                  simdjson::dom::object object) -> absl::Status {
    std::string_view type;
    if (object["type"].get_string().get(type) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": record without a \"type\""));
    }
    if (type == "run") {
      simdjson::dom::object options;
      double threshold;
      int64_t shingle;
      if (object["options"].get_object().get(options) != simdjson::SUCCESS ||
          options["threshold"].get_double().get(threshold) != simdjson::SUCCESS ||
          options["shingle"].get_int64().get(shingle) != simdjson::SUCCESS) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": run record lacks options.threshold or options.shingle"));
      }
      output.options.threshold = threshold;
      output.options.shingle.size = static_cast<int>(shingle);
      bool strip = false;
      if (options["normalization"]["strip_diacritics"].get_bool().get(strip) == simdjson::SUCCESS) {
        output.options.normalize.strip_diacritics = strip;
      }
      has_run = true;
    } else if (type == "pair") {
      absl::StatusOr<DocId> a = IdOf(object["a"].value_unsafe(), where);
      if (object["a"].error() || object["b"].error()) {
        return absl::InvalidArgumentError(absl::StrCat(where, ": pair without \"a\" and \"b\""));
      }
      absl::StatusOr<DocId> b = IdOf(object["b"].value_unsafe(), where);
      if (!a.ok()) return a.status();
      if (!b.ok()) return b.status();
      output.pairs.emplace_back(*std::move(a), *std::move(b));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!has_run) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no \"run\" record; is this `reprint scan --format jsonl` output?"));
  }
  return output;
}

absl::StatusOr<std::vector<TruthRecord>> ReadTruth(const std::string& path) {
  std::vector<TruthRecord> truth;
  absl::Status status = ForEachJsonLine(path, [&](const std::string& where,
                                                  simdjson::dom::object object) -> absl::Status {
    TruthRecord record;
    simdjson::dom::element id;
    if (object["id"].get(id) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": truth record without \"id\""));
    }
    absl::StatusOr<DocId> parsed = IdOf(id, where);
    if (!parsed.ok()) return parsed.status();
    record.id = *std::move(parsed);
    if (object["family"].get_int64().get(record.family) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": truth record without \"family\""));
    }
    simdjson::dom::element parent;
    if (object["parent"].get(parent) == simdjson::SUCCESS && !parent.is_null()) {
      absl::StatusOr<DocId> parent_id = IdOf(parent, where);
      if (!parent_id.ok()) return parent_id.status();
      record.parent = *std::move(parent_id);
    }
    truth.push_back(std::move(record));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return truth;
}

absl::StatusOr<PairEvaluation> EvaluatePairs(absl::Span<const Document> documents,
                                             absl::Span<const TruthRecord> truth,
                                             absl::Span<const std::pair<DocId, DocId>> found,
                                             const ScanOptions& options) {
  absl::flat_hash_map<std::pair<std::string, bool>, uint32_t> index_of;
  for (uint32_t i = 0; i < documents.size(); ++i) {
    index_of[{documents[i].id.value, documents[i].id.is_integer}] = i;
  }
  auto lookup = [&](const DocId& id) -> absl::StatusOr<uint32_t> {
    const auto it = index_of.find(std::make_pair(id.value, id.is_integer));
    if (it == index_of.end()) {
      return absl::NotFoundError(absl::StrCat("article ", id.value, " is not in the archive"));
    }
    return it->second;
  };

  // Every pair whose true Jaccard must be known: family pairs and reported pairs.
  absl::flat_hash_map<int64_t, std::vector<uint32_t>> families;
  for (const TruthRecord& record : truth) {
    absl::StatusOr<uint32_t> doc = lookup(record.id);
    if (!doc.ok()) return doc.status();
    families[record.family].push_back(*doc);
  }
  auto ordered = [](uint32_t x, uint32_t y) { return std::make_pair(std::min(x, y), std::max(x, y)); };
  absl::flat_hash_set<std::pair<uint32_t, uint32_t>, PairKeyHash> family_pairs, reported;
  for (auto& [family, members] : families) {
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) family_pairs.insert(ordered(members[i], members[j]));
    }
  }
  for (const auto& [a, b] : found) {
    absl::StatusOr<uint32_t> x = lookup(a);
    if (!x.ok()) return x.status();
    absl::StatusOr<uint32_t> y = lookup(b);
    if (!y.ok()) return y.status();
    reported.insert(ordered(*x, *y));
  }

  std::vector<std::pair<uint32_t, uint32_t>> pairs(family_pairs.begin(), family_pairs.end());
  for (const auto& pair : reported) {
    if (!family_pairs.contains(pair)) pairs.push_back(pair);
  }
  std::sort(pairs.begin(), pairs.end());

  // Shingle sets of the documents involved, computed once each.
  std::vector<uint8_t> needed(documents.size(), 0);
  for (const auto& [a, b] : pairs) needed[a] = needed[b] = 1;
  const std::vector<std::vector<uint64_t>> sets =
      BuildShingleSets(documents, needed, options, ResolveThreadCount(options.threads));

  PairEvaluation evaluation;
  const int first_band = static_cast<int>(options.threshold * 10);
  std::vector<PairScore> bands(10);
  for (const auto& pair : pairs) {
    const double jaccard = Jaccard(sets[pair.first], sets[pair.second]);
    const bool positive = jaccard >= options.threshold;
    const bool was_reported = reported.contains(pair);
    if (!positive) {
      if (was_reported) ++evaluation.overall.false_positives;
      if (family_pairs.contains(pair)) ++evaluation.truth_pairs_below_threshold;
      continue;
    }
    PairScore& band = bands[std::min(9, static_cast<int>(jaccard * 10))];
    if (was_reported) {
      ++evaluation.overall.true_positives;
      ++band.true_positives;
    } else {
      ++evaluation.overall.false_negatives;
      ++band.false_negatives;
    }
  }
  for (int band = std::max(0, first_band); band < 10; ++band) {
    evaluation.by_band.emplace_back(absl::StrCat("0.", band, "-", band == 9 ? "1.0" : absl::StrCat("0.", band + 1)),
                                    bands[band]);
  }
  return evaluation;
}

}  // namespace reprint
