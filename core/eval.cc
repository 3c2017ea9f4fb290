#include "reprint/eval.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/json_lines.h"
#include "core/parallel.h"
#include "core/shingle.h"
#include "core/stages.h"
#include "reprint/cluster.h"

namespace reprint {
namespace {

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

absl::Status ExpandIdenticalCopies(ScanResult* result, size_t max_pairs) {
  const std::vector<IdenticalGroup>& groups = result->identical;
  absl::flat_hash_map<uint32_t, size_t> group_of_first;
  for (size_t g = 0; g < groups.size(); ++g) group_of_first[groups[g].first] = g;
  if (group_of_first.empty()) return absl::OkStatus();
  absl::flat_hash_map<uint32_t, size_t> group_of_copy;
  for (size_t g = 0; g < groups.size(); ++g) {
    for (const uint32_t copy : groups[g].copies) group_of_copy[copy] = g;
  }
  // The copies a pair's side stands for besides itself: its group's, if it
  // is a first and the pair is not with one of them; else none (nullptr).
  auto copies_stood_for = [&](uint32_t side, uint32_t other) -> const std::vector<uint32_t>* {
    const auto first = group_of_first.find(side);
    if (first == group_of_first.end()) return nullptr;
    const auto copy = group_of_copy.find(other);
    if (copy != group_of_copy.end() && copy->second == first->second) return nullptr;
    return &groups[first->second].copies;
  };
  // Count first: 100,000 copies stand for five billion pairs.
  auto members = [](const std::vector<uint32_t>* copies) -> size_t { return 1 + (copies ? copies->size() : 0); };
  size_t total = 0;
  for (const DocumentPair& pair : result->pairs) {
    total += members(copies_stood_for(pair.a, pair.b)) * members(copies_stood_for(pair.b, pair.a));
  }
  for (const IdenticalGroup& group : groups) {
    if (!group.copies.empty()) total += group.copies.size() * (group.copies.size() - 1) / 2;
  }
  if (total > max_pairs) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the output's groups of identical articles stand for about ", total, " pairs, more than the ",
        max_pairs, " that can be scored pair by pair"));
  }
  std::vector<DocumentPair> added;
  for (const DocumentPair& pair : result->pairs) {
    const std::vector<uint32_t>* a_copies = copies_stood_for(pair.a, pair.b);
    const std::vector<uint32_t>* b_copies = copies_stood_for(pair.b, pair.a);
    if (a_copies == nullptr && b_copies == nullptr) continue;
    DocumentPair without_passages = pair;
    without_passages.passages.clear();
    // Side k = 0 is the side itself, k >= 1 its copy k - 1.
    for (size_t x = 0; x < members(a_copies); ++x) {
      for (size_t y = 0; y < members(b_copies); ++y) {
        if (x == 0 && y == 0) continue;  // the pair itself
        DocumentPair& p = added.emplace_back(without_passages);
        if (x > 0) p.a = (*a_copies)[x - 1];
        if (y > 0) p.b = (*b_copies)[y - 1];
      }
    }
  }
  // Copies among themselves: identical, so wholly contained both ways.
  for (const IdenticalGroup& group : groups) {
    for (size_t x = 0; x < group.copies.size(); ++x) {
      for (size_t y = x + 1; y < group.copies.size(); ++y) {
        DocumentPair& p = added.emplace_back();
        p.a = group.copies[x];
        p.b = group.copies[y];
        p.jaccard = p.jaccard_estimate = 1;
        p.containment_a_in_b = p.containment_b_in_a = 1;
        p.shingle_containment_a_in_b = p.shingle_containment_b_in_a = 1;
        p.near_duplicate = true;
      }
    }
  }
  result->pairs.insert(result->pairs.end(), std::make_move_iterator(added.begin()),
                       std::make_move_iterator(added.end()));
  result->identical.clear();
  return absl::OkStatus();
}

absl::StatusOr<PairEvaluation> EvaluatePairs(absl::Span<const Document> articles,
                                             absl::Span<const TruthRecord> truth,
                                             absl::Span<const Document> documents, const ScanResult& result,
                                             const ScanOptions& options) {
  absl::flat_hash_map<std::pair<std::string, bool>, uint32_t> index_of;
  for (uint32_t i = 0; i < articles.size(); ++i) {
    index_of[{articles[i].id.value, articles[i].id.is_integer}] = i;
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
  for (const DocumentPair& pair : result.pairs) {
    if (!pair.near_duplicate) continue;
    absl::StatusOr<uint32_t> x = lookup(documents[pair.a].id);
    if (!x.ok()) return x.status();
    absl::StatusOr<uint32_t> y = lookup(documents[pair.b].id);
    if (!y.ok()) return y.status();
    reported.insert(ordered(*x, *y));
  }

  std::vector<std::pair<uint32_t, uint32_t>> pairs(family_pairs.begin(), family_pairs.end());
  for (const auto& pair : reported) {
    if (!family_pairs.contains(pair)) pairs.push_back(pair);
  }
  std::sort(pairs.begin(), pairs.end());

  // Shingle sets of the documents involved, computed once each.
  std::vector<uint8_t> needed(articles.size(), 0);
  for (const auto& [a, b] : pairs) needed[a] = needed[b] = 1;
  const std::vector<std::vector<uint64_t>> sets =
      BuildShingleSets(articles, needed, options, ResolveThreadCount(options.threads));

  // How the truth made each family pair: the copy's operations when one is
  // the other's parent.
  absl::flat_hash_map<uint32_t, const TruthRecord*> record_of;
  for (const TruthRecord& record : truth) record_of[*lookup(record.id)] = &record;
  auto kind_of = [&](uint32_t x, uint32_t y) -> std::string {
    const TruthRecord* rx = record_of[x];
    const TruthRecord* ry = record_of[y];
    const TruthRecord* child = nullptr;
    if (ry->parent && *ry->parent == rx->id) child = ry;
    if (rx->parent && *rx->parent == ry->id) child = rx;
    if (child == nullptr) return "indirect";
    return CopyKind(child->operations);
  };
  std::map<std::string, PairScore> kinds;

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
    evaluation.true_pairs.emplace_back(articles[pair.first].id, articles[pair.second].id);
    PairScore& band = bands[std::min(9, static_cast<int>(jaccard * 10))];
    PairScore* kind = family_pairs.contains(pair) ? &kinds[kind_of(pair.first, pair.second)] : nullptr;
    if (was_reported) {
      ++evaluation.overall.true_positives;
      ++band.true_positives;
      if (kind != nullptr) ++kind->true_positives;
    } else {
      ++evaluation.overall.false_negatives;
      ++band.false_negatives;
      if (kind != nullptr) ++kind->false_negatives;
    }
  }
  for (const char* name : {"edited", "truncated", "reordered", "indirect"}) {
    if (kinds.contains(name)) evaluation.by_kind.emplace_back(name, kinds[name]);
  }
  for (int band = std::max(0, first_band); band < 10; ++band) {
    evaluation.by_band.emplace_back(absl::StrCat("0.", band, "-", band == 9 ? "1.0" : absl::StrCat("0.", band + 1)),
                                    bands[band]);
  }
  return evaluation;
}

namespace {

// The value of attribute `name` in an XML start tag, or "".
std::string Attribute(std::string_view tag, std::string_view name) {
  const std::string key = absl::StrCat(" ", std::string(name), "=\"");
  const size_t at = tag.find(key);
  if (at == std::string_view::npos) return "";
  const size_t begin = at + key.size();
  const size_t end = tag.find('"', begin);
  return std::string(tag.substr(begin, end == std::string_view::npos ? 0 : end - begin));
}

std::string BaseName(const std::string& id) {
  const size_t slash = id.find_last_of('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

uint64_t Overlap(uint32_t a_begin, uint32_t a_end, uint32_t b_begin, uint32_t b_end) {
  const uint32_t begin = std::max(a_begin, b_begin), end = std::min(a_end, b_end);
  return end > begin ? end - begin : 0;
}

bool Detects(const PanPassage& x, const PanPassage& y) {
  return x.suspicious == y.suspicious && x.source == y.source &&
         Overlap(x.suspicious_begin, x.suspicious_end, y.suspicious_begin, y.suspicious_end) > 0 &&
         Overlap(x.source_begin, x.source_end, y.source_begin, y.source_end) > 0;
}

// |x ⊓ (∪ ys)| / |x|: the share of x's characters, on both sides, covered by
// the members of `ys` that detect x.
double CoveredShare(const PanPassage& x, absl::Span<const PanPassage> ys,
                    std::vector<const PanPassage*>* detecting) {
  detecting->clear();
  for (const PanPassage& y : ys) {
    if (Detects(x, y)) detecting->push_back(&y);
  }
  auto covered = [&](bool suspicious_side) {
    const uint32_t begin = suspicious_side ? x.suspicious_begin : x.source_begin;
    const uint32_t end = suspicious_side ? x.suspicious_end : x.source_end;
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    for (const PanPassage* y : *detecting) {
      const uint32_t b = std::max(begin, suspicious_side ? y->suspicious_begin : y->source_begin);
      const uint32_t e = std::min(end, suspicious_side ? y->suspicious_end : y->source_end);
      if (e > b) spans.emplace_back(b, e);
    }
    std::sort(spans.begin(), spans.end());
    uint64_t total = 0;
    uint32_t reach = begin;
    for (const auto& [b, e] : spans) {
      const uint32_t from = std::max(b, reach);
      if (e > from) total += e - from;
      reach = std::max(reach, e);
    }
    return total;
  };
  const uint64_t size = (x.suspicious_end - x.suspicious_begin) + (x.source_end - x.source_begin);
  if (size == 0) return 0;
  return static_cast<double>(covered(true) + covered(false)) / static_cast<double>(size);
}

}  // namespace

absl::StatusOr<PanTruth> ReadPanTruth(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(directory, error); !error && it != fs::directory_iterator();
       it.increment(error)) {
    if (it->path().extension() == ".xml") files.push_back(it->path());
  }
  if (error) return absl::NotFoundError(absl::StrCat(directory, ": ", error.message()));
  std::sort(files.begin(), files.end());
  PanTruth truth;
  for (const fs::path& file : files) {
    absl::StatusOr<std::string> xml = ReadWholeFile(file.string());
    if (!xml.ok()) return xml.status();
    const size_t document = xml->find("<document");
    if (document == std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(file.string(), ": no <document> element"));
    }
    const std::string reference = Attribute(std::string_view(*xml).substr(document, xml->find('>', document) - document), "reference");
    truth.suspicious_documents.push_back(reference);
    for (size_t at = xml->find("<feature"); at != std::string::npos; at = xml->find("<feature", at + 1)) {
      const std::string_view tag = std::string_view(*xml).substr(at, xml->find('>', at) - at);
      if (Attribute(tag, "name") != "plagiarism") continue;
      PanPassage c;
      c.suspicious = reference;
      c.source = Attribute(tag, "source_reference");
      c.type = Attribute(tag, "type");
      c.obfuscation = Attribute(tag, "obfuscation");
      try {
        c.suspicious_begin = static_cast<uint32_t>(std::stoul(Attribute(tag, "this_offset")));
        c.suspicious_end = c.suspicious_begin + static_cast<uint32_t>(std::stoul(Attribute(tag, "this_length")));
        c.source_begin = static_cast<uint32_t>(std::stoul(Attribute(tag, "source_offset")));
        c.source_end = c.source_begin + static_cast<uint32_t>(std::stoul(Attribute(tag, "source_length")));
      } catch (const std::exception&) {
        return absl::InvalidArgumentError(absl::StrCat(file.string(), ": feature with bad offsets"));
      }
      truth.cases.push_back(std::move(c));
    }
  }
  return truth;
}

std::vector<PanPassage> PanDetections(const PanTruth& truth, absl::Span<const Document> documents,
                                      const ScanResult& result) {
  const absl::flat_hash_set<std::string> suspicious(truth.suspicious_documents.begin(),
                                                    truth.suspicious_documents.end());
  std::vector<PanPassage> detections;
  for (const DocumentPair& pair : result.pairs) {
    if (pair.passages.empty()) continue;
    const std::string a = BaseName(documents[pair.a].id.value), b = BaseName(documents[pair.b].id.value);
    const bool a_suspicious = suspicious.contains(a), b_suspicious = suspicious.contains(b);
    if (a_suspicious == b_suspicious) continue;
    for (const Passage& p : pair.passages) {
      if (a_suspicious) {
        detections.push_back({a, b, p.a.char_begin, p.a.char_end, p.b.char_begin, p.b.char_end, "", ""});
      } else {
        detections.push_back({b, a, p.b.char_begin, p.b.char_end, p.a.char_begin, p.a.char_end, "", ""});
      }
    }
  }
  return detections;
}

double DetectedShare(const PanPassage& passage, absl::Span<const PanPassage> detections) {
  std::vector<const PanPassage*> detecting;
  return CoveredShare(passage, detections, &detecting);
}

EmbeddedPassageScore ScoreEmbeddedPassages(absl::Span<const TruthRecord> truth,
                                           absl::Span<const Document> documents, const ScanResult& result) {
  std::vector<PanPassage> cases;
  for (const TruthRecord& record : truth) {
    for (const TruthPassage& p : record.passages) {
      cases.push_back({record.id.value, p.source.value, p.begin, p.end, p.source_begin,
                       p.source_end, "embedded", ""});
    }
  }
  std::vector<PanPassage> detections;
  for (const DocumentPair& pair : result.pairs) {
    const std::string& a = documents[pair.a].id.value;
    const std::string& b = documents[pair.b].id.value;
    for (const Passage& p : pair.passages) {
      detections.push_back({a, b, p.a.char_begin, p.a.char_end, p.b.char_begin, p.b.char_end, "", ""});
      detections.push_back({b, a, p.b.char_begin, p.b.char_end, p.a.char_begin, p.a.char_end, "", ""});
    }
  }
  EmbeddedPassageScore score;
  score.cases = static_cast<int64_t>(cases.size());
  double covered = 0;
  for (const PanPassage& c : cases) {
    const double share = DetectedShare(c, detections);
    if (share > 0) ++score.found, covered += share;
  }
  if (score.found > 0) score.covered_when_found = covered / static_cast<double>(score.found);
  return score;
}

uint32_t LongestEditWords(const ScanResult& result) {
  uint32_t longest = 0;
  for (const DocumentPair& pair : result.pairs) {
    for (const Passage& passage : pair.passages) {
      for (const Edit& edit : passage.edits) {
        if (!edit.moved) longest = std::max({longest, edit.a_count, edit.b_count});
      }
    }
  }
  return longest;
}

PanScore ScorePan(absl::Span<const PanPassage> cases, absl::Span<const PanPassage> detections,
                  bool restrict_precision) {
  PanScore score;
  score.cases = static_cast<int64_t>(cases.size());
  std::vector<const PanPassage*> detecting;
  double recall_sum = 0;
  int64_t detected_cases = 0, detections_of_detected = 0;
  for (const PanPassage& c : cases) {
    recall_sum += CoveredShare(c, detections, &detecting);
    if (!detecting.empty()) {
      ++detected_cases;
      detections_of_detected += static_cast<int64_t>(detecting.size());
    }
  }
  double precision_sum = 0;
  int64_t counted = 0;
  for (const PanPassage& d : detections) {
    const double share = CoveredShare(d, cases, &detecting);
    if (restrict_precision && detecting.empty()) continue;
    precision_sum += share;
    ++counted;
  }
  score.detections = counted;
  score.recall = cases.empty() ? 1 : recall_sum / static_cast<double>(cases.size());
  score.precision = counted == 0 ? 1 : precision_sum / static_cast<double>(counted);
  score.granularity = detected_cases == 0 ? 1
                                          : static_cast<double>(detections_of_detected) /
                                                static_cast<double>(detected_cases);
  const double f1 = score.precision + score.recall == 0
                        ? 0
                        : 2 * score.precision * score.recall / (score.precision + score.recall);
  score.plagdet = f1 / std::log2(1 + score.granularity);
  return score;
}

double ClusterEvaluation::origin_accuracy() const {
  return clusters_with_original == 0 ? 1.0
                                     : static_cast<double>(origins_correct) /
                                           static_cast<double>(clusters_with_original);
}

double AdjustedRandIndex(absl::Span<const int64_t> truth_labels, absl::Span<const int64_t> reported_labels) {
  const size_t n = truth_labels.size();
  if (n < 2) return 1;
  auto pairs = [](double count) { return count * (count - 1) / 2; };
  std::map<std::pair<int64_t, int64_t>, int64_t> both;
  std::map<int64_t, int64_t> in_truth, in_reported;
  for (size_t i = 0; i < n; ++i) {
    ++both[{truth_labels[i], reported_labels[i]}];
    ++in_truth[truth_labels[i]];
    ++in_reported[reported_labels[i]];
  }
  double index = 0, truth_sum = 0, reported_sum = 0;
  for (const auto& [labels, count] : both) index += pairs(static_cast<double>(count));
  for (const auto& [label, count] : in_truth) truth_sum += pairs(static_cast<double>(count));
  for (const auto& [label, count] : in_reported) reported_sum += pairs(static_cast<double>(count));
  const double expected = truth_sum * reported_sum / pairs(static_cast<double>(n));
  const double maximum = (truth_sum + reported_sum) / 2;
  if (maximum == expected) return 1;  // both partitions all singletons, or both one block
  return (index - expected) / (maximum - expected);
}

ClusterEvaluation EvaluateClusters(absl::Span<const TruthRecord> truth,
                                   absl::Span<const std::pair<DocId, DocId>> true_pairs,
                                   absl::Span<const Document> documents, const ScanResult& result) {
  absl::flat_hash_map<std::pair<std::string, bool>, uint32_t> index_of;
  for (uint32_t i = 0; i < truth.size(); ++i) index_of[{truth[i].id.value, truth[i].id.is_integer}] = i;
  auto find = [&](const DocId& id) -> std::optional<uint32_t> {
    const auto it = index_of.find({id.value, id.is_integer});
    if (it == index_of.end()) return std::nullopt;
    return it->second;
  };
  const size_t n = truth.size();
  UnionFind true_sets(n);
  for (const auto& [a, b] : true_pairs) {
    const auto x = find(a), y = find(b);
    if (x && y) true_sets.Union(*x, *y);
  }
  std::vector<int64_t> truth_labels(n), reported_labels(n);
  for (uint32_t i = 0; i < n; ++i) {
    truth_labels[i] = true_sets.Find(i);
    reported_labels[i] = -1 - static_cast<int64_t>(i);  // a singleton of its own
  }
  absl::flat_hash_map<int64_t, DocId> original_of_family;
  for (const TruthRecord& record : truth) {
    if (!record.parent) original_of_family[record.family] = record.id;
  }
  ClusterEvaluation evaluation;
  const std::vector<Cluster>& clusters = result.clusters;
  for (size_t c = 0; c < clusters.size(); ++c) {
    std::map<int64_t, int64_t> families;
    for (const uint32_t member : clusters[c].members) {
      if (const auto i = find(documents[member].id)) {
        reported_labels[*i] = static_cast<int64_t>(c);
        ++families[truth[*i].family];
      }
    }
    if (families.empty()) continue;
    // The family most of the cluster comes from (ties: the smaller number).
    const auto family = std::max_element(families.begin(), families.end(), [](const auto& x, const auto& y) {
      return x.second < y.second;
    });
    const auto original = original_of_family.find(family->first);
    if (original == original_of_family.end()) continue;
    const bool holds_original =
        std::any_of(clusters[c].members.begin(), clusters[c].members.end(),
                    [&](uint32_t member) { return documents[member].id == original->second; });
    if (!holds_original) continue;
    ++evaluation.clusters_with_original;
    evaluation.origins_correct += documents[clusters[c].origin].id == original->second;
  }
  evaluation.adjusted_rand_index = AdjustedRandIndex(truth_labels, reported_labels);
  return evaluation;
}

absl::StatusOr<std::vector<LabeledDocument>> ReadLabels(const std::string& path) {
  absl::StatusOr<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  std::istringstream lines(*content);
  std::string line;
  std::vector<LabeledDocument> labels;
  int64_t number = 0;
  int file_column = -1, category_column = -1, source_column = -1;
  auto split = [](const std::string& text) {
    std::vector<std::string> fields;
    size_t begin = 0;
    while (true) {
      const size_t end = text.find('\t', begin);
      fields.push_back(text.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
      if (end == std::string::npos) break;
      begin = end + 1;
    }
    if (!fields.empty() && !fields.back().empty() && fields.back().back() == '\r') fields.back().pop_back();
    return fields;
  };
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::vector<std::string> fields = split(line);
    if (file_column < 0) {
      for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
        if (fields[i] == "file") file_column = i;
        if (fields[i] == "category") category_column = i;
        if (fields[i] == "source_file") source_column = i;
      }
      if (file_column < 0 || category_column < 0 || source_column < 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, ":", number, ": the header must name the columns file, category and source_file"));
      }
      continue;
    }
    const int needed = std::max({file_column, category_column, source_column});
    if (static_cast<int>(fields.size()) <= needed) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", number, ": ", fields.size(),
                                                     " columns, the header has ", needed + 1, " or more"));
    }
    labels.push_back({fields[file_column], fields[category_column], fields[source_column]});
  }
  if (file_column < 0) return absl::InvalidArgumentError(absl::StrCat(path, ": empty, no header"));
  return labels;
}

LabelEvaluation ScoreLabels(absl::Span<const LabeledDocument> labels, absl::Span<const Document> documents,
                            const ScanResult& result) {
  std::map<std::string, const LabeledDocument*> by_file;
  std::set<std::string> sources;
  for (const LabeledDocument& label : labels) {
    by_file[label.file] = &label;
    sources.insert(label.source);
  }
  // Per document, its containment in its own source when linked, by
  // passages and by shingles.
  std::map<std::string, std::pair<double, double>> linked;
  std::set<std::pair<std::string, std::string>> wrong;
  for (const DocumentPair& pair : result.pairs) {
    if (!pair.near_duplicate && pair.passages.empty()) continue;
    const std::string a = BaseName(documents[pair.a].id.value), b = BaseName(documents[pair.b].id.value);
    for (const auto& [document, other, containment, shingles] :
         {std::tuple(a, b, pair.containment_a_in_b, pair.shingle_containment_a_in_b),
          std::tuple(b, a, pair.containment_b_in_a, pair.shingle_containment_b_in_a)}) {
      const auto it = by_file.find(document);
      if (it == by_file.end() || !sources.contains(other)) continue;
      if (it->second->source == other) {
        auto& [best, best_shingles] = linked[document];
        best = std::max(best, containment);
        best_shingles = std::max(best_shingles, shingles);
      } else {
        wrong.insert({document, other});
      }
    }
  }
  std::map<std::string, CategoryScore> categories;
  for (const LabeledDocument& label : labels) {
    CategoryScore& score = categories[label.category];
    score.category = label.category;
    ++score.documents;
    const auto it = linked.find(label.file);
    if (it == linked.end()) {
      score.unlinked.push_back(label.file);
    } else {
      score.linked.push_back(label.file);
      score.mean_containment += it->second.first;
      score.mean_shingle_containment += it->second.second;
    }
  }
  LabelEvaluation evaluation;
  auto take = [&](const std::string& name) {
    const auto it = categories.find(name);
    if (it == categories.end()) return;
    CategoryScore score = std::move(it->second);
    score.mean_containment /= static_cast<double>(score.documents);
    score.mean_shingle_containment /= static_cast<double>(score.documents);
    std::sort(score.linked.begin(), score.linked.end());
    std::sort(score.unlinked.begin(), score.unlinked.end());
    evaluation.categories.push_back(std::move(score));
    categories.erase(it);
  };
  for (const char* name : {"cut", "light", "heavy", "non"}) take(name);
  while (!categories.empty()) take(categories.begin()->first);
  evaluation.wrong_links.assign(wrong.begin(), wrong.end());
  return evaluation;
}

ContainmentScore ScoreContainment(absl::Span<const TruthRecord> truth, absl::Span<const Document> documents,
                                  const ScanResult& result) {
  absl::flat_hash_map<std::pair<DocId, DocId>, const DocumentPair*> by_ids;
  for (const DocumentPair& pair : result.pairs) by_ids.try_emplace({documents[pair.a].id, documents[pair.b].id}, &pair);
  ContainmentScore score;
  double sum = 0, sum_changed = 0;
  for (const TruthRecord& record : truth) {
    if (!record.parent || !record.containment_in_parent || !record.parent_containment_in_copy) continue;
    double copy_in_parent = 0, parent_in_copy = 0;
    if (const auto it = by_ids.find({record.id, *record.parent}); it != by_ids.end()) {
      copy_in_parent = it->second->containment_a_in_b;
      parent_in_copy = it->second->containment_b_in_a;
    } else if (const auto back = by_ids.find({*record.parent, record.id}); back != by_ids.end()) {
      copy_in_parent = back->second->containment_b_in_a;
      parent_in_copy = back->second->containment_a_in_b;
    } else {
      ++score.missing;
      continue;
    }
    const double error = std::abs(copy_in_parent - *record.containment_in_parent) +
                         std::abs(parent_in_copy - *record.parent_containment_in_copy);
    ++score.pairs;
    sum += error;
    score.max_absolute_error =
        std::max({score.max_absolute_error, std::abs(copy_in_parent - *record.containment_in_parent),
                  std::abs(parent_in_copy - *record.parent_containment_in_copy)});
    const bool changed = std::any_of(record.operations.begin(), record.operations.end(), [](const std::string& op) {
      return op.rfind("embed:", 0) == 0 || op.rfind("drop:", 0) == 0;
    });
    if (changed) {
      ++score.pasted_or_dropped_pairs;
      sum_changed += error;
    }
  }
  if (score.pairs > 0) score.mean_absolute_error = sum / (2.0 * static_cast<double>(score.pairs));
  if (score.pasted_or_dropped_pairs > 0) {
    score.pasted_or_dropped_mean_absolute_error =
        sum_changed / (2.0 * static_cast<double>(score.pasted_or_dropped_pairs));
  }
  return score;
}

}  // namespace reprint
