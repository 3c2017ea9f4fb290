#include "core/article_record.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/encoding.h"

namespace reprint {
namespace {

// Reads an optional string field; null counts as absent. Other types are
// warned about and ignored: metadata is worth keeping the article for.
void ReadOptionalString(simdjson::dom::element value, std::string_view key, std::string_view file,
                        int64_t line, std::string* out, ParsedRecord* result) {
  if (value.is_null()) return;
  std::string_view text;
  if (value.get_string().get(text) != simdjson::SUCCESS) {
    result->diagnostics.push_back(
        Warning(file, line, absl::StrCat("\"", std::string(key), "\" is not a string; ignored")));
    return;
  }
  out->assign(text);
}

std::string Megabytes(int64_t bytes) {
  return absl::StrCat(static_cast<int64_t>((static_cast<double>(bytes) / (1 << 20)) * 10 + 0.5) / 10.0, " MB");
}

}  // namespace

bool IsBlankLine(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

Diagnostic ArticleTooLarge(std::string_view file, int64_t line, int64_t bytes,
                           const ReadOptions& options) {
  return Skipped(file, line, absl::StrCat("article of ", Megabytes(bytes), " is over the limit of ",
                                          Megabytes(options.max_article_bytes), " (--max-article-mb)"));
}

void ParseJsonlRecord(simdjson::dom::parser& parser, std::string_view file, int64_t line_number,
                      std::string_view line, const ReadOptions& options, const TextPlace& place,
                      ParsedRecord* result) {
  if (static_cast<int64_t>(line.size()) > options.max_article_bytes) {
    result->diagnostics.push_back(ArticleTooLarge(file, line_number, static_cast<int64_t>(line.size()), options));
    return;
  }
  simdjson::dom::element root;
  auto error = parser.parse(line.data(), line.size(), false).get(root);
  // simdjson validates UTF-8 as it parses, so only a line it rejects is
  // checked again, to tell bad encoding (re-decoded, then parsed again)
  // from bad JSON.
  std::string transcoded;
  if (error && !IsValidUtf8(line)) {
    transcoded = Windows1252ToUtf8(line);
    transcoded.append(simdjson::SIMDJSON_PADDING, ' ');
    line = std::string_view(transcoded.data(), transcoded.size() - simdjson::SIMDJSON_PADDING);
    result->diagnostics.push_back(
        Warning(file, line_number, "not valid UTF-8; decoded as Windows-1252"));
    error = parser.parse(line.data(), line.size(), false).get(root);
  }
  if (error) {
    result->diagnostics.push_back(Skipped(
        file, line_number, absl::StrCat("malformed JSON: ", simdjson::error_message(error))));
    return;
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    result->diagnostics.push_back(Skipped(file, line_number, "not a JSON object"));
    return;
  }
  Document doc;
  bool has_id = false, has_text = false;
  for (const simdjson::dom::key_value_pair field : object) {
    const std::string_view key = field.key;
    const simdjson::dom::element value = field.value;
    if (key == "id") {
      switch (value.type()) {
        case simdjson::dom::element_type::STRING:
          doc.id = {std::string(value.get_string().value_unsafe()), false};
          break;
        case simdjson::dom::element_type::INT64:
          doc.id = {std::to_string(value.get_int64().value_unsafe()), true};
          break;
        case simdjson::dom::element_type::UINT64:
          doc.id = {std::to_string(value.get_uint64().value_unsafe()), true};
          break;
        default:
          result->diagnostics.push_back(
              Skipped(file, line_number, "\"id\" must be a string or an integer"));
          return;
      }
      has_id = true;
    } else if (key == "text") {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) {
        result->diagnostics.push_back(Skipped(file, line_number, "\"text\" must be a string"));
        return;
      }
      if (!text.empty() && text.size() <= place.room) {
        std::memcpy(place.at, text.data(), text.size());
        doc.text = Text(std::string_view(place.at, text.size()), *place.storage);
      } else {
        doc.text = Text(std::string(text));
      }
      has_text = true;
    } else if (key == "source") {
      ReadOptionalString(value, key, file, line_number, &doc.source, result);
    } else if (key == "title") {
      ReadOptionalString(value, key, file, line_number, &doc.title, result);
    } else if (key == "url") {
      ReadOptionalString(value, key, file, line_number, &doc.url, result);
    } else if (key == "published") {
      ReadOptionalString(value, key, file, line_number, &doc.published_text, result);
      if (!doc.published_text.empty()) {
        absl::StatusOr<int64_t> published =
            ParsePublished(doc.published_text, options.default_utc_offset_seconds);
        if (published.ok()) {
          doc.published = *published;
        } else {
          result->diagnostics.push_back(Warning(
              file, line_number, absl::StrCat(published.status().message(), "; ignored")));
          doc.published_text.clear();
        }
      }
    }
  }
  if (!has_id) {
    result->diagnostics.push_back(Skipped(file, line_number, "missing \"id\""));
    return;
  }
  if (!has_text) {
    result->diagnostics.push_back(Skipped(file, line_number, "missing \"text\""));
    return;
  }
  doc.input_file = std::string(file);
  doc.input_line = line_number;
  result->document = std::move(doc);
}

void DecodeIfUtf16(std::string_view file, std::string* content, CorpusBuilder& corpus) {
  bool bom = false;
  const Utf16 order = DetectUtf16(*content, &bom);
  if (order == Utf16::kNone) return;
  *content = Utf16ToUtf8(std::string_view(*content).substr(bom ? 2 : 0), order);
  corpus.Report(Warning(file, 0, absl::StrCat("UTF-16", order == Utf16::kBigEndian ? "BE" : "LE",
                                              bom ? " (with byte order mark)" : " (no byte order mark)",
                                              "; decoded")));
}

void AddPlainTextArticle(const std::string& file, const DocId& id, std::string&& content,
                      const ReadOptions& options, CorpusBuilder& corpus) {
  if (static_cast<int64_t>(content.size()) > options.max_article_bytes) {
    corpus.Report(ArticleTooLarge(file, 0, static_cast<int64_t>(content.size()), options));
    return;
  }
  DecodeIfUtf16(file, &content, corpus);
  Document doc;
  doc.id = id;
  doc.input_file = file;
  if (IsValidUtf8(content)) {
    doc.text = std::move(content);
  } else {
    doc.text = Windows1252ToUtf8(content);
    corpus.Report(Warning(file, 0, "not valid UTF-8; decoded as Windows-1252"));
  }
  corpus.Add(std::move(doc));
}

}  // namespace reprint
