#include "core/json_lines.h"

#include <cstdint>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace reprint {

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::StatusOr<DocId> IdOf(simdjson::dom::element value, const std::string& where) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      return DocId{std::string(value.get_string().value_unsafe()), false};
    case simdjson::dom::element_type::INT64:
      return DocId{std::to_string(value.get_int64().value_unsafe()), true};
    case simdjson::dom::element_type::UINT64:
      return DocId{std::to_string(value.get_uint64().value_unsafe()), true};
    default:
      return absl::InvalidArgumentError(absl::StrCat(where, ": id must be a string or an integer"));
  }
}

absl::Status ForEachJsonLine(const std::string& path, const JsonLineVisitor& record) {
  absl::StatusOr<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  simdjson::dom::parser parser;
  std::istringstream lines(*content);
  std::string line;
  int64_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::object object;
    if (parser.parse(line).get(object) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(path, ":", number, ": not a JSON object"));
    }
    absl::Status status = record(absl::StrCat(path, ":", number), object);
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace reprint
