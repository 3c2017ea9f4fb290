// Reading JSON Lines record files (truth, scan records): one JSON object
// per line, read whole, with errors that name the file and the line.
//
// Internal to core: the header exposes simdjson, which core links privately.
// Articles are read by core/reader.h, which streams and skips bad records.
#ifndef REPRINT_CORE_JSON_LINES_H_
#define REPRINT_CORE_JSON_LINES_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "reprint/document.h"
#include "simdjson.h"

namespace reprint {

// The bytes of the file at `path`. NotFound naming `path` if it cannot be
// opened.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

// An article id as a record gives it: a JSON string, or an integer kept as
// its decimal digits (DocId::is_integer). InvalidArgument naming `where`
// for any other JSON type.
absl::StatusOr<DocId> IdOf(simdjson::dom::element value, const std::string& where);

// Calls `record(where, object)` for every line of `path` that is not blank,
// in order, where `where` is "path:line" (lines counted from 1). Stops at,
// and returns, the first error `record` returns. NotFound if `path` cannot
// be opened; InvalidArgument naming path:line for a line that is not a JSON
// object. The objects are valid only during the call.
using JsonLineVisitor = std::function<absl::Status(const std::string& where, simdjson::dom::object object)>;
absl::Status ForEachJsonLine(const std::string& path, const JsonLineVisitor& record);

}  // namespace reprint

#endif  // REPRINT_CORE_JSON_LINES_H_
