#include "cli/scan_flags.h"

#include <cstdio>

namespace reprint::cli {

void ScanFlags::Finish() {
  if (bands != 0 || rows != 0) options.lsh = LshParams{bands, rows};
}

ReadOptions ScanFlags::Reading() const {
  ReadOptions reading;
  reading.threads = options.threads;
  reading.max_article_bytes = max_article_mb << 20;
  // Checked when parsed (AddScanFlags), so it is valid here.
  if (!timezone.empty()) reading.default_utc_offset_seconds = *ParseUtcOffset(timezone);
  return reading;
}

std::vector<std::string> ScanFlags::ExplicitlySet() const {
  std::vector<std::string> names;
  for (const auto& [name, option] : registered) {
    if (option->count() > 0) names.push_back(name);
  }
  return names;
}

void AddScanFlags(CLI::App* command, ScanFlags* flags) {
  ScanOptions& o = flags->options;
  auto add = [&](const std::string& name, CLI::Option* option) {
    flags->registered.emplace_back(name, option);
    return option;
  };
  add("threshold", command->add_option("--threshold", o.threshold,
                                       "Report pairs whose word-shingle Jaccard similarity is at least this"))
      ->capture_default_str();
  add("shingle", command->add_option("--shingle", o.shingle.size, "Words per shingle"))->capture_default_str();
  add("num-perm", command->add_option("--num-perm", o.minhash.num_perm, "MinHash permutations"))
      ->capture_default_str();
  add("seed", command->add_option("--seed", o.minhash.seed, "Seed of the MinHash family"))
      ->capture_default_str();
  add("sketch", command->add_option("--sketch", o.minhash.method,
                                    "How signatures are computed: oph (one permutation, densified; "
                                    "fast) or permutations (one hash per position, as archives made "
                                    "before this option were)")
                    ->transform(CLI::CheckedTransformer(
                        std::map<std::string, SketchMethod>{{"oph", SketchMethod::kOnePermutation},
                                                           {"permutations", SketchMethod::kPermutations}}))
                    ->default_str("oph"));
  command->add_option("--threads", o.threads, "Worker threads (0 = all cores)")->capture_default_str();
  command->add_option("--timezone", flags->timezone,
                      "The zone of publication times without one: UTC (the default) or an offset such "
                      "as +05:00")
      ->check([](const std::string& text) {
        const absl::StatusOr<int64_t> offset = ParseUtcOffset(text);
        return offset.ok() ? std::string() : std::string(offset.status().message());
      });
  command->add_option("--max-article-mb", flags->max_article_mb,
                      "Skip (with a message) any article larger than this many megabytes")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  add("strip-diacritics", command->add_flag("--strip-diacritics", o.normalize.strip_diacritics,
                                            "Fold accented letters to their base letters (café = cafe)"));
  add("passages", command->add_flag("--passages{true},--no-passages{false}", o.passages.enabled,
                                    "Find reused passages (also inside articles that are otherwise "
                                    "different), with their spans, kind and edits (the default); "
                                    "--no-passages: pairs at the threshold and clusters only, faster"));
  add("min-passage-words", command->add_option("--min-passage-words", o.passages.align.min_words,
                                               "Shortest passage reported, in words on each side"))
      ->capture_default_str();
  add("break-words", command->add_option("--break-words", o.passages.align.break_words,
                                         "A run of this many words one article has and the other "
                                         "lacks (pasted in or dropped) ends a passage; 0: never"))
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  add("fingerprint-words", command->add_option("--fingerprint-words", o.passages.fingerprints.words,
                                               "Words per passage fingerprint n-gram"))
      ->capture_default_str();
  add("winnow-window", command->add_option("--winnow-window", o.passages.fingerprints.window,
                                           "Winnowing window, in n-grams"))
      ->capture_default_str();
  add("min-shared-fingerprints",
      command->add_option("--min-shared-fingerprints", o.passages.fingerprints.min_shared,
                          "Fingerprints two articles must share to be aligned"))
      ->capture_default_str();
  add("max-fingerprint-df",
      command->add_option("--max-fingerprint-df", o.passages.fingerprints.max_document_frequency,
                          "A fingerprint in more articles than this is boilerplate or a stock "
                          "phrase: no evidence of copying"))
      ->capture_default_str();
  add("max-outlet-fingerprint-df",
      command->add_option("--max-outlet-fingerprint-df", o.passages.fingerprints.max_outlet_frequency,
                          "A fingerprint in more articles of one outlet than this is that outlet's "
                          "boilerplate (footer, byline), at any archive size"))
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  add("bands", command->add_option("--bands", flags->bands,
                                   "LSH bands (b); with --rows overrides the choice made from --threshold"));
  add("rows", command->add_option("--rows", flags->rows, "LSH rows per band (r)"));
}

void PrintDiagnostics(const Corpus& corpus, int limit) {
  int printed = 0;
  for (const Diagnostic& d : corpus.diagnostics) {
    if (printed++ == limit) {
      std::fprintf(stderr, "reprint: %zu more messages not shown (raise --max-messages)\n",
                   corpus.diagnostics.size() - static_cast<size_t>(limit));
      break;
    }
    std::fprintf(stderr, "%s\n", d.ToString().c_str());
  }
}

}  // namespace reprint::cli
