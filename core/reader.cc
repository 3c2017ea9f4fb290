#include "reprint/reader.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/article_record.h"
#include "core/corpus_builder.h"
#include "core/input_file.h"
#include "core/jsonl_framer.h"

namespace reprint {
namespace {

bool HasExtension(const std::string& path, std::string_view extension) {
  return std::filesystem::path(path).extension() == extension;
}

// Reads all of `file`; returns the error that stopped it, if any.
absl::Status ReadWhole(InputFile& file, std::string* out) {
  constexpr size_t kChunk = size_t{1} << 16;
  while (true) {
    const size_t old = out->size();
    out->resize(old + kChunk);
    absl::StatusOr<size_t> got = file.ReadNext(out->data() + old, kChunk);
    out->resize(old + (got.ok() ? *got : 0));
    if (!got.ok()) return std::move(got).status();
    if (*got == 0) return absl::OkStatus();
  }
}

class InputReader {
 public:
  InputReader(const ReadOptions& options, InputFileSystem& files, const JsonlBlockSizes& sizes,
              Corpus* corpus)
      : options_(options), files_(files), sizes_(sizes), corpus_(corpus) {}

  void ReadInput(const std::string& input) {
    if (input == "-") {
      absl::StatusOr<std::unique_ptr<InputFile>> file = files_.OpenStandardInput();
      if (!file.ok()) {
        corpus_.Report(Skipped("<stdin>", 0, absl::StrCat("cannot read: ", ReasonOf(file.status(), "<stdin>"))));
        return;
      }
      corpus_.CountBytes(ReadJsonlInput(**file, "<stdin>", options_, sizes_, true, corpus_));
      return;
    }
    const absl::StatusOr<PathKind> kind = files_.Classify(input);
    if (!kind.ok()) {
      corpus_.Report(Skipped(input, 0, absl::StrCat("cannot read: ", ReasonOf(kind.status(), input))));
    } else if (*kind == PathKind::kMissing) {
      corpus_.Report(Skipped(input, 0, "no such file or directory"));
    } else if (*kind == PathKind::kDirectory) {
      ReadDirectory(input);
    } else {
      ReadOneFile(input, DocId{input, false});
    }
  }

 private:
  // Reads one file: JSONL by extension, otherwise one plain-text article.
  void ReadOneFile(const std::string& path, const DocId& text_id) {
    const bool jsonl = HasExtension(path, ".jsonl");
    if (!jsonl) {
      const absl::StatusOr<int64_t> size = files_.FileSize(path);
      if (size.ok() && *size > options_.max_article_bytes) {
        corpus_.Report(ArticleTooLarge(path, 0, *size, options_));
        return;
      }
    }
    absl::StatusOr<std::unique_ptr<InputFile>> file = files_.Open(path);
    if (!file.ok()) {
      corpus_.Report(Skipped(path, 0, absl::StrCat("cannot read: ", ReasonOf(file.status(), path))));
      return;
    }
    if (jsonl) {
      corpus_.CountBytes(ReadJsonlInput(**file, path, options_, sizes_, true, corpus_));
      return;
    }
    std::string content;
    if ((*file)->size() >= 0) content.reserve(static_cast<size_t>((*file)->size()) + 64);
    if (const absl::Status read = ReadWhole(**file, &content); !read.ok()) {
      corpus_.Report(Skipped(path, 0, absl::StrCat("cannot read: ", ReasonOf(read, path))));
      return;
    }
    corpus_.CountBytes(static_cast<int64_t>(content.size()));
    AddPlainTextArticle(path, text_id, std::move(content), options_, corpus_);
  }

  void ReadDirectory(const std::string& input) {
    std::vector<FileBelow> listed;
    const absl::Status listing = files_.ListFiles(input, &listed);
    std::vector<FileBelow> files;
    for (FileBelow& file : listed) {
      if (HasExtension(file.path, ".txt") || HasExtension(file.path, ".jsonl")) {
        files.push_back(std::move(file));
      }
    }
    if (!listing.ok()) {
      corpus_.Report(Skipped(input, 0, absl::StrCat("cannot list directory: ", ReasonOf(listing, input))));
    }
    std::sort(files.begin(), files.end(), [](const FileBelow& a, const FileBelow& b) {
      return std::tie(a.relative, a.path) < std::tie(b.relative, b.path);
    });
    for (const FileBelow& file : files) ReadOneFile(file.path, DocId{file.relative, false});
  }

  const ReadOptions& options_;
  InputFileSystem& files_;
  const JsonlBlockSizes& sizes_;
  CorpusBuilder corpus_;
};

}  // namespace

std::string Diagnostic::ToString() const {
  const char* kind = severity == Severity::kWarning ? "warning" : "skipped";
  if (file.empty()) return absl::StrCat(kind, ": ", message);
  if (line == 0) return absl::StrCat(file, ": ", kind, ": ", message);
  return absl::StrCat(file, ":", line, ": ", kind, ": ", message);
}

void ReadJsonl(std::string_view file, std::string_view content, const ReadOptions& options,
               Corpus* corpus) {
  CorpusBuilder builder(corpus);
  const std::unique_ptr<InputFile> memory = NewMemoryInputFile(content);
  ReadJsonlInput(*memory, file, options, JsonlBlockSizes{}, /*detect_utf16=*/false, builder);
}

Corpus ReadInputs(absl::Span<const std::string> inputs, const ReadOptions& options,
                  InputFileSystem& files, const JsonlBlockSizes& sizes) {
  Corpus corpus;
  {
    InputReader reader(options, files, sizes, &corpus);
    for (const std::string& input : inputs) reader.ReadInput(input);
  }
  corpus.records_skipped = std::count_if(
      corpus.diagnostics.begin(), corpus.diagnostics.end(),
      [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::kSkipped; });
  return corpus;
}

Corpus ReadInputs(absl::Span<const std::string> inputs, const ReadOptions& options) {
  return ReadInputs(inputs, options, PosixInputFileSystem());
}

}  // namespace reprint
