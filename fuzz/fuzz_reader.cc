// Fuzz target: the JSONL reader on arbitrary bytes. It must never crash or
// hang, and every article it keeps must hold valid UTF-8 (the contract the
// rest of the pipeline relies on).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/encoding.h"
#include "reprint/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  reprint::Corpus corpus;
  reprint::ReadJsonl("fuzz.jsonl", content, reprint::ReadOptions{1}, &corpus);
  for (const reprint::Document& doc : corpus.documents) {
    if (!reprint::IsValidUtf8(doc.text)) std::abort();
  }
  return 0;
}
