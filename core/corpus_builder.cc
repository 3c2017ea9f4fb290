#include "core/corpus_builder.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/parallel.h"
#include "xxhash.h"

namespace reprint {

Diagnostic Skipped(std::string_view file, int64_t line, std::string message) {
  return {Diagnostic::Severity::kSkipped, std::string(file), line, std::move(message)};
}

Diagnostic Warning(std::string_view file, int64_t line, std::string message) {
  return {Diagnostic::Severity::kWarning, std::string(file), line, std::move(message)};
}

uint64_t HashOfId(const DocId& id) {
  return XXH3_64bits_withSeed(id.value.data(), id.value.size(), id.is_integer ? 1 : 0);
}

size_t CorpusBuilder::Extend(size_t n) {
  const size_t first = corpus_->documents.size();
  corpus_->documents.resize(first + n);
  return first;
}

void CorpusBuilder::ReserveMore(size_t more) {
  corpus_->documents.reserve(corpus_->documents.size() + more);
  // A shard's share, and a quarter more for the spread between shards.
  for (IdSet& shard : seen_) shard.reserve(shard.size() + more / kShards * 5 / 4);
}

bool CorpusBuilder::Claim(const Document& doc) {
  const uint64_t hash = HashOfId(doc.id);
  if (seen_[ShardOf(hash)].insert({hash, doc.id}).second) return true;
  ReportDuplicate(doc);
  return false;
}

void CorpusBuilder::ClaimFrom(size_t first, absl::Span<const uint64_t> id_hashes, int threads,
                              std::vector<uint8_t>* keep) {
  // An id always falls in the same shard, and each shard takes its ids in
  // input order, so the first record with an id wins as in serial order.
  std::vector<uint32_t> start(kShards + 1, 0);
  for (const uint64_t hash : id_hashes) ++start[ShardOf(hash) + 1];
  for (size_t s = 0; s < kShards; ++s) start[s + 1] += start[s];
  std::vector<uint32_t> in_shard_order(id_hashes.size());
  std::vector<uint32_t> next(start.begin(), start.end() - 1);
  for (uint32_t i = 0; i < id_hashes.size(); ++i) {
    in_shard_order[next[ShardOf(id_hashes[i])]++] = i;
  }
  keep->assign(id_hashes.size(), 1);
  ParallelFor(kShards, threads, 1, [&](size_t begin, size_t end) {
    for (size_t s = begin; s < end; ++s) {
      for (uint32_t k = start[s]; k < start[s + 1]; ++k) {
        const uint32_t i = in_shard_order[k];
        (*keep)[i] = seen_[s].insert({id_hashes[i], corpus_->documents[first + i].id}).second;
      }
    }
  });
}

void CorpusBuilder::ReportDuplicate(const Document& doc) {
  const std::string quote = doc.id.is_integer ? "" : "\"";
  Report(Skipped(doc.input_file, doc.input_line,
                 absl::StrCat("duplicate id ", quote, doc.id.value, quote,
                              "; the first record with it is kept")));
}

void CorpusBuilder::DropAfter(size_t first, const std::vector<uint8_t>& keep) {
  std::vector<Document>& docs = corpus_->documents;
  size_t out = first;
  for (size_t i = first; i < docs.size(); ++i) {
    if (!keep[i - first]) continue;
    if (out != i) docs[out] = std::move(docs[i]);
    ++out;
  }
  docs.resize(out);
}

}  // namespace reprint
