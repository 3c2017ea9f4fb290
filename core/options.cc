#include "reprint/options.h"

namespace reprint {

std::string_view SketchMethodName(SketchMethod method) {
  return method == SketchMethod::kOnePermutation ? "oph" : "permutations";
}

std::optional<SketchMethod> ParseSketchMethod(std::string_view name) {
  if (name == "oph") return SketchMethod::kOnePermutation;
  if (name == "permutations") return SketchMethod::kPermutations;
  return std::nullopt;
}

}  // namespace reprint
