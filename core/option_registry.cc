#include "reprint/option_registry.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/numbers.h"
#include "fmt/format.h"
#include "simdjson.h"

namespace reprint {
namespace {

// The legacy value of max-outlet-fingerprint-df: before it existed,
// boilerplate was known only by how many articles in all held it.
constexpr std::string_view kNoOutletLimit = "2147483647";
static_assert(std::numeric_limits<int>::max() == 2147483647);

#define REPRINT_FIELD(expr) [](const OptionTarget& t) -> OptionField { return &(expr); }

// Members a spec leaves out keep their defaults (OptionSpec's initialisers).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
constexpr OptionSpec kSpecs[] = {
    {.name = "threshold",
     .record_key = "threshold",
     .help = "Report pairs whose word-shingle Jaccard similarity is at least this",
     .field = REPRINT_FIELD(t.scan->threshold)},
    {.name = "shingle",
     .record_key = "shingle",
     .help = "Words per shingle",
     .field = REPRINT_FIELD(t.scan->shingle.size)},
    {.name = "num-perm",
     .record_key = "num_perm",
     .help = "MinHash permutations",
     .field = REPRINT_FIELD(t.scan->minhash.num_perm)},
    {.name = "seed",
     .record_key = "seed",
     .help = "Seed of the MinHash family",
     .field = REPRINT_FIELD(t.scan->minhash.seed)},
    {.name = "sketch",
     .record_key = "sketch",
     .help = "How signatures are computed: oph (one permutation, densified; fast) or "
             "permutations (one hash per position, as archives made before this option were)",
     .field = REPRINT_FIELD(t.scan->minhash.method)},
    {.name = "strip-diacritics",
     .record_key = "normalization.strip_diacritics",
     .help = "Fold accented letters to their base letters (café = cafe)",
     .field = REPRINT_FIELD(t.scan->normalize.strip_diacritics)},
    {.record_key = "lsh_weights.false_positive",
     .archived = false,
     .field = REPRINT_FIELD(t.scan->lsh_weights.false_positive)},
    {.record_key = "lsh_weights.false_negative",
     .archived = false,
     .field = REPRINT_FIELD(t.scan->lsh_weights.false_negative)},
    {.name = "bands",
     .record_key = "lsh_bands",
     .help = "LSH bands (b); with --rows overrides the choice made from --threshold",
     .recorded_when_set = true,
     .field = REPRINT_FIELD(t.lsh->num_bands)},
    {.name = "rows",
     .record_key = "lsh_rows",
     .help = "LSH rows per band (r)",
     .recorded_when_set = true,
     .field = REPRINT_FIELD(t.lsh->rows_per_band)},
    {.name = "passages",
     .record_key = "passages.enabled",
     .help = "Find reused passages (also inside articles that are otherwise different), with their "
             "spans, kind and edits (the default); --no-passages: pairs at the threshold and "
             "clusters only, faster",
     .field = REPRINT_FIELD(t.scan->passages.enabled)},
    {.name = "fingerprint-words",
     .record_key = "passages.fingerprint_words",
     .help = "Words per passage fingerprint n-gram",
     .field = REPRINT_FIELD(t.scan->passages.fingerprints.words)},
    {.name = "winnow-window",
     .record_key = "passages.winnow_window",
     .help = "Winnowing window, in n-grams",
     .field = REPRINT_FIELD(t.scan->passages.fingerprints.window)},
    {.name = "min-shared-fingerprints",
     .record_key = "passages.min_shared_fingerprints",
     .help = "Fingerprints two articles must share to be aligned",
     .field = REPRINT_FIELD(t.scan->passages.fingerprints.min_shared)},
    {.name = "max-fingerprint-df",
     .record_key = "passages.max_fingerprint_df",
     .help = "A fingerprint in more articles than this is boilerplate or a stock phrase: no "
             "evidence of copying",
     .field = REPRINT_FIELD(t.scan->passages.fingerprints.max_document_frequency)},
    {.name = "max-outlet-fingerprint-df",
     .record_key = "passages.max_outlet_fingerprint_df",
     .help = "A fingerprint in more articles of one outlet than this is that outlet's "
             "boilerplate (footer, byline), at any archive size",
     .legacy_value = kNoOutletLimit,
     .minimum = 0,
     .field = REPRINT_FIELD(t.scan->passages.fingerprints.max_outlet_frequency)},
    {.name = "seed-cosine",
     .record_key = "passages.seed_cosine",
     .field = REPRINT_FIELD(t.scan->passages.align.seed_cosine)},
    {.name = "seed-dice",
     .record_key = "passages.seed_dice",
     .field = REPRINT_FIELD(t.scan->passages.align.seed_dice)},
    {.name = "max-gap-sentences",
     .record_key = "passages.max_gap_sentences",
     .field = REPRINT_FIELD(t.scan->passages.align.max_gap_sentences)},
    {.name = "min-passage-cosine",
     .record_key = "passages.min_passage_cosine",
     .field = REPRINT_FIELD(t.scan->passages.align.min_passage_cosine)},
    {.name = "min-passage-words",
     .record_key = "passages.min_words",
     .help = "Shortest passage reported, in words on each side",
     .field = REPRINT_FIELD(t.scan->passages.align.min_words)},
    {.name = "max-edit-distance",
     .record_key = "passages.max_edit_distance",
     .field = REPRINT_FIELD(t.scan->passages.align.max_edit_distance)},
    {.name = "break-words",
     .record_key = "passages.break_words",
     .help = "A run of this many words one article has and the other lacks (pasted in or "
             "dropped) ends a passage; 0: never",
     .legacy_value = "0",
     .minimum = 0,
     .field = REPRINT_FIELD(t.scan->passages.align.break_words)},
    {.name = "window", .field = REPRINT_FIELD(*t.window_days)},
};
#pragma GCC diagnostic pop

#undef REPRINT_FIELD

// The part of a dotted record key before its last dot ("" at top level),
// and the part after.
std::string_view GroupOf(std::string_view key) {
  const size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : key.substr(0, dot);
}
std::string_view LeafOf(std::string_view key) {
  const size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

void AppendRecordValue(OptionField field, std::string* out) {
  if (SketchMethod* const* method = std::get_if<SketchMethod*>(&field)) {
    fmt::format_to(std::back_inserter(*out), "\"{}\"", SketchMethodName(**method));
  } else {
    out->append(FormatOptionValue(field));
  }
}

// Reads one recorded value into `field`; false if its type is not the field's.
bool ReadRecordValue(simdjson::dom::element value, OptionField field) {
  return std::visit(
      [&](auto* target) {
        using T = std::remove_pointer_t<decltype(target)>;
        if constexpr (std::is_same_v<T, double>) {
          return value.get_double().get(*target) == simdjson::SUCCESS;
        } else if constexpr (std::is_same_v<T, bool>) {
          return value.get_bool().get(*target) == simdjson::SUCCESS;
        } else if constexpr (std::is_same_v<T, SketchMethod>) {
          std::string_view name;
          if (value.get_string().get(name) != simdjson::SUCCESS) return false;
          return ParseOptionValue(name, target);
        } else {
          int64_t number = 0;
          if (value.get_int64().get(number) != simdjson::SUCCESS) return false;
          if constexpr (std::is_same_v<T, int>) {
            if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
              return false;
            }
          } else if (number < 0) {
            return false;
          }
          *target = static_cast<T>(number);
          return true;
        }
      },
      field);
}

}  // namespace

absl::Span<const OptionSpec> OptionSpecs() { return kSpecs; }

const OptionSpec* FindOptionSpec(std::string_view name) {
  for (const OptionSpec& spec : kSpecs) {
    if (!name.empty() && spec.name == name) return &spec;
  }
  return nullptr;
}

std::string FormatOptionValue(OptionField field) {
  return std::visit(
      [](auto* value) -> std::string {
        using T = std::remove_pointer_t<decltype(value)>;
        if constexpr (std::is_same_v<T, bool>) {
          return *value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, SketchMethod>) {
          return std::string(SketchMethodName(*value));
        } else {
          return fmt::format("{}", *value);
        }
      },
      field);
}

bool ParseOptionValue(std::string_view text, OptionField field) {
  return std::visit(
      [text](auto* value) {
        using T = std::remove_pointer_t<decltype(value)>;
        if constexpr (std::is_same_v<T, bool>) {
          if (text != "true" && text != "false") return false;
          *value = text == "true";
          return true;
        } else if constexpr (std::is_same_v<T, SketchMethod>) {
          const std::optional<SketchMethod> method = ParseSketchMethod(text);
          if (method) *value = *method;
          return method.has_value();
        } else if constexpr (std::is_same_v<T, double>) {
          return absl::SimpleAtod(absl::string_view(text.data(), text.size()), value);
        } else {
          T parsed;
          if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &parsed)) return false;
          *value = parsed;
          return true;
        }
      },
      field);
}

void AppendRunRecordOptions(const ScanOptions& options, std::string* out) {
  ScanOptions scan = options;
  LshParams lsh = options.lsh.value_or(LshParams{});
  int window_days = 0;
  const OptionTarget target{&scan, &lsh, &window_days};
  out->push_back('{');
  bool first = true;
  auto append_key = [&](std::string_view key) {
    fmt::format_to(std::back_inserter(*out), "{}\"{}\":", first ? "" : ",", key);
    first = false;
  };
  // Top-level values, then each nested object in order of first appearance,
  // then values recorded only when set.
  for (const OptionSpec& spec : kSpecs) {
    if (spec.record_key.empty() || spec.recorded_when_set || !GroupOf(spec.record_key).empty()) continue;
    append_key(spec.record_key);
    AppendRecordValue(spec.field(target), out);
  }
  std::vector<std::string_view> written_groups;
  for (const OptionSpec& outer : kSpecs) {
    const std::string_view group = GroupOf(outer.record_key);
    if (group.empty() || outer.recorded_when_set) continue;
    if (std::find(written_groups.begin(), written_groups.end(), group) != written_groups.end()) continue;
    written_groups.push_back(group);
    append_key(group);
    out->push_back('{');
    // What every scan does to words, whatever the options: facts, not options.
    if (group == "normalization") out->append("\"form\":\"NFKC\",\"case_fold\":true,");
    bool first_member = true;
    for (const OptionSpec& spec : kSpecs) {
      if (spec.recorded_when_set || GroupOf(spec.record_key) != group) continue;
      fmt::format_to(std::back_inserter(*out), "{}\"{}\":", first_member ? "" : ",", LeafOf(spec.record_key));
      first_member = false;
      AppendRecordValue(spec.field(target), out);
    }
    out->push_back('}');
  }
  if (options.lsh) {
    for (const OptionSpec& spec : kSpecs) {
      if (!spec.recorded_when_set) continue;
      append_key(spec.record_key);
      AppendRecordValue(spec.field(target), out);
    }
  }
  out->push_back('}');
}

absl::Status ReadRunRecordOptions(std::string_view options_json, ScanOptions* options) {
  simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(options_json.data(), options_json.size()).get_object().get(object) != simdjson::SUCCESS) {
    return absl::InvalidArgumentError("run record's options are not a JSON object");
  }
  LshParams lsh = options->lsh.value_or(LshParams{});
  int window_days = 0;
  const OptionTarget target{options, &lsh, &window_days};
  for (const OptionSpec& spec : kSpecs) {
    if (spec.record_key.empty()) continue;
    simdjson::dom::element value;
    simdjson::error_code missing = simdjson::SUCCESS;
    simdjson::dom::object holder = object;
    std::string_view rest = spec.record_key;
    while (!missing) {
      const size_t dot = rest.find('.');
      missing = holder[rest.substr(0, dot)].get(value);
      if (dot == std::string_view::npos) break;
      if (!missing) missing = value.get_object().get(holder);
      rest.remove_prefix(dot + 1);
    }
    if (missing) {
      if (spec.record_key == "threshold" || spec.record_key == "shingle") {
        return absl::InvalidArgumentError("run record lacks options.threshold or options.shingle");
      }
      if (!spec.legacy_value.empty()) ParseOptionValue(spec.legacy_value, spec.field(target));
      continue;
    }
    if (!ReadRecordValue(value, spec.field(target))) {
      return absl::InvalidArgumentError(
          fmt::format("run record's options.{} has the wrong type", spec.record_key));
    }
  }
  if (lsh.num_bands > 0 && lsh.rows_per_band > 0) options->lsh = lsh;
  return absl::OkStatus();
}

}  // namespace reprint
