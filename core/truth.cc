#include "reprint/truth.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/json.h"
#include "core/json_lines.h"
#include "fmt/format.h"

namespace reprint {

std::string CopyKind(absl::Span<const std::string> operations) {
  auto has = [&](std::string_view op) {
    return std::any_of(operations.begin(), operations.end(),
                       [&](const std::string& o) { return o.rfind(op, 0) == 0; });
  };
  return has("truncate") ? "truncated" : has("reorder") ? "reordered" : "edited";
}

std::string TruthJsonLine(const TruthRecord& truth) {
  std::string line = "{\"id\":";
  AppendJsonId(truth.id, &line);
  absl::StrAppend(&line, ",\"family\":", truth.family, ",\"parent\":");
  if (truth.parent) {
    AppendJsonId(*truth.parent, &line);
  } else {
    line.append("null");
  }
  line.append(",\"operations\":[");
  for (size_t i = 0; i < truth.operations.size(); ++i) {
    if (i > 0) line.push_back(',');
    AppendJsonString(truth.operations[i], &line);
  }
  line.push_back(']');
  if (truth.origin) {
    line.append(",\"origin\":");
    AppendJsonId(*truth.origin, &line);
  }
  if (!truth.kind.empty()) {
    line.append(",\"kind\":");
    AppendJsonString(truth.kind, &line);
  }
  if (truth.parent_jaccard) line.append(fmt::format(",\"jaccard_with_parent\":{:.4f}", *truth.parent_jaccard));
  if (truth.containment_in_parent) {
    line.append(fmt::format(",\"containment_in_parent\":{:.4f}", *truth.containment_in_parent));
  }
  if (truth.parent_containment_in_copy) {
    line.append(fmt::format(",\"parent_containment_in_copy\":{:.4f}", *truth.parent_containment_in_copy));
  }
  if (!truth.passages.empty()) {
    line.append(",\"passages\":[");
    for (size_t i = 0; i < truth.passages.size(); ++i) {
      const TruthPassage& passage = truth.passages[i];
      if (i > 0) line.push_back(',');
      line.append("{\"source\":");
      AppendJsonId(passage.source, &line);
      absl::StrAppend(&line, ",\"source_begin\":", passage.source_begin,
                      ",\"source_end\":", passage.source_end, ",\"begin\":", passage.begin,
                      ",\"end\":", passage.end, "}");
    }
    line.push_back(']');
  }
  line.push_back('}');
  return line;
}

absl::StatusOr<std::vector<TruthRecord>> ReadTruth(const std::string& path) {
  std::vector<TruthRecord> truth;
  absl::Status status = ForEachJsonLine(path, [&](const std::string& where,
                                                  simdjson::dom::object object) -> absl::Status {
    TruthRecord record;
    simdjson::dom::element id;
    if (object["id"].get(id) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": truth record without \"id\""));
    }
    absl::StatusOr<DocId> parsed = IdOf(id, where);
    if (!parsed.ok()) return parsed.status();
    record.id = *std::move(parsed);
    if (object["family"].get_int64().get(record.family) != simdjson::SUCCESS) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": truth record without \"family\""));
    }
    simdjson::dom::element parent;
    if (object["parent"].get(parent) == simdjson::SUCCESS && !parent.is_null()) {
      absl::StatusOr<DocId> parent_id = IdOf(parent, where);
      if (!parent_id.ok()) return parent_id.status();
      record.parent = *std::move(parent_id);
    }
    simdjson::dom::element origin;
    if (object["origin"].get(origin) == simdjson::SUCCESS && !origin.is_null()) {
      absl::StatusOr<DocId> origin_id = IdOf(origin, where);
      if (!origin_id.ok()) return origin_id.status();
      record.origin = *std::move(origin_id);
    }
    std::string_view kind;
    if (object["kind"].get_string().get(kind) == simdjson::SUCCESS) record.kind = std::string(kind);
    for (auto [name, field] : {std::pair{"jaccard_with_parent", &record.parent_jaccard},
                               std::pair{"containment_in_parent", &record.containment_in_parent},
                               std::pair{"parent_containment_in_copy", &record.parent_containment_in_copy}}) {
      double value;
      if (object[name].get_double().get(value) == simdjson::SUCCESS) *field = value;
    }
    simdjson::dom::array operations;
    if (object["operations"].get_array().get(operations) == simdjson::SUCCESS) {
      for (simdjson::dom::element operation : operations) {
        std::string_view text;
        if (operation.get_string().get(text) != simdjson::SUCCESS) {
          return absl::InvalidArgumentError(absl::StrCat(where, ": operations must be strings"));
        }
        record.operations.emplace_back(text);
      }
    }
    simdjson::dom::array passages;
    if (object["passages"].get_array().get(passages) == simdjson::SUCCESS) {
      for (simdjson::dom::element passage : passages) {
        TruthPassage p;
        simdjson::dom::element source;
        int64_t source_begin, source_end, begin, end;
        if (passage["source"].get(source) || passage["source_begin"].get_int64().get(source_begin) ||
            passage["source_end"].get_int64().get(source_end) ||
            passage["begin"].get_int64().get(begin) || passage["end"].get_int64().get(end)) {
          return absl::InvalidArgumentError(absl::StrCat(where, ": malformed passage"));
        }
        absl::StatusOr<DocId> source_id = IdOf(source, where);
        if (!source_id.ok()) return source_id.status();
        p.source = *std::move(source_id);
        p.source_begin = static_cast<uint32_t>(source_begin);
        p.source_end = static_cast<uint32_t>(source_end);
        p.begin = static_cast<uint32_t>(begin);
        p.end = static_cast<uint32_t>(end);
        record.passages.push_back(std::move(p));
      }
    }
    truth.push_back(std::move(record));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return truth;
}

}  // namespace reprint
