// Scans three articles, two of them copies, through the installed library,
// writes the JSONL report, and keeps them in an archive. Exits 0 only if the
// copy is found, reported and stored.
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "reprint/archive.h"
#include "reprint/report.h"
#include "reprint/scan_records.h"
#include "reprint/scan.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer ARCHIVE_PATH\n");
    return 2;
  }
  const std::string story =
      "The council approved the new budget on Tuesday after a long debate about school funding, road "
      "repairs and the future of the central library, which had been threatened with closure. ";
  std::vector<reprint::Document> documents(3);
  documents[0].id.value = "original";
  documents[0].text = story + story + "Residents welcomed the decision.";
  documents[1].id.value = "copy";
  documents[1].text = story + story + "Residents mostly welcomed the decision.";
  documents[2].id.value = "other";
  documents[2].text = "A storm closed the harbour for two days and fishing boats stayed in port.";

  const absl::StatusOr<reprint::ScanResult> result = reprint::Scan(documents, reprint::ScanOptions{});
  if (!result.ok()) {
    std::fprintf(stderr, "scan: %s\n", std::string(result.status().message()).c_str());
    return 1;
  }
  if (result->pairs.size() != 1 || result->pairs[0].a != 0 || result->pairs[0].b != 1 ||
      result->pairs[0].passages.empty()) {
    std::fprintf(stderr, "expected one pair (original, copy) with passages, got %zu pairs\n", result->pairs.size());
    return 1;
  }

  reprint::ScanOptions options;
  reprint::ScanReport report;
  report.documents = documents;
  report.result = &*result;
  report.options = &options;
  std::ostringstream jsonl;
  reprint::WriteJsonlReport(report, jsonl);
  if (jsonl.str().find("\"type\":\"pair\",\"a\":\"original\",\"b\":\"copy\"") == std::string::npos) {
    std::fprintf(stderr, "the JSONL report lacks the pair:\n%s", jsonl.str().c_str());
    return 1;
  }

  absl::StatusOr<std::unique_ptr<reprint::Archive>> archive =
      reprint::Archive::Open(argv[1], reprint::Archive::Access::kWrite, reprint::ArchiveRequest{});
  if (!archive.ok()) {
    std::fprintf(stderr, "archive: %s\n", std::string(archive.status().message()).c_str());
    return 1;
  }
  const absl::StatusOr<reprint::AddSummary> added = (*archive)->Add(documents, reprint::AddOptions{});
  if (!added.ok() || added->added != 3 || added->pairs != 1) {
    std::fprintf(stderr, "archive add: expected 3 articles and 1 pair\n");
    return 1;
  }
  std::printf("consumer: 1 pair found, reported and stored\n");
  return 0;
}
