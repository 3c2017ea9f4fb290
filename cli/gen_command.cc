// reprint gen: seeded corpora whose truth is known.
//   reprint gen synthetic --articles 20000 -o archive.jsonl --truth truth.jsonl
//   reprint gen demo corpus/seeds.jsonl -o corpus/derived.jsonl --truth corpus/truth.jsonl
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/output_file.h"
#include "reprint/generate.h"
#include "reprint/reader.h"

namespace reprint::cli {
namespace {

struct GenFlags {
  SyntheticOptions synthetic;
  std::string seeds_path;
  uint64_t demo_seed = 7;
  std::string output;
  std::string truth;
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "reprint gen: %s\n", message.c_str());
  return kExitFailure;
}

// Writes articles to --output (or stdout) and their truth to --truth, if set.
class GeneratedWriter {
 public:
  explicit GeneratedWriter(const GenFlags& flags) : articles_(flags.output), flags_(flags) {
    if (!flags.truth.empty()) truth_.open(flags.truth, std::ios::binary | std::ios::trunc);
  }
  // An error message if a file could not be opened.
  std::optional<std::string> OpenError() const {
    if (!articles_.ok()) return "cannot write " + flags_.output;
    if (!flags_.truth.empty() && !truth_.is_open()) return "cannot write " + flags_.truth;
    return std::nullopt;
  }
  void Write(const Document& doc, const TruthRecord& record) {
    line_ = ArticleJsonLine(doc);
    line_.push_back('\n');
    articles_.stream().write(line_.data(), static_cast<std::streamsize>(line_.size()));
    if (truth_.is_open()) truth_ << TruthJsonLine(record) << '\n';
  }
  bool Finish() { return articles_.Finish() && (!truth_.is_open() || truth_.flush()); }

 private:
  OutputFile articles_;
  std::ofstream truth_;
  const GenFlags& flags_;
  std::string line_;
};

int RunSynthetic(const GenFlags& flags) {
  GeneratedWriter writer(flags);
  if (std::optional<std::string> error = writer.OpenError()) return Fail(*error);
  const absl::Status status =
      GenerateSynthetic(flags.synthetic, [&](const Document& doc, const TruthRecord& record) {
        writer.Write(doc, record);
      });
  if (!status.ok()) return Fail(std::string(status.message()));
  if (!writer.Finish()) return Fail("write error");
  return kExitOk;
}

int RunDemo(const GenFlags& flags) {
  const Corpus seeds = ReadInputs({flags.seeds_path}, ReadOptions{});
  for (const Diagnostic& d : seeds.diagnostics) std::fprintf(stderr, "%s\n", d.ToString().c_str());
  if (seeds.records_skipped > 0) return Fail("the seed articles must read cleanly");
  absl::StatusOr<std::vector<std::pair<Document, TruthRecord>>> derived =
      DeriveDemoArticles(seeds.documents, flags.demo_seed);
  if (!derived.ok()) return Fail(std::string(derived.status().message()));
  GeneratedWriter writer(flags);
  if (std::optional<std::string> error = writer.OpenError()) return Fail(*error);
  for (const auto& [doc, record] : *derived) writer.Write(doc, record);
  if (!writer.Finish()) return Fail("write error");
  return kExitOk;
}

}  // namespace

void AddGenCommand(CLI::App& app, std::function<int()>* run) {
  auto flags = std::make_shared<GenFlags>();
  CLI::App* gen = app.add_subcommand("gen", "Generate corpora whose truth is known (seeded)");
  gen->require_subcommand(1);

  CLI::App* synthetic = gen->add_subcommand(
      "synthetic", "A synthetic news archive: Zipf-distributed words, edited copies in families");
  SyntheticOptions& s = flags->synthetic;
  synthetic->add_option("--articles", s.articles, "Articles to write")->capture_default_str();
  synthetic->add_option("--words", s.words, "Mean words per original article")->capture_default_str();
  synthetic->add_option("--copy-rate", s.copy_rate, "Share of articles that are edited copies")
      ->capture_default_str();
  synthetic->add_option("--min-edit-rate", s.min_edit_rate, "Least share of words a copy edits")
      ->capture_default_str();
  synthetic->add_option("--max-edit-rate", s.max_edit_rate, "Most share of words a copy edits")
      ->capture_default_str();
  synthetic->add_option("--embed-rate", s.embed_rate,
                        "Share of originals with a 40-80 word passage of a recent article pasted in")
      ->capture_default_str();
  synthetic->add_option("--paste-rate", s.paste_rate,
                        "Share of copies with a 40-80 word passage of another story pasted in")
      ->capture_default_str();
  synthetic->add_option("--drop-rate", s.drop_rate,
                        "Share of copies that leave out a paragraph (2-4 sentences) of their parent")
      ->capture_default_str();
  synthetic->add_flag("--news", s.news,
                      "The news model: topics, wire stories republished hours to days later, outlet "
                      "boilerplate, numbers and quotes restyled by copies, statements quoted alike");
  synthetic->add_option("--topics", s.topics, "With --news: topics articles are written on")
      ->capture_default_str();
  synthetic->add_option("--vocabulary", s.vocabulary, "Distinct words")->capture_default_str();
  synthetic->add_option("--seed", s.seed, "Random seed")->capture_default_str();
  synthetic->add_option("--output,-o", flags->output, "Articles (JSONL); default stdout");
  synthetic->add_option("--truth", flags->truth, "Truth (JSONL): family and parent of each article");
  synthetic->callback([flags, run] { *run = [flags] { return RunSynthetic(*flags); }; });

  CLI::App* demo = gen->add_subcommand(
      "demo", "Derived articles for corpus/: republished, trimmed, edited and embedded copies");
  demo->add_option("seeds", flags->seeds_path, "The five seed articles (JSONL)")->required();
  demo->add_option("--seed", flags->demo_seed, "Random seed")->capture_default_str();
  demo->add_option("--output,-o", flags->output, "Derived articles (JSONL); default stdout");
  demo->add_option("--truth", flags->truth, "Truth (JSONL): parent and operations of each article");
  demo->callback([flags, run] { *run = [flags] { return RunDemo(*flags); }; });
}

}  // namespace reprint::cli
