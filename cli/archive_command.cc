// The archive commands: reprint add | query | show | clusters | audit | stats.
// Each works on one SQLite archive named by --db (default reprint.db).
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "cli/commands.h"
#include "cli/output_file.h"
#include "cli/progress.h"
#include "cli/scan_flags.h"
#include "core/json.h"
#include "core/status_macros.h"
#include "fmt/format.h"
#include "reprint/archive.h"
#include "reprint/html_report.h"
#include "reprint/likely_source.h"
#include "reprint/reader.h"
#include "reprint/report.h"
#include "reprint/scan_records.h"

namespace reprint::cli {
namespace {

constexpr const char* kDefaultDb = "reprint.db";

struct ArchiveFlags {
  std::string db = kDefaultDb;
  std::vector<std::string> inputs;
  ScanFlags scan;
  int window_days = 0;
  size_t batch_size = 10000;
  bool replace = false;
  std::string format = "text";
  std::string output;
  std::string id;
  size_t limit = 0;
  int max_messages = 50;
  size_t top = 10;
  std::vector<std::string> wires;  // --wire; with wire_files, replace DefaultWireOutlets()
  std::vector<std::string> wire_files;
};

void Fail(const char* command, const absl::Status& status) {
  std::fprintf(stderr, "reprint %s: %s\n", command, std::string(status.message()).c_str());
}

absl::StatusOr<std::unique_ptr<Archive>> OpenArchive(ArchiveFlags& flags, Archive::Access access) {
  flags.scan.Finish();
  ArchiveRequest request;
  request.options = flags.scan.options;
  request.explicitly_set = flags.scan.ExplicitlySet();
  if (flags.window_days > 0) {
    request.window_days = flags.window_days;
    request.explicitly_set.push_back("window");
  }
  return Archive::Open(flags.db, access, request);
}

// Reads the inputs and reports their problems; nullopt if nothing was read.
std::optional<Corpus> ReadArticles(const char* command, const ArchiveFlags& flags) {
  Corpus corpus = ReadInputs(flags.inputs, flags.scan.Reading());
  PrintDiagnostics(corpus, flags.max_messages);
  if (corpus.documents.empty() && corpus.records_skipped > 0) {
    std::fprintf(stderr, "reprint %s: no article could be read\n", command);
    return std::nullopt;
  }
  return corpus;
}

// Writes a view in the chosen format, to --output or stdout.
int WriteView(const char* command, const ArchiveFlags& flags, const Archive& archive,
              const ArchiveView& view, int64_t records_skipped,
              const std::function<void(std::ostream&)>& extra_text,
              const std::function<void(std::ostream&)>& extra_jsonl) {
  OutputFile output(flags.output);
  if (!output.ok()) {
    std::fprintf(stderr, "reprint %s: cannot write %s\n", command, flags.output.c_str());
    return kExitFailure;
  }
  ScanReport report;
  report.documents = view.documents;
  report.result = &view.result;
  report.options = &archive.options();
  report.inputs = flags.inputs;
  report.timezone = flags.scan.timezone;
  report.command = command;
  report.archive = archive.path();
  report.records_skipped = records_skipped;
  report.color = (flags.output.empty() || flags.output == "-") && isatty(STDOUT_FILENO) != 0 &&
                 std::getenv("NO_COLOR") == nullptr;
  if (flags.format == "jsonl") {
    WriteJsonlReport(report, output.stream());
    if (extra_jsonl) extra_jsonl(output.stream());
  } else if (flags.format == "html") {
    WriteHtmlReport(report, output.stream());
  } else {
    WriteTextReport(report, output.stream());
    if (extra_text) extra_text(output.stream());
  }
  if (!output.Finish()) {
    std::fprintf(stderr, "reprint %s: error writing %s\n", command,
                 flags.output.empty() ? "standard output" : flags.output.c_str());
    return kExitFailure;
  }
  return kExitOk;
}

int RunAdd(ArchiveFlags& flags) {
  std::optional<Corpus> corpus = ReadArticles("add", flags);
  if (!corpus) return kExitFailure;
  absl::StatusOr<std::unique_ptr<Archive>> archive = OpenArchive(flags, Archive::Access::kWrite);
  if (!archive.ok()) {
    Fail("add", archive.status());
    return kExitFailure;
  }
  AddOptions add;
  add.batch_size = flags.batch_size;
  add.replace = flags.replace;
  absl::StatusOr<AddSummary> summary;
  {
    ProgressBar progress;
    add.progress = [&progress](std::string_view stage, size_t done, size_t total) {
      progress.Update(stage, done, total);
    };
    summary = (*archive)->Add(corpus->documents, add);
  }
  if (!summary.ok()) {
    Fail("add", summary.status());
    std::fprintf(stderr, "reprint add: batches committed before the error are kept\n");
    return kExitFailure;
  }
  std::fprintf(stderr,
               "reprint add: %s: %lld articles added, %lld already stored (%s), %lld replaced, "
               "in %lld batches; %lld pairs; %lld clusters created, %lld merged\n",
               (*archive)->path().c_str(), static_cast<long long>(summary->added),
               static_cast<long long>(summary->skipped_existing + summary->replaced),
               flags.replace ? "replaced" : "skipped", static_cast<long long>(summary->replaced),
               static_cast<long long>(summary->batches), static_cast<long long>(summary->pairs),
               static_cast<long long>(summary->clusters_created),
               static_cast<long long>(summary->clusters_merged));
  return corpus->records_skipped > 0 ? kExitSkipped : kExitOk;
}

int RunQuery(ArchiveFlags& flags) {
  std::optional<Corpus> corpus = ReadArticles("query", flags);
  if (!corpus) return kExitFailure;
  absl::StatusOr<std::unique_ptr<Archive>> archive = OpenArchive(flags, Archive::Access::kRead);
  if (!archive.ok()) {
    Fail("query", archive.status());
    return kExitFailure;
  }
  absl::StatusOr<ArchiveView> view = (*archive)->Query(corpus->documents);
  if (!view.ok()) {
    Fail("query", view.status());
    return kExitFailure;
  }
  const std::vector<LikelySource> sources =
      LikelySources(view->documents, view->result.pairs, view->article_numbers);
  const auto& docs = view->documents;
  auto text = [&](std::ostream& out) {
    out << "\nLikely sources:\n";
    for (const LikelySource& s : sources) {
      if (!s.source) {
        out << fmt::format("  {}  <-  none found\n", docs[s.article].id.value);
        continue;
      }
      const Document& source = docs[*s.source];
      out << fmt::format("  {}  <-  {} ({}{}), {:.0f}% of it contained, Jaccard {:.2f}\n",
                         docs[s.article].id.value, source.id.value,
                         source.source.empty() ? "-" : source.source,
                         source.published ? ", " + FormatDate(*source.published) : "",
                         100 * s.containment, s.jaccard);
    }
  };
  auto jsonl = [&](std::ostream& out) {
    for (const LikelySource& s : sources) {
      std::string line = "{\"type\":\"source\",\"article\":";
      AppendJsonId(docs[s.article].id, &line);
      line.append(",\"source\":");
      if (s.source) {
        AppendJsonId(docs[*s.source].id, &line);
        line.append(fmt::format(",\"containment\":{:.4f},\"jaccard\":{:.4f}", s.containment, s.jaccard));
      } else {
        line.append("null");
      }
      line.append("}\n");
      out << line;
    }
  };
  const int status = WriteView("query", flags, **archive, *view, corpus->records_skipped, text, jsonl);
  if (status != kExitOk) return status;
  return corpus->records_skipped > 0 ? kExitSkipped : kExitOk;
}

int RunShow(ArchiveFlags& flags) {
  absl::StatusOr<std::unique_ptr<Archive>> archive = OpenArchive(flags, Archive::Access::kRead);
  if (!archive.ok()) {
    Fail("show", archive.status());
    return kExitFailure;
  }
  // An id of digits may have been given as a JSON number or as a string.
  const bool digits = !flags.id.empty() && flags.id.find_first_not_of("0123456789-") == std::string::npos;
  absl::StatusOr<ArchiveView> view = (*archive)->Show(DocId{flags.id, digits});
  if (!view.ok() && digits && absl::IsNotFound(view.status())) {
    view = (*archive)->Show(DocId{flags.id, false});
  }
  if (!view.ok()) {
    Fail("show", view.status());
    return kExitFailure;
  }
  const auto& docs = view->documents;
  auto text = [&](std::ostream& out) {
    const Document& shown = docs[0];
    out << fmt::format("\n{} ({}{}): reused by {} and reusing {} stored articles\n", shown.id.value,
                       shown.source.empty() ? "-" : shown.source,
                       shown.published ? ", " + FormatDate(*shown.published) : "", [&] {
                         int n = 0;
                         for (size_t i = 1; i < docs.size(); ++i) n += PublishedBefore(shown, docs[i]);
                         return n;
                       }(),
                       [&] {
                         int n = 0;
                         for (size_t i = 1; i < docs.size(); ++i) n += PublishedBefore(docs[i], shown);
                         return n;
                       }());
  };
  return WriteView("show", flags, **archive, *view, 0, text, nullptr);
}

int RunClusters(ArchiveFlags& flags) {
  absl::StatusOr<std::unique_ptr<Archive>> archive = OpenArchive(flags, Archive::Access::kRead);
  if (!archive.ok()) {
    Fail("clusters", archive.status());
    return kExitFailure;
  }
  absl::StatusOr<ArchiveView> view = (*archive)->Clusters(flags.limit);
  if (!view.ok()) {
    Fail("clusters", view.status());
    return kExitFailure;
  }
  auto jsonl = [&](std::ostream& out) {
    for (size_t c = 0; c < view->result.clusters.size(); ++c) {
      if (view->merged_from[c].empty()) continue;
      std::string line = fmt::format("{{\"type\":\"merge\",\"cluster\":{},\"merged_from\":[",
                                     view->result.clusters[c].id);
      for (size_t i = 0; i < view->merged_from[c].size(); ++i) {
        line.append(fmt::format("{}{}", i > 0 ? "," : "", view->merged_from[c][i]));
      }
      line.append("]}\n");
      out << line;
    }
  };
  auto text = [&](std::ostream& out) {
    for (size_t c = 0; c < view->result.clusters.size(); ++c) {
      if (view->merged_from[c].empty()) continue;
      out << fmt::format("cluster {} absorbed cluster(s)", view->result.clusters[c].id);
      for (const int64_t id : view->merged_from[c]) out << " " << id;
      out << "\n";
    }
  };
  return WriteView("clusters", flags, **archive, *view, 0, text, jsonl);
}

int RunStats(ArchiveFlags& flags) {
  absl::StatusOr<std::unique_ptr<Archive>> archive = OpenArchive(flags, Archive::Access::kRead);
  if (!archive.ok()) {
    Fail("stats", archive.status());
    return kExitFailure;
  }
  absl::StatusOr<ArchiveStats> stats = (*archive)->Stats();
  if (!stats.ok()) {
    Fail("stats", stats.status());
    return kExitFailure;
  }
  OutputFile output(flags.output);
  if (!output.ok()) {
    std::fprintf(stderr, "reprint stats: cannot write %s\n", flags.output.c_str());
    return kExitFailure;
  }
  const ArchiveStats& s = *stats;
  const double overhead_per_article =
      s.articles == 0 ? 0 : static_cast<double>(s.file_bytes - s.text_bytes) / static_cast<double>(s.articles);
  if (flags.format == "jsonl") {
    std::string line = "{\"type\":\"archive\",\"path\":";
    AppendJsonString((*archive)->path(), &line);
    line.append(fmt::format(
        ",\"schema_version\":{},\"articles\":{},\"identical_copies\":{},\"pairs\":{},"
        "\"near_duplicate_pairs\":{},\"clusters\":{},\"clustered_articles\":{},\"batches\":{},"
        "\"text_bytes\":{},\"file_bytes\":{},\"options\":{{",
        s.schema_version, s.articles, s.identical_copies, s.pairs, s.near_duplicate_pairs, s.clusters,
        s.clustered_articles, s.batches, s.text_bytes, s.file_bytes));
    for (size_t i = 0; i < s.options.size(); ++i) {
      if (i > 0) line.push_back(',');
      AppendJsonString(s.options[i].first, &line);
      line.push_back(':');
      AppendJsonString(s.options[i].second, &line);
    }
    line.append("}}\n");
    output.stream() << line;
  } else {
    std::ostream& out = output.stream();
    out << fmt::format("archive {} (schema {})\n", (*archive)->path(), s.schema_version);
    out << fmt::format("  {} articles in {} batches, {:.1f} MB of text\n", s.articles, s.batches,
                       static_cast<double>(s.text_bytes) / 1e6);
    if (s.identical_copies > 0) {
      out << fmt::format("  {} of them identical copies of earlier articles, each paired with the first\n",
                         s.identical_copies);
    }
    out << fmt::format("  {} pairs, {} of them near-duplicates\n", s.pairs, s.near_duplicate_pairs);
    out << fmt::format("  {} clusters holding {} articles\n", s.clusters, s.clustered_articles);
    out << fmt::format("  file {:.1f} MB: {:.0f} bytes per article beyond the text\n",
                       static_cast<double>(s.file_bytes) / 1e6, overhead_per_article);
    out << "  built with:";
    for (const auto& [name, value] : s.options) out << " --" << name << " " << value;
    out << "\n";
  }
  if (!output.Finish()) return kExitFailure;
  return kExitOk;
}

// What an audit's HTML page links to: the largest clusters (with their
// pairs), and the pair of each most borrowed article with its source.
absl::StatusOr<ArchiveView> AuditDetail(Archive& archive, const ArchiveAudit& audit, size_t top) {
  REPRINT_ASSIGN_OR_RETURN(ArchiveView detail, archive.Clusters(top));
  absl::flat_hash_map<DocId, uint32_t> index_of;
  for (uint32_t i = 0; i < detail.documents.size(); ++i) index_of.emplace(detail.documents[i].id, i);
  auto add = [&](const Document& doc) {
    const auto [it, inserted] = index_of.try_emplace(doc.id, static_cast<uint32_t>(detail.documents.size()));
    if (inserted) detail.documents.push_back(doc);
    return it->second;
  };
  for (const ArticleAudit& borrower : audit.report.most_borrowed) {
    const DocId& source = audit.articles[borrower.source].id;
    REPRINT_ASSIGN_OR_RETURN(const ArchiveView shown, archive.Show(audit.articles[borrower.article].id));
    for (const DocumentPair& pair : shown.result.pairs) {
      if (shown.documents[pair.a].id != source && shown.documents[pair.b].id != source) continue;
      DocumentPair linked = pair;
      linked.a = add(shown.documents[pair.a]);
      linked.b = add(shown.documents[pair.b]);
      const bool present = std::any_of(detail.result.pairs.begin(), detail.result.pairs.end(),
                                       [&](const DocumentPair& p) { return p.a == linked.a && p.b == linked.b; });
      if (!present) detail.result.pairs.push_back(std::move(linked));
    }
  }
  return detail;
}

int RunAudit(ArchiveFlags& flags) {
  absl::StatusOr<std::unique_ptr<Archive>> archive = OpenArchive(flags, Archive::Access::kRead);
  if (!archive.ok()) {
    Fail("audit", archive.status());
    return kExitFailure;
  }
  AuditOptions options;
  options.top = flags.top;
  options.wire_outlets = flags.wires;
  for (const std::string& file : flags.wire_files) {
    absl::StatusOr<std::vector<std::string>> listed = ReadWireOutlets(file);
    if (!listed.ok()) {
      Fail("audit", listed.status());
      return kExitFailure;
    }
    options.wire_outlets.insert(options.wire_outlets.end(), listed->begin(), listed->end());
  }
  if (flags.wires.empty() && flags.wire_files.empty()) options.wire_outlets = DefaultWireOutlets();
  absl::StatusOr<ArchiveAudit> audit = (*archive)->Audit(options);
  if (!audit.ok()) {
    Fail("audit", audit.status());
    return kExitFailure;
  }
  OutputFile output(flags.output);
  if (!output.ok()) {
    std::fprintf(stderr, "reprint audit: cannot write %s\n", flags.output.c_str());
    return kExitFailure;
  }
  if (flags.format == "jsonl") {
    WriteAuditJsonl(audit->report, audit->articles, output.stream());
  } else if (flags.format == "html") {
    const absl::StatusOr<ArchiveView> detail = AuditDetail(**archive, *audit, flags.top);
    if (!detail.ok()) {
      Fail("audit", detail.status());
      return kExitFailure;
    }
    WriteAuditHtml(audit->report, audit->articles, (*archive)->path(), detail->documents, detail->result,
                   output.stream());
  } else {
    WriteAuditText(audit->report, audit->articles, output.stream());
  }
  return output.Finish() ? kExitOk : kExitFailure;
}

void AddDbOption(CLI::App* command, ArchiveFlags* flags) {
  command->add_option("--db", flags->db, "The archive file (SQLite)")->capture_default_str();
}

void AddOutputOptions(CLI::App* command, ArchiveFlags* flags, bool html = true) {
  command->add_option("--format", flags->format, "Output format")
      ->check(CLI::IsMember(html ? std::vector<std::string>{"text", "jsonl", "html"}
                                 : std::vector<std::string>{"text", "jsonl"}))
      ->capture_default_str();
  command->add_option("--output,-o", flags->output, "Write here instead of stdout");
}

}  // namespace

void AddArchiveCommands(CLI::App& app, std::function<int()>* run) {
  {
    auto flags = std::make_shared<ArchiveFlags>();
    CLI::App* add = app.add_subcommand(
        "add", "Add articles to an archive (created if missing), finding their pairs and clusters");
    add->add_option("inputs", flags->inputs,
                    "JSONL files, .txt files, directories (read recursively), or - for JSONL on stdin")
        ->required();
    AddDbOption(add, flags.get());
    AddScanFlags(add, &flags->scan);
    add->add_option("--window", flags->window_days,
                    "Only pair articles published at most this many days apart (0 = any)");
    add->add_option("--batch-size", flags->batch_size, "Articles per transaction")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    add->add_flag("--replace", flags->replace,
                  "Replace stored articles whose id comes again (default: skip them)");
    add->add_option("--max-messages", flags->max_messages,
                    "Print at most this many input warnings and errors")
        ->capture_default_str();
    add->footer(
        "A new archive keeps the options it was created with; giving a different value later is "
        "an error. Exit status: 0 all input read, 1 some records were skipped, 2 error.");
    add->callback([flags, run] { *run = [flags] { return RunAdd(*flags); }; });
  }
  {
    auto flags = std::make_shared<ArchiveFlags>();
    CLI::App* query = app.add_subcommand(
        "query", "Find the stored sources of articles without adding them to the archive");
    query->add_option("inputs", flags->inputs, "Articles to look up, as for scan")->required();
    AddDbOption(query, flags.get());
    query->add_option("--threads", flags->scan.options.threads, "Worker threads (0 = all cores)");
    query->add_option("--max-article-mb", flags->scan.max_article_mb,
                      "Skip (with a message) any article larger than this many megabytes")
        ->check(CLI::PositiveNumber);
    AddOutputOptions(query, flags.get());
    query->add_option("--max-messages", flags->max_messages,
                      "Print at most this many input warnings and errors")
        ->capture_default_str();
    query->callback([flags, run] { *run = [flags] { return RunQuery(*flags); }; });
  }
  {
    auto flags = std::make_shared<ArchiveFlags>();
    CLI::App* show = app.add_subcommand(
        "show", "Show a stored article with every article that reused it or that it reused");
    show->add_option("id", flags->id, "The article's id")->required();
    AddDbOption(show, flags.get());
    AddOutputOptions(show, flags.get());
    show->callback([flags, run] { *run = [flags] { return RunShow(*flags); }; });
  }
  {
    auto flags = std::make_shared<ArchiveFlags>();
    CLI::App* clusters = app.add_subcommand("clusters", "List the archive's syndication clusters");
    AddDbOption(clusters, flags.get());
    clusters->add_option("--limit", flags->limit, "Only the largest this many clusters (0 = all)");
    AddOutputOptions(clusters, flags.get());
    clusters->callback([flags, run] { *run = [flags] { return RunClusters(*flags); }; });
  }
  {
    auto flags = std::make_shared<ArchiveFlags>();
    CLI::App* audit = app.add_subcommand(
        "audit", "Per outlet: how much it reuses, from whom, who reuses it; largest clusters; most borrowed articles");
    AddDbOption(audit, flags.get());
    audit->add_option("--top", flags->top, "Clusters, articles and partner outlets listed")->capture_default_str();
    audit->add_option("--wire", flags->wires,
                      "An outlet that is a wire service (exact name; repeatable). With --wire-file, "
                      "replaces the built-in list of agencies");
    audit->add_option("--wire-file", flags->wire_files,
                      "A file of wire services, one outlet name per line ('#' starts a comment)");
    AddOutputOptions(audit, flags.get());
    audit->callback([flags, run] { *run = [flags] { return RunAudit(*flags); }; });
  }
  {
    auto flags = std::make_shared<ArchiveFlags>();
    CLI::App* stats = app.add_subcommand("stats", "Statistics of an archive and the options it was built with");
    AddDbOption(stats, flags.get());
    AddOutputOptions(stats, flags.get(), /*html=*/false);
    stats->callback([flags, run] { *run = [flags] { return RunStats(*flags); }; });
  }
}

}  // namespace reprint::cli
