// The option registry: every option that shapes what reprint finds, named
// once. Each has one canonical name, which is its command-line flag
// ("--num-perm") and its key in an archive's options table ("num-perm"),
// and one key in the JSONL run record's "options" object ("num_perm", or a
// dotted path into a nested object: "passages.min_words"). The command line
// (cli/scan_flags.cc), the archive (core/archive.cc), the run record's
// writer and its reader (core/report.cc, core/eval.cc) all go through this
// table, so an option added here is settable, stored, recorded and read
// back everywhere.
//
//   for (const OptionSpec& spec : OptionSpecs()) {
//     OptionTarget target{&options, &lsh, &window_days};
//     std::string text = FormatOptionValue(spec.field(target));  // "0.5", "true", "oph"
//   }
#ifndef REPRINT_OPTION_REGISTRY_H_
#define REPRINT_OPTION_REGISTRY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "reprint/options.h"

namespace reprint {

// Where option values live: a scan's options, the LSH banding (explicit,
// or as chosen from the threshold), and the archive's pairing window in
// days (0: none).
struct OptionTarget {
  ScanOptions* scan = nullptr;
  LshParams* lsh = nullptr;
  int* window_days = nullptr;
};

// A pointer to one option's value inside an OptionTarget.
using OptionField = std::variant<double*, int*, uint64_t*, bool*, SketchMethod*>;

struct OptionSpec {
  // The canonical name: the flag is "--" + name, the archive's options
  // table key is name. Empty for settings only the run record holds.
  std::string_view name;
  // The key in the run record's "options" object, dotted for a nested
  // object; empty for options the run record does not hold.
  std::string_view record_key;
  // For the command line; empty: not a flag of its own.
  std::string_view help;
  // Stored in an archive's options table, and checked against the options
  // a later `reprint add` is given.
  bool archived = true;
  // The run record holds it only when it was given explicitly (LSH banding
  // given as --bands/--rows), after every other key.
  bool recorded_when_set = false;
  // The value an archive or run record made before the option existed
  // implies, as FormatOptionValue() writes it; empty: the default.
  std::string_view legacy_value;
  // Least value the command line accepts, if any (the scan checks the rest).
  std::optional<int> minimum;
  OptionField (*field)(const OptionTarget& target);
};

// Every option, in the order an archive stores them (and `reprint stats`
// prints them).
absl::Span<const OptionSpec> OptionSpecs();

// The spec named `name`, or null.
const OptionSpec* FindOptionSpec(std::string_view name);

// "0.5", "128", "true", "oph": the shortest text that reads back exactly.
std::string FormatOptionValue(OptionField field);

// Parses `text` as FormatOptionValue() writes it into the field; false,
// leaving it unchanged, if it is not such a text.
bool ParseOptionValue(std::string_view text, OptionField field);

// The run record's "options" object for `options`: each recorded option at
// its key, nested objects after the top-level values, with the facts of
// normalisation every scan applies (NFKC, case folding). Deterministic.
void AppendRunRecordOptions(const ScanOptions& options, std::string* out);

// Reads the run record's "options" object (JSON text) back into *options:
// every recorded option found; one the record lacks takes its legacy value,
// or keeps its value in *options. InvalidArgument naming the key if a value
// has the wrong type, or if "threshold" or "shingle" is missing.
absl::Status ReadRunRecordOptions(std::string_view options_json, ScanOptions* options);

}  // namespace reprint

#endif  // REPRINT_OPTION_REGISTRY_H_
