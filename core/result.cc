#include "reprint/result.h"

namespace reprint {

const char* PassageKindName(Passage::Kind kind) {
  switch (kind) {
    case Passage::Kind::kVerbatim:
      return "verbatim";
    case Passage::Kind::kRewritten:
      return "rewritten";
    case Passage::Kind::kBoilerplate:
      return "boilerplate";
  }
  return "rewritten";
}

const char* EditOpName(Edit::Op op) {
  switch (op) {
    case Edit::Op::kSubstitute:
      return "substitute";
    case Edit::Op::kInsert:
      return "insert";
    case Edit::Op::kDelete:
      return "delete";
  }
  return "substitute";
}

}  // namespace reprint
