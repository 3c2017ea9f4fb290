// Minimal JSON output helpers shared by the reports and the generator.
#ifndef REPRINT_CORE_JSON_H_
#define REPRINT_CORE_JSON_H_

#include <string>
#include <string_view>

#include "reprint/document.h"

namespace reprint {

// Appends `text` (valid UTF-8) as a JSON string literal: quotes, backslashes
// and control characters escaped, everything else passed through as UTF-8.
void AppendJsonString(std::string_view text, std::string* out);

// Appends an id in the JSON type it was read as (DESIGN.md: ids are echoed
// as given).
void AppendJsonId(const DocId& id, std::string* out);

}  // namespace reprint

#endif  // REPRINT_CORE_JSON_H_
